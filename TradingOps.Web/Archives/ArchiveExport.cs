using System.Globalization;
using System.IO.Compression;
using System.Resources;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using PdfSharp.Drawing;
using TradingOps.Core.Archives;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;
using TradingOps.Web.Reports;
using TradingOps.Web.Witness;

namespace TradingOps.Web.Archives;

/// <summary>
/// The archive's ZIP export (issue 20 item 5): summary.pdf (the archive at a glance: project, state, lock, retention,
/// completeness with what is missing, every file with its SHA-256, who exported it when), archive.xlsx (目录, 完整性 and
/// one sheet per section), records/{name} = each file's original JSON byte for byte, and manifest.json listing every
/// other entry with its SHA-256 (<see cref="ArchiveManifest"/>). The same contents exported at the same time by the
/// same person give the same bytes.
/// </summary>
public static partial class ArchiveExport
{
    public const string ZipType = "application/zip";

    /// <summary>An uploaded ZIP to verify: at most this size, and at most this much once unpacked.</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;
    public const long MaxUnpackedBytes = 500L * 1024 * 1024;
    public const int MaxEntries = 20_000;

    /// <summary>档案-{code}-{yyyyMMdd}.zip, the day of the export in center time.</summary>
    public static string FileName(string projectCode, DateTimeOffset at) =>
        $"档案-{projectCode}-{CenterTime.ToLocal(at):yyyyMMdd}.zip";

