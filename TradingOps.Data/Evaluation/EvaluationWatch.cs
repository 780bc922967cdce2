using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;

namespace TradingOps.Data.Evaluation;

/// <summary>What one run of the watch did.</summary>
public sealed record WatchRun(int Sessions, int Raised, int Updated)
{
    public bool Idle => Raised == 0 && Updated == 0;

    public override string ToString() => $"评标区 {Sessions} 场：新告警 {Raised} 条，更新 {Updated} 条";
}

/// <summary>
/// 评标区实时核查: evaluates today's sessions of the evaluation area against the cross-check rules
/// (<see cref="CrossChecks"/>) and the gate log, raises each alert once (the unique (kind, booking, subject) decides
/// between nodes that notice at the same moment), lets an open alert follow its numbers, and resolves alerts with
/// who, when and how. An alert stays until a person resolves it, also after its condition cleared. Publishes
/// <see cref="EvaluationChanged"/> (AlertRaised / AlertResolved) after the save.
/// </summary>
public sealed class EvaluationWatch(IDbContextFactory<TradingOpsDbContext> factory, EvaluationLedger ledger, ICurrentActor actor,
    TimeProvider clock, IOptions<EvaluationOptions> options, ILogger<EvaluationWatch> logger)
{
    public async Task<WatchRun> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var day = CenterTime.Today(clock);
        var (dayStart, _) = CenterTime.DayBounds(day);
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var (_, sessions) = await EvaluationFloorQueries.SessionsAsync(db, day, ct);
        if (sessions.Count == 0) return new WatchRun(0, 0, 0);
        var ids = sessions.Select(s => s.Booking.Id).ToList();

        var wanted = await db.DrawRequests.AsNoTracking().Where(r => ids.Contains(r.BookingId))
            .Select(r => new { r.BookingId, Wanted = db.DrawQuotas.Where(q => q.RequestId == r.Id).Sum(q => (int?)q.Count) ?? 0 })
            .ToDictionaryAsync(r => r.BookingId, r => r.Wanted, ct);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => ids.Contains(m.BookingId))
            .Select(m => new { m.Id, m.BookingId, m.Kind, m.Outcome, m.IdFingerprint }).ToListAsync(ct);
        var admissions = await db.GateAdmissions.AsNoTracking().Where(a => ids.Contains(a.BookingId))
            .Select(a => new { a.BookingId, a.Person, a.MemberId, a.ExitedAt }).ToListAsync(ct);
        var refusals = await db.GateEvents.AsNoTracking()
            .Where(e => e.At >= dayStart && (e.Kind == GateEventKind.Refused || e.Kind == GateEventKind.DoorRefused))
            .Select(e => new { e.Id, e.Kind, e.BookingId, e.RoomId, e.Reason, e.At }).ToListAsync(ct);

        var findings = new List<CrossCheckFinding>();
        foreach (var (booking, room) in sessions.Select(s => (s.Booking, s.Room)))
        {
            var experts = members.Where(m => m.BookingId == booking.Id && m.Kind == MemberKind.Expert).ToList();
            var admitted = admissions.Where(a => a.BookingId == booking.Id && a.MemberId != null).Select(a => a.MemberId!.Value).ToHashSet();
            var inside = admissions.Where(a => a.BookingId == booking.Id && a.ExitedAt == null).ToList();
            var facts = new SessionFacts(booking.Id, room.Id, room.Code, booking.StartsAt, booking.EndsAt, booking.StartedAt,
                wanted.GetValueOrDefault(booking.Id),
                experts.Count(m => CommitteeMember.OnListOutcomes.Contains(m.Outcome)),
                experts.Count(m => m.Outcome == CallOutcome.Accepted),
                inside.Count(a => a.Person == PersonKind.Expert),
                experts.Count(m => m.Outcome == CallOutcome.Accepted && !admitted.Contains(m.Id)),
                inside.Count(a => a.Person == PersonKind.AgencyStaff));
            if (booking.EndedAt is null) findings.AddRange(CrossChecks.Session(facts, now, options.Value.CommitteeCheckMinutes));
        }

        // The same person on two sessions' lists whose times (the bookings' as they stand now) overlap.
        var byBooking = sessions.ToDictionary(s => s.Booking.Id);
        var listed = members.Where(m => CommitteeMember.OnListOutcomes.Contains(m.Outcome))
            .Select(m => new ListedPerson(m.BookingId, m.Id, m.IdFingerprint, byBooking[m.BookingId].Booking.StartsAt, byBooking[m.BookingId].Booking.EndsAt));
        foreach (var (person, other) in CrossChecks.InTwoSessions(listed))
        {
            var here = byBooking[person.BookingId];
            var there = byBooking[other.BookingId];
            findings.Add(new(EvaluationAlertKind.ExpertInTwoSessions, here.Booking.Id, here.Room.Id, here.Room.Code, person.MemberId.ToString("N"), 1,
                $"{here.Room.Code} {Hm(here.Booking.StartsAt)} 与 {there.Room.Code} {Hm(there.Booking.StartsAt)} 的名单中有同一人，时间重叠"));
        }

        // The gate log: a door refusing someone not on its room's list; the gate refusing a recused or replaced member.
        foreach (var e in refusals)
        {
            if (CrossChecks.FromGateEvent(e.Kind, GateRefusal.CodeOf(e.Reason)) is not { } kind) continue;
            var session = e.BookingId is { } b && byBooking.TryGetValue(b, out var s) ? s
                : sessions.Where(x => x.Room.Id == e.RoomId).OrderBy(x => x.Booking.EndsAt < e.At).ThenBy(x => (x.Booking.StartsAt - e.At).Duration()).FirstOrDefault();
            if (session is null) continue; // neither a session nor a room of today's evaluation area
            var detail = kind == EvaluationAlertKind.WrongRoom
                ? $"{session.Room.Code} 评标室门禁 {Hm(e.At)} 拒绝：非本室名单人员"
                : $"{session.Room.Code} {Hm(session.Booking.StartsAt)} 场次：已回避或被替换的专家 {Hm(e.At)} 到门禁，已拒绝入场";
            findings.Add(new(kind, session.Booking.Id, session.Room.Id, session.Room.Code, e.Id.ToString("N"), 1, detail));
        }

        var existing = await db.EvaluationAlerts.Where(a => ids.Contains(a.BookingId)).ToListAsync(ct);
        int raised = 0, updated = 0;
        var touched = new Dictionary<Guid, Guid>();
        foreach (var f in findings)
        {
            var alert = existing.FirstOrDefault(a => a.Kind == f.Kind && a.BookingId == f.BookingId && a.Subject == f.Subject);
            if (alert is not null)
            {
                if (!alert.Follow(f.Count, f.Detail)) continue;
                await db.SaveChangesAsync(ct);
                updated++;
                touched[f.BookingId] = f.RoomId;
                continue;
            }
            alert = new EvaluationAlert(f.Kind, f.BookingId, f.RoomId, f.RoomCode, f.Subject, f.Count, f.Detail, who.Name, now);
            db.EvaluationAlerts.Add(alert);
            try
            {
                await db.SaveChangesAsync(ct);
                existing.Add(alert);
                raised++;
                touched[f.BookingId] = f.RoomId;
            }
            catch (DbUpdateException)
            {
                // Another node raised it at the same moment: the unique (kind, booking, subject) kept one.
                db.Entry(alert).State = EntityState.Detached;
                logger.LogDebug("Evaluation alert {Kind} of booking {BookingId} was raised by another node", f.Kind, f.BookingId);
            }
        }
        foreach (var (bookingId, roomId) in touched)
            await ledger.PublishAsync(bookingId, roomId, EvaluationChange.AlertRaised, ct);
        return new WatchRun(sessions.Count, raised, updated);
    }

    /// <summary>A person resolves an alert, saying how (required); who and when are recorded with it.</summary>
    public async Task<EvaluationAlertRow> ResolveAsync(Guid alertId, string resolution, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var alert = await db.EvaluationAlerts.SingleOrDefaultAsync(a => a.Id == alertId, ct)
                    ?? throw new DomainException("Alert.NotFound", "没有这条告警");
        alert.Resolve(who.Name, resolution, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await ledger.PublishAsync(alert.BookingId, alert.RoomId, EvaluationChange.AlertResolved, ct);
        return alert.ToRow();
    }

    private static string Hm(DateTimeOffset at) => CenterTime.ToLocal(at).ToString("HH:mm");
}
