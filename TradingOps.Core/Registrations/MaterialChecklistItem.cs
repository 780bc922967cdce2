using TradingOps.Core.Common;
using TradingOps.Core.Projects;

namespace TradingOps.Core.Registrations;

/// <summary>
/// One required material (服务要件) of a category's checklist (Liaoning 6.2.2). Seeded from the standard,
/// maintained by admins; a registration's missing materials are the required items it did not hand in.
/// </summary>
public sealed class MaterialChecklistItem : Entity
{
    public const int NameMaxLength = DeficiencyItem.MaterialMaxLength;
    public const int NoteMaxLength = 200;

    private MaterialChecklistItem() { Name = ""; }

    public MaterialChecklistItem(TradingCategory category, string name, bool required, int sortOrder, string? note = null)
    {
        Category = category;
        Name = Guard.Text(name, NameMaxLength, "材料名称");
        Required = required;
        SortOrder = Guard.Range(sortOrder, 0, 999, "排序");
        Note = Guard.OptionalText(note, NoteMaxLength, "说明");
    }

    public TradingCategory Category { get; private set; }
    public string Name { get; private set; }

    /// <summary>False for "如有" items (e.g. 委托拍卖合同（如有）): listed, never reported missing.</summary>
    public bool Required { get; private set; }
    public int SortOrder { get; private set; }
    public string? Note { get; private set; }

    public void Edit(string name, bool required, int sortOrder, string? note)
    {
        Name = Guard.Text(name, NameMaxLength, "材料名称");
        Required = required;
        SortOrder = Guard.Range(sortOrder, 0, 999, "排序");
        Note = Guard.OptionalText(note, NoteMaxLength, "说明");
    }

    /// <summary>The required items of <paramref name="checklist"/> not among <paramref name="handedIn"/>.</summary>
    public static IReadOnlyList<MaterialChecklistItem> MissingFrom(IEnumerable<MaterialChecklistItem> checklist, IEnumerable<string> handedIn)
    {
        var have = handedIn.Select(DeficiencyNotice.Normalize).ToHashSet();
        return checklist.Where(i => i.Required && !have.Contains(DeficiencyNotice.Normalize(i.Name)))
            .OrderBy(i => i.SortOrder).ToList();
    }

    /// <summary>Liaoning 6.2.2.1-6.2.2.4, the seed of every center's checklists (fixed ids for migrations).</summary>
    public static IReadOnlyList<(Guid Id, TradingCategory Category, string Name, bool Required, int Order)> Liaoning622 { get; } =
    [
        (new("5a2f0000-0000-7000-8000-000000000101"), TradingCategory.Engineering, "公共资源进场交易申请表", true, 10),
        (new("5a2f0000-0000-7000-8000-000000000102"), TradingCategory.Engineering, "省招标投标监管网项目备案表", true, 20),
        (new("5a2f0000-0000-7000-8000-000000000201"), TradingCategory.GovernmentProcurement, "公共资源进场交易申请表", true, 10),
        (new("5a2f0000-0000-7000-8000-000000000202"), TradingCategory.GovernmentProcurement, "政府采购系统项目备案或审批表", true, 20),
        (new("5a2f0000-0000-7000-8000-000000000301"), TradingCategory.LandAndMiningRights, "公共资源进场交易申请表", true, 10),
        (new("5a2f0000-0000-7000-8000-000000000302"), TradingCategory.LandAndMiningRights, "出让委托书及相关附件", true, 20),
        (new("5a2f0000-0000-7000-8000-000000000401"), TradingCategory.StateAssets, "公共资源进场交易申请表", true, 10),
        (new("5a2f0000-0000-7000-8000-000000000402"), TradingCategory.StateAssets, "资产处置批准文件", true, 20),
        (new("5a2f0000-0000-7000-8000-000000000403"), TradingCategory.StateAssets, "资产评估报告", true, 30),
        (new("5a2f0000-0000-7000-8000-000000000404"), TradingCategory.StateAssets, "委托拍卖合同（如有）", false, 40),
        (new("5a2f0000-0000-7000-8000-000000000501"), TradingCategory.MedicalProcurement, "公共资源进场交易申请表", true, 10),
        (new("5a2f0000-0000-7000-8000-000000000601"), TradingCategory.Other, "公共资源进场交易申请表", true, 10),
    ];
}
