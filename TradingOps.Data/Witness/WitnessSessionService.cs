using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Projects;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>A session on the day's witnessing list.</summary>
public sealed record WitnessSessionRow(Guid BookingId, string RoomCode, string RoomName, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    WitnessSessionKind Kind, string ProjectCode, string ProjectName, string? WitnessUser, string? WitnessName, int Done, int Total,
    WitnessSessionState State);

/// <summary>The session a log belongs to (staff page: the project code is shown, never an expert's name).</summary>
public sealed record WitnessSessionHeader(Guid BookingId, Guid RoomId, string RoomCode, string RoomName, string ProjectCode, string ProjectName,
    string? Agency, BookingPurpose Purpose, DateTimeOffset StartsAt, DateTimeOffset EndsAt, SessionPhase Phase, DateTimeOffset? EndedAt);

/// <summary>A session's log page: header, checklist and entries, the witness, and what the viewer may do.</summary>
public sealed record WitnessSessionView(WitnessSessionHeader Header, WitnessSessionLog Log, WitnessAssignment? Assignment,
    bool MayRecord, bool IsOverseer, bool IsWitness)
{
    public WitnessSessionState State => WitnessSessionStates.Of(Header.Phase, Log.IsClosed);

    /// <summary>May this viewer tick, note, correct and close (the server checks again on every write)?</summary>
    public bool MayWrite => MayRecord && !Log.IsClosed && (IsWitness || IsOverseer);
}

/// <summary>A person who may be assigned as a witness.</summary>
public sealed record WitnessCandidate(string UserName, string DisplayName);

