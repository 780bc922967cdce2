using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using TradingOps.Core.Archives;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Archives;

namespace TradingOps.Tests.Archives;

/// <summary>
/// The archive's ZIP export (issue 20 item 5, done-when "the export manifest matching the files"): what is in the ZIP,
/// the manifest against the bytes, the PDF and the workbook read back as a person would, the originals byte for byte,
/// and the verification rule catching a changed, removed or added entry.
/// </summary>
public sealed class ArchiveExportTests
{
    private const string Exporter = "档案管理员 孙丽";

    private static byte[] Export(ArchiveContents contents)
    {
        using var buffer = new MemoryStream();
        ArchiveExport.Write(contents, buffer, Exporter, ArchiveSamples.ExportedAt);
        return buffer.ToArray();
    }

    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    [Fact]
    public void The_zip_holds_the_pdf_summary_the_workbook_every_original_record_and_the_manifest()
    {
        var contents = ArchiveSamples.Locked();
        var entries = Entries(Export(contents));

        var expected = new[] { "summary.pdf", "archive.xlsx", "manifest.json" }
            .Concat(contents.Files.Select(f => $"records/{f.Name}")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, entries.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(entries["summary.pdf"], 0, 4));
        Assert.Equal("PK", Encoding.ASCII.GetString(entries["archive.xlsx"], 0, 2));
    }

