using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Notifications;
using TradingOps.Core.Witness;
using TradingOps.Data.Floor;

namespace TradingOps.Data.Witness;

/// <summary>What the witness enters to raise an incident: on a session (<paramref name="BookingId"/>) or a whole project (<paramref name="ProjectCode"/>).</summary>
public sealed record IncidentRequest(IncidentCategory Category, IncidentScope Scope, string Description, Guid? BookingId, string? ProjectCode,
    bool SuspendNow, string? SuspendReason = null);

/// <summary>
/// 异常事件与暂停 (issue 19 item 3; Liaoning 6.5.8–6.5.9, Yunnan 5.4.6–5.4.7). Each action is ONE transaction that
/// holds the rooms of every session it touches (taken in Guid order, as every booking change does), changes the
/// sessions (suspend, resume, end; a project's upcoming bookings carry "项目暂停"), the incident, appends the witness
/// entries (the incident's and each session's system entry) and adds the outbox messages to every related party; a
/// failure anywhere leaves nothing. The floor hears of each session after commit, so the floor board, the wall, door
/// plates and the public page update live. Only operators act (<see cref="WitnessActors.EnsureMayRecordAsync"/>).
/// </summary>
public sealed class IncidentService(
    IDbContextFactory<TradingOpsDbContext> factory,
    ICurrentActor actor,
    ILiveEventPublisher live,
    TimeProvider clock,
    IOptions<WitnessOptions> options)
{
    private WitnessOptions Options => options.Value;

    public async Task<Incident> RaiseAsync(IncidentRequest request, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        string code;
        Guid? projectId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await WitnessActors.EnsureMayRecordAsync(db, who, ct);
            if (request.BookingId is { } bookingId)
            {
                var b = await db.RoomBookings.AsNoTracking().Where(x => x.Id == bookingId).Select(x => new { x.ProjectCode, x.ProjectId }).SingleOrDefaultAsync(ct)
                        ?? throw new DomainException("Incident.BookingNotFound", "场次不存在");
                (code, projectId) = (b.ProjectCode, b.ProjectId);
            }
            else if (request.Scope == IncidentScope.Session)
                throw new DomainException("Incident.SessionRequired", "场次级异常事件必须指明场次");
            else
            {
                code = Guard(request.ProjectCode);
                projectId = await db.TradingProjects.Where(p => p.Code == code).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
            }
        }
        var suspendReason = request.SuspendNow ? (string.IsNullOrWhiteSpace(request.SuspendReason) ? DefaultReason(request.Category) : request.SuspendReason) : null;
        var scopeBookings = request.Scope == IncidentScope.Session ? [request.BookingId!.Value] : (IReadOnlyList<Guid>)[];
        return await ActAsync(code, request.Scope, scopeBookings, who, async (db, sessions, now) =>
        {
            var incident = Incident.Raise(code, projectId, request.BookingId, request.Category, request.Scope, request.Description,
                who.Name, now, TimeSpan.FromHours(Options.IncidentReportHours));
            db.Incidents.Add(incident);
            await AppendAsync(db, incident, WitnessCodes.IncidentRaised,
                $"异常事件 {incident.Number}（{IncidentNotices.CategoryName(incident.Category)}，{ScopeName(incident.Scope)}）：{incident.Description}", who, now, ct);
            if (request.SuspendNow)
            {
                incident.Suspend(suspendReason!, who.Name, now);
                await SuspendSessionsAsync(db, incident, sessions, suspendReason!, who, now, ct);
                await NotifyAsync(db, incident, IncidentAction.Suspended, sessions, suspendReason, now, ct);
            }
            else
                await NotifyAsync(db, incident, IncidentAction.Raised, [], null, now, ct);
            return incident;
        }, ct);
    }

    public Task<Incident> SuspendAsync(Guid incidentId, string reason, CancellationToken ct = default) =>
        ChangeAsync(incidentId, async (db, incident, sessions, who, now) =>
        {
            incident.Suspend(reason, who.Name, now);
            await SuspendSessionsAsync(db, incident, sessions, reason, who, now, ct);
            await NotifyAsync(db, incident, IncidentAction.Suspended, sessions, reason, now, ct);
        }, ct);

    public Task<Incident> ResumeAsync(Guid incidentId, string? note, CancellationToken ct = default) =>
        ChangeAsync(incidentId, async (db, incident, sessions, who, now) =>
        {
            var since = incident.SuspendedAt;
            incident.Resume(note, who.Name, now);
            var resumed = new List<RoomBooking>();
            foreach (var b in sessions)
            {
                if (b.ProjectSuspended) { b.ClearProjectSuspended(); resumed.Add(b); }
                // A session suspended by another incident before this one stays suspended until that one resumes it.
                if (b.Phase == SessionPhase.Suspended && (incident.Scope == IncidentScope.Session || b.SuspendedAt >= since))
                {
                    b.Resume(now);
                    await WitnessLog.AppendAsync(db, SessionEntry(b, SessionStep.Resumed, null, incident, who, now), now, ct);
                    resumed.Add(b);
                }
            }
            await AppendAsync(db, incident, WitnessCodes.IncidentResumed, $"恢复交易{(string.IsNullOrWhiteSpace(note) ? "" : "：" + note.Trim())}", who, now, ct);
            await NotifyAsync(db, incident, IncidentAction.Resumed, resumed, note, now, ct);
        }, ct);

    public Task<Incident> TerminateAsync(Guid incidentId, string reason, CancellationToken ct = default) =>
        ChangeAsync(incidentId, async (db, incident, sessions, who, now) =>
        {
            incident.Terminate(reason, who.Name, now);
            var ended = new List<RoomBooking>();
            foreach (var b in sessions.Where(b => b.HoldsRoom || b.Phase is SessionPhase.InSession or SessionPhase.Suspended))
            {
                var running = b.Phase is SessionPhase.InSession or SessionPhase.Suspended;
                b.EndForTermination(Clip($"终止：{reason.Trim()}", RoomBooking.ReasonMaxLength), now);
                if (running) await WitnessLog.AppendAsync(db, SessionEntry(b, SessionStep.Ended, reason, incident, who, now), now, ct);
                ended.Add(b);
            }
            await AppendAsync(db, incident, WitnessCodes.IncidentTerminated, $"终止交易：{reason.Trim()}", who, now, ct);
            await NotifyAsync(db, incident, IncidentAction.Terminated, ended, reason, now, ct);
        }, ct);

    public Task<Incident> CloseAsync(Guid incidentId, string? note, CancellationToken ct = default) =>
        ChangeAsync(incidentId, async (db, incident, sessions, who, now) =>
        {
            var stillSuspended = sessions.Count(b => b.ProjectSuspended || (b.Phase == SessionPhase.Suspended
                && (incident.Scope == IncidentScope.Session || b.SuspendedAt >= incident.SuspendedAt)));
            incident.Close(note, who.Name, now, stillSuspended);
            await AppendAsync(db, incident, WitnessCodes.IncidentClosed, $"异常事件处置完毕{(string.IsNullOrWhiteSpace(note) ? "" : "：" + note.Trim())}", who, now, ct);
        }, ct);

    public Task<Incident> TickAsync(Guid incidentId, string itemCode, CancellationToken ct = default) =>
        SimpleAsync(incidentId, async (db, incident, who, now) =>
        {
            var tick = incident.Tick(itemCode, who.Name, now);
            db.IncidentTicks.Add(tick);
            await AppendAsync(db, incident, WitnessCodes.IncidentTicked, $"处置清单：{IncidentChecklists.Item(incident.Category, itemCode).Text}", who, now, ct);
        }, ct);

    public Task<Incident> RecordReportAsync(Guid incidentId, IncidentReportChannel channel, string reference, CancellationToken ct = default) =>
        SimpleAsync(incidentId, async (db, incident, who, now) =>
        {
            incident.RecordReport(channel, reference, who.Name, now);
            var late = now > incident.ReportDueAt ? "（已超过报告时限）" : "";
            await AppendAsync(db, incident, WitnessCodes.IncidentReported,
                $"已向{Options.DepartmentName}报告（{ChannelName(channel)}，{incident.ReportReference}）{late}", who, now, ct);
        }, ct);

    public Task<Incident> RecordFeedbackAsync(Guid incidentId, string feedback, CancellationToken ct = default) =>
        SimpleAsync(incidentId, async (db, incident, who, now) =>
        {
            incident.RecordFeedback(feedback, who.Name, now);
            await AppendAsync(db, incident, WitnessCodes.IncidentFeedback, $"{Options.DepartmentName}反馈：{incident.Feedback}", who, now, ct);
        }, ct);

    public static string ChannelName(IncidentReportChannel channel) => channel switch
    {
        IncidentReportChannel.Phone => "电话",
        IncidentReportChannel.Sms => "短信",
        IncidentReportChannel.Email => "电子邮件",
        IncidentReportChannel.Document => "书面报告",
        _ => "监管平台",
    };

    public static string DefaultReason(IncidentCategory category) => IncidentNotices.CategoryName(category);

    private static string ScopeName(IncidentScope scope) => scope == IncidentScope.Project ? "整个项目" : "本场次";

    private static string Guard(string? projectCode) =>
        string.IsNullOrWhiteSpace(projectCode) ? throw new DomainException("Incident.ProjectRequired", "请指明项目编号") : projectCode.Trim();

    /// <summary>An incident change that touches sessions: under their rooms' locks.</summary>
    private async Task<Incident> ChangeAsync(Guid incidentId,
        Func<TradingOpsDbContext, Incident, IReadOnlyList<RoomBooking>, Actor, DateTimeOffset, Task> change, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        Incident found;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await WitnessActors.EnsureMayRecordAsync(db, who, ct);
            found = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, ct)
                    ?? throw new DomainException("Incident.NotFound", "异常事件不存在");
        }
        return await ActAsync(found.ProjectCode, found.Scope, found.BookingId is { } b ? [b] : [], who, async (db, sessions, now) =>
        {
            var incident = await db.Incidents.Include(i => i.Ticks).SingleAsync(i => i.Id == incidentId, ct);
            await change(db, incident, sessions, who, now);
            return incident;
        }, ct);
    }

    /// <summary>An incident change that touches no session (a tick, the report, the feedback): its own transaction.</summary>
    private async Task<Incident> SimpleAsync(Guid incidentId, Func<TradingOpsDbContext, Incident, Actor, DateTimeOffset, Task> change, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await WitnessActors.EnsureMayRecordAsync(db, who, ct);
        var incident = await WitnessLedger.InTransactionAsync(db, async () =>
        {
            var incident = await db.Incidents.Include(i => i.Ticks).SingleOrDefaultAsync(i => i.Id == incidentId, ct)
                           ?? throw new DomainException("Incident.NotFound", "异常事件不存在");
            await change(db, incident, who, clock.GetUtcNow());
            return incident;
        }, ct);
        await live.PublishAsync(new IncidentChanged(clock.GetUtcNow(), incident.ToRow()), ct);
        return incident;
    }

    /// <summary>
    /// Reads the sessions in scope (the booking, or every session of the project still to run or running), locks their
    /// rooms in Guid order, re-reads them under the locks and runs the work; after commit publishes each session's row.
    /// </summary>
    private async Task<Incident> ActAsync(string projectCode, IncidentScope scope, IReadOnlyList<Guid> bookingIds, Actor who,
        Func<TradingOpsDbContext, IReadOnlyList<RoomBooking>, DateTimeOffset, Task<Incident>> work, CancellationToken ct)
    {
        List<Guid> rooms;
        await using (var db = await factory.CreateDbContextAsync(ct))
            rooms = await ScopeQuery(db, projectCode, scope, bookingIds).Select(b => b.RoomId).Distinct().ToListAsync(ct);
        List<RoomBooking> touched = [];
        var incident = await BookingService.InRoomsLockAsync(factory, rooms, async db =>
        {
            var now = clock.GetUtcNow();
            var sessions = await ScopeQuery(db, projectCode, scope, bookingIds).OrderBy(b => b.StartsAt).ToListAsync(ct);
            if (sessions.Any(b => !rooms.Contains(b.RoomId)))
                throw new DomainException("Incident.Stale", "项目的场次刚有变动，请重试");
            if (scope == IncidentScope.Session && sessions.Count == 0)
                throw new DomainException("Incident.SessionClosed", "该场次已取消或已结束，不能再处置");
            var before = sessions.ToDictionary(b => b.Id, b => (b.Phase, b.Status, b.ProjectSuspendedAt));
            var result = await work(db, sessions, now);
            touched = sessions.Where(b => before[b.Id] != (b.Phase, b.Status, b.ProjectSuspendedAt)).ToList();
            return result;
        }, ct);
        var at = clock.GetUtcNow();
        foreach (var b in touched)
            await live.PublishAsync(b.Status == BookingStatus.Cancelled ? new BookingCancelled(at, b.ToRow())
                : new SessionChanged(at, b.ToRow(), b.Phase switch
                {
                    SessionPhase.Suspended => SessionStep.Suspended,
                    SessionPhase.Ended => SessionStep.Ended,
                    SessionPhase.InSession => SessionStep.Resumed,
                    _ => b.ProjectSuspended ? SessionStep.Suspended : SessionStep.Resumed,
                }), ct);
        await live.PublishAsync(new IncidentChanged(at, incident.ToRow()), ct);
        return incident;
    }

    /// <summary>The sessions an incident acts on: its booking (unless closed), or the project's bookings that hold a room or run.</summary>
    private static IQueryable<RoomBooking> ScopeQuery(TradingOpsDbContext db, string projectCode, IncidentScope scope, IReadOnlyList<Guid> bookingIds)
    {
        var holding = RoomBooking.HoldingStatuses;
        if (scope == IncidentScope.Session)
            return db.RoomBookings.Where(b => bookingIds.Contains(b.Id));
        var code = projectCode.Trim();
        return db.RoomBookings.Where(b => b.ProjectCode == code
            && (b.Phase == SessionPhase.InSession || b.Phase == SessionPhase.Suspended || (holding.Contains(b.Status) && b.Phase != SessionPhase.Ended)));
    }

    private async Task SuspendSessionsAsync(TradingOpsDbContext db, Incident incident, IReadOnlyList<RoomBooking> sessions, string reason,
        Actor who, DateTimeOffset now, CancellationToken ct)
    {
        var shortReason = $"{IncidentNotices.CategoryName(incident.Category)}：{reason.Trim()}";
        shortReason = Clip(shortReason, RoomBooking.ReasonMaxLength);
        if (incident.Scope == IncidentScope.Session)
        {
            var b = sessions.Single();
            if (b.Phase == SessionPhase.Ended) throw new DomainException("Session.Ended", "会议已经结束，不能暂停");
            if (b.Phase is SessionPhase.NotStarted or SessionPhase.CheckedIn)
                throw new DomainException("Session.NotRunning", "会议尚未开始，不能暂停：未开始的场次请暂停整个项目，或在开始前处理");
            b.Suspend(shortReason, now);
            await WitnessLog.AppendAsync(db, SessionEntry(b, SessionStep.Suspended, reason, incident, who, now), now, ct);
        }
        else
        {
            foreach (var b in sessions)
            {
                if (b.Phase == SessionPhase.InSession)
                {
                    b.Suspend(shortReason, now);
                    await WitnessLog.AppendAsync(db, SessionEntry(b, SessionStep.Suspended, reason, incident, who, now), now, ct);
                }
                else if (b.Phase is SessionPhase.NotStarted or SessionPhase.CheckedIn && b.HoldsRoom)
                    b.MarkProjectSuspended(now);
            }
        }
        await AppendAsync(db, incident, WitnessCodes.IncidentSuspended,
            $"{(incident.Scope == IncidentScope.Project ? "项目暂停" : "场次暂停")}：{reason.Trim()}", who, now, ct);
    }

    /// <summary>Every related party: each affected booking's agency contact, the supervising department, the project's responsible staff.</summary>
    private async Task NotifyAsync(TradingOpsDbContext db, Incident incident, IncidentAction action, IReadOnlyList<RoomBooking> sessions,
        string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var center = await BookingOutbox.CenterNameAsync(db, ct);
        var roomIds = sessions.Select(b => b.RoomId).Distinct().ToList();
        var roomNames = await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var messages = new List<OutboxMessage>();
        var sent = new HashSet<(NotificationChannel, string)>();
        foreach (var b in sessions)
            foreach (var m in IncidentNotices.ForAgency(action, incident, b, roomNames[b.RoomId], center, reason, now))
                if (sent.Add((m.Channel, m.Address))) messages.Add(m); // one message per address, however many sessions it has
        var described = sessions.Select(b => $"{roomNames[b.RoomId]} {BookingNotices.Slot(b.StartsAt, b.EndsAt)}").ToList();
        messages.AddRange(IncidentNotices.ForDepartment(action, incident, Options, described, center, reason, now));
        var staff = await (from p in db.TradingProjects.AsNoTracking()
                           join s in db.Staff.AsNoTracking() on p.ResponsibleStaffId equals s.Id
                           where p.Code == incident.ProjectCode && s.IsActive
                           select new { s.Name, s.Phone }).FirstOrDefaultAsync(ct);
        if (staff is not null && IncidentNotices.ForStaff(action, incident, staff.Name, staff.Phone, center, reason, now) is { } toStaff)
            messages.Add(toStaff);
        db.OutboxMessages.AddRange(messages);
        db.IncidentNotices.AddRange(messages.Select(m => new IncidentNotice(incident.Id, m.Id)));
    }

    private static string DataOf(Incident incident) =>
        JsonSerializer.Serialize(new { incident = incident.Id, category = incident.Category.ToString(), scope = incident.Scope.ToString() });

    private static Task AppendAsync(TradingOpsDbContext db, Incident incident, string code, string text, Actor who, DateTimeOffset now, CancellationToken ct) =>
        WitnessLog.AppendAsync(db, new WitnessDraft(incident.ProjectCode, incident.ProjectId, incident.Scope == IncidentScope.Session ? incident.BookingId : null,
            WitnessEntryKind.Incident, code, Truncate(text), DataOf(incident), now, who.Name), now, ct);

    /// <summary>The session's own system entry (suspended, resumed, ended), pointing at the incident in its data.</summary>
    private static WitnessDraft SessionEntry(RoomBooking b, SessionStep step, string? reason, Incident incident, Actor who, DateTimeOffset now) =>
        SessionWitness.Draft(b, step, reason is null ? null : Truncate(reason), who.Name, now)! with { Data = DataOf(incident) };

    private static string Truncate(string text) => Clip(text, WitnessEntry.TextMaxLength);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
