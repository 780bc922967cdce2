using TradingOps.Core.Archives;
using TradingOps.Core.Projects;

namespace TradingOps.Tests.Archives;

/// <summary>The checklist per trading category (Liaoning 6.9.2): what each requires and, when missing, what it says is missing.</summary>
public sealed class ArchiveCompletenessTests
{
    private static readonly ArchiveFacts Full = new(true, [], true, 2, true, true, true, null, true, true, true, ["JZ2026-000001"], [], []);

    private static ArchiveCheck Line(IReadOnlyList<ArchiveCheck> checks, string code) => Assert.Single(checks, c => c.Code == code);

    [Theory]
    [InlineData(TradingCategory.Engineering, TradingMethod.OpenTender)]
    [InlineData(TradingCategory.GovernmentProcurement, TradingMethod.CompetitiveConsultation)]
    [InlineData(TradingCategory.LandAndMiningRights, TradingMethod.Listing)]
    [InlineData(TradingCategory.StateAssets, TradingMethod.Auction)]
    public void A_complete_archive_passes_every_line_of_its_category(TradingCategory category, TradingMethod method)
    {
        var checks = ArchiveCompleteness.Check(category, method, Full);

        Assert.All(checks, c => Assert.True(c.Present, c.Code));
        Assert.All(checks, c => Assert.Null(c.Missing));
    }

    [Fact]
    public void Methods_with_an_evaluation_need_the_draw_and_the_evaluation_sessions_witness_record()
    {
        var checks = ArchiveCompleteness.Check(TradingCategory.Engineering, TradingMethod.OpenTender, Full with { DrawRecord = false, EvaluationWitnessed = false });

        Assert.Equal("缺少专家抽取记录；缺少评标场次的见证记录", Line(checks, ArchiveCompleteness.Evaluation).Missing);
        Assert.DoesNotContain(checks, c => c.Code == ArchiveCompleteness.Auction);
    }

    [Fact]
    public void Auctions_and_listings_need_the_auction_sessions_record_not_a_draw()
    {
        var checks = ArchiveCompleteness.Check(TradingCategory.LandAndMiningRights, TradingMethod.Listing, Full with { DrawRecord = false, AuctionWitnessed = false });

        Assert.Equal("缺少竞价场次的见证记录", Line(checks, ArchiveCompleteness.Auction).Missing);
        Assert.DoesNotContain(checks, c => c.Code == ArchiveCompleteness.Evaluation);
    }

    [Fact]
    public void Missing_registration_materials_are_named()
    {
        var checks = ArchiveCompleteness.Check(TradingCategory.Engineering, TradingMethod.OpenTender, Full with { MaterialsMissing = ["招标文件", "招标公告"] });

        Assert.Equal("登记材料缺少：招标文件、招标公告", Line(checks, ArchiveCompleteness.Registration).Missing);
        Assert.Equal("缺少项目登记记录",
            Line(ArchiveCompleteness.Check(TradingCategory.Engineering, TradingMethod.OpenTender, Full with { Registration = false }), ArchiveCompleteness.Registration).Missing);
    }

    [Fact]
    public void A_broken_witness_chain_is_named_with_the_first_bad_entry()
    {
        var checks = ArchiveCompleteness.Check(TradingCategory.Engineering, TradingMethod.OpenTender,
            Full with { ChainIntact = false, ChainDetail = "第 12 条的内容与其哈希不符：记录被修改" });

        Assert.Equal("见证链校验未通过：第 12 条的内容与其哈希不符：记录被修改", Line(checks, ArchiveCompleteness.Process).Missing);
    }

    [Fact]
    public void The_certificate_the_recordings_the_notices_and_open_cases_are_each_named()
    {
        var checks = ArchiveCompleteness.Check(TradingCategory.GovernmentProcurement, TradingMethod.OpenTender,
            Full with { Certificates = [], Recordings = 0, Notices = false, OpenCases = ["TS2026-000003"], Bookings = false });

        Assert.Equal("缺少见证书", Line(checks, ArchiveCompleteness.Certificate).Missing);
        Assert.Equal("见证记录中没有录像索引", Line(checks, ArchiveCompleteness.Recordings).Missing);
        Assert.Equal("缺少告知与通知记录", Line(checks, ArchiveCompleteness.Notices).Missing);
        Assert.Equal("异议投诉尚未办结：TS2026-000003", Line(checks, ArchiveCompleteness.Cases).Missing);
        Assert.Equal("缺少场地预约记录", Line(checks, ArchiveCompleteness.Process).Missing);
        Assert.Contains("已撤销", Line(ArchiveCompleteness.Check(TradingCategory.Engineering, TradingMethod.OpenTender,
            Full with { Certificates = [], RevokedCertificates = ["JZ2026-000001"] }), ArchiveCompleteness.Certificate).Missing);
    }

    [Fact]
    public void Other_projects_are_not_asked_for_recordings()
    {
        Assert.DoesNotContain(ArchiveCompleteness.Required(TradingCategory.Other, TradingMethod.OpenTender), c => c == ArchiveCompleteness.Recordings);
        Assert.Contains(ArchiveCompleteness.Required(TradingCategory.MedicalProcurement, TradingMethod.OpenTender), c => c == ArchiveCompleteness.Recordings);
    }

    [Fact]
    public void An_appended_file_replaces_the_version_it_updates_when_the_facts_are_read()
    {
        var at = new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
        var valid = new ArchiveFile(ArchiveSection.Certificates, ArchiveNames.Certificate("JZ2026-000001"), "见证书", at,
            ArchiveJson.Write("P", "见证书", new { number = "JZ2026-000001", revokedAt = (DateTimeOffset?)null }));
        var revoked = new ArchiveFile(ArchiveSection.Certificates, ArchiveNames.Certificate("JZ2026-000001"), "见证书", at,
            ArchiveJson.Write("P", "见证书", new { number = "JZ2026-000001", revokedAt = (DateTimeOffset?)at.AddDays(3) }));
        var appended = revoked with { Section = ArchiveSection.Additions, Name = ArchiveNames.Appended(revoked, at.AddDays(3)), At = at.AddDays(3), Appended = true };

        Assert.Equal(["JZ2026-000001"], ArchiveFacts.From([valid]).Certificates);
        var facts = ArchiveFacts.From([valid, appended]);

        Assert.Empty(facts.Certificates);
        Assert.Equal(["JZ2026-000001"], facts.RevokedCertificates);
        Assert.Equal(valid.Name, ArchiveNames.BaseOf(appended.Name));
    }
}
