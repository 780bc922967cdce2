using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Registrations;

public sealed class DeficiencyNoticeTests
{
    private static readonly DateTimeOffset Now = At("2026-11-23 10:00");

    private static IReadOnlyList<MaterialChecklistItem> Checklist(TradingCategory category) =>
        MaterialChecklistItem.Liaoning622.Where(i => i.Category == category)
            .Select(i => new MaterialChecklistItem(i.Category, i.Name, i.Required, i.Order)).ToList();

    [Fact]
    public void The_checklists_seeded_from_Liaoning_6_2_2_name_the_materials_of_each_category()
    {
        Assert.Equal(["公共资源进场交易申请表", "省招标投标监管网项目备案表"], Checklist(TradingCategory.Engineering).Select(i => i.Name));
        Assert.Equal(["公共资源进场交易申请表", "政府采购系统项目备案或审批表"], Checklist(TradingCategory.GovernmentProcurement).Select(i => i.Name));
        Assert.Equal(["公共资源进场交易申请表", "出让委托书及相关附件"], Checklist(TradingCategory.LandAndMiningRights).Select(i => i.Name));
        Assert.Equal(["公共资源进场交易申请表", "资产处置批准文件", "资产评估报告", "委托拍卖合同（如有）"], Checklist(TradingCategory.StateAssets).Select(i => i.Name));
    }

    [Fact]
    public void Missing_materials_are_the_required_checklist_items_not_handed_in_and_never_the_optional_ones()
    {
        var missing = MaterialChecklistItem.MissingFrom(Checklist(TradingCategory.StateAssets), [" 公共资源进场交易申请表 "]);
        Assert.Equal(["资产处置批准文件", "资产评估报告"], missing.Select(i => i.Name));
    }

    [Fact]
    public void A_deficiency_notice_lists_each_missing_or_wrong_item_exactly_once()
    {
        var r = InState(RegistrationStatus.InReview, Now);
        var missing = MaterialChecklistItem.MissingFrom(Checklist(TradingCategory.StateAssets), r.SubmittedMaterials)
            .Select(i => new DeficiencyItem(i.Name, DeficiencyKind.Missing, null));
        // The clerk also ticks findings by hand, naming some of the same materials again (one with stray spaces).
        DeficiencyItem[] byHand =
        [
            new("资产评估报告", DeficiencyKind.Wrong, "评估基准日已超过一年"),
            new("资产 评估报告", DeficiencyKind.Missing, null),
            new("公共资源进场交易申请表", DeficiencyKind.Wrong, "未加盖公章"),
            new("公共资源进场交易申请表", DeficiencyKind.Wrong, "未加盖公章"),
        ];

        var notice = r.Return(missing.Concat(byHand), "王五", Now);

        Assert.Equal(["资产处置批准文件", "资产评估报告", "公共资源进场交易申请表"], notice.Items.Select(i => i.Material));
        Assert.Equal(notice.Items.Count, notice.Items.Select(i => i.Material).Distinct().Count());
        var report = notice.Items.Single(i => i.Material == "资产评估报告");
        Assert.Equal(DeficiencyKind.Missing, report.Kind);
        Assert.Equal("评估基准日已超过一年", report.Note);
        Assert.Equal("未加盖公章", notice.Items.Single(i => i.Material == "公共资源进场交易申请表").Note);
    }

    [Fact]
    public void A_notice_with_nothing_to_correct_is_refused()
    {
        var r = InState(RegistrationStatus.InReview, Now);
        var ex = Assert.Throws<TradingOps.Core.Common.DomainException>(() => r.Return([], "王五", Now));
        Assert.Contains("至少需要列出一项", ex.Message);
        Assert.Equal(RegistrationStatus.InReview, r.Status);
    }
}
