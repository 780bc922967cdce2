using TradingOps.Core.Common;

namespace TradingOps.Core.Organisation;

/// <summary>功能区 (Liaoning 7.1): the floor is divided into functional areas.</summary>
public enum ZoneKind
{
    PublicService,   // 公共服务区
    BidOpening,      // 开标区 / 交易实施区
    Evaluation,      // 评标区 (behind access control)
    Negotiation,     // 述标谈判区
    Supervision,     // 监督见证区
    Office,          // 办公区
}

public sealed class Zone : Entity
{
    public const int NameMaxLength = 50;

    private Zone() { Name = ""; }

    public Zone(Guid centerId, string name, ZoneKind kind, string? floor)
    {
        CenterId = centerId;
        Name = Guard.Text(name, NameMaxLength, "功能区名称");
        Kind = kind;
        Floor = Guard.OptionalText(floor, 20, "楼层");
    }

    public Guid CenterId { get; private set; }
    public string Name { get; private set; }
    public ZoneKind Kind { get; private set; }
    public string? Floor { get; private set; }

    /// <summary>The evaluation area is closed: entry only through identity and device checks (Liaoning 6.8).</summary>
    public bool IsAccessControlled => Kind == ZoneKind.Evaluation;
}
