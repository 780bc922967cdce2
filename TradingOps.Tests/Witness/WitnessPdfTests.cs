using TradingOps.Tests.Fixtures;
using TradingOps.Web.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>The PDF kit: Chinese text that reads back, QR codes that decode, tables that break across pages, small files.</summary>
public sealed class WitnessPdfTests
{
    private static byte[] Sample(int rows)
    {
        var document = WitnessPdf.NewDocument("测试文档", "测试中心");
        using (var writer = new PdfPageWriter(document, footer: "测试中心"))
        {
            writer.Title("进场交易见证书");
            writer.Field("证书编号", "JZ2026-000001");
            writer.Field("项目名称", "市第一人民医院门诊楼改扩建工程施工总承包（第二标段）及配套附属设施建设项目，含室外管网与绿化工程");
            writer.Heading("场次");
            writer.Table(["序号", "场地", "时间"], [0.15, 0.35, 0.5],
                Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string?>)[i.ToString(), $"第{i}开标室", "2026-12-03 09:00–11:30"]));
            writer.Qr("http://localhost:5080/verify/JZ2026-000001", "扫码核验：http://localhost:5080/verify/JZ2026-000001");
        }
        return WitnessPdf.Save(document);
    }

    [Fact]
    public void Chinese_text_reads_back_and_the_qr_code_decodes_to_what_was_printed()
    {
        var pdf = Sample(5);
        var text = PdfReadBack.Text(pdf);
        Assert.Contains("进场交易见证书", text);
        Assert.Contains("JZ2026-000001", text);
        Assert.Contains("第5开标室", text);
        Assert.Equal(["http://localhost:5080/verify/JZ2026-000001"], PdfReadBack.Qr(pdf));
    }

    [Fact]
    public void A_long_table_continues_on_the_next_page_and_only_the_glyphs_used_are_embedded()
    {
        var pdf = Sample(80);
        Assert.True(PdfReadBack.Pages(pdf) >= 2);
        Assert.Contains("第80开标室", PdfReadBack.Text(pdf));
        Assert.True(pdf.Length < 300_000, $"{pdf.Length} bytes: the font should be subset, not embedded whole");
    }

    [Fact]
    public void A_single_font_file_passes_through_the_collection_reader_unchanged()
    {
        byte[] single = [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Same(single, TrueTypeCollection.Face(single, 0));
    }
}
