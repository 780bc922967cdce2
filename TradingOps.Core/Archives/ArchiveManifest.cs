using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradingOps.Core.Projects;

namespace TradingOps.Core.Archives;

/// <summary>One entry of an export as the manifest lists it: its path in the ZIP, its size in bytes and its SHA-256 (<see cref="ArchiveHash"/>).</summary>
public sealed record ArchiveManifestEntry(
    string Path,
    long Size,
    string Sha256,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArchiveSection? Section = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Appended = false);

public enum ManifestProblemKind
{
    ManifestMissing,    // no manifest.json in the ZIP
    ManifestUnreadable, // not JSON, or not this shape
    UnsupportedFormat,  // a format version this program does not know
    MissingFile,        // listed, not in the ZIP
    ExtraFile,          // in the ZIP, not listed
    HashMismatch,       // the bytes are not those that were exported
    SizeMismatch,
    LockHashMismatch,   // the records are not those the archive was locked with
}

/// <summary>One thing wrong with an exported ZIP, with a Chinese sentence naming it.</summary>
public sealed record ManifestProblem(ManifestProblemKind Kind, string? Path, string Text);

/// <summary>
/// The manifest of an archive's ZIP export (manifest.json): what was exported (project, category, state, lock hash,
/// retention), when and by whom, and every other entry of the ZIP — the PDF summary, the workbook and each original
/// record — with its size and SHA-256. <see cref="Verify"/> is THE check of an exported ZIP: whoever holds one (an
/// auditor, a court, the center years later) can tell whether anything was changed, removed or slipped in.
/// </summary>
public sealed record ArchiveManifest(
    int Format,
    string ProjectCode,
    string ProjectName,
    TradingCategory Category,
    ArchiveState State,
    DateTimeOffset? LockedAt,
    string? LockHash,
    DateOnly? RetainUntil,
    bool Complete,
    DateTimeOffset ExportedAt,
    string ExportedBy,
    string HashAlgorithm,
    IReadOnlyList<ArchiveManifestEntry> Files)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
    public const string SummaryName = "summary.pdf";
    public const string WorkbookName = "archive.xlsx";
    public const string RecordsFolder = "records/";
    public const string Sha256Name = "SHA-256";

    /// <summary>The path of an archive file's original record in the ZIP.</summary>
    public static string RecordPath(ArchiveFile file) => RecordsFolder + file.Name;

    /// <summary>
    /// The manifest of an export of <paramref name="contents"/>: <paramref name="entries"/> are the ZIP's other entries
    /// (path → bytes), listed in the order given; a record entry carries its section and whether it was appended after the lock.
    /// </summary>
    public static ArchiveManifest For(ArchiveContents contents, string exportedBy, DateTimeOffset exportedAt, IEnumerable<KeyValuePair<string, byte[]>> entries)
    {
        var records = contents.Files.ToDictionary(RecordPath, StringComparer.Ordinal);
        var files = entries.Select(e =>
        {
            if (e.Key == FileName) throw new ArgumentException("the manifest does not list itself", nameof(entries));
            records.TryGetValue(e.Key, out var record);
            return new ArchiveManifestEntry(e.Key, e.Value.LongLength, ArchiveHash.Of(e.Value), record?.Section, record?.Appended ?? false);
        }).ToList();
        return new ArchiveManifest(CurrentFormat, contents.ProjectCode, contents.ProjectName, contents.Category, contents.State,
            contents.LockedAt?.ToUniversalTime(), contents.LockHash, contents.RetainUntil, contents.Complete, exportedAt.ToUniversalTime(), exportedBy,
            Sha256Name, files);
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Chinese stays readable in the file
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>manifest.json as written into the ZIP: indented UTF-8 JSON without a BOM; the same manifest gives the same bytes.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, Json).Replace("\r\n", "\n"));

    /// <summary>Reads manifest.json; null (and the reason) when it is not a manifest.</summary>
    public static ArchiveManifest? Parse(byte[] bytes, out ManifestProblem? problem)
    {
        problem = null;
        try
        {
            var manifest = JsonSerializer.Deserialize<ArchiveManifest>(bytes, Json);
            if (manifest is null || manifest.Files is null || string.IsNullOrEmpty(manifest.ProjectCode)
                || manifest.Files.Any(f => f is null || string.IsNullOrEmpty(f.Path) || string.IsNullOrEmpty(f.Sha256)))
            {
                problem = new(ManifestProblemKind.ManifestUnreadable, FileName, "清单文件 manifest.json 内容不完整，无法核验");
                return null;
            }
            if (manifest.Format != CurrentFormat || manifest.HashAlgorithm != Sha256Name)
            {
                problem = new(ManifestProblemKind.UnsupportedFormat, FileName,
                    $"清单格式（版本 {manifest.Format}，{manifest.HashAlgorithm}）不是本系统可核验的格式（版本 {CurrentFormat}，{Sha256Name}）");
                return null;
            }
            return manifest;
        }
        catch (JsonException)
        {
            problem = new(ManifestProblemKind.ManifestUnreadable, FileName, "清单文件 manifest.json 不是有效的 JSON，无法核验");
            return null;
        }
    }

    /// <summary>
    /// Checks an exported ZIP's entries (path → bytes; folders left out) against its manifest: every listed file present
    /// with its size and SHA-256, nothing in the ZIP that is not listed, and — for a locked archive — the original records
    /// still giving the lock hash. Empty: the ZIP is exactly what was exported.
    /// </summary>
    public static IReadOnlyList<ManifestProblem> Verify(IReadOnlyDictionary<string, byte[]> zipEntries)
    {
        if (!zipEntries.TryGetValue(FileName, out var manifestBytes))
            return [new(ManifestProblemKind.ManifestMissing, FileName, "压缩包中没有清单文件 manifest.json，无法核验")];
        var manifest = Parse(manifestBytes, out var unreadable);
        if (manifest is null) return [unreadable!];

        var problems = new List<ManifestProblem>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!listed.Add(file.Path))
            {
                problems.Add(new(ManifestProblemKind.ManifestUnreadable, file.Path, $"清单中重复列出了 {file.Path}"));
                continue;
            }
            if (!zipEntries.TryGetValue(file.Path, out var bytes))
            {
                problems.Add(new(ManifestProblemKind.MissingFile, file.Path, $"清单列出的 {file.Path} 不在压缩包中（被删除或改名）"));
                continue;
            }
            if (!string.Equals(ArchiveHash.Of(bytes), file.Sha256, StringComparison.OrdinalIgnoreCase))
                problems.Add(new(ManifestProblemKind.HashMismatch, file.Path, $"{file.Path} 的 SHA-256 与清单不符：内容已被改动"));
            else if (bytes.LongLength != file.Size)
                problems.Add(new(ManifestProblemKind.SizeMismatch, file.Path, $"{file.Path} 的大小（{bytes.LongLength} 字节）与清单（{file.Size} 字节）不符"));
        }
        foreach (var path in zipEntries.Keys.Where(p => p != FileName && !listed.Contains(p)).Order(StringComparer.Ordinal))
            problems.Add(new(ManifestProblemKind.ExtraFile, path, $"压缩包中的 {path} 不在清单中（导出后被加入）"));

        if (manifest.State != ArchiveState.Open && manifest.LockHash is { } lockHash && problems.Count == 0)
        {
            // The records as stored at the lock (additions left out) must still give the lock hash the archive was locked with.
            var sealedRecords = manifest.Files
                .Where(f => f.Path.StartsWith(RecordsFolder, StringComparison.Ordinal) && f.Section is not null)
                .Select(f => new ArchiveFile(f.Section!.Value, f.Path[RecordsFolder.Length..], "", default,
                    Encoding.UTF8.GetString(zipEntries[f.Path]), Appended: f.Appended));
            if (!string.Equals(ProjectArchive.LockHashOf(sealedRecords), lockHash, StringComparison.OrdinalIgnoreCase))
                problems.Add(new(ManifestProblemKind.LockHashMismatch, null, $"原始记录与归档锁定时的哈希（{lockHash}）不符"));
        }
        return problems;
    }
}
