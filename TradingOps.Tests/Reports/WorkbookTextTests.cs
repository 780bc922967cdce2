using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Reports;

/// <summary>
/// Characters outside the Basic Multilingual Plane (𠮷 U+20BB7, a surrogate pair in .NET strings) reach the
/// workbook as characters through both writers: in the sheet's XML, not as ClosedXML's _xD842_ escapes that
/// Excel shows literally, and back whole when the cell is read.
/// </summary>
public sealed class WorkbookTextTests
{
    private const string Rare = "𠮷野家 𩽾𩾌鱼";

    private static readonly SheetSpec<string> Spec = new("明细", "生僻字",
    [
        new("项目名称", 30, CellKind.Text, s => s),
        new("编号", 12, CellKind.Text, _ => "_xD842_"), // typed literally by someone: must stay literal
    ]);

    private static async Task<byte[]> WriteAsync(bool streaming)
    {
        using var output = new MemoryStream();
        if (streaming)
        {
            await StreamingWorkbook.WriteAsync(output, Spec, new[] { Rare }.ToAsyncEnumerable(), CancellationToken.None);
        }
        else
        {
            using var workbook = new XLWorkbook();
            FormattedWorkbook.AddSheet(workbook, Spec, [Rare]);
            FormattedWorkbook.Save(workbook, output);
        }
        return output.ToArray();
    }

    private static string RawXml(byte[] file)
    {
        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_character_outside_the_BMP_is_written_as_the_character_not_as_an_escape(bool streaming)
    {
        var file = await WriteAsync(streaming);

        var xml = RawXml(file);
        Assert.Contains(Rare, xml);
        Assert.DoesNotContain("_xD842__xDFB7_", xml);
        using var workbook = new XLWorkbook(new MemoryStream(file));
        Assert.Equal(Rare, workbook.Worksheet("明细").Cell(2, 1).GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text_that_looks_like_an_escape_is_saved_escaped_so_Excel_shows_it_as_typed(bool streaming)
    {
        var xml = RawXml(await WriteAsync(streaming));
        Assert.Contains("_x005F_xD842_", xml);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_control_character_in_a_value_is_escaped_not_a_broken_file(bool streaming)
    {
        var spec = new SheetSpec<string>("明细", "控制字符", [new("项目名称", 30, CellKind.Text, s => s)]);
        using var output = new MemoryStream();
        if (streaming)
            await StreamingWorkbook.WriteAsync(output, spec, new[] { "甲\u0001乙" }.ToAsyncEnumerable(), CancellationToken.None);
        else
        {
            using var book = new XLWorkbook();
            FormattedWorkbook.AddSheet(book, spec, ["甲\u0001乙"]);
            FormattedWorkbook.Save(book, output);
        }
        Assert.Contains("甲_x0001_乙", RawXml(output.ToArray()));
        using var workbook = new XLWorkbook(new MemoryStream(output.ToArray()));
        Assert.Equal("甲\u0001乙", workbook.Worksheet("明细").Cell(2, 1).GetString());
    }
}
