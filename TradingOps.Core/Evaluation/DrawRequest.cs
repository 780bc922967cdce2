using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

public enum DrawRequestStatus
{
    Draft,                // 已登记抽取申请
    AwaitingConfirmation, // 操作员已发起，待第二人确认
    Drawn,                // 已抽取（含导入的省级抽取结果）
    Cancelled,            // 已撤销
}

/// <summary>Where the draw is made: in this console from the local pool, or in the provincial system and imported.</summary>
public enum DrawSource { Local, Provincial }

/// <summary>远程异地评标 (Liaoning 6.5.5): this session hosts remote experts (主场), or is the guest seat of a partner center (副场).</summary>
public enum RemoteRole { None, Host, Guest }

/// <summary>
/// 专家抽取申请: one per evaluation session (a booking in a room of the evaluation area). Says how many experts of
/// which specialty, whom to exclude (employers of the initiator, the agency and the bidders once known; experts who
/// served the same initiator recently), and whether seats are reserved for remote evaluation.
/// </summary>
public sealed partial class DrawRequest : Entity
{
    public const int TextMaxLength = 200;
    public const int EmployersMaxLength = 4000;
    public const int MaxRecentServiceDays = 3650;

    private DrawRequest() { ProjectCode = ProjectName = Initiator = ExcludedEmployers = RequestedBy = ""; }

    public DrawRequest(Guid bookingId, Guid roomId, string projectCode, string projectName, string initiator, string? agency,
        DateTimeOffset startsAt, DateTimeOffset endsAt, DrawSource source, int recentServiceDays, string requestedBy, DateTimeOffset at)
    {
        BookingId = bookingId;
        RoomId = roomId;
        ProjectCode = Guard.Text(projectCode, 40, "项目编号");
        ProjectName = Guard.Text(projectName, TextMaxLength, "项目名称");
        Initiator = Guard.Text(initiator, 100, "招标人");
        Agency = Guard.OptionalText(agency, 100, "代理机构");
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        Source = source;
        RecentServiceDays = Guard.Range(recentServiceDays, 0, MaxRecentServiceDays, "近期参评回避天数");
        RequestedBy = Guard.Text(requestedBy, 256, "申请人");
        RequestedAt = at.ToUniversalTime();
        ExcludedEmployers = "";
    }

    public Guid BookingId { get; private set; }
    public Guid RoomId { get; private set; }
    public string ProjectCode { get; private set; }
    public string ProjectName { get; private set; }
    /// <summary>招标人 (the initiator): its employees are excluded, and so are experts who served it recently.</summary>
    public string Initiator { get; private set; }
    public string? Agency { get; private set; }

    /// <summary>The session's times, copied from the booking (the engagement slots and the gate window follow them).</summary>
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }

    public DrawSource Source { get; private set; }
    public DrawRequestStatus Status { get; private set; } = DrawRequestStatus.Draft;

    /// <summary>Further employers whose staff may not serve (bidders once known), one per line.</summary>
    public string ExcludedEmployers { get; private set; }
    /// <summary>Experts who served the same initiator within this many days are not drawn (0: no such exclusion).</summary>
    public int RecentServiceDays { get; private set; }

    public RemoteRole Remote { get; private set; } = RemoteRole.None;
    public string? RemotePartner { get; private set; }
    /// <summary>Seats of the room reserved for remote experts (not given out at the gate; shown as such on the floor).</summary>
    public int RemoteSeats { get; private set; }

    public string RequestedBy { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>The operator who started the draw, and the second person (supervisor or witness) who confirmed it.</summary>
    public string? OperatorName { get; private set; }
    public DateTimeOffset? OperatorAt { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public DateTimeOffset? DrawnAt { get; private set; }

    /// <summary>Employers excluded by this request: the initiator, the agency and the listed ones, trimmed and distinct.</summary>
    public IReadOnlyList<string> Employers =>
        new[] { Initiator, Agency ?? "" }.Concat(ExcludedEmployers.Split('\n'))
            .Select(e => PlainText.Clean(e) ?? "").Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public void SetExclusions(string? employers, int recentServiceDays)
    {
        var lines = (employers ?? "").Replace("\r", "").Split('\n').Select(l => PlainText.Clean(l) ?? "").Where(l => l.Length > 0).Distinct();
        var joined = string.Join('\n', lines);
        if (joined.Length > EmployersMaxLength) throw new DomainException("Draw.Employers", $"回避单位合计不能超过 {EmployersMaxLength} 个字符");
        ExcludedEmployers = joined;
        RecentServiceDays = Guard.Range(recentServiceDays, 0, MaxRecentServiceDays, "近期参评回避天数");
    }

    public void SetRemote(RemoteRole role, string? partner, int seats, int roomSeats)
    {
        if (!Enum.IsDefined(role)) throw new DomainException("Draw.Remote", "远程异地评标角色无效");
        if (role == RemoteRole.None) { Remote = role; RemotePartner = null; RemoteSeats = 0; return; }
        RemotePartner = Guard.Text(partner, 100, "合作交易中心");
        RemoteSeats = Guard.Range(seats, role == RemoteRole.Host ? 1 : 0, roomSeats, "远程专家席位数");
        Remote = role;
    }

    /// <summary>The booking moved: the request follows its times (only before the draw; after it the committee is bound to them).</summary>
    public void FollowBooking(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
    }

    internal void SetStatus(DrawRequestStatus status) => Status = status;
}

/// <summary>How many experts of one specialty the session needs.</summary>
public sealed class DrawQuota : Entity
{
    public const int MaxPerSpecialty = 30;

    private DrawQuota() { SpecialtyCode = ""; }

    public DrawQuota(Guid requestId, string specialtyCode, int count)
    {
        RequestId = requestId;
        SpecialtyCode = Guard.Text(specialtyCode, ExpertSpecialty.CodeMaxLength, "专业代码").ToUpperInvariant();
        Count = Guard.Range(count, 1, MaxPerSpecialty, "抽取人数");
    }

    public Guid RequestId { get; private set; }
    public string SpecialtyCode { get; private set; }
    public int Count { get; private set; }
}
