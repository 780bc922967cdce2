using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Live;
using TradingOps.Core.Witness;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Witness;

namespace TradingOps.Data.Cases;

/// <summary>
/// The desk (issue 20 items 1–2): every action on a case is one transaction that changes the case, appends its timeline
/// step and adds its outbox messages; the board and the wall hear of the row after commit. Only operators (and the
/// system) write: the supervising departments (Observer) and Display screens are refused here, whatever a page shows.
/// A suspension goes through the witnessing mechanism (<see cref="IncidentService"/>, its own transaction over the
/// project's rooms): everything is checked first, the incident raised, then the case linked; see <see cref="SuspendByIncidentAsync"/>.
/// </summary>
public sealed class CaseService(
    IDbContextFactory<TradingOpsDbContext> factory,
    CaseIntakeService intake,
    IncidentService incidents,
    ICurrentActor actor,
    ILiveEventPublisher live,
    TimeProvider clock,
    IWorkdayCalendarProvider calendars,
    IOptions<WitnessOptions> witness)
{
    public static readonly string[] WriterRoles = WitnessActors.RecorderRoles;

    /// <summary>A case brought to the desk (window, phone, mailbox), handled by whoever registers it. The public form has its own path.</summary>
    public async Task<Case> RegisterAsync(CaseIntake caseIntake, CancellationToken ct = default)
    {
        var who = await WriterAsync(ct);
        if (caseIntake.Channel == CaseChannel.PublicForm)
            throw new DomainException("Case.PublicFormAtDesk", "网上表单的案件由公开渠道页提交，窗口登记请选择窗口、电话或信箱");
        return await intake.ReceiveAsync(caseIntake, await DisplayNameAsync(who, ct), who.Name, ct);
    }

    /// <summary>承办: the current user becomes the case's handler (a case from the public form has none until then).</summary>
    public Task<Case> TakeOverAsync(Guid id, CancellationToken ct = default) =>
        StepAsync(id, (db, c, who, now) =>
        {
            c.EnsureOpen("承办");
            var before = c.Handler;
            c.TakeOver(who.Name);
            db.CaseEvents.Add(new CaseEvent(c.Id, CaseEvent.TakenOver, before is null ? $"{who.Name} 承办" : $"{who.Name} 接手承办（原承办人 {before}）", who.Name, now));
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// 转交 by a preset: to <paramref name="forwardedTo"/> or the route's default party (<see cref="CaseRules.DefaultParty"/>),
    /// the messages to whoever must answer and to the raiser, and, when the preset says so, the project's suspension.
    /// </summary>
    public async Task<Case> ForwardAsync(Guid id, string presetKey, string? forwardedTo, string channel, string? reference, CancellationToken ct = default)
    {
        var who = await WriterAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        Case draft;
        CaseClockPreset preset;
        ProjectFacts? project;
        string party;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            draft = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound();
            preset = await db.CaseClockPresets.AsNoTracking().SingleOrDefaultAsync(p => p.Key == presetKey, ct)
                     ?? throw new DomainException("Case.PresetNotFound", "时限预设不存在");
            project = await ProjectAsync(db, draft.ProjectCode, ct);
            party = PlainText.IsBlank(forwardedTo) ? CaseRules.DefaultParty(preset.Route, project?.Initiator, project?.Agency, witness.Value.DepartmentName) : forwardedTo.Trim();
        }
        // Everything checked on a copy before anything is written: state, preset kind and activity, texts, and for a
        // suspending preset the project (on the register, not closed) and the case (not suspending already).
        draft.Forward(preset, party, channel, reference, who.Name, clock.GetUtcNow(), calendar);
        if (preset.Suspends) EnsureMaySuspend(draft, project);
        var incident = preset.Suspends ? await SuspensionIncidentAsync(draft, SuspendReason(preset), ct) : null;

        return await StepAsync(id, async (db, c, _, now) =>
        {
            c.Forward(preset, party, channel, reference, who.Name, now, calendar);
            db.CaseEvents.Add(new CaseEvent(c.Id, CaseEvent.Forwarded,
                $"按“{preset.Name}”转交{c.ForwardedTo}（{c.ForwardChannel}{(c.ForwardReference is null ? "" : "，" + c.ForwardReference)}）"
                + (c.ResponseDueAt is { } due ? $"，待{c.Awaiting}答复，截止 {CenterTime.ToLocal(due):yyyy-MM-dd HH:mm}" : $"，待{c.Awaiting}处理") + $"。依据：{c.PresetSource}",
                who.Name, now));
            if (incident is not null) Link(db, c, incident, who, now);
            var contact = c.Route == CaseRoute.InitiatorOrAgency && project is not null ? await AgencyContactAsync(db, project, ct) : null;
            db.OutboxMessages.AddRange(CaseNotices.Forwarded(c, witness.Value, contact, project?.Agency, await BookingOutbox.CenterNameAsync(db, ct), now));
        }, ct);
    }

    /// <summary>
    /// 暂停 ordered for a case whose preset does not suspend (the supervising department orders it, 实施条例 §62). Refused
    /// with the reason: a case without a project, a project not on the register or closed, a case already suspending.
    /// </summary>
    public async Task<Case> SuspendAsync(Guid id, string reason, CancellationToken ct = default)
    {
        await WriterAsync(ct);
        Case draft;
        ProjectFacts? project;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            draft = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound();
            project = await ProjectAsync(db, draft.ProjectCode, ct);
        }
        var why = Case.SuspendReasonText(reason);
        EnsureMaySuspend(draft, project);
        var incident = await SuspensionIncidentAsync(draft, why, ct);
        return await StepAsync(id, (db, c, who, now) =>
        {
            Link(db, c, incident, who, now);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>The answer as received from the responsible party (or the center's own for a service complaint); the raiser is told by SMS.</summary>
    public Task<Case> RecordAnswerAsync(Guid id, string answer, CancellationToken ct = default) =>
        StepAsync(id, async (db, c, who, now) =>
        {
            c.RecordAnswer(answer, who.Name, now);
            var late = c.ResponseDueAt is { } due && now > due ? "（超过答复时限）" : "";
            db.CaseEvents.Add(new CaseEvent(c.Id, CaseEvent.Answered, $"{c.Awaiting}答复{late}：{c.Answer}", who.Name, now));
            db.OutboxMessages.AddRange(CaseNotices.Answered(c, await BookingOutbox.CenterNameAsync(db, ct), now));
        }, ct);

    /// <summary>恢复交易 after the answer: the incident resumes the project's sessions, then the case records it.</summary>
    public Task<Case> ResumeAsync(Guid id, string? note, CancellationToken ct = default) =>
        LiftAsync(id, incidentId => incidents.ResumeAsync(incidentId, note, ct),
            $"恢复交易{(PlainText.IsBlank(note) ? "" : "：" + note.Trim())}", ct);

    /// <summary>终止交易 (the answer or the department's decision ends the procedure): the incident ends the project's sessions.</summary>
    public Task<Case> TerminateAsync(Guid id, string reason, CancellationToken ct = default)
    {
        if (PlainText.IsBlank(reason)) throw new DomainException("Case.TerminateReason", "请写明终止交易的原因");
        return LiftAsync(id, incidentId => incidents.TerminateAsync(incidentId, reason, ct), $"终止交易：{reason.Trim()}", ct);
    }

    public Task<Case> ResolveAsync(Guid id, string resolution, CancellationToken ct = default) =>
        StepAsync(id, (db, c, who, now) =>
        {
            c.Resolve(resolution, who.Name, now);
            db.CaseEvents.Add(new CaseEvent(c.Id, CaseEvent.Resolved, $"办结：{c.Resolution}", who.Name, now));
            return Task.CompletedTask;
        }, ct);

    public Task<Case> WithdrawAsync(Guid id, string reason, CancellationToken ct = default) =>
        StepAsync(id, (db, c, who, now) =>
        {
            c.Withdraw(reason, who.Name, now);
            db.CaseEvents.Add(new CaseEvent(c.Id, CaseEvent.Withdrawn, $"撤回/不予受理：{c.WithdrawReason}", who.Name, now));
            return Task.CompletedTask;
        }, ct);

    public Task<Case> NoteAsync(Guid id, string text, CancellationToken ct = default) =>
        StepAsync(id, (db, c, who, now) =>
        {
            db.CaseEvents.Add(new CaseEvent(c.Id, CaseEvent.Note, c.NoteText(text), who.Name, now));
            return Task.CompletedTask;
        }, ct);

    // ---- suspension ----

    private sealed record ProjectFacts(Guid Id, string Code, string Initiator, string? Agency, bool Closed);

    private static async Task<ProjectFacts?> ProjectAsync(TradingOpsDbContext db, string? code, CancellationToken ct) =>
        code is null ? null : await db.TradingProjects.AsNoTracking().Where(p => p.Code == code)
            .Select(p => new ProjectFacts(p.Id, p.Code, p.Initiator, p.Agency, p.ClosedAt != null)).SingleOrDefaultAsync(ct);

    private static void EnsureMaySuspend(Case c, ProjectFacts? project)
    {
        c.EnsureMaySuspend();
        if (project is null)
            throw new DomainException("Case.ProjectUnknown", $"项目编号 {c.ProjectCode} 不在项目登记中，无法暂停交易；请先核对项目编号");
        if (project.Closed)
            throw new DomainException("Project.Closed", $"项目 {project.Code} 已结项，不能暂停交易");
    }

    private static string SuspendReason(CaseClockPreset preset) => $"{preset.Name}：答复前暂停（{preset.Source}）";

    /// <summary>
    /// The project's incident for this case: the open ObjectionOrComplaint incident of the project whose description starts
    /// with the case's marker, when an earlier attempt raised it but failed to link it (the incident is its own transaction,
    /// so a failure after it leaves it open and the project suspended; the retry links it instead of raising a second one);
    /// otherwise a new one, suspending every session of the project now.
    /// </summary>
    private async Task<Incident> SuspensionIncidentAsync(Case c, string reason, CancellationToken ct)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var marker = c.SuspensionMarker;
            var open = Incident.OpenStates;
            var earlier = await db.Incidents.AsNoTracking()
                .Where(i => i.ProjectCode == c.ProjectCode && i.Category == IncidentCategory.ObjectionOrComplaint && open.Contains(i.State)
                            && i.Description.StartsWith(marker))
                .OrderByDescending(i => i.OpenedAt).FirstOrDefaultAsync(ct);
            if (earlier is not null) return earlier;
        }
        return await incidents.RaiseAsync(new IncidentRequest(IncidentCategory.ObjectionOrComplaint, IncidentScope.Project,
            c.SuspensionDescription(reason), null, c.ProjectCode, SuspendNow: true, PlainText.Truncate(reason, 300)), ct);
    }

    private static void Link(TradingOpsDbContext db, Case c, Incident incident, Actor who, DateTimeOffset now)
    {
        c.LinkSuspension(incident.Id, now);
        db.CaseEvents.Add(new CaseEvent(c.Id, CaseEvent.Suspended, $"项目 {c.ProjectCode} 暂停交易（异常事件 {incident.Number}）", who.Name, now));
    }

    /// <summary>
    /// Lifts the case's suspension through its incident, then marks the case. An incident already past suspension
    /// (lifted by an earlier attempt whose case step failed, or on the incident's own page) is not touched again.
    /// </summary>
    private async Task<Case> LiftAsync(Guid id, Func<Guid, Task<Incident>> lift, string text, CancellationToken ct)
    {
        await WriterAsync(ct);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
            if (!c.IsSuspending || c.IncidentId is not { } linked)
                throw new DomainException("Case.NotSuspending", $"案件 {c.Number} 没有引起暂停");
            var state = await db.Incidents.Where(i => i.Id == linked).Select(i => (IncidentState?)i.State).SingleOrDefaultAsync(ct);
            if (state is IncidentState.Suspended or IncidentState.Open) await lift(linked);
        }
        return await StepAsync(id, (db, c, who, now) =>
        {
            c.MarkResumed(now);
            db.CaseEvents.Add(new CaseEvent(c.Id, CaseEvent.Resumed, text, who.Name, now));
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>The project agency's contact: the latest registration's (phone), else the latest booking's (phone and e-mail).</summary>
    private static async Task<CaseContact?> AgencyContactAsync(TradingOpsDbContext db, ProjectFacts project, CancellationToken ct)
    {
        var booking = await db.RoomBookings.AsNoTracking()
            .Where(b => b.ProjectCode == project.Code && (b.ContactPhone != null || b.ContactEmail != null))
            .OrderByDescending(b => b.RequestedAt).Select(b => new CaseContact(b.ContactName, b.ContactPhone, b.ContactEmail)).FirstOrDefaultAsync(ct);
        var registration = await db.Registrations.AsNoTracking()
            .Where(r => r.ProjectId == project.Id && r.ContactPhone != null)
            .OrderByDescending(r => r.SubmittedAt).Select(r => new CaseContact(r.ContactName, r.ContactPhone, null)).FirstOrDefaultAsync(ct);
        if (registration is null) return booking;
        return registration with { Email = booking?.Email };
    }

    // ---- plumbing ----

    private async Task<Actor> WriterAsync(CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await MayWriteAsync(db, who, ct))
            throw new DomainException("Case.ReadOnly", "当前账号只能查看异议投诉案件，不能登记或办理");
        return who;
    }

    /// <summary>Operators, and the system and jobs; never the read-only accounts (Observer, Display).</summary>
    public static async Task<bool> MayWriteAsync(TradingOpsDbContext db, Actor who, CancellationToken ct = default) =>
        who.Kind is ActorKind.System or ActorKind.Job || await UserRoles.HasAnyAsync(db, who, WriterRoles, ct);

    private async Task<string> DisplayNameAsync(Actor who, CancellationToken ct)
    {
        if (who.UserId is null) return who.Name;
        await using var db = await factory.CreateDbContextAsync(ct);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == who.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return PlainText.IsBlank(name) ? who.Name : name.Trim();
    }

    /// <summary>One desk step: the case read under the transaction, changed, its timeline step and messages saved together; the row published after commit.</summary>
    private async Task<Case> StepAsync(Guid id, Func<TradingOpsDbContext, Case, Actor, DateTimeOffset, Task> step, CancellationToken ct)
    {
        var who = await WriterAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        DateTimeOffset now = default;
        Case changed;
        try
        {
            changed = await WitnessLedger.InTransactionAsync(db, async () =>
            {
                now = clock.GetUtcNow();
                var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
                await step(db, c, who, now);
                return c;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Case.Concurrent", "案件刚被他人办理，请刷新后重试");
        }
        await live.PublishAsync(new CaseChanged(now, changed.ToRow()), ct);
        return changed;
    }

    private static DomainException NotFound() => new("Case.NotFound", "案件不存在");
}