    /// <summary>Writes the ZIP of <paramref name="contents"/> to <paramref name="output"/> and returns its manifest.</summary>
    public static ArchiveManifest Write(ArchiveContents contents, Stream output, string exportedBy, DateTimeOffset at)
    {
        var entries = new List<KeyValuePair<string, byte[]>>
        {
            new(ArchiveManifest.SummaryName, SummaryPdf(contents, exportedBy, at)),
            new(ArchiveManifest.WorkbookName, Workbook(contents, exportedBy, at)),
        };
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        entries.AddRange(contents.Files.Select(f => new KeyValuePair<string, byte[]>(ArchiveManifest.RecordPath(f), utf8.GetBytes(f.ContentJson))));
        var manifest = ArchiveManifest.For(contents, exportedBy, at, entries);

        var stamp = ZipTime(at);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8);
        foreach (var (path, bytes) in entries.Append(new(ArchiveManifest.FileName, manifest.ToBytes())))
        {
            var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
            entry.LastWriteTime = stamp;
            using var stream = entry.Open();
            stream.Write(bytes);
        }
        return manifest;
    }

    /// <summary>
    /// Reads a ZIP's entries (folders left out) for <see cref="ArchiveManifest.Verify"/>; null and the reason when it is not
    /// a ZIP, holds a name twice, or unpacks beyond <see cref="MaxUnpackedBytes"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, byte[]>? ReadEntries(Stream zipStream, out string? problem)
    {
        problem = null;
        try
        {
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: Encoding.UTF8);
            if (zip.Entries.Count > MaxEntries)
            {
                problem = $"压缩包中的文件超过 {MaxEntries} 个，不予核验";
                return null;
            }
            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue; // a folder
                total += entry.Length;
                if (entry.Length > MaxUnpackedBytes || total > MaxUnpackedBytes)
                {
                    problem = $"压缩包解压后超过 {MaxUnpackedBytes / 1024 / 1024} MB，不予核验";
                    return null;
                }
                using var stream = entry.Open();
                using var buffer = new MemoryStream((int)entry.Length);
                stream.CopyTo(buffer);
                if (!entries.TryAdd(entry.FullName, buffer.ToArray()))
                {
                    problem = $"压缩包中有两个同名文件 {entry.FullName}：不是本系统导出的档案";
                    return null;
                }
            }
            return entries;
        }
        catch (InvalidDataException)
        {
            problem = "上传的文件不是有效的 ZIP 压缩包";
            return null;
        }
    }

    // ---- texts (documents are in Chinese, from the archive resource's neutral language) ----

    private static readonly ResourceManager Texts = new("TradingOps.Web.Resources.ArchiveResource", typeof(ArchiveResource).Assembly);

    public static string SectionName(ArchiveSection section) => Texts.GetString($"Section.{section}", CultureInfo.InvariantCulture) ?? section.ToString();

    public static string StateName(ArchiveState state) => Texts.GetString($"State.{state}", CultureInfo.InvariantCulture) ?? state.ToString();

    private static string Retention(ArchiveContents c) => c.RetainUntil is { } until
        ? $"保管至 {until:yyyy-MM-dd}（自归档锁定起算）"
        : c.State == ArchiveState.Open ? "自项目关闭、档案锁定时起算" : "—";

    private static string Yes(bool value) => value ? "是" : "否";

    // ---- summary.pdf ----

    public static byte[] SummaryPdf(ArchiveContents c, string exportedBy, DateTimeOffset at)
    {
        const string title = "项目档案摘要";
        var document = WitnessPdf.NewDocument($"{title} {c.ProjectCode}", "TradingOps");
        // Fixed document dates and identifier: the same export gives the same bytes (see Deterministic for the rest).
        document.Info.CreationDate = at.UtcDateTime;
        document.Info.ModificationDate = at.UtcDateTime;
        var seed = Convert.FromHexString(ArchiveHash.Of($"{c.ProjectCode}\n{c.LockHash}\n{at:O}\n{exportedBy}\n{string.Join('\n', c.Files.Select(f => f.Sha256))}"));
        document.Internals.FirstDocumentID = document.Internals.SecondDocumentID = new string(seed[..16].Select(b => (char)b).ToArray());
        using (var w = new PdfPageWriter(document, footer: $"{title} {c.ProjectCode}　导出 {Fmt.Minute(at)}"))
        {
            w.Title(title);
            w.Field("项目编号", c.ProjectCode);
            w.Field("项目名称", c.ProjectName);
            w.Field("交易类别", CertificateRules.CategoryName(c.Category));
            w.Field("档案状态", StateName(c.State));
            w.Field("归档锁定", c.LockedAt is { } locked ? Fmt.Minute(locked) : "未锁定（按当前记录实时汇集）");
            w.Field("锁定哈希", c.LockHash ?? "—", size: 9);
            w.Field("保管期限", Retention(c));
            w.Field("期限依据", ArchiveOptions.SourceFor(c.Category), size: 9);
            w.Field("汇集时间", Fmt.Minute(c.AssembledAt));

            w.Heading("完整性核对");
            var missing = c.Checklist.Count(x => !x.Present);
            w.Paragraph(missing == 0 ? $"按本交易类别的归档要求逐项核对：{c.Checklist.Count} 项齐全。" : $"按本交易类别的归档要求逐项核对：{c.Checklist.Count} 项中缺 {missing} 项。",
                brush: missing == 0 ? XBrushes.Black : XBrushes.DarkRed);
            w.Table(["要求", "状态", "缺少"], [0.5, 0.12, 0.38],
                c.Checklist.Select(x => (IReadOnlyList<string?>)[x.Text, x.Present ? "齐全" : "缺", x.Present ? "" : x.Missing ?? "缺"]));

            w.Heading("档案文件");
            w.Table(["类别", "文件", "标题", "时间"], [0.2, 0.3, 0.32, 0.18],
                c.Files.Select(f => (IReadOnlyList<string?>)
                [
                    SectionName(f.Section) + (f.Appended && f.Section != ArchiveSection.Additions ? "（归档后追加）" : ""), f.Name, f.Title + (f.Sealed ? "（含密封部分，另行保管）" : ""),
                    Fmt.Minute(f.At),
                ]));
            w.Heading("文件哈希（SHA-256）");
            w.Table(["文件", "SHA-256"], [0.34, 0.66], c.Files.Select(f => (IReadOnlyList<string?>)[f.Name, f.Sha256]), size: 8);

            w.Heading("导出");
            w.Field("导出人", exportedBy);
            w.Field("导出时间", Fmt.Full(at));
            w.Paragraph("压缩包内 manifest.json 列出本摘要、工作簿和每份原始记录（records/）的 SHA-256；在“档案核验”页面上传压缩包即可核验其是否被改动。", 9);
        }
        return Deterministic(WitnessPdf.Save(document), seed);
    }

    /// <summary>
    /// PDFsharp names the embedded font subset with six random letters and the XMP metadata with random UUIDs: here they
    /// are derived from <paramref name="seed"/> instead (same lengths, so every offset in the file stays right).
    /// </summary>
    private static byte[] Deterministic(byte[] pdf, byte[] seed)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        text = SubsetTag().Replace(text, m =>
        {
            if (!tags.TryGetValue(m.Value, out var tag))
                tags[m.Value] = tag = new string(Enumerable.Range(0, 6).Select(i => (char)('A' + (seed[(tags.Count * 6 + i) % seed.Length] % 26))).ToArray());
            return tag;
        });
        var uuids = 0;
        text = XmpUuid().Replace(text, _ =>
        {
            var bytes = seed.Skip(16 * (uuids++ % 2)).Take(16).ToArray();
            return "uuid:" + new Guid(bytes).ToString("D");
        });
        return Encoding.Latin1.GetBytes(text);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=/)[A-Z]{6}(?=\+)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SubsetTag();

    [System.Text.RegularExpressions.GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex XmpUuid();

    // ---- archive.xlsx ----

    private const int MaxColumnsPerSection = 24;
    private const int MaxTextLength = 32_000; // a cell holds at most 32,767 characters

    public static byte[] Workbook(ArchiveContents c, string exportedBy, DateTimeOffset at)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Created = at.UtcDateTime;
        workbook.Properties.Modified = at.UtcDateTime;
        workbook.Properties.Author = exportedBy;
        workbook.Properties.Title = $"项目档案 {c.ProjectCode}";

        FormattedWorkbook.AddSheet(workbook, new SheetSpec<ArchiveFile>("目录", $"项目档案目录 {c.ProjectCode} {c.ProjectName}",
        [
            new("类别", 16, CellKind.Text, f => SectionName(f.Section)),
            new("文件", 28, CellKind.Text, f => f.Name),
            new("标题", 36, CellKind.Text, f => f.Title),
            new("时间", 17, CellKind.DateTime, f => f.At),
            new("SHA-256", 68, CellKind.Text, f => f.Sha256),
            new("含密封部分", 10, CellKind.Text, f => Yes(f.Sealed)),
            new("归档后追加", 10, CellKind.Text, f => Yes(f.Appended)),
        ]), c.Files);

        FormattedWorkbook.AddSheet(workbook, new SheetSpec<ArchiveCheck>("完整性", $"完整性核对 {c.ProjectCode}（{CertificateRules.CategoryName(c.Category)}）",
        [
            new("代码", 16, CellKind.Text, x => x.Code),
            new("要求", 44, CellKind.Text, x => x.Text),
            new("状态", 8, CellKind.Text, x => x.Present ? "齐全" : "缺"),
            new("缺少", 44, CellKind.Text, x => x.Present ? null : x.Missing ?? "缺"),
        ]), c.Checklist);

        foreach (var group in c.Files.GroupBy(f => f.Section).OrderBy(g => g.Key))
        {
            var rows = group.SelectMany(f => Records(f).Select(r => (File: f.Name, Fields: r))).ToList();
            if (rows.Count == 0) continue;
            var keys = rows.SelectMany(r => r.Fields.Keys).Distinct(StringComparer.Ordinal).Take(MaxColumnsPerSection).ToList();
            var columns = new List<Column<(string File, Dictionary<string, string?> Fields)>> { new("文件", 24, CellKind.Text, r => r.File) };
            columns.AddRange(keys.Select(k => new Column<(string File, Dictionary<string, string?> Fields)>(k, Math.Clamp(ReportText.Width(k) + 4, 12, 40),
                CellKind.Text, r => r.Fields.GetValueOrDefault(k))));
            FormattedWorkbook.AddSheet(workbook, new SheetSpec<(string File, Dictionary<string, string?> Fields)>(
                SectionName(group.Key), $"{SectionName(group.Key)} {c.ProjectCode}", columns), rows);
        }

        using var buffer = new MemoryStream();
        FormattedWorkbook.Save(workbook, buffer);
        return Normalized(buffer.ToArray(), ZipTime(at));
    }

    /// <summary>
    /// The records of one file as rows of their main (top-level, plain) fields: an array of objects gives a row each;
    /// an object gives one row, or — when it holds an array of objects (e.g. "entries") — a row for each of those.
    /// </summary>
    private static IEnumerable<Dictionary<string, string?>> Records(ArchiveFile file)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(file.ContentJson); }
        catch (JsonException) { yield break; }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var list = root.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Array
                    && p.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object));
                root = list.Value.ValueKind == JsonValueKind.Array ? list.Value : root;
            }
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                    yield return Fields(item);
            }
            else if (root.ValueKind == JsonValueKind.Object)
                yield return Fields(root);
        }
    }

    private static Dictionary<string, string?> Fields(JsonElement item)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in item.EnumerateObject())
        {
            var text = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetRawText(),
                JsonValueKind.True => "是",
                JsonValueKind.False => "否",
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => p.Value.GetRawText(), // nested: kept as JSON text
            };
            fields.TryAdd(p.Name, text is { Length: > MaxTextLength } ? text[..MaxTextLength] + "…" : text);
        }
        return fields;
    }

    // ---- determinism ----

    /// <summary>A ZIP entry's time: the export's time in center time (ZIP times have no zone, two-second resolution).</summary>
    private static DateTimeOffset ZipTime(DateTimeOffset at)
    {
        var local = CenterTime.ToLocal(at);
        return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second / 2 * 2, local.Offset);
    }

    /// <summary>
    /// The workbook package re-written deterministically: the packaging library stamps every part with the current time,
    /// names the core-properties part with a random GUID and gives the package relationships random ids; here every part
    /// is stamped <paramref name="stamp"/>, that part is named core.psmdcp and the package relationships are numbered.
    /// </summary>
    private static byte[] Normalized(byte[] package, DateTimeOffset stamp)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var core = input.Entries.Select(e => e.FullName).FirstOrDefault(n => n.EndsWith(".psmdcp", StringComparison.Ordinal));
        var coreName = core is null ? null : core[..(core.LastIndexOf('/') + 1)] + "core.psmdcp";
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in input.Entries)
            {
                var entry = zip.CreateEntry(part.FullName == core ? coreName! : part.FullName, CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                using var from = part.Open();
                using var to = entry.Open();
                if (core is not null && (part.FullName.EndsWith(".rels", StringComparison.Ordinal) || part.FullName == "[Content_Types].xml"))
                {
                    using var buffer = new MemoryStream();
                    from.CopyTo(buffer);
                    var bytes = buffer.ToArray();
                    var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
                    var xml = Encoding.UTF8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)).Replace(core, coreName!, StringComparison.Ordinal);
                    if (part.FullName == "_rels/.rels")
                    {
                        var n = 0;
                        xml = PackageRelationshipId().Replace(xml, _ => $"Id=\"R{++n:x16}\"");
                    }
                    if (bom) to.Write(Encoding.UTF8.Preamble);
                    to.Write(new UTF8Encoding(false).GetBytes(xml));
                }
                else from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    [System.Text.RegularExpressions.GeneratedRegex("Id=\"R[0-9a-f]{16}\"", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PackageRelationshipId();
}