/// <summary>
/// The witness log of a session (issue 19 item 1): the day's list, the assigned witness, ticking steps, observations,
/// recording references, corrections and closing. Every write checks the actor on the server
/// (<see cref="WitnessActors"/>), the rules in <see cref="WitnessSessionLog"/>, and appends through
/// <see cref="WitnessLog.AppendAsync"/> in one transaction; the change is published after commit.
/// </summary>
public sealed class WitnessSessionService(
    IDbContextFactory<TradingOpsDbContext> factory,
    ICurrentActor actor,
    ILiveEventPublisher live,
    TimeProvider clock,
    IOptions<WitnessOptions> options)
{
    private WitnessOptions Options => options.Value;

    /// <summary>The sessions of a center day to witness (confirmed bookings and their sessions), by start then room.</summary>
    public async Task<IReadOnlyList<WitnessSessionRow>> DayAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (start, end) = CenterTime.DayBounds(day);
        var statuses = RoomBooking.SessionStatuses;
        var rows = await (from b in db.RoomBookings.AsNoTracking()
                          join r in db.Rooms.AsNoTracking() on b.RoomId equals r.Id
                          join a in db.WitnessAssignments.AsNoTracking() on b.Id equals a.BookingId into aa
                          from a in aa.DefaultIfEmpty()
                          where statuses.Contains(b.Status) && b.StartsAt < end && b.EndsAt > start
                          orderby b.StartsAt, r.Code
                          select new
                          {
                              b.Id, r.Code, r.Name, b.StartsAt, b.EndsAt, b.Purpose, b.ProjectId, b.ProjectCode, b.ProjectName, b.Phase,
                              User = a == null ? null : a.UserName, Witness = a == null ? null : a.DisplayName,
                          }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var entries = await db.WitnessEntries.AsNoTracking()
            .Where(e => e.BookingId != null && ids.Contains(e.BookingId.Value)
                        && (e.Kind == WitnessEntryKind.Step || (e.Kind == WitnessEntryKind.System && e.Code == WitnessCodes.LogClosed)))
            .Select(e => new { BookingId = e.BookingId!.Value, e.Kind, e.Code }).ToListAsync(ct);
        var methods = await MethodsAsync(db, rows.Select(r => (r.ProjectId, r.ProjectCode)), ct);
        return rows.Select(r =>
        {
            var kind = WitnessChecklist.KindOf(r.Purpose, MethodOf(methods, r.ProjectId, r.ProjectCode));
            var steps = WitnessChecklist.Steps(kind, Options);
            var mine = entries.Where(e => e.BookingId == r.Id).ToList();
            var ticked = mine.Where(e => e.Kind == WitnessEntryKind.Step).Select(e => e.Code).ToHashSet();
            var closed = mine.Any(e => e.Kind == WitnessEntryKind.System);
            return new WitnessSessionRow(r.Id, r.Code, r.Name, r.StartsAt, r.EndsAt, kind, r.ProjectCode, r.ProjectName, r.User, r.Witness,
                steps.Count(s => ticked.Contains(s.Code)), steps.Count, WitnessSessionStates.Of(r.Phase, closed));
        }).ToList();
    }

    /// <summary>A session's log for its page, with what the current person may do; null when there is no such booking.</summary>
    public async Task<WitnessSessionView?> SessionAsync(Guid bookingId, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var context = await ContextAsync(db, bookingId, tracked: false, ct);
        if (context is null) return null;
        var mayRecord = await WitnessActors.MayRecordAsync(db, who, ct);
        var overseer = mayRecord && await WitnessActors.IsOverseerAsync(db, who, ct);
        return new WitnessSessionView(context.Header, context.Log, context.Assignment, mayRecord, overseer,
            context.Assignment?.IsWitness(who.Name) == true);
    }

    /// <summary>The people an overseer may assign (operators: staff, duty managers, supervisors, admins), by name.</summary>
    public async Task<IReadOnlyList<WitnessCandidate>> CandidatesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var roles = WitnessActors.RecorderRoles;
        return await (from u in db.Users.AsNoTracking()
                      where (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id && roles.Contains(r.Name!) select ur).Any()
                      orderby u.UserName
                      select new WitnessCandidate(u.UserName!, u.DisplayName == "" ? u.UserName! : u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>指派/改派见证人: an overseer names the session's witness (a reassignment needs a reason); logged as a system entry.</summary>
    public async Task<WitnessAssignment> AssignAsync(Guid bookingId, string userName, string? reason, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        return (await WriteAsync(bookingId, ensureWitness: false, async (db, c, now) =>
        {
            if (!await WitnessActors.IsOverseerAsync(db, who, ct))
                throw new DomainException("Witness.NotOverseer", "指派见证人须由值班经理、科室负责人或管理员进行");
            var name = PlainText.Clean(userName) ?? "";
            var candidate = await db.Users.AsNoTracking().Where(u => u.UserName == name).Select(u => new { u.Id, u.UserName, u.DisplayName }).SingleOrDefaultAsync(ct)
                            ?? throw new DomainException("Witness.UnknownUser", $"没有账号“{name}”");
            if (!await WitnessActors.HasRoleAsync(db, Actor.User(candidate.Id, candidate.UserName!), WitnessActors.RecorderRoles, ct))
                throw new DomainException("Witness.NotRecorder", $"账号“{name}”不能担任见证人（只读账号）");
            var display = string.IsNullOrWhiteSpace(candidate.DisplayName) ? candidate.UserName! : candidate.DisplayName;
            string text;
            if (c.Assignment is null)
            {
                c.Assignment = new WitnessAssignment(bookingId, candidate.UserName!, display, who.Name, now);
                db.WitnessAssignments.Add(c.Assignment);
                text = $"指派见证人：{display}";
            }
            else
            {
                var before = c.Assignment.DisplayName;
                c.Assignment.Reassign(candidate.UserName!, display, who.Name, now, reason);
                text = $"改派见证人：{before} → {display}；原因：{c.Assignment.Reason}";
            }
            return (c.Assignment, new[] { c.Draft(WitnessEntryKind.System, WitnessCodes.WitnessAssigned, text, null, now, who.Name) });
        }, ct)).Value;
    }

    /// <summary>勾选步骤: one step of the checklist, at <paramref name="occurredAt"/> (now when null); see <see cref="WitnessSessionLog.CheckTick"/>.</summary>
    public Task<WitnessEntry> TickAsync(Guid bookingId, string code, DateTimeOffset? occurredAt = null, string? reason = null, CancellationToken ct = default) =>
        WriteOneAsync(bookingId, (c, now, who) =>
        {
            var at = occurredAt?.ToUniversalTime() ?? now;
            var flag = c.Log.CheckTick(code, at, now, reason, TimeSpan.FromMinutes(Options.LateEntryMinutes));
            var step = c.Log.Steps.First(s => s.Code == code);
            return c.Draft(WitnessEntryKind.Step, step.Code, step.Name, null, at, who, flag: flag);
        }, ct);

    /// <summary>见证记录: a free observation.</summary>
    public Task<WitnessEntry> ObserveAsync(Guid bookingId, string? text, CancellationToken ct = default) =>
        WriteOneAsync(bookingId, (c, now, who) =>
        {
            c.Log.EnsureOpen();
            if (PlainText.IsBlank(text)) throw new DomainException("Witness.ObservationEmpty", "见证内容不能为空");
            return c.Draft(WitnessEntryKind.Observation, null, text, null, now, who);
        }, ct);

    /// <summary>录像索引: channel and range in the center's video system, within the session's times ± the margin.</summary>
    public Task<WitnessEntry> RecordingAsync(Guid bookingId, string? channel, DateTimeOffset from, DateTimeOffset until, string? note = null, CancellationToken ct = default) =>
        WriteOneAsync(bookingId, (c, now, who) =>
        {
            c.Log.EnsureOpen();
            var h = c.Header;
            var reference = RecordingReference.Create(channel, from, until, h.StartsAt, h.EndedAt is { } e && e > h.EndsAt ? e : h.EndsAt,
                TimeSpan.FromHours(Options.RecordingMarginHours));
            var text = PlainText.Clean(note) is { Length: > 0 } n ? $"{reference.Describe()}；{n}" : reference.Describe();
            return c.Draft(WitnessEntryKind.Recording, null, text, reference.ToJson(), now, who);
        }, ct);

    /// <summary>更正: a new entry pointing at the one it corrects (which stays as it was).</summary>
    public Task<WitnessEntry> CorrectAsync(Guid bookingId, Guid entryId, string? text, CancellationToken ct = default) =>
        WriteOneAsync(bookingId, (c, now, who) =>
        {
            var target = c.Log.CorrectionTarget(entryId, text);
            return c.Draft(WitnessEntryKind.Correction, target.Code, text, null, now, who, correcting: target.Id);
        }, ct);

    /// <summary>签署关闭: after the session ended; afterwards the witness's writes are refused (system entries still land).</summary>
    public Task<WitnessEntry> CloseAsync(Guid bookingId, string? reason = null, CancellationToken ct = default) =>
        WriteOneAsync(bookingId, (c, now, who) =>
        {
            var flag = c.Log.CheckClose(c.Header.Phase == SessionPhase.Ended, reason);
            return c.Draft(WitnessEntryKind.System, WitnessCodes.LogClosed, $"见证记录已签署关闭（{c.Log.Done}/{c.Log.Steps.Count} 步）", null, now, who, flag: flag);
        }, ct);

    private async Task<WitnessEntry> WriteOneAsync(Guid bookingId, Func<SessionContext, DateTimeOffset, string, WitnessDraft> draft, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        var (_, entries) = await WriteAsync(bookingId, ensureWitness: true, (_, c, now) => Task.FromResult((0, new[] { draft(c, now, who.Name) })), ct);
        return entries[^1];
    }

    /// <summary>
    /// One write: checks the actor may record, locks the session's assignment row (two writes to one session are
    /// serialised, so "the same step twice" holds across nodes), reads the log, checks the witness (an overseer who is
    /// not the witness takes the session over, recorded as such), appends the entries, saves, commits, publishes.
    /// </summary>
    private async Task<(T Value, IReadOnlyList<WitnessEntry> Entries)> WriteAsync<T>(Guid bookingId, bool ensureWitness,
        Func<TradingOpsDbContext, SessionContext, DateTimeOffset, Task<(T, WitnessDraft[])>> work, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        SessionContext? context = null;
        var result = await WitnessLedger.InTransactionAsync(db, async () =>
        {
            await WitnessActors.EnsureMayRecordAsync(db, who, ct);
            await db.WitnessAssignments.Where(a => a.BookingId == bookingId).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, a => a.UserName), ct);
            context = await ContextAsync(db, bookingId, tracked: true, ct) ?? throw new DomainException("Witness.NoSession", "没有这个场次");
            var now = clock.GetUtcNow();
            var drafts = new List<WitnessDraft>();
            if (ensureWitness) drafts.AddRange(await EnsureWitnessAsync(db, context, who, now, ct));
            var (value, more) = await work(db, context, now);
            drafts.AddRange(more);
            var entries = new List<WitnessEntry>();
            foreach (var d in drafts) entries.Add(await WitnessLog.AppendAsync(db, d, now, ct));
            return (value, (IReadOnlyList<WitnessEntry>)entries);
        }, ct);
        var log = (await SessionAsync(bookingId, ct))?.Log;
        await live.PublishAsync(new WitnessLogChanged(clock.GetUtcNow(), bookingId, context!.Header.ProjectCode, log?.Done ?? 0, log?.IsClosed ?? false), ct);
        return result;
    }

    /// <summary>Only the assigned witness writes; an overseer takes the session over (assignment changed, system entry).</summary>
    private static async Task<List<WitnessDraft>> EnsureWitnessAsync(TradingOpsDbContext db, SessionContext c, Actor who, DateTimeOffset now, CancellationToken ct)
    {
        if (c.Assignment?.IsWitness(who.Name) == true) return [];
        if (!await WitnessActors.IsOverseerAsync(db, who, ct))
            throw new DomainException("Witness.NotWitness", c.Assignment is null
                ? "本场尚未指派见证人，请值班经理先指派"
                : $"本场见证人是 {c.Assignment.DisplayName}，只有见证人（或值班经理接管后）可以记录");
        var display = await db.Users.AsNoTracking().Where(u => u.Id == who.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        display = string.IsNullOrWhiteSpace(display) ? who.Name : display;
        string text;
        if (c.Assignment is null)
        {
            c.Assignment = new WitnessAssignment(c.Header.BookingId, who.Name, display, who.Name, now);
            db.WitnessAssignments.Add(c.Assignment);
            text = $"{display} 接管见证（此前未指派见证人）";
        }
        else
        {
            var before = c.Assignment.DisplayName;
            c.Assignment.Reassign(who.Name, display, who.Name, now, "值班接管");
            text = $"{display} 接管见证（原见证人 {before}）";
        }
        return [c.Draft(WitnessEntryKind.System, WitnessCodes.WitnessTakenOver, text, null, now, who.Name)];
    }

    private sealed class SessionContext(WitnessSessionHeader header, Guid? projectId, WitnessSessionLog log, WitnessAssignment? assignment)
    {
        public WitnessSessionHeader Header { get; } = header;
        public WitnessSessionLog Log { get; } = log;
        public WitnessAssignment? Assignment { get; set; } = assignment;

        public WitnessDraft Draft(WitnessEntryKind kind, string? code, string? text, string? data, DateTimeOffset at, string actorName,
            string? flag = null, Guid? correcting = null) =>
            new(Header.ProjectCode, projectId, Header.BookingId, kind, code, text ?? "", data, at, actorName, correcting, flag);
    }

    private async Task<SessionContext?> ContextAsync(TradingOpsDbContext db, Guid bookingId, bool tracked, CancellationToken ct)
    {
        var b = await (from x in db.RoomBookings.AsNoTracking()
                       join r in db.Rooms.AsNoTracking() on x.RoomId equals r.Id
                       where x.Id == bookingId
                       select new { x.Id, x.RoomId, r.Code, r.Name, x.ProjectId, x.ProjectCode, x.ProjectName, x.Agency, x.Purpose, x.StartsAt, x.EndsAt, x.Phase, x.EndedAt })
            .SingleOrDefaultAsync(ct);
        if (b is null) return null;
        var header = new WitnessSessionHeader(b.Id, b.RoomId, b.Code, b.Name, b.ProjectCode, b.ProjectName, b.Agency, b.Purpose, b.StartsAt, b.EndsAt, b.Phase, b.EndedAt);
        var methods = await MethodsAsync(db, [(b.ProjectId, b.ProjectCode)], ct);
        var kind = WitnessChecklist.KindOf(b.Purpose, MethodOf(methods, b.ProjectId, b.ProjectCode));
        var entries = await db.WitnessEntries.AsNoTracking().Where(e => e.BookingId == bookingId).OrderBy(e => e.Sequence).ToListAsync(ct);
        var assignments = tracked ? db.WitnessAssignments : db.WitnessAssignments.AsNoTracking();
        var assignment = await assignments.SingleOrDefaultAsync(a => a.BookingId == bookingId, ct);
        return new SessionContext(header, b.ProjectId, new WitnessSessionLog(kind, WitnessChecklist.Steps(kind, Options), entries), assignment);
    }

    private static async Task<List<(Guid Id, string Code, TradingMethod Method)>> MethodsAsync(TradingOpsDbContext db,
        IEnumerable<(Guid? Id, string Code)> projects, CancellationToken ct)
    {
        var list = projects.ToList();
        var ids = list.Where(p => p.Id is not null).Select(p => p.Id!.Value).Distinct().ToList();
        var codes = list.Select(p => p.Code).Distinct().ToList();
        if (list.Count == 0) return [];
        return (await db.TradingProjects.AsNoTracking().Where(p => ids.Contains(p.Id) || codes.Contains(p.Code))
            .Select(p => new { p.Id, p.Code, p.Method }).ToListAsync(ct)).Select(p => (p.Id, p.Code, p.Method)).ToList();
    }

    private static TradingMethod? MethodOf(List<(Guid Id, string Code, TradingMethod Method)> methods, Guid? id, string code) =>
        methods.Where(m => id is { } i ? m.Id == i : string.Equals(m.Code, code, StringComparison.OrdinalIgnoreCase))
            .Select(m => (TradingMethod?)m.Method).FirstOrDefault();
}
