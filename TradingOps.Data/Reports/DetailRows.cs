using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;

namespace TradingOps.Data.Reports;

/// <summary>One ticket of the window queue, from issue to its end.</summary>
public sealed record TicketDetailRow(
    Guid Id, DateOnly ServiceDate, string Code, string ServiceType, TicketChannel Channel, bool IsPriority, string? Window,
    TicketStatus Status, DateTimeOffset IssuedAt, DateTimeOffset ArrivedAt, DateTimeOffset? FirstCalledAt,
    DateTimeOffset? ServingStartedAt, DateTimeOffset? FinishedAt, ServiceOutcome? Outcome, string? Clerk = null)
{
    /// <summary>The ticket as the figures see it: the detail counts with the same definitions as the statistics.</summary>
    public TicketFacts Facts => new(ServiceType, Window, Clerk, ArrivedAt, FirstCalledAt, ServingStartedAt, FinishedAt, Status);

    /// <summary>等候 (<see cref="QueueFigures.WaitMinutes"/>), unrounded: the sheet's total is the statistics' wait total.</summary>
    public decimal? WaitMinutes => QueueFigures.WaitMinutes(Facts);

    /// <summary>办理 (<see cref="QueueFigures.ServiceMinutes"/>), for tickets served to the end.</summary>
    public decimal? ServiceMinutes => QueueFigures.ServiceMinutes(Facts);

    public bool NoShow => QueueFigures.IsNoShow(Facts);
}

/// <summary>One booking (场次) of a room: booked against actual times.</summary>
public sealed record RoomSessionRow(
    string RoomCode, string RoomName, RoomType RoomType, BookingPurpose Purpose, string ProjectCode, string ProjectName,
    string? Agency, BookingStatus Status, SessionPhase Phase, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt)
{
    /// <summary>The booked span in hours (<see cref="RoomFigures.Hours"/>), unrounded: rounding is the cell format's.</summary>
    public decimal BookedHours => RoomFigures.Hours(EndsAt - StartsAt);

    /// <summary>From the session's start to its end; none until it has ended.</summary>
    public decimal? UsedHours => StartedAt is { } s && EndedAt is { } e ? RoomFigures.Hours(e - s) : null;

    /// <summary>Minutes the session ran past its booked end (<see cref="RoomFigures.OverrunMinutes"/>); none until it has ended.</summary>
    public decimal? OverrunMinutes => EndedAt is { } e ? RoomFigures.OverrunMinutes(EndsAt, StartedAt, e, e) : null;

    /// <summary>Used ÷ booked hours of this one session.</summary>
    public decimal? Utilisation => UsedHours is { } used && BookedHours > 0 ? used / BookedHours : null;
}

/// <summary>
/// One 好差评 rating, with the follow-up a bad one opened. <see cref="Ticket"/> is the ticket code of a window rating and the
/// project code of a session's venue or witness rating (<see cref="Service"/>); <see cref="ServiceDate"/> is the
/// ticket's service day or the day the session began.
/// </summary>
public sealed record RatingDetailRow(
    DateTimeOffset At, string Ticket, DateOnly ServiceDate, string? Window, string ServiceType, RatingLevel Level, string Reasons,
    string? Comment, RatingChannel Channel, DateTimeOffset? ContactDueAt, DateTimeOffset? ContactedAt, DateTimeOffset? ResolveDueAt,
    DateTimeOffset? ClosedAt, string? Resolution, RatedService Service = RatedService.Window)
{
    public bool IsBad => SatisfactionRating.IsBad(Level);

    /// <summary>差评回访 status as of <paramref name="now"/>; none for a good rating.</summary>
    public string? FollowUpStatus(DateTimeOffset now) =>
        !IsBad ? null
        : ContactDueAt is null ? "未建回访"
        : ClosedAt is not null ? "已整改关闭"
        : ContactedAt is not null ? (now > ResolveDueAt ? "已回访，整改逾期" : "已回访，整改中")
        : now > ContactDueAt ? "待回访（已逾期）" : "待回访";
}

/// <summary>A bid opening (开标) of a day, with the staff member responsible for the project.</summary>
public sealed record OpeningRow(DateTimeOffset At, string Code, string Name, TradingCategory Category, TradingMethod Method, string? Agency, string Staff);