    [Fact]
    public void Every_manifest_hash_is_the_sha256_of_its_entry_and_every_other_entry_is_listed()
    {
        var entries = Entries(Export(ArchiveSamples.Locked()));
        var manifest = ArchiveManifest.Parse(entries["manifest.json"], out var problem);
        Assert.Null(problem);
        Assert.NotNull(manifest);

        Assert.Equal(entries.Keys.Where(k => k != "manifest.json").Order(StringComparer.Ordinal), manifest.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        foreach (var file in manifest.Files)
        {
            // Computed here independently of ArchiveHash: SHA-256 of the entry's bytes, lower-case hex.
            Assert.Equal(Convert.ToHexString(SHA256.HashData(entries[file.Path])).ToLowerInvariant(), file.Sha256);
            Assert.Equal(entries[file.Path].LongLength, file.Size);
        }
        Assert.Empty(ArchiveManifest.Verify(entries));
    }

    [Fact]
    public void The_manifest_names_the_project_its_state_lock_hash_and_who_exported_it_when()
    {
        var contents = ArchiveSamples.Locked();
        var json = Encoding.UTF8.GetString(Entries(Export(contents))["manifest.json"]);
        Assert.Contains($"\"projectCode\": \"{ArchiveSamples.Code}\"", json);
        Assert.Contains(ArchiveSamples.Name, json); // Chinese readable, not \u-escaped
        Assert.Contains("\"category\": \"Engineering\"", json);
        Assert.Contains("\"state\": \"Locked\"", json);
        Assert.Contains($"\"lockHash\": \"{contents.LockHash}\"", json);
        Assert.Contains($"\"exportedBy\": \"{Exporter}\"", json);
        Assert.Contains("\"exportedAt\": \"2026-12-03T02:15:07+00:00\"", json);
        Assert.Contains("\"hashAlgorithm\": \"SHA-256\"", json);
    }

    [Fact]
    public void The_original_records_are_byte_identical_to_the_files_json_in_utf8_without_a_bom()
    {
        var contents = ArchiveSamples.Locked();
        var entries = Entries(Export(contents));
        foreach (var file in contents.Files)
        {
            var bytes = entries[$"records/{file.Name}"];
            Assert.Equal(new UTF8Encoding(false).GetBytes(file.ContentJson), bytes);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Equal(file.Sha256, Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant()); // the archive's own hash of the record
        }
    }

    [Fact]
    public void The_same_contents_exported_at_the_same_time_by_the_same_person_give_the_same_bytes()
    {
        var first = Export(ArchiveSamples.Locked());
        var second = Export(ArchiveSamples.Locked());
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_tampered_entry_is_reported_as_a_hash_mismatch()
    {
        var entries = Entries(Export(ArchiveSamples.Locked()));
        var original = entries["records/05-witness-log.json"];
        entries["records/05-witness-log.json"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("唱标完毕", "唱标未完"));

        var problem = Assert.Single(ArchiveManifest.Verify(entries));
        Assert.Equal(ManifestProblemKind.HashMismatch, problem.Kind);
        Assert.Equal("records/05-witness-log.json", problem.Path);
        Assert.Contains("改动", problem.Text);
    }

    [Fact]
    public void A_removed_entry_is_reported_as_missing()
    {
        var entries = Entries(Export(ArchiveSamples.Locked()));
        entries.Remove("summary.pdf");

        var problem = Assert.Single(ArchiveManifest.Verify(entries));
        Assert.Equal(ManifestProblemKind.MissingFile, problem.Kind);
        Assert.Equal("summary.pdf", problem.Path);
    }

    [Fact]
    public void An_added_entry_is_reported_as_not_in_the_manifest()
    {
        var entries = Entries(Export(ArchiveSamples.Locked()));
        entries["records/99-forged.json"] = Encoding.UTF8.GetBytes("""{"note":"事后补入"}""");

        var problem = Assert.Single(ArchiveManifest.Verify(entries));
        Assert.Equal(ManifestProblemKind.ExtraFile, problem.Kind);
        Assert.Equal("records/99-forged.json", problem.Path);
    }

    [Fact]
    public void A_zip_without_a_manifest_or_with_an_unreadable_one_cannot_be_verified()
    {
        var entries = Entries(Export(ArchiveSamples.Locked()));
        var withoutManifest = new Dictionary<string, byte[]>(entries);
        withoutManifest.Remove("manifest.json");
        Assert.Equal(ManifestProblemKind.ManifestMissing, Assert.Single(ArchiveManifest.Verify(withoutManifest)).Kind);

        entries["manifest.json"] = Encoding.UTF8.GetBytes("{ not json");
        Assert.Equal(ManifestProblemKind.ManifestUnreadable, Assert.Single(ArchiveManifest.Verify(entries)).Kind);

        entries["manifest.json"] = Encoding.UTF8.GetBytes("""{"format":1,"projectCode":"X","hashAlgorithm":"SHA-256"}""");
        Assert.Equal(ManifestProblemKind.ManifestUnreadable, Assert.Single(ArchiveManifest.Verify(entries)).Kind);
    }

    [Fact]
    public void A_record_changed_with_a_recomputed_manifest_no_longer_gives_the_lock_hash()
    {
        // Someone changes a record and rewrites the manifest to match: the records no longer give the archive's lock hash.
        var contents = ArchiveSamples.Locked();
        var entries = Entries(Export(contents));
        entries["records/01-registration.json"] = Encoding.UTF8.GetBytes(contents.Files[0].ContentJson.Replace("华信", "华兴"));
        var others = entries.Where(e => e.Key != "manifest.json").Select(e => new KeyValuePair<string, byte[]>(e.Key, e.Value));
        entries["manifest.json"] = ArchiveManifest.For(contents, Exporter, ArchiveSamples.ExportedAt, others).ToBytes();

        var problem = Assert.Single(ArchiveManifest.Verify(entries));
        Assert.Equal(ManifestProblemKind.LockHashMismatch, problem.Kind);
        Assert.Contains(contents.LockHash!, problem.Text);
    }

    [Fact]
    public void An_open_archive_exports_and_verifies_without_a_lock_hash()
    {
        var entries = Entries(Export(ArchiveSamples.Open()));
        Assert.Empty(ArchiveManifest.Verify(entries));
        Assert.Contains("\"state\": \"Open\"", Encoding.UTF8.GetString(entries["manifest.json"]));
    }

    [Fact]
    public void The_pdf_summary_reads_back_with_the_project_the_checklist_with_what_is_missing_the_hashes_and_the_exporter()
    {
        var contents = ArchiveSamples.Locked();
        var text = PdfReadBack.Text(Entries(Export(contents))["summary.pdf"]);
        var joined = Regex.Replace(text, @"\s+", "");

        Assert.Contains("项目档案摘要", text);
        Assert.Contains(ArchiveSamples.Code, text);
        Assert.Contains("工程建设", text);
        Assert.Contains("已归档锁定", text);
        Assert.Contains("2041-11-20", text);                       // retention
        Assert.Contains("中心档案管理制度", joined);                   // the cited source of the retention
        Assert.Contains(contents.LockHash!, joined);
        Assert.Contains("开标评标录音录像", joined);                   // the checklist
        Assert.Contains("缺开标录像索引（K201）", joined);              // what is missing
        Assert.Contains("4项中缺1项", joined);
        foreach (var file in contents.Files)
        {
            Assert.Contains(file.Name, joined);
            Assert.Contains(file.Sha256, joined);
        }
        Assert.Contains(Regex.Replace(Exporter, @"\s+", ""), joined);
        Assert.Contains("2026-12-0310:15:07", joined);              // exported at, center time
    }

    [Fact]
    public void The_workbook_reads_back_with_the_contents_rows_the_checklist_and_a_sheet_per_section()
    {
        var contents = ArchiveSamples.Locked();
        using var workbook = new XLWorkbook(new MemoryStream(Entries(Export(contents))["archive.xlsx"]));

        var index = workbook.Worksheet("目录");
        Assert.Equal(["类别", "文件", "标题", "时间", "SHA-256", "含密封部分", "归档后追加"],
            Enumerable.Range(1, 7).Select(c => index.Cell(1, c).GetString()));
        for (var i = 0; i < contents.Files.Count; i++)
        {
            var file = contents.Files[i];
            Assert.Equal(file.Name, index.Cell(i + 2, 2).GetString());
            Assert.Equal(file.Title, index.Cell(i + 2, 3).GetString());
            Assert.Equal(file.Sha256, index.Cell(i + 2, 5).GetString());
            Assert.Equal(file.Sealed ? "是" : "否", index.Cell(i + 2, 6).GetString());
            Assert.Equal(file.Appended ? "是" : "否", index.Cell(i + 2, 7).GetString());
        }
        Assert.Equal("见证记录", index.Cell(4, 1).GetString());
        Assert.Equal(new DateTime(2026, 11, 10, 16, 30, 0), index.Cell(4, 4).GetDateTime()); // center time

        var checks = workbook.Worksheet("完整性");
        Assert.Equal("开标评标录音录像", checks.Cell(4, 2).GetString());
        Assert.Equal("缺", checks.Cell(4, 3).GetString());
        Assert.Equal("缺开标录像索引（K201）", checks.Cell(4, 4).GetString());

        // A section's records as rows of their main fields: the bookings array, the witness log's entries.
        var bookings = workbook.Worksheet("场地预约与变更");
        Assert.Equal(["文件", "room", "purpose", "startsAt", "state"], Enumerable.Range(1, 5).Select(c => bookings.Cell(1, c).GetString()));
        Assert.Equal("P301", bookings.Cell(3, 2).GetString());
        var log = workbook.Worksheet("见证记录");
        Assert.Equal("唱标完毕", log.Cell(3, 3).GetString());
    }

    [Fact]
    public void The_file_name_is_the_project_code_and_the_day_of_the_export_in_center_time()
    {
        // 2026-12-03 17:00 UTC is already 4 December in the center.
        Assert.Equal("档案-GC2026-0420-20261204.zip", ArchiveExport.FileName("GC2026-0420", new DateTimeOffset(2026, 12, 3, 17, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Reading_an_uploaded_file_that_is_not_a_zip_gives_a_reason()
    {
        Assert.Null(ArchiveExport.ReadEntries(new MemoryStream(Encoding.UTF8.GetBytes("不是压缩包")), out var problem));
        Assert.Contains("ZIP", problem);

        var read = ArchiveExport.ReadEntries(new MemoryStream(Export(ArchiveSamples.Locked())), out problem);
        Assert.Null(problem);
        Assert.Empty(ArchiveManifest.Verify(read!));
    }
}
