using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Core.Queue;

/// <summary>好差评 five levels (national 10.5): 非常满意 ... 非常不满意.</summary>
public enum RatingLevel { VerySatisfied, Satisfied, Acceptable, Dissatisfied, VeryDissatisfied }

public enum RatingChannel { Pad, QrCode, SessionLink }

/// <summary>
/// What service a rating is about: a window's service (a queue ticket), or a session's venue service or witness service
/// (rated by the agency or initiator through the session's link). One stream: the same statistics and follow-up loop.
/// </summary>
public enum RatedService { Window, Venue, Witness }

/// <summary>
/// One rating of one service: a window's service for a ticket (one per ticket), or a session's venue or witness service
/// (one per session and service). Both enforced by unique indexes too.
/// </summary>
public sealed class SatisfactionRating : Entity
{
    public const int CommentMaxLength = 300;
    public const int ReasonsMaxLength = 200;

    /// <summary>Reasons a visitor may tick for a bad rating.</summary>
    public static readonly IReadOnlyList<string> BadReasons =
        ["等候时间长", "服务态度差", "业务不熟练", "告知不清楚", "多次跑腿", "系统故障", "其他"];

    private SatisfactionRating() { Reasons = ""; }

    public SatisfactionRating(QueueTicket ticket, RatingLevel level, IEnumerable<string>? reasons, string? comment,
        RatingChannel channel, DateTimeOffset at)
    {
        ticket.MarkRated(at);
        Service = RatedService.Window;
        TicketId = ticket.Id;
        ServiceTypeId = ticket.ServiceTypeId;
        WindowId = ticket.WindowId;
        StaffId = ticket.ServedByStaffId;
        Level = level;
        var picked = (reasons ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
        if (picked.Any(r => !BadReasons.Contains(r)))
            throw new DomainException("Rating.UnknownReason", "差评原因不在可选范围内");
        if (picked.Count > 0 && !IsBad(level))
            throw new DomainException("Rating.ReasonsOnlyForBad", "只有不满意或非常不满意时才选择原因");
        Reasons = string.Join('、', picked);
        Comment = Guard.OptionalText(comment, CommentMaxLength, "评价内容");
        Channel = channel;
        At = at.ToUniversalTime();
    }

    /// <summary>A session's venue or witness service rated through its link (<paramref name="bookingId"/>: the session).</summary>
    public SatisfactionRating(Guid bookingId, RatedService service, RatingLevel level, IEnumerable<string>? reasons, string? comment, DateTimeOffset at)
    {
        if (service == RatedService.Window)
            throw new DomainException("Rating.WindowNeedsTicket", "窗口服务的评价须针对一张号");
        Service = service;
        BookingId = bookingId;
        Level = level;
        var picked = (reasons ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
        var allowed = BadReasonsFor(service);
        if (picked.Any(r => !allowed.Contains(r)))
            throw new DomainException("Rating.UnknownReason", "差评原因不在可选范围内");
        if (picked.Count > 0 && !IsBad(level))
            throw new DomainException("Rating.ReasonsOnlyForBad", "只有不满意或非常不满意时才选择原因");
        Reasons = string.Join('、', picked);
        Comment = Guard.OptionalText(comment, CommentMaxLength, "评价内容");
        Channel = RatingChannel.SessionLink;
        At = at.ToUniversalTime();
    }

    /// <summary>Reasons for a bad rating of a session's venue or witness service.</summary>
    public static readonly IReadOnlyList<string> VenueBadReasons = ["场地设施故障", "环境卫生差", "布场不及时", "服务态度差", "系统故障", "其他"];
    public static readonly IReadOnlyList<string> WitnessBadReasons = ["见证不到位", "程序不规范", "异常处置不及时", "服务态度差", "其他"];

    public static IReadOnlyList<string> BadReasonsFor(RatedService service) => service switch
    {
        RatedService.Venue => VenueBadReasons,
        RatedService.Witness => WitnessBadReasons,
        _ => BadReasons,
    };

    /// <summary>窗口服务 / 场地服务 / 见证服务: the key the statistics count a rating under by service.</summary>
    public static string ServiceText(RatedService service) => service switch
    {
        RatedService.Venue => "场地服务",
        RatedService.Witness => "见证服务",
        _ => "窗口服务",
    };

    public RatedService Service { get; private set; }
    /// <summary>The ticket rated (window service); null for a session's rating.</summary>
    public Guid? TicketId { get; private set; }
    /// <summary>The session rated (venue or witness service); null for a window rating.</summary>
    public Guid? BookingId { get; private set; }
    /// <summary>The ticket's service type (window service); null for a session's rating.</summary>
    public Guid? ServiceTypeId { get; private set; }
    public Guid? WindowId { get; private set; }
    /// <summary>The staff member who served the visitor rated (the ticket's server when rated).</summary>
    public Guid? StaffId { get; private set; }
    public RatingLevel Level { get; private set; }
    /// <summary>Ticked reasons joined with 、 (bad ratings only).</summary>
    public string Reasons { get; private set; }
    public string? Comment { get; private set; }
    public RatingChannel Channel { get; private set; }
    public DateTimeOffset At { get; private set; }
    public bool IsBadRating => IsBad(Level);

    public static bool IsBad(RatingLevel level) => level is RatingLevel.Dissatisfied or RatingLevel.VeryDissatisfied;

    public static string LevelText(RatingLevel level) => level switch
    {
        RatingLevel.VerySatisfied => "非常满意",
        RatingLevel.Satisfied => "满意",
        RatingLevel.Acceptable => "基本满意",
        RatingLevel.Dissatisfied => "不满意",
        RatingLevel.VeryDissatisfied => "非常不满意",
        _ => level.ToString(),
    };

    /// <summary>A bad rating opens a follow-up (差评整改); null for the others.</summary>
    public RatingFollowUp? OpenFollowUp(WorkdayCalendar calendar, int contactWorkingDays, int resolveWorkingDays) =>
        IsBadRating ? new RatingFollowUp(this, calendar, contactWorkingDays, resolveWorkingDays) : null;
}

/// <summary>
/// 差评回访整改: contact the visitor and resolve within working-day deadlines counted on the official calendar
/// (default: contact within 1 working day, resolved within 15 working days).
/// </summary>
public sealed class RatingFollowUp : Entity
{
    public const int TextMaxLength = 500;

    private RatingFollowUp() { }

    internal RatingFollowUp(SatisfactionRating rating, WorkdayCalendar calendar, int contactWorkingDays, int resolveWorkingDays)
    {
        RatingId = rating.Id;
        TicketId = rating.TicketId;
        BookingId = rating.BookingId;
        OpenedAt = rating.At;
        ContactDueAt = calendar.WorkingDaysDeadline(rating.At, contactWorkingDays);
        ResolveDueAt = calendar.WorkingDaysDeadline(rating.At, resolveWorkingDays);
    }

    public Guid RatingId { get; private set; }
    /// <summary>The ticket of a window rating; null for a session's rating (then <see cref="BookingId"/>).</summary>
    public Guid? TicketId { get; private set; }
    public Guid? BookingId { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset ContactDueAt { get; private set; }
    public DateTimeOffset ResolveDueAt { get; private set; }
    public DateTimeOffset? ContactedAt { get; private set; }
    public string? ContactNote { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? Resolution { get; private set; }
    public string? ClosedBy { get; private set; }
    public bool IsClosed => ClosedAt is not null;

    public void RecordContact(string note, DateTimeOffset at)
    {
        if (IsClosed) throw new DomainException("FollowUp.Closed", "该差评回访已关闭");
        ContactNote = Guard.Text(note, TextMaxLength, "回访记录");
        ContactedAt = at.ToUniversalTime();
    }

    public void Close(string resolution, string closedBy, DateTimeOffset at)
    {
        if (IsClosed) throw new DomainException("FollowUp.Closed", "该差评回访已关闭");
        Resolution = Guard.Text(resolution, TextMaxLength, "整改情况");
        ClosedBy = Guard.Text(closedBy, 50, "关闭人");
        ClosedAt = at.ToUniversalTime();
        ContactedAt ??= ClosedAt;
    }

    public bool ContactOverdue(DateTimeOffset now) => ContactedAt is null && now > ContactDueAt;
    public bool ResolveOverdue(DateTimeOffset now) => !IsClosed && now > ResolveDueAt;
}
