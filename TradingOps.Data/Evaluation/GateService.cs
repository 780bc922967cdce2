using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Data.Devices;
using TradingOps.Data.Sqlite;

namespace TradingOps.Data.Evaluation;

/// <summary>
/// A person presented at the gate, at the exit or at a room door: by a paired device (with its request id and its
/// clock, for the replay check) or at the manual gate page (no device; the signed-in person acts).
/// </summary>
/// <param name="BookingId">The manual gate's chosen session (null: any session of the person today).</param>
/// <param name="Person">What the device or the guard says the person is (agency staff: the pass is looked at first).</param>
public sealed record GatePresentation(string? IdNumber, bool DeviceCheckPassed = true, PersonKind? Person = null, Guid? BookingId = null,
    DeviceIdentity? Device = null, string? RequestId = null, DateTimeOffset? DeviceAt = null);

/// <summary>
/// The gate's answer: admitted (room, seat, locker) or refused with the stored reason ("code: 中文"). For the guard the
/// person's kind and masked ID; never a name (the manual gate reveals one through <see cref="EvaluationLedger.RevealAsync"/>).
/// </summary>
public sealed record GateAnswer(Guid EventId, GateEventKind Kind, bool Admitted, string? Code, string? Reason, PersonKind? Person,
    string IdMasked, Guid? BookingId, Guid? RoomId, Guid? MemberId, string? RoomCode, string? RoomName, int? Seat, string? Locker,
    DateTimeOffset? StartsAt, int ReEntries = 0);

