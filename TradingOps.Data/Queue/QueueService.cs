using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data.Identity;
using TradingOps.Data.Sqlite;

namespace TradingOps.Data.Queue;

public sealed record CalledTicket(Guid Id, string Code, int WindowNumber);
public sealed record IssuedTicket(Guid Id, string Code, string ServiceTypeName, DateTimeOffset IssuedAt, int WaitingAhead, string RatingToken);

/// <summary>
/// Every change to the queue: one short-lived context per operation, ticket events stored in the same
/// transaction, a live event published after the commit. What is done at a window is done by the staff member
/// signed on there and nobody else (<see cref="ServiceWindow.EnsureOperatedBy"/>): the acting person
/// (<see cref="ICurrentActor"/>) is resolved to their staff record, which is credited on the ticket and its events.
/// </summary>
public sealed class QueueService(
    IDbContextFactory<TradingOpsDbContext> factory,
    ILiveEventPublisher live,
    IWorkdayCalendarProvider calendars,
    IOptions<QueueOptions> options,
    TimeProvider clock,
    SqliteWriteTurns turns,
    ICurrentActor actor)
{
    /// <summary>Roles that may take over a window from the clerk signed on (值班经理, and administrators).</summary>
    public static readonly IReadOnlyList<string> TakeOverRoles = [Roles.DutyManager, Roles.Admin];

    private const int MaxAttempts = 25;

    public async Task<IssuedTicket> IssueAsync(Guid serviceTypeId, TicketChannel channel, bool priority = false,
        string? priorityReason = null, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var type = await db.ServiceTypes.SingleOrDefaultAsync(t => t.Id == serviceTypeId, ct)
                       ?? throw new DomainException("Ticket.UnknownType", "没有这种业务");
            if (!type.IsActive)
                throw new DomainException("Ticket.TypeInactive", $"「{type.Name}」暂停取号");
            var now = clock.GetUtcNow();
            var date = QueueRules.ServiceDateOf(now);
            var prefix = type.Prefix;
            // Highest number of today's tickets with this prefix (QueueRules.NumberedToday), counted by the
            // database rather than by loading every number issued today.
            var highest = await db.QueueTickets.Where(QueueRules.NumberedToday(prefix, date)).MaxAsync(t => (int?)t.Number, ct);
            var ticket = new QueueTicket(type.Id, prefix, date, QueueRules.NextNumber(highest), now, channel, priority, priorityReason);
            db.QueueTickets.Add(ticket);
            db.TicketEvents.AddRange(ticket.TakeEvents());
            try
            {
                await SaveAsync(db, ct);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                continue; // another kiosk took the same number at the same moment: take the next one
            }
            var waiting = await WaitingAsync(db, ct);
            // Everyone of the same type waiting but this ticket is ahead of it or level with it.
            var ahead = Math.Max(0, (waiting.FirstOrDefault(w => w.ServiceTypeId == type.Id)?.Waiting ?? 1) - 1);
            await PublishAsync(db, ticket, TicketEventKind.Issued, null, ct, waiting: waiting);
            return new IssuedTicket(ticket.Id, ticket.Code, type.Name, ticket.IssuedAt, ahead, ticket.RatingToken);
        }
    }

    /// <summary>
    /// Calls the next ticket for the window: priority first, then longest waiting. Two windows never get the
    /// same ticket, and a window never waits behind a slow neighbour longer than one short claim:
    /// <list type="bullet">
    /// <item>SQLite (one writer at a time): the claim is one short write transaction taken in turn
    /// (<see cref="SqliteWriteTurns"/>, BEGIN IMMEDIATE), so the head of the queue read inside it is free.</item>
    /// <item>PostgreSQL: the head row is locked with <c>FOR UPDATE SKIP LOCKED</c>, so parallel windows each
    /// take a different row instead of queueing behind one another.</item>
    /// <item>SQL Server: each ticket row carries a version that every change replaces and the update is
    /// conditional on it; a window that loses the race moves on to another of the first few tickets.</item>
    /// </list>
    /// The ticket's version check applies on every provider. The call is published after the commit.
    /// </summary>
    public async Task<CalledTicket?> CallNextAsync(Guid windowId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var window = await db.ServiceWindows.AsNoTracking().Include(w => w.ServiceTypes).SingleOrDefaultAsync(w => w.Id == windowId, ct)
                     ?? throw new DomainException("ServiceWindow.Unknown", "没有这个窗口");
        var clerk = window.EnsureOperatedBy((await ActingClerkAsync(db, ct))?.StaffId);
        window.EnsureCanCall();
        var typeIds = window.ServiceTypes.Select(t => t.Id).ToList();
        var ticket = db.Database.IsSqlite() ? await ClaimInTurnAsync(db, windowId, typeIds, clerk, ct)
            : db.Database.IsNpgsql() ? await ClaimSkippingLockedAsync(db, windowId, typeIds, clerk, ct)
            : await ClaimByVersionAsync(db, windowId, typeIds, clerk, ct);
        if (ticket is null) return null;
        var waiting = await WaitingAsync(db, ct);
        var acted = db.ServiceWindows.Local.FirstOrDefault(w => w.Id == windowId)?.State();
        await PublishAsync(db, ticket, TicketEventKind.Called, window, ct, clerk, waiting, acted);
        return new CalledTicket(ticket.Id, ticket.Code, window.Number);
    }

    private static async Task EnsureWindowFreeAsync(TradingOpsDbContext db, Guid windowId, CancellationToken ct) =>
        QueueRules.EnsureWindowFree(await db.QueueTickets.AnyAsync(QueueRules.OccupiesWindow(windowId), ct));

    /// <summary>Today's waiting tickets per service type, as of now (carried by the change to hall displays and read models).</summary>
    private async Task<IReadOnlyList<WaitingCount>> WaitingAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var date = QueueRules.ServiceDateOf(clock.GetUtcNow());
        return await db.QueueTickets.Where(t => t.ServiceDate == date && t.Status == TicketStatus.Waiting)
            .GroupBy(t => t.ServiceTypeId).Select(g => new WaitingCount(g.Key, g.Count())).ToListAsync(ct);
    }

    /// <summary>SQLite: the whole claim (is the window free, which ticket is next, take it) in one short turn.</summary>
    private async Task<QueueTicket?> ClaimInTurnAsync(TradingOpsDbContext db, Guid windowId, List<Guid> typeIds, WindowClerk clerk, CancellationToken ct)
    {
        using var turn = await turns.TakeAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // BEGIN IMMEDIATE: the write lock now
        await EnsureWindowFreeAsync(db, windowId, ct);
        var now = clock.GetUtcNow();
        var ticket = await db.QueueTickets.Where(QueueRules.CallableBy(windowId, typeIds, QueueRules.ServiceDateOf(now)))
            .InCallOrder().FirstOrDefaultAsync(ct);
        if (ticket is null) return null;
        ticket.CallTo(windowId, now, clerk);
        db.TicketEvents.AddRange(ticket.TakeEvents());
        await RecordWindowActionAsync(db, windowId, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ticket;
    }

    /// <summary>PostgreSQL: lock the first callable row nobody else holds; parallel windows skip each other's.</summary>
    private async Task<QueueTicket?> ClaimSkippingLockedAsync(TradingOpsDbContext db, Guid windowId, List<Guid> typeIds, WindowClerk clerk, CancellationToken ct)
    {
        await EnsureWindowFreeAsync(db, windowId, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear(); // a retried attempt starts from what the database says
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var now = clock.GetUtcNow();
            var date = QueueRules.ServiceDateOf(now);
            // The rule and order are QueueRules.CallableBy / InCallOrder, as on SQLite and SQL Server; the tag has the
            // row locked FOR UPDATE SKIP LOCKED (RowLockTag) so parallel windows each take a different row.
            var ticket = await db.QueueTickets.TagWith(RowLockTag.SkipLocked).Where(QueueRules.CallableBy(windowId, typeIds, date))
                .InCallOrder().FirstOrDefaultAsync(cancel);
            if (ticket is null) return null;
            ticket.CallTo(windowId, now, clerk);
            db.TicketEvents.AddRange(ticket.TakeEvents());
            await RecordWindowActionAsync(db, windowId, now, cancel);
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return ticket;
        }, ct);
    }

    /// <summary>
    /// SQL Server: read the head of the queue, update conditionally on the row's version; when two windows
    /// pick the same ticket the database lets exactly one update through and the other tries again.
    /// </summary>
    private async Task<QueueTicket?> ClaimByVersionAsync(TradingOpsDbContext db, Guid windowId, List<Guid> typeIds, WindowClerk clerk, CancellationToken ct)
    {
        await EnsureWindowFreeAsync(db, windowId, ct);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow();
            var candidates = await db.QueueTickets.Where(QueueRules.CallableBy(windowId, typeIds, QueueRules.ServiceDateOf(now)))
                .InCallOrder().Take(3).ToListAsync(ct);
            if (candidates.Count == 0) return null;
            // Spread concurrent callers over the head of the queue after a lost race, but always try the first first.
            var ticket = candidates[attempt == 1 ? 0 : Random.Shared.Next(candidates.Count)];
            ticket.CallTo(windowId, now, clerk);
            db.TicketEvents.AddRange(ticket.TakeEvents());
            await RecordWindowActionAsync(db, windowId, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return ticket;
            }
            catch (DbUpdateConcurrencyException)
            {
            }
        }
        throw new DomainException("Queue.Busy", "叫号繁忙，请再按一次");
    }

    /// <summary>The window's clerk acted: idle sign-off counts from now (saved with the action, not audited on its own).</summary>
    private static async Task RecordWindowActionAsync(TradingOpsDbContext db, Guid windowId, DateTimeOffset now, CancellationToken ct) =>
        (await db.ServiceWindows.SingleAsync(w => w.Id == windowId, ct)).RecordAction(now);

    public Task RecallAsync(Guid ticketId, CancellationToken ct = default) =>
        ChangeAsync(ticketId, (t, now, by) => t.Recall(options.Value.MaxRecalls, now, by) ? TicketEventKind.Recalled : TicketEventKind.NoShow, ct);

    public Task NoShowAsync(Guid ticketId, CancellationToken ct = default) =>
        ChangeAsync(ticketId, (t, now, by) => { t.MarkNoShow(now, by); return TicketEventKind.NoShow; }, ct);

    public Task StartServingAsync(Guid ticketId, CancellationToken ct = default) =>
        ChangeAsync(ticketId, (t, now, by) => { t.StartServing(now, by); return TicketEventKind.Serving; }, ct);

    public Task HoldAsync(Guid ticketId, string reason, CancellationToken ct = default) =>
        ChangeAsync(ticketId, (t, now, by) => { t.Hold(reason, now, by); return TicketEventKind.Held; }, ct);

    public Task FinishAsync(Guid ticketId, ServiceOutcome outcome, string? note, CancellationToken ct = default) =>
        ChangeAsync(ticketId, (t, now, by) => { t.Finish(outcome, note, now, by); return TicketEventKind.Finished; }, ct);

    public async Task TransferAsync(Guid ticketId, Guid toServiceTypeId, Guid? toWindowId, CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var type = await db.ServiceTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == toServiceTypeId, ct);
            var window = toWindowId is { } w ? await db.ServiceWindows.AsNoTracking().SingleOrDefaultAsync(x => x.Id == w, ct) : null;
            QueueRules.EnsureTransferTarget(type, toWindowId, window);
        }
        await ChangeAsync(ticketId, (t, now, by) => { t.Transfer(toServiceTypeId, toWindowId, now, by); return TicketEventKind.Transferred; }, ct);
    }

    /// <summary>
    /// A change to a ticket at a window: only the clerk signed on there may make it (another operator is refused
    /// with the reason), and they are credited on the ticket and its event.
    /// </summary>
    private async Task ChangeAsync(Guid ticketId, Func<QueueTicket, DateTimeOffset, WindowClerk?, TicketEventKind> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ticket = await db.QueueTickets.SingleOrDefaultAsync(t => t.Id == ticketId, ct)
                     ?? throw new DomainException("Ticket.Unknown", "没有这张号");
        var windowId = ticket.WindowId;
        var atWindow = windowId is { } id ? await db.ServiceWindows.SingleOrDefaultAsync(w => w.Id == id, ct) : null;
        // A ticket at no window (waiting, finished) has no clerk to check: its own state machine refuses the change.
        var clerk = atWindow?.EnsureOperatedBy((await ActingClerkAsync(db, ct))?.StaffId);
        var now = clock.GetUtcNow();
        var kind = change(ticket, now, clerk);
        atWindow?.RecordAction(now);
        db.TicketEvents.AddRange(ticket.TakeEvents());
        try
        {
            await SaveAsync(db, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Ticket.Changed", $"{ticket.Code} 号刚被其他操作改变，请刷新后再试");
        }
        // Hall displays show how many wait: a change that alters it carries the new counts.
        var waiting = kind is TicketEventKind.Transferred or TicketEventKind.Issued or TicketEventKind.Called ? await WaitingAsync(db, ct) : null;
        await PublishAsync(db, ticket, kind, atWindow, ct, clerk, waiting, atWindow?.State());
    }

    // ---- windows ----

    /// <summary>
    /// Signs the acting person on at the window: the window is bound to their staff record (工号/姓名). Refused
    /// for an account without a staff record, at a window someone else is signed on to, and while they are
    /// signed on at another window.
    /// </summary>
    public async Task SignOnAsync(Guid windowId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var clerk = await RequireStaffAsync(db, ct);
        var window = await FindWindowAsync(db, windowId, ct);
        await EnsureNotSignedOnElsewhereAsync(db, clerk, windowId, ct);
        window.SignOn(clerk, clock.GetUtcNow());
        await SaveWindowAsync(db, window, ct);
    }

    /// <summary>The clerk signs off; a duty manager (or admin) may sign off a window left signed on, too.</summary>
    public async Task SignOffAsync(Guid windowId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var window = await FindWindowAsync(db, windowId, ct);
        if (!window.IsSignedOn) return;
        var acting = await ActingClerkAsync(db, ct);
        if (acting?.StaffId != window.ClerkStaffId && !await IsTakeOverRoleAsync(db, ct))
            window.EnsureOperatedBy(acting?.StaffId); // refuses, saying who is signed on
        window.SignOff();
        await SaveWindowAsync(db, window, ct);
    }

    public Task PauseAsync(Guid windowId, string reason, CancellationToken ct = default) =>
        ChangeWindowAsync(windowId, (w, now) => w.Pause(reason, now), ct);

    public Task ResumeAsync(Guid windowId, CancellationToken ct = default) => ChangeWindowAsync(windowId, (w, _) => w.Resume(), ct);

    /// <summary>
    /// A duty manager (or admin) takes the window over from the clerk signed on, with a reason: the window is bound
    /// to the manager from now on, the reason and both names are kept on the window (and so in the audit trail),
    /// and every ticket at the window gets a TakenOver event saying who took over from whom and why.
    /// </summary>
    public async Task TakeOverAsync(Guid windowId, string reason, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await IsTakeOverRoleAsync(db, ct))
            throw new DomainException("ServiceWindow.TakeOverDenied", "只有值班经理或管理员可以接管窗口");
        var manager = await RequireStaffAsync(db, ct);
        var window = await FindWindowAsync(db, windowId, ct);
        await EnsureNotSignedOnElsewhereAsync(db, manager, windowId, ct);
        var now = clock.GetUtcNow();
        var from = window.TakeOver(manager, reason, now);
        var why = reason.Trim();
        var atWindow = await db.QueueTickets.Where(t => t.WindowId == windowId
            && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving || t.Status == TicketStatus.Held)).ToListAsync(ct);
        foreach (var ticket in atWindow)
        {
            ticket.TakenOver(from, manager, why, now);
            db.TicketEvents.AddRange(ticket.TakeEvents());
        }
        await SaveWindowAsync(db, window, ct);
    }

    /// <summary>Sign-out: every window the person is signed on to is signed off (the person's own action, audited).</summary>
    public async Task<int> SignOffUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var staffIds = await db.Staff.Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync(ct);
        var windows = await db.ServiceWindows.Where(w => w.ClerkStaffId != null && staffIds.Contains(w.ClerkStaffId.Value)).ToListAsync(ct);
        return await SignOffAllAsync(db, windows, ct);
    }

    /// <summary>
    /// Signs off every window whose clerk did nothing there for Queue:WindowIdleSignOffMinutes (run on the live
    /// clock's tick). Returns how many were signed off.
    /// </summary>
    public async Task<int> SignOffIdleAsync(CancellationToken ct = default)
    {
        var idle = TimeSpan.FromMinutes(options.Value.WindowIdleSignOffMinutes);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var idleWindows = await db.ServiceWindows.Where(ServiceWindow.Idle(now, idle)).ToListAsync(ct);
        return await SignOffAllAsync(db, idleWindows.Where(w => w.IsIdle(now, idle)).ToList(), ct);
    }

    private async Task<int> SignOffAllAsync(TradingOpsDbContext db, IReadOnlyList<ServiceWindow> windows, CancellationToken ct)
    {
        if (windows.Count == 0) return 0;
        foreach (var window in windows) window.SignOff();
        await SaveAsync(db, ct);
        foreach (var window in windows) await live.PublishAsync(new WindowStateChanged(clock.GetUtcNow(), window.Id, window.State()), ct);
        return windows.Count;
    }

    /// <summary>Pause and resume: the clerk's own decisions at their window.</summary>
    private async Task ChangeWindowAsync(Guid windowId, Action<ServiceWindow, DateTimeOffset> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var window = await FindWindowAsync(db, windowId, ct);
        window.EnsureOperatedBy((await ActingClerkAsync(db, ct))?.StaffId);
        var now = clock.GetUtcNow();
        change(window, now);
        window.RecordAction(now);
        await SaveWindowAsync(db, window, ct);
    }

    private static async Task<ServiceWindow> FindWindowAsync(TradingOpsDbContext db, Guid windowId, CancellationToken ct) =>
        await db.ServiceWindows.SingleOrDefaultAsync(w => w.Id == windowId, ct)
        ?? throw new DomainException("ServiceWindow.Unknown", "没有这个窗口");

    private async Task SaveWindowAsync(TradingOpsDbContext db, ServiceWindow window, CancellationToken ct)
    {
        await SaveAsync(db, ct);
        await live.PublishAsync(new WindowStateChanged(clock.GetUtcNow(), window.Id, window.State()), ct);
    }

    private static async Task EnsureNotSignedOnElsewhereAsync(TradingOpsDbContext db, WindowClerk clerk, Guid windowId, CancellationToken ct)
    {
        if (await db.ServiceWindows.Where(w => w.ClerkStaffId == clerk.StaffId && w.Id != windowId).Select(w => (int?)w.Number)
                .FirstOrDefaultAsync(ct) is { } other)
            throw new DomainException("ServiceWindow.SignedOnElsewhere", $"您已在 {other} 号窗口签到，请先在该窗口签退");
    }

    /// <summary>The acting person's staff record (an active staff member linked to the signed-in account), or null.</summary>
    private async Task<WindowClerk?> ActingClerkAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        if (who.Kind != ActorKind.User || who.UserId is null) return null;
        var staff = await db.Staff.AsNoTracking().Where(s => s.UserId == who.UserId && s.IsActive).OrderBy(s => s.EmployeeNo).FirstOrDefaultAsync(ct);
        return staff is null ? null : WindowClerk.Of(staff);
    }

    private async Task<WindowClerk> RequireStaffAsync(TradingOpsDbContext db, CancellationToken ct) =>
        await ActingClerkAsync(db, ct)
        ?? throw new DomainException("ServiceWindow.NoStaffRecord", "您的账号没有关联在职工作人员（工号），不能在窗口签到；请管理员在账号管理中为账号关联工号");

    private async Task<bool> IsTakeOverRoleAsync(TradingOpsDbContext db, CancellationToken ct) =>
        await Identity.UserRoles.HasAnyAsync(db, await actor.GetAsync(ct), TakeOverRoles, ct);

    // ---- ratings ----

    /// <summary>Rates a finished ticket (by the secret in its QR code); a bad rating opens a follow-up.</summary>
    public async Task<SatisfactionRating> RateAsync(string ratingToken, RatingLevel level, IEnumerable<string>? reasons,
        string? comment, RatingChannel channel, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ticket = await db.QueueTickets.SingleOrDefaultAsync(t => t.RatingToken == ratingToken, ct)
                     ?? throw new DomainException("Ticket.Unknown", "没有找到这张号，请核对二维码");
        return await RecordRatingAsync(db, ticket, level, reasons, comment, channel, ct);
    }

    /// <summary>
    /// Rates, from a paired counter pad, the ticket just finished at the pad's own window, within
    /// Queue:PadRatingMinutes (<see cref="PadRating"/>); anything else is refused.
    /// </summary>
    public async Task<SatisfactionRating> RateAtPadAsync(Guid padId, Guid ticketId, RatingLevel level, IEnumerable<string>? reasons,
        string? comment, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pad = await db.PairedDevices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == padId, ct)
                  ?? throw new DomainException("Rating.NotAPad", "此设备不是已配对的评价器");
        var ticket = await db.QueueTickets.SingleOrDefaultAsync(t => t.Id == ticketId, ct)
                     ?? throw new DomainException("Ticket.Unknown", "没有找到这张号");
        var now = clock.GetUtcNow();
        var minutes = options.Value.PadRatingMinutes;
        Guid? latest = pad.WindowId is { } windowId
            ? await db.QueueTickets.AsNoTracking().Where(PadRating.FinishedAt(windowId, PadRating.Since(now, minutes)))
                .OrderByDescending(t => t.FinishedAt).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct)
            : null;
        PadRating.EnsureAllowed(pad, ticket, latest, now, minutes);
        return await RecordRatingAsync(db, ticket, level, reasons, comment, RatingChannel.Pad, ct);
    }

    private async Task<SatisfactionRating> RecordRatingAsync(TradingOpsDbContext db, QueueTicket ticket, RatingLevel level,
        IEnumerable<string>? reasons, string? comment, RatingChannel channel, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rating = new SatisfactionRating(ticket, level, reasons, comment, channel, now);
        db.SatisfactionRatings.Add(rating);
        db.TicketEvents.AddRange(ticket.TakeEvents());
        var o = options.Value;
        var followUp = rating.OpenFollowUp(await calendars.GetAsync(ct), o.FollowUpContactWorkingDays, o.FollowUpResolveWorkingDays);
        if (followUp is not null) db.RatingFollowUps.Add(followUp);
        try
        {
            await SaveAsync(db, ct);
        }
        catch (DbUpdateException)
        {
            throw new DomainException("Ticket.AlreadyRated", $"{ticket.Code} 号已经评价过了，每张号只能评价一次");
        }
        await live.PublishAsync(new TicketRated(now, ticket.Id, level, followUp is not null, rating.ServiceTypeId, rating.WindowId), ct);
        return rating;
    }

    public Task RecordFollowUpContactAsync(Guid followUpId, string note, CancellationToken ct = default) =>
        ChangeFollowUpAsync(followUpId, f => f.RecordContact(note, clock.GetUtcNow()), ct);

    public Task CloseFollowUpAsync(Guid followUpId, string resolution, string closedBy, CancellationToken ct = default) =>
        ChangeFollowUpAsync(followUpId, f => f.Close(resolution, closedBy, clock.GetUtcNow()), ct);

    private async Task ChangeFollowUpAsync(Guid id, Action<RatingFollowUp> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var followUp = await db.RatingFollowUps.SingleOrDefaultAsync(f => f.Id == id, ct)
                       ?? throw new DomainException("FollowUp.Unknown", "没有这条差评回访");
        change(followUp);
        await SaveAsync(db, ct);
        await live.PublishAsync(new FollowUpChanged(clock.GetUtcNow(), id), ct);
    }

    /// <summary>
    /// Every queue write is one SaveChanges (one short transaction); on SQLite it takes its turn for the single
    /// writer, so that it and the windows' claims hand the write lock on without colliding (see
    /// <see cref="SqliteWriteTurns"/>). Reads before it and publishing after it are outside the turn.
    /// </summary>
    private async Task SaveAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        using var turn = await turns.TakeAsync(db, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Publishes the change with what screens need to apply it: the ticket, the window after it, the new waiting counts.</summary>
    private async Task PublishAsync(TradingOpsDbContext db, QueueTicket ticket, TicketEventKind kind, ServiceWindow? window, CancellationToken ct,
        WindowClerk? clerk = null, IReadOnlyList<WaitingCount>? waiting = null, WindowState? windowState = null)
    {
        IReadOnlyList<Guid> zones = window is not null
            ? [window.ZoneId]
            : await db.ServiceWindows.Select(w => w.ZoneId).Distinct().ToListAsync(ct);
        await live.PublishAsync(new TicketChanged(clock.GetUtcNow(), ticket.Id, ticket.Code, kind, ticket.ServiceTypeId,
            window?.Id, window?.Number, zones, clerk?.Label, ticket.State(), waiting, windowState), ct);
    }
}
