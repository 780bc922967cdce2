using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;

namespace TradingOps.Data.Queue;

/// <summary>
/// What the follow-up list is narrowed to (all optional): a state (none = every follow-up not yet closed), a window by
/// number, the center days the follow-up was opened on, a text found in the ticket or project code, the service, the reasons
/// or the comment.
/// </summary>
public sealed record FollowUpFilter(FollowUpState? State = null, bool All = false, int? Window = null, DateOnly? From = null,
    DateOnly? To = null, string? Text = null);

/// <summary>One page of the follow-up list and how many follow-ups the filter matches in all.</summary>
public sealed record FollowUpPage(IReadOnlyList<FollowUpRow> Rows, int Total);

public sealed record ServiceTypeRow(Guid Id, string Prefix, string Name, int SortOrder, bool IsActive, int WaitingNow);
/// <param name="ClerkName">The staff member signed on, as shown: 工号 / 姓名 (null when nobody is).</param>
/// <param name="TakeOverReason">Set while a duty manager holds the window after taking it over: from whom, and why.</param>
public sealed record WindowRow(Guid Id, Guid ZoneId, int Number, string Name, bool InService, string? ClerkName,
    string? PauseReason, IReadOnlyList<Guid> ServiceTypeIds, string ServiceTypeNames, string? TakeOverReason = null);
/// <param name="Clerk">The clerk who called, as shown: 工号 / 姓名 (staff at work, shown on the public hall display as the standards ask).</param>
public sealed record HallCall(string Code, int WindowNumber, string WindowName, DateTimeOffset At, bool IsRecall, string? Clerk = null);
public sealed record HallView(Guid ZoneId, string ZoneName, IReadOnlyList<HallCall> Calls, IReadOnlyList<ServiceTypeRow> Waiting, DateTimeOffset At);
public sealed record TicketRow(Guid Id, string Code, Guid ServiceTypeId, string ServiceTypeName, TicketStatus Status, bool IsPriority,
    string? PriorityReason, DateTimeOffset ArrivedAt, DateTimeOffset? CalledAt, int RecallCount, Guid? WindowId, string RatingToken,
    DateTimeOffset? RatedAt, ServiceOutcome? Outcome);
public sealed record WindowConsoleView(WindowRow Window, IReadOnlyList<TicketRow> AtWindow, IReadOnlyList<TicketRow> NextUp, int WaitingCount);
public sealed record FollowUpRow(Guid Id, string TicketCode, string ServiceTypeName, int? WindowNumber, RatingLevel Level, string Reasons,
    string? Comment, DateTimeOffset OpenedAt, DateTimeOffset ContactDueAt, DateTimeOffset ResolveDueAt, DateTimeOffset? ContactedAt,
    DateTimeOffset? ClosedAt, string? Resolution, string? ClosedBy);

/// <summary>A service type as the queue's read model holds it (how many wait is counted from its tickets).</summary>
public sealed record QueueTypeSetup(Guid Id, string Prefix, string Name, int SortOrder, bool IsActive);
/// <summary>A window's set-up (what it serves, in service); who is signed on is its <see cref="WindowState"/>.</summary>
public sealed record QueueWindowSetup(Guid Id, Guid ZoneId, int Number, string Name, bool InService, IReadOnlyList<Guid> ServiceTypeIds, string ServiceTypeNames);
/// <summary>A call shown on a hall display, with the ticket it called.</summary>
public sealed record ZoneCall(Guid ZoneId, Guid TicketId, HallCall Call);
/// <summary>Everything the queue's read model holds, read at once: today's tickets, ratings and latest calls, the set-up.</summary>
public sealed record QueueLiveData(DateOnly Date, IReadOnlyList<QueueTypeSetup> Types, IReadOnlyList<QueueWindowSetup> Windows,
    IReadOnlyList<WindowState> WindowStates, IReadOnlyDictionary<Guid, string> Zones, IReadOnlyList<TicketState> Tickets,
    IReadOnlyList<RatingFact> Ratings, IReadOnlyList<ZoneCall> Calls);