/// <summary>
/// 评标区门禁 (Liaoning 6.8.3–6.8.7, 7.4.2; Yunnan 6.2.3.3): admits, lets out, lets back in on a duty manager's
/// override, and checks room doors, each presentation in one transaction with its <see cref="GateEvent"/>, whatever
/// the outcome. The rules are <see cref="GateRules"/> and <see cref="DoorRules"/>; the unique indexes of
/// <see cref="GateAdmission"/> have the last word when gate calls run in parallel on several nodes: the same person
/// twice is admitted once (the other call is refused "已入场"), and a seat or locker taken at the same moment is
/// drawn again (bounded). On SQLite the writes take turns (<see cref="SqliteWriteTurns"/>): the seats and lockers
/// taken are read inside the admitting turn, the person's own list places and passes before it.
/// </summary>
public sealed class GateService(IDbContextFactory<TradingOpsDbContext> factory, IIdentityProtector protector, ICurrentActor actor,
    EvaluationLedger ledger, SqliteWriteTurns turns, IOptions<EvaluationOptions> options, TimeProvider clock)
{
    /// <summary>Attempts when parallel calls collide on a unique index (a seat, a locker, the same person).</summary>
    public const int MaxAttempts = 10;

    private EvaluationOptions Options => options.Value;

    /// <summary>入场: the gate's decision for a person presenting an ID, with a random free seat and a free locker when admitted.</summary>
    public Task<GateAnswer> AdmitAsync(GatePresentation p, CancellationToken ct = default) => DecideAsync(p, null, ct);

    /// <summary>
    /// 值班经理核准再次入场: a second entry (after an exit) or a late one (after the window, before the end), on a duty
    /// manager's override with a reason. The caller checked the role. Nothing else is overridden: a recused person, one
    /// not on the list or a failed device check stay refused.
    /// </summary>
    public Task<GateAnswer> OverrideAsync(GatePresentation p, string? reason, CancellationToken ct = default)
    {
        var why = PlainText.Clean(reason);
        if (string.IsNullOrEmpty(why)) throw new DomainException("Gate.OverrideReason", "值班经理核准再次入场须说明原因");
        return DecideAsync(p, PlainText.Truncate(why, 200), ct);
    }

    private async Task<GateAnswer> DecideAsync(GatePresentation p, string? overrideReason, CancellationToken ct)
    {
        var (fingerprint, masked) = Identify(p.IdNumber);
        var by = await ByAsync(p, ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            GateAnswer answer;
            // The person's own rows are read outside the write turn (nobody else writes them: a parallel call of the same
            // person loses at the unique index and decides again); seats and lockers, which others take, are read inside it.
            {
                var now = clock.GetUtcNow();
                if (await ReplayAsync(db, p, now, ct) is { } replay)
                    answer = await RecordAsync(db, replay, fingerprint, masked, by, now, ct);
                else
                {
                    var members = await MemberClaimsAsync(db, fingerprint, p.BookingId, now, ct);
                    var passes = await PassClaimsAsync(db, fingerprint, p.BookingId, now, ct);
                    var bookings = members.Select(m => m.Session.BookingId).Concat(passes.Select(x => x.Session.BookingId)).Distinct().ToList();
                    var priors = await db.GateAdmissions.AsNoTracking().Where(a => a.IdFingerprint == fingerprint && bookings.Contains(a.BookingId))
                        .Select(a => new PriorAdmission(a.Id, a.BookingId, a.ExitedAt == null)).ToListAsync(ct);
                    var verdict = GateRules.Decide(members, passes, priors, p.DeviceCheckPassed, overrideReason is not null, now, Options, p.Person);
                    if (!verdict.Admitted)
                        answer = await RecordAsync(db, new Refused(verdict.Kind, verdict.Refusal!, verdict.Claim?.Session, verdict.Claim?.Person, p, (verdict.Claim as MemberClaim)?.MemberId),
                            fingerprint, masked, by, now, ct);
                    else
                    {
                        var claim = verdict.Claim!;
                        var reason = overrideReason is null ? null : $"值班经理核准：{overrideReason}";
                        try
                        {
                            (answer, _) = verdict.Prior is { } prior
                                ? await ReEnterAsync(db, claim, prior, p, fingerprint, masked, by, reason, now, ct)
                                : await AdmitNewAsync(db, claim, p, fingerprint, masked, by, reason, now, ct);
                        }
                        catch (DbUpdateException) when (attempt < MaxAttempts)
                        {
                            continue; // a parallel call took the seat, the locker or the person: decide again on what is saved now
                        }
                    }
                }
            }
            if (answer.BookingId is { } booking)
                await ledger.PublishAsync(booking, answer.RoomId!.Value, answer.Admitted ? EvaluationChange.Admitted : EvaluationChange.Refused, ct);
            return answer;
        }
    }

    private async Task<(GateAnswer, GateAdmission)> AdmitNewAsync(TradingOpsDbContext db, GateClaim claim, GatePresentation p, string fingerprint,
        string masked, string by, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var s = claim.Session;
        using var turn = await turns.TakeAsync(db, ct);
        int? seat = null;
        if (claim.Person != PersonKind.AgencyStaff)
        {
            var taken = await db.GateAdmissions.Where(a => a.BookingId == s.BookingId && a.Seat != null).Select(a => a.Seat!.Value).ToListAsync(ct);
            seat = GateRules.Pick(GateRules.FreeSeats(s.RoomSeats, s.RemoteSeats, s.SeatsOut, taken));
        }
        var day = CenterTime.Today(clock);
        var lockers = await db.GateAdmissions.Where(a => a.Day == day && a.Locker != null).Select(a => a.Locker).ToListAsync(ct);
        var locker = GateRules.PickLocker(GateRules.FreeLockers(Options, lockers));
        var admission = new GateAdmission(s.BookingId, s.RoomId, day, claim.Person, (claim as MemberClaim)?.MemberId, (claim as PassClaim)?.PassId,
            fingerprint, masked, seat, locker, p.Device?.Id, by, now);
        var note = seat is null && claim.Person != PersonKind.AgencyStaff ? "无空闲评标工位，请现场安排" : null;
        var e = new GateEvent(GateEventKind.Admitted, s.BookingId, s.RoomId, claim.Person, fingerprint, masked, p.Device?.Id, p.RequestId, by,
            JoinReasons(reason, note, locker is null ? "储物柜已满，请现场安排" : null), now);
        db.GateAdmissions.Add(admission);
        db.GateEvents.Add(e);
        await Witness.EvaluationWitness.SaveGateAsync(db, s.BookingId, e.Kind, claim.Person, admission.MemberId, seat, reason, reason is not null, by, now, ct);
        return (Answer(e, claim, s, admission), admission);
    }

    private async Task<(GateAnswer, GateAdmission)> ReEnterAsync(TradingOpsDbContext db, GateClaim claim, PriorAdmission prior, GatePresentation p,
        string fingerprint, string masked, string by, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        using var turn = await turns.TakeAsync(db, ct);
        var admission = await db.GateAdmissions.SingleAsync(a => a.Id == prior.AdmissionId, ct);
        admission.ReEnter((claim as PassClaim)?.PassId);
        var why = reason ?? (claim is PassClaim pass ? $"代理机构人员凭有效通行证再次进入（{PassReasonText(pass.Reason)}）" : null);
        var e = new GateEvent(GateEventKind.ReEntry, claim.Session.BookingId, claim.Session.RoomId, claim.Person, fingerprint, masked,
            p.Device?.Id, p.RequestId, by, why, now);
        db.GateEvents.Add(e);
        await Witness.EvaluationWitness.SaveGateAsync(db, claim.Session.BookingId, e.Kind, claim.Person, admission.MemberId, admission.Seat, reason,
            reason is not null, by, now, ct);
        return (Answer(e, claim, claim.Session, admission), admission);
    }

    /// <summary>离场: records the exit of a person inside (the latest open admission; the manual gate may name the session).</summary>
    public async Task<GateAnswer> ExitAsync(GatePresentation p, CancellationToken ct = default)
    {
        var (fingerprint, masked) = Identify(p.IdNumber);
        var by = await ByAsync(p, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        GateAnswer answer;
        {
            var now = clock.GetUtcNow();
            if (await ReplayAsync(db, p, now, ct) is { } replay)
                answer = await RecordAsync(db, replay, fingerprint, masked, by, now, ct);
            else
            {
                var query = db.GateAdmissions.Where(a => a.IdFingerprint == fingerprint && a.ExitedAt == null);
                if (p.BookingId is { } chosen) query = query.Where(a => a.BookingId == chosen);
                var admission = await query.OrderByDescending(a => a.AdmittedAt).FirstOrDefaultAsync(ct);
                if (admission is null)
                    answer = await RecordAsync(db, new Refused(GateEventKind.Refused,
                        GateRefusal.Reason(GateRefusal.NotOnList, "未在评标区内：没有未离场的入场记录"), null, null, p), fingerprint, masked, by, now, ct);
                else
                {
                    admission.Exit(now);
                    var e = new GateEvent(GateEventKind.Exited, admission.BookingId, admission.RoomId, admission.Person, fingerprint, masked,
                        p.Device?.Id, p.RequestId, by, null, now);
                    db.GateEvents.Add(e);
                    using (await turns.TakeAsync(db, ct))
                        await db.SaveChangesAsync(ct);
                    var room = await db.Rooms.AsNoTracking().Where(r => r.Id == admission.RoomId).Select(r => new { r.Code, r.Name }).SingleAsync(ct);
                    answer = new GateAnswer(e.Id, e.Kind, false, null, null, admission.Person, masked, admission.BookingId, admission.RoomId,
                        admission.MemberId, room.Code, room.Name, admission.Seat, admission.Locker, null, admission.ReEntries);
                }
            }
        }
        if (answer.BookingId is { } booking)
            await ledger.PublishAsync(booking, answer.RoomId!.Value, answer.Kind == GateEventKind.Exited ? EvaluationChange.Exited : EvaluationChange.Refused, ct);
        return answer;
    }

    /// <summary>
    /// 评标室门禁: a person presented at the door of the device's room. Passed when admitted at the gate for a session in
    /// this room; refused (and recorded) otherwise: a person of another room is a "wrong-room" refusal, from which the
    /// watch raises its alert. The event's booking is the person's own session; its room is the door's.
    /// </summary>
    public async Task<GateAnswer> DoorAsync(GatePresentation p, CancellationToken ct = default)
    {
        if (p.Device is not { RoomId: { } doorRoom })
            throw new DomainException("Gate.DoorDevice", "评标室门禁须由绑定评标室的门禁设备提交");
        var (fingerprint, masked) = Identify(p.IdNumber);
        var by = await ByAsync(p, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        GateAnswer answer;
        Guid? ownRoom = null;
        {
            var now = clock.GetUtcNow();
            if (await ReplayAsync(db, p, now, ct) is { } replay)
                answer = await RecordAsync(db, replay, fingerprint, masked, by, now, ct);
            else
            {
                var inside = await (from a in db.GateAdmissions
                                    join r in db.Rooms on a.RoomId equals r.Id
                                    where a.IdFingerprint == fingerprint && a.ExitedAt == null
                                    orderby a.AdmittedAt descending
                                    select new InsideAdmission(a.Id, a.BookingId, a.RoomId, r.Code, a.Person, a.PassId)).ToListAsync(ct);
                var passIds = inside.Where(a => a.PassId != null).Select(a => a.PassId!.Value).ToList();
                var passes = passIds.Count == 0 ? [] : await (from x in db.AgencyPasses
                                                              join b in db.RoomBookings on x.BookingId equals b.Id
                                                              where x.IdFingerprint == fingerprint && inside.Select(i => i.BookingId).Contains(x.BookingId)
                                                              select new { x.BookingId, Pass = x, b.StartsAt, b.StartedAt }).ToListAsync(ct);
                var (kind, own, refusal) = DoorRules.AtDoor(inside, doorRoom,
                    a => passes.Any(x => x.BookingId == a.BookingId && x.Pass.AdmitsAt(now, Sealing.OpensAt(x.StartsAt, x.StartedAt))));
                var doorRoomRow = await db.Rooms.AsNoTracking().Where(r => r.Id == doorRoom).Select(r => new { r.Code, r.Name }).SingleAsync(ct);
                Guid? booking = own?.BookingId;
                if (booking is null)
                {
                    // Not admitted at the gate: the event belongs to the session in the door's room now, if any.
                    var from = now.AddMinutes(-Options.GateOpensMinutesBefore);
                    booking = await db.RoomBookings.Where(b => b.RoomId == doorRoom && b.StartsAt <= now.AddMinutes(Options.GateOpensMinutesBefore) && b.EndsAt >= from
                            && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.NoShow)
                        .OrderBy(b => b.StartsAt).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
                }
                ownRoom = own?.RoomId ?? (booking is null ? null : doorRoom);
                var e = new GateEvent(kind, booking, doorRoom, own?.Person, fingerprint, masked, p.Device.Id, p.RequestId, by, refusal, now);
                db.GateEvents.Add(e);
                using (await turns.TakeAsync(db, ct))
                    await db.SaveChangesAsync(ct);
                answer = new GateAnswer(e.Id, kind, kind == GateEventKind.DoorPassed, GateRefusal.CodeOf(refusal), refusal, own?.Person, masked,
                    booking, doorRoom, null, doorRoomRow.Code, doorRoomRow.Name, null, null, null);
            }
        }
        if (answer.BookingId is { } session && ownRoom is { } room)
            await ledger.PublishAsync(session, room, EvaluationChange.DoorPresented, ct);
        return answer;
    }

    // ---- the parts ----

    private sealed record Refused(GateEventKind Kind, string Reason, GateSession? Session, PersonKind? Person, GatePresentation P, Guid? MemberId = null);

    /// <summary>A device call's replay refusal, or null. A seen request id is recorded without it (the id stays the first call's).</summary>
    private async Task<Refused?> ReplayAsync(TradingOpsDbContext db, GatePresentation p, DateTimeOffset now, CancellationToken ct)
    {
        if (p.Device is null) return null;
        if (PlainText.IsBlank(p.RequestId) || p.RequestId.Length > GateEvent.RequestIdMaxLength || p.DeviceAt is null)
            throw new DomainException("Gate.Request", $"设备请求须包含请求编号（不超过 {GateEvent.RequestIdMaxLength} 个字符）和设备时间");
        var requestId = p.RequestId.Trim();
        var seen = await db.GateEvents.AnyAsync(e => e.DeviceId == p.Device.Id && e.RequestId == requestId, ct);
        return GateRules.ReplayRefusal(seen, p.DeviceAt.Value, now, Options) is { } reason
            ? new Refused(GateEventKind.Refused, reason, null, null, seen ? p with { RequestId = null } : p with { RequestId = requestId })
            : null;
    }

    private async Task<GateAnswer> RecordAsync(TradingOpsDbContext db, Refused r, string fingerprint, string masked, string by,
        DateTimeOffset now, CancellationToken ct)
    {
        var e = new GateEvent(r.Kind, r.Session?.BookingId, r.Session?.RoomId, r.Person, fingerprint, masked, r.P.Device?.Id, r.P.RequestId, by, r.Reason, now);
        db.GateEvents.Add(e);
        try
        {
            using var turn = await turns.TakeAsync(db, ct);
            await Witness.EvaluationWitness.SaveGateAsync(db, r.Session?.BookingId, e.Kind, r.Person, r.MemberId, null, e.Reason, false, by, now, ct);
        }
        catch (DbUpdateException) when (r.P.RequestId is not null)
        {
            // A parallel call with the same request id was recorded first: this one is its replay.
            db.ChangeTracker.Clear();
            e = new GateEvent(GateEventKind.Refused, r.Session?.BookingId, r.Session?.RoomId, r.Person, fingerprint, masked, r.P.Device?.Id, null, by,
                GateRules.ReplayRefusal(true, now, now, Options)!, now);
            db.GateEvents.Add(e);
            using var turn = await turns.TakeAsync(db, ct);
            await db.SaveChangesAsync(ct);
        }
        return new GateAnswer(e.Id, e.Kind, false, GateRefusal.CodeOf(e.Reason), e.Reason, r.Person, masked, r.Session?.BookingId,
            r.Session?.RoomId, null, r.Session?.RoomCode, r.Session?.RoomName, null, null, r.Session?.StartsAt);
    }

    private static GateAnswer Answer(GateEvent e, GateClaim claim, GateSession s, GateAdmission a) =>
        new(e.Id, e.Kind, true, null, e.Reason, claim.Person, a.IdMasked, s.BookingId, s.RoomId, a.MemberId, s.RoomCode, s.RoomName,
            a.Seat, a.Locker, s.StartsAt, a.ReEntries);

    private static string? JoinReasons(params string?[] parts) =>
        parts.Where(x => x is not null).ToList() is { Count: > 0 } list ? string.Join("；", list) : null;

    private static string PassReasonText(PassReason reason) => reason switch
    {
        PassReason.Preparation => "评标前布置",
        PassReason.Clarification => "澄清、说明",
        PassReason.Samples => "样品查看",
        PassReason.SecondOpening => "二次开标",
        PassReason.SystemFault => "系统故障处理",
        PassReason.SupervisedReview => "监督下复核",
        _ => "评标报告签署后",
    };

    /// <summary>The canonical number's fingerprint and mask; a wrong number is refused before anything is read or saved.</summary>
    private (string Fingerprint, string Masked) Identify(string? idNumber)
    {
        var id = IdNumber.Normalize(idNumber, out var error, CenterTime.Today(clock))
                 ?? throw new DomainException("Gate.InvalidIdentity", GateRefusal.Reason(GateRefusal.InvalidIdentity, error!));
        return (protector.Fingerprint(id), IdNumber.Mask(id));
    }

    private async Task<string> ByAsync(GatePresentation p, CancellationToken ct) =>
        p.Device is { } device ? $"device:{device.Name}" : (await actor.GetAsync(ct)).Name;

    /// <summary>The person's places on the lists of sessions starting within a day of now (the rules pick the one that counts).</summary>
    private async Task<List<MemberClaim>> MemberClaimsAsync(TradingOpsDbContext db, string fingerprint, Guid? bookingId, DateTimeOffset now, CancellationToken ct)
    {
        var (earliest, latest) = (now.AddDays(-1), now.AddDays(1));
        var query = from m in db.CommitteeMembers
                    join b in db.RoomBookings on m.BookingId equals b.Id
                    join r in db.Rooms on b.RoomId equals r.Id
                    join q in db.DrawRequests on m.RequestId equals q.Id
                    where m.IdFingerprint == fingerprint && b.StartsAt >= earliest && b.StartsAt <= latest
                    select new { m.Id, m.BookingId, m.Kind, m.Outcome, m.ReplacedById, b.RoomId, r.Code, r.Name, b.StartsAt, b.StartedAt, b.EndsAt, b.Status, r.EvaluationSeats, q.RemoteSeats };
        if (bookingId is { } chosen) query = query.Where(x => x.BookingId == chosen);
        var rows = await query.AsNoTracking().ToListAsync(ct);
        var seatsOut = await SeatsOutAsync(db, rows.Select(x => x.RoomId).Distinct().ToList(), now, ct);
        return rows.Select(x => new MemberClaim(
            new GateSession(x.BookingId, x.RoomId, x.Code, x.Name, x.StartsAt, x.StartedAt, x.EndsAt, Held(x.Status), x.EvaluationSeats, x.RemoteSeats,
                seatsOut.GetValueOrDefault(x.RoomId)),
            x.Id, x.Kind, x.Outcome, x.ReplacedById is not null)).ToList();
    }

    private async Task<List<PassClaim>> PassClaimsAsync(TradingOpsDbContext db, string fingerprint, Guid? bookingId, DateTimeOffset now, CancellationToken ct)
    {
        var (earliest, latest) = (now.AddDays(-1), now.AddDays(1));
        var query = from x in db.AgencyPasses
                    join b in db.RoomBookings on x.BookingId equals b.Id
                    join r in db.Rooms on b.RoomId equals r.Id
                    where x.IdFingerprint == fingerprint && b.StartsAt >= earliest && b.StartsAt <= latest
                    select new { x.Id, x.BookingId, x.Reason, x.ValidFrom, x.ValidUntil, x.RevokedAt, b.RoomId, r.Code, r.Name, b.StartsAt, b.StartedAt, b.EndsAt, b.Status, r.EvaluationSeats };
        if (bookingId is { } chosen) query = query.Where(x => x.BookingId == chosen);
        var rows = await query.AsNoTracking().ToListAsync(ct);
        return rows.Select(x => new PassClaim(
            new GateSession(x.BookingId, x.RoomId, x.Code, x.Name, x.StartsAt, x.StartedAt, x.EndsAt, Held(x.Status), x.EvaluationSeats, 0, 0),
            x.Id, x.Reason, x.ValidFrom, x.ValidUntil, x.RevokedAt)).ToList();
    }

    private static bool Held(BookingStatus status) => status is not (BookingStatus.Cancelled or BookingStatus.NoShow);

    /// <summary>Evaluation seats out of service now per room (the outages of seats active now).</summary>
    private static async Task<Dictionary<Guid, int>> SeatsOutAsync(TradingOpsDbContext db, List<Guid> rooms, DateTimeOffset now, CancellationToken ct)
    {
        if (rooms.Count == 0) return [];
        var outages = await db.RoomOutages.AsNoTracking()
            .Where(o => rooms.Contains(o.RoomId) && o.SeatsOut != null && o.From <= now && o.Until > now && (o.EndedAt == null || o.EndedAt > now))
            .Select(o => new { o.RoomId, o.SeatsOut }).ToListAsync(ct);
        return outages.GroupBy(o => o.RoomId).ToDictionary(g => g.Key, g => g.Sum(o => o.SeatsOut!.Value));
    }
}
