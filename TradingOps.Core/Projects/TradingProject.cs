using TradingOps.Core.Common;

namespace TradingOps.Core.Projects;

/// <summary>交易类别.</summary>
public enum TradingCategory
{
    Engineering,           // 工程建设
    GovernmentProcurement, // 政府采购
    LandAndMiningRights,   // 土地使用权和矿业权出让
    StateAssets,           // 国有产权/资产交易
    MedicalProcurement,    // 药品耗材采购
    Other,                 // 其他
}

/// <summary>交易方式.</summary>
public enum TradingMethod
{
    OpenTender,              // 公开招标
    InvitedTender,           // 邀请招标
    CompetitiveNegotiation,  // 竞争性谈判
    CompetitiveConsultation, // 竞争性磋商
    Inquiry,                 // 询价
    SingleSource,            // 单一来源
    Auction,                 // 拍卖
    Listing,                 // 挂牌
    Bidding,                 // 竞价
}

/// <summary>交易项目: one tender, procurement, land/mining-right sale or asset transfer.</summary>
public sealed partial class TradingProject : Entity
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 200;
    public const int PartyMaxLength = 100;
    public const decimal MaxAmount = 1_000_000_000_000m;

    private TradingProject() { Code = Name = Initiator = ""; }

    public TradingProject(
        string code, string name, TradingCategory category, TradingMethod method,
        string initiator, string? agency, decimal amount, Guid responsibleStaffId, DateTimeOffset registeredAt)
    {
        Code = Guard.Text(code, CodeMaxLength, "项目编号");
        Name = Guard.Text(name, NameMaxLength, "项目名称");
        Category = category;
        Method = method;
        Initiator = Guard.Text(initiator, PartyMaxLength, "招标人/采购人");
        Agency = Guard.OptionalText(agency, PartyMaxLength, "代理机构");
        Amount = ValidAmount(amount);
        AssignResponsibleStaff(responsibleStaffId);
        RegisteredAt = registeredAt.ToUniversalTime();
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public TradingCategory Category { get; private set; }
    public TradingMethod Method { get; private set; }
    public string Initiator { get; private set; }
    public string? Agency { get; private set; }

    /// <summary>Budget or reserve price in yuan.</summary>
    public decimal Amount { get; private set; }

    /// <summary>服务责任人: every registered project has one (national 6.2.4).</summary>
    public Guid ResponsibleStaffId { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Planned bid opening (开标) or auction start, when scheduled.</summary>
    public DateTimeOffset? BidOpeningAt { get; private set; }

    public void AssignResponsibleStaff(Guid staffId)
    {
        if (staffId == Guid.Empty)
            throw new DomainException("Project.ResponsibleStaff", "必须指定服务责任人");
        ResponsibleStaffId = staffId;
    }

    public void ScheduleBidOpening(DateTimeOffset at)
    {
        if (at < RegisteredAt)
            throw new DomainException("Project.BidOpeningBeforeRegistration", "开标时间不能早于登记时间");
        BidOpeningAt = at.ToUniversalTime();
    }

    private static decimal ValidAmount(decimal amount)
    {
        if (amount < 0 || amount > MaxAmount)
            throw new DomainException("Project.Amount", "金额必须在 0 到 1 万亿元之间");
        return decimal.Round(amount, 2);
    }
}