/// <summary>Reads for the queue screens: kiosk, window console, hall display, KPIs on the floor board and the wall.</summary>
public sealed class QueueQueries(IDbContextFactory<TradingOpsDbContext> factory, IOptions<QueueOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<ServiceTypeRow>> ServiceTypesAsync(bool activeOnly = true, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var date = QueueRules.ServiceDateOf(clock.GetUtcNow());
        var waiting = await db.QueueTickets.Where(t => t.ServiceDate == date && t.Status == TicketStatus.Waiting)
            .GroupBy(t => t.ServiceTypeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var types = await db.ServiceTypes.AsNoTracking().Where(t => !activeOnly || t.IsActive).OrderBy(t => t.SortOrder).ToListAsync(ct);
        return types.Select(t => new ServiceTypeRow(t.Id, t.Prefix, t.Name, t.SortOrder, t.IsActive, waiting.GetValueOrDefault(t.Id))).ToList();
    }

    public async Task<IReadOnlyList<WindowRow>> WindowsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var windows = await db.ServiceWindows.AsNoTracking().Include(w => w.ServiceTypes).OrderBy(w => w.Number).ToListAsync(ct);
        return windows.Select(ToRow).ToList();
    }

    public async Task<WindowRow?> WindowAsync(int number, CancellationToken ct = default) =>
        (await WindowsAsync(ct)).FirstOrDefault(w => w.Number == number);

    private static WindowRow ToRow(Core.Organisation.ServiceWindow w) =>
        new(w.Id, w.ZoneId, w.Number, w.Name, w.InService, w.IsSignedOn ? w.ClerkName : null, w.PauseReason,
            w.ServiceTypes.Select(t => t.Id).ToList(), string.Join("、", w.ServiceTypes.OrderBy(t => t.SortOrder).Select(t => t.Name)),
            w.IsSignedOn ? w.TakeOverReason : null);

    public async Task<TicketRow?> TicketByTokenAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 40) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var ticket = await db.QueueTickets.AsNoTracking().SingleOrDefaultAsync(t => t.RatingToken == token, ct);
        if (ticket is null) return null;
        var types = await db.ServiceTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return ToRow(ticket, types);
    }

    /// <summary>Tickets of the same type that will be called before this one (0 once it is no longer waiting).</summary>
    public async Task<int> WaitingAheadAsync(Guid ticketId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var t = await db.QueueTickets.AsNoTracking().SingleOrDefaultAsync(x => x.Id == ticketId, ct);
        if (t is null || t.Status != TicketStatus.Waiting) return 0;
        return await db.QueueTickets.CountAsync(x => x.ServiceDate == t.ServiceDate && x.Status == TicketStatus.Waiting
            && x.ServiceTypeId == t.ServiceTypeId && x.Id != t.Id
            && ((x.IsPriority && !t.IsPriority) || (x.IsPriority == t.IsPriority && x.ArrivedAt < t.ArrivedAt)), ct);
    }

    /// <summary>
    /// The ticket a paired counter pad offers: the one just finished at its window, while it is unrated and
    /// within Queue:PadRatingMinutes (<see cref="PadRating"/>, the rule the server checks again on submit).
    /// </summary>
    public async Task<TicketRow?> RatableAtWindowAsync(Guid windowId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var since = PadRating.Since(clock.GetUtcNow(), options.Value.PadRatingMinutes);
        var ticket = await db.QueueTickets.AsNoTracking().Where(PadRating.FinishedAt(windowId, since))
            .OrderByDescending(t => t.FinishedAt).FirstOrDefaultAsync(ct);
        if (ticket is null || ticket.RatedAt is not null) return null;
        var types = await db.ServiceTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return ToRow(ticket, types);
    }

    private static TicketRow ToRow(QueueTicket t, IReadOnlyDictionary<Guid, string> types) =>
        new(t.Id, t.Code, t.ServiceTypeId, types.GetValueOrDefault(t.ServiceTypeId, "?"), t.Status, t.IsPriority, t.PriorityReason,
            t.ArrivedAt, t.CalledAt, t.RecallCount, t.WindowId, t.RatingToken, t.RatedAt, t.Outcome);

    public async Task<IReadOnlyList<FollowUpRow>> FollowUpsAsync(bool openOnly, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from f in db.RatingFollowUps.AsNoTracking()
                          join r in db.SatisfactionRatings on f.RatingId equals r.Id
                          join t in db.QueueTickets on f.TicketId equals (Guid?)t.Id
                          join st in db.ServiceTypes on t.ServiceTypeId equals st.Id
                          join w in db.ServiceWindows on t.WindowId equals w.Id into ws
                          from w in ws.DefaultIfEmpty()
                          where !openOnly || f.ClosedAt == null
                          select new FollowUpRow(f.Id, t.Code, st.Name, w == null ? null : w.Number, r.Level, r.Reasons, r.Comment,
                              f.OpenedAt, f.ContactDueAt, f.ResolveDueAt, f.ContactedAt, f.ClosedAt, f.Resolution, f.ClosedBy))
            .ToListAsync(ct);
        // The same loop for a session's venue and witness ratings (one stream of 好差评): the project code stands for the ticket.
        var sessions = await (from f in db.RatingFollowUps.AsNoTracking()
                              join r in db.SatisfactionRatings on f.RatingId equals r.Id
                              join b in db.RoomBookings on f.BookingId equals (Guid?)b.Id
                              where !openOnly || f.ClosedAt == null
                              select new { f, r.Level, r.Reasons, r.Comment, r.Service, b.ProjectCode })
            .ToListAsync(ct);
        rows.AddRange(sessions.Select(x => new FollowUpRow(x.f.Id, x.ProjectCode, SatisfactionRating.ServiceText(x.Service), null, x.Level, x.Reasons,
            x.Comment, x.f.OpenedAt, x.f.ContactDueAt, x.f.ResolveDueAt, x.f.ContactedAt, x.f.ClosedAt, x.f.Resolution, x.f.ClosedBy)));
        return rows.OrderBy(r => r.ClosedAt is not null).ThenBy(r => r.ResolveDueAt).ToList();
    }

    /// <summary>
    /// One page of the bad-rating follow-ups (window tickets and sessions alike) matching <paramref name="filter"/>, open ones
    /// first by their resolve deadline, and the number matching in all. Four reads whatever the page or the number of
    /// follow-ups: the sort keys of those matching (tickets, sessions), then the rows of the page only.
    /// </summary>
    public async Task<FollowUpPage> FollowUpsPageAsync(FollowUpFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var followUps = db.RatingFollowUps.AsNoTracking();
        if (filter.State is { } state) followUps = followUps.Where(SatisfactionRules.InState(state, clock.GetUtcNow()));
        else if (!filter.All) followUps = followUps.Where(f => f.ClosedAt == null);
        if (filter.From is { } from) { var start = CenterTime.DayBounds(from).Start; followUps = followUps.Where(f => f.OpenedAt >= start); }
        if (filter.To is { } to) { var end = CenterTime.DayBounds(to).End; followUps = followUps.Where(f => f.OpenedAt < end); }
        var text = string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text.Trim();

        var tickets = from f in followUps
                      join r in db.SatisfactionRatings on f.RatingId equals r.Id
                      join t in db.QueueTickets on f.TicketId equals (Guid?)t.Id
                      join st in db.ServiceTypes on t.ServiceTypeId equals st.Id
                      join w in db.ServiceWindows on t.WindowId equals w.Id into ws
                      from w in ws.DefaultIfEmpty()
                      select new { f, r, t.Code, Type = st.Name, Window = w == null ? (int?)null : w.Number };
        if (filter.Window is { } number) tickets = tickets.Where(x => x.Window == number);
        if (text is not null) tickets = tickets.Where(x => x.Code.Contains(text) || x.Type.Contains(text) || x.r.Reasons.Contains(text)
                                                           || (x.r.Comment != null && x.r.Comment.Contains(text)));
        var sessions = from f in followUps
                       join r in db.SatisfactionRatings on f.RatingId equals r.Id
                       join b in db.RoomBookings on f.BookingId equals (Guid?)b.Id
                       select new { f, r, b.ProjectCode };
        if (filter.Window is not null) sessions = sessions.Where(_ => false); // a session has no window
        if (text is not null)
        {
            var services = Enum.GetValues<RatedService>().Where(s => SatisfactionRating.ServiceText(s).Contains(text, StringComparison.Ordinal)).ToList();
            sessions = sessions.Where(x => x.ProjectCode.Contains(text) || services.Contains(x.r.Service) || x.r.Reasons.Contains(text)
                                           || (x.r.Comment != null && x.r.Comment.Contains(text)));
        }

        var keys = (await tickets.Select(x => new { x.f.Id, Closed = x.f.ClosedAt != null, x.f.ResolveDueAt }).ToListAsync(ct))
            .Concat(await sessions.Select(x => new { x.f.Id, Closed = x.f.ClosedAt != null, x.f.ResolveDueAt }).ToListAsync(ct))
            .OrderBy(k => k.Closed).ThenBy(k => k.ResolveDueAt).ThenBy(k => k.Id).ToList();
        var ids = keys.Skip(Math.Max(0, page - 1) * pageSize).Take(pageSize).Select(k => k.Id).ToList();
        if (ids.Count == 0) return new FollowUpPage([], keys.Count);

        var rows = await tickets.Where(x => ids.Contains(x.f.Id))
            .Select(x => new FollowUpRow(x.f.Id, x.Code, x.Type, x.Window, x.r.Level, x.r.Reasons, x.r.Comment, x.f.OpenedAt, x.f.ContactDueAt,
                x.f.ResolveDueAt, x.f.ContactedAt, x.f.ClosedAt, x.f.Resolution, x.f.ClosedBy)).ToListAsync(ct);
        var sessionRows = await sessions.Where(x => ids.Contains(x.f.Id))
            .Select(x => new { x.f, x.r.Level, x.r.Reasons, x.r.Comment, x.r.Service, x.ProjectCode }).ToListAsync(ct);
        rows.AddRange(sessionRows.Select(x => new FollowUpRow(x.f.Id, x.ProjectCode, SatisfactionRating.ServiceText(x.Service), null, x.Level, x.Reasons,
            x.Comment, x.f.OpenedAt, x.f.ContactDueAt, x.f.ResolveDueAt, x.f.ContactedAt, x.f.ClosedAt, x.f.Resolution, x.f.ClosedBy)));
        var order = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        return new FollowUpPage(rows.OrderBy(r => order[r.Id]).ToList(), keys.Count);
    }

    /// <summary>
    /// The queue's live state for a node's read model, in one read: the set-up, today's tickets and ratings, and the
    /// latest <paramref name="calls"/> calls of each hall.
    /// </summary>
    public async Task<QueueLiveData> LiveDataAsync(int calls = 8, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var date = QueueRules.ServiceDateOf(now);
        var types = await db.ServiceTypes.AsNoTracking().OrderBy(t => t.SortOrder)
            .Select(t => new QueueTypeSetup(t.Id, t.Prefix, t.Name, t.SortOrder, t.IsActive)).ToListAsync(ct);
        var windows = await db.ServiceWindows.AsNoTracking().Include(w => w.ServiceTypes).OrderBy(w => w.Number).ToListAsync(ct);
        var zoneIds = windows.Select(w => w.ZoneId).Distinct().ToList();
        var zones = await db.Zones.AsNoTracking().Where(z => zoneIds.Contains(z.Id)).ToDictionaryAsync(z => z.Id, z => z.Name, ct);
        var tickets = (await db.QueueTickets.AsNoTracking().Where(t => t.ServiceDate == date).ToListAsync(ct)).Select(t => t.State()).ToList();
        var (start, end) = CenterTime.DayBounds(date);
        var ratings = await db.SatisfactionRatings.AsNoTracking().Where(r => r.At >= start && r.At < end && r.Service == RatedService.Window)
            .Select(r => new RatingFact(r.ServiceTypeId!.Value, r.WindowId, r.Level)).ToListAsync(ct);
        var zoneCalls = new List<ZoneCall>();
        foreach (var zone in zoneIds.Where(zones.ContainsKey))
        {
            var hall = await CallsAsync(db, windows.Where(w => w.ZoneId == zone).ToDictionary(w => w.Id), start, calls, ct);
            zoneCalls.AddRange(hall.Select(c => new ZoneCall(zone, c.TicketId, c.Call)));
        }
        return new QueueLiveData(date, types,
            windows.Select(w => new QueueWindowSetup(w.Id, w.ZoneId, w.Number, w.Name, w.InService, w.ServiceTypes.Select(t => t.Id).ToList(),
                string.Join("、", w.ServiceTypes.OrderBy(t => t.SortOrder).Select(t => t.Name)))).ToList(),
            windows.Select(w => w.State()).ToList(), zones, tickets, ratings, zoneCalls);
    }

    /// <summary>The latest calls at the windows of one hall today, newest first, with who called.</summary>
    private static async Task<IReadOnlyList<(Guid TicketId, HallCall Call)>> CallsAsync(TradingOpsDbContext db,
        IReadOnlyDictionary<Guid, Core.Organisation.ServiceWindow> inZone, DateTimeOffset start, int calls, CancellationToken ct)
    {
        var ids = inZone.Keys.ToList();
        var events = await db.TicketEvents.AsNoTracking()
            .Where(e => e.At >= start && e.WindowId != null && ids.Contains(e.WindowId.Value)
                        && (e.Kind == TicketEventKind.Called || e.Kind == TicketEventKind.Recalled))
            .OrderByDescending(e => e.At).Take(calls)
            .Join(db.QueueTickets, e => e.TicketId, t => t.Id, (e, t) => new { e.At, e.Kind, e.WindowId, e.StaffId, e.TicketId, t.Code })
            .ToListAsync(ct);
        var staffIds = events.Where(e => e.StaffId != null).Select(e => e.StaffId!.Value).Distinct().ToList();
        var clerks = staffIds.Count == 0 ? [] : (await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).Select(s => new { s.Id, s.EmployeeNo, s.Name }).ToListAsync(ct))
            .ToDictionary(s => s.Id, s => Core.Organisation.WindowClerk.LabelOf(s.EmployeeNo, s.Name));
        return events.OrderByDescending(e => e.At)
            .Select(e => (e.TicketId, new HallCall(e.Code, inZone[e.WindowId!.Value].Number, inZone[e.WindowId.Value].Name, e.At, e.Kind == TicketEventKind.Recalled,
                e.StaffId is { } clerk ? clerks.GetValueOrDefault(clerk) : null)))
            .ToList();
    }

    /// <summary>Today's KPIs, per service type, per window and overall, from today's tickets (the rule: <see cref="LiveQueueKpis"/>).</summary>
    public async Task<QueueKpis> KpisAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var date = QueueRules.ServiceDateOf(now);
        var tickets = (await db.QueueTickets.AsNoTracking().Where(t => t.ServiceDate == date).ToListAsync(ct)).Select(t => t.State()).ToList();
        var (start, end) = CenterTime.DayBounds(date);
        var ratings = await db.SatisfactionRatings.AsNoTracking().Where(r => r.At >= start && r.At < end && r.Service == RatedService.Window)
            .Select(r => new RatingFact(r.ServiceTypeId!.Value, r.WindowId, r.Level)).ToListAsync(ct);
        var types = await db.ServiceTypes.AsNoTracking().OrderBy(t => t.SortOrder).Select(t => new KpiGroup(t.Id, t.Prefix, t.Name, t.IsActive)).ToListAsync(ct);
        var windows = (await db.ServiceWindows.AsNoTracking().OrderBy(w => w.Number).Select(w => new { w.Id, w.Number, w.Name }).ToListAsync(ct))
            .Select(w => new KpiGroup(w.Id, w.Number.ToString(), w.Name)).ToList();
        return LiveQueueKpis.Of(tickets, ratings, types, windows, now, options.Value.TargetWaitMinutes);
    }
}
