using TradingOps.Core.Calendar;
using TradingOps.Core.Queue;
using TradingOps.Core.Registrations;

namespace TradingOps.Core.Wall;

/// <summary>Section "Wall": when waits at the windows and registrations become alerts on the duty wall (issue 22).</summary>
public sealed class WallAlertOptions
{
    public const string Section = "Wall";

    /// <summary>A ticket still waiting this many minutes after it arrived is a wall alert until it is called.</summary>
    public int LongWaitMinutes { get; set; } = 20;

    /// <summary>
    /// A registration waiting on the center becomes a wall alert this many minutes after its 办结时限 (the desk's own
    /// deadline, <see cref="ServiceTimePolicy"/>); 0: as soon as it is overdue.
    /// </summary>
    public int RegistrationOverdueMinutes { get; set; }

    /// <summary>The registration list on the wall shows this many rows a page (what fits under the header and the alert strip).</summary>
    public int RegistrationRowsPerPage { get; set; } = 8;

    /// <summary>The alerts panel shows this many alerts a page.</summary>
    public int AlertRowsPerPage { get; set; } = 12;

    /// <summary>A list longer than a page turns its page every this many seconds: nobody touches the wall, every row comes round.</summary>
    public int PageSeconds { get; set; } = 10;

    /// <summary>The alert strip over every panel names this many of the most urgent alerts, then "and N more".</summary>
    public int StripItems { get; set; } = 3;

    /// <summary>Null when the options can be used; otherwise what to fix, in words a person can act on.</summary>
    public string? Problem() =>
        LongWaitMinutes is < 1 or > 480 ? "Wall:LongWaitMinutes 必须在 1 到 480 分钟之间"
        : RegistrationOverdueMinutes is < 0 or > 1440 ? "Wall:RegistrationOverdueMinutes 必须在 0 到 1440 分钟之间"
        : RegistrationRowsPerPage is < 1 or > 20 ? "Wall:RegistrationRowsPerPage 必须在 1 到 20 行之间"
        : AlertRowsPerPage is < 1 or > 20 ? "Wall:AlertRowsPerPage 必须在 1 到 20 行之间"
        : PageSeconds is < 3 or > 120 ? "Wall:PageSeconds 必须在 3 到 120 秒之间"
        : StripItems is < 1 or > 6 ? "Wall:StripItems 必须在 1 到 6 条之间"
        : null;
}

/// <summary>A ticket waiting past the threshold: its code, type and how long it has waited (no person is named).</summary>
public sealed record LongWaitAlert(Guid TicketId, string Code, Guid ServiceTypeId, DateTimeOffset ArrivedAt, TimeSpan Waited);

/// <summary>The page of a list a wall shows at <paramref name="now"/>: pages turn by the clock, so every wall agrees and no state is kept.</summary>
public static class WallPaging
{
    public static int PageAt(DateTimeOffset now, int pages, int pageSeconds) =>
        pages <= 1 ? 0 : (int)(now.ToUnixTimeSeconds() / Math.Max(1, pageSeconds) % pages);
}

/// <summary>A registration past its deadline: its code and how long overdue (never the project name on the strip).</summary>
public sealed record OverdueRegistrationAlert(Guid Id, string Code, DateTimeOffset DueAt, TimeSpan OverdueBy);

/// <summary>
/// Which waits and which registrations are wall alerts: one home for the rule (the wall's alert strip and its alerts
/// panel both read it). An alert holds while its condition does: a long wait clears when the ticket is called (it is
/// no longer waiting), an overdue registration when the desk handles it (it no longer waits on the center).
/// </summary>
public static class WallAlertRules
{
    /// <summary>Today's tickets still waiting at least <see cref="WallAlertOptions.LongWaitMinutes"/> since they arrived, longest first.</summary>
    public static IReadOnlyList<LongWaitAlert> LongWaits(IEnumerable<TicketState> tickets, DateOnly serviceDate, DateTimeOffset now, WallAlertOptions options)
    {
        var threshold = TimeSpan.FromMinutes(options.LongWaitMinutes);
        return tickets
            .Where(t => t.Status == TicketStatus.Waiting && t.ServiceDate == serviceDate && now - t.ArrivedAt >= threshold)
            .OrderBy(t => t.ArrivedAt).ThenBy(t => t.Number)
            .Select(t => new LongWaitAlert(t.Id, t.Code, t.ServiceTypeId, t.ArrivedAt, now - t.ArrivedAt))
            .ToList();
    }

    /// <summary>
    /// Registrations waiting on the center that the desk's rule calls overdue (<see cref="ServiceTimePolicy.UrgencyAt"/>)
    /// and that are at least <see cref="WallAlertOptions.RegistrationOverdueMinutes"/> past their deadline, most overdue first.
    /// </summary>
    public static IReadOnlyList<OverdueRegistrationAlert> OverdueRegistrations(IEnumerable<PendingRegistrationRow> open, DateTimeOffset now,
        WorkdayCalendar calendar, WallAlertOptions options)
    {
        var grace = TimeSpan.FromMinutes(options.RegistrationOverdueMinutes);
        return open
            .Where(r => r.Status.IsWaitingOnCenter() && r.DueAt is { } due
                        && ServiceTimePolicy.UrgencyAt(due, now, calendar) == RegistrationUrgency.Overdue && now - due >= grace)
            .OrderBy(r => r.DueAt).ThenBy(r => r.Code)
            .Select(r => new OverdueRegistrationAlert(r.Id, r.Code, r.DueAt!.Value, now - r.DueAt.Value))
            .ToList();
    }
}
