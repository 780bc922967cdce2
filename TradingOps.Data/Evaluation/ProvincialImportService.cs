using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Evaluation;

/// <summary>Why an import was refused: the HTTP answer follows from it (see docs/EVALUATION-API.md).</summary>
public enum ImportRefusal
{
    Invalid,        // 400: a field is wrong (named in Errors)
    UnknownBooking, // 404
    NotAllowed,     // 422: not an evaluation session, cancelled, or evaluation already started
    Replay,         // 409: this terminal sent this requestId before
    Conflict,       // 409: the session is drawn already, or an expert is bound to this or an overlapping session
}

/// <summary>One expert the import put on the list: code and masks only.</summary>
public sealed record ImportedMember(Guid MemberId, string ExpertCode, string IdMasked, string SpecialtyCode, bool NewToPool);

/// <summary>What an import did, or why it did nothing (<see cref="Refusal"/> set, field errors in <see cref="Errors"/>).</summary>
public sealed record DrawImportOutcome(ImportRefusal? Refusal, string Title, IReadOnlyDictionary<string, string[]> Errors,
    Guid? ImportId = null, Guid? DrawRequestId = null, Guid? RoundId = null, IReadOnlyList<ImportedMember>? Members = null)
{
    public bool Succeeded => Refusal is null;

    public static DrawImportOutcome Refused(ImportRefusal refusal, string title, string? field = null, string? message = null) =>
        new(refusal, title, field is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { [field] = [message ?? title] });
}

/// <summary>
/// The provincial import (issue 18 item 1): a draw made in the provincial system, sent by a paired draw terminal, lands
/// in the same records as a local draw: the session's <see cref="DrawRequest"/> (made when missing, Source Provincial),
/// the experts in the pool (matched by fingerprint, added when new), the committee members with their engagement slots,
/// and a <see cref="DrawRoundKind.ProvincialImport"/> round. One transaction under the draw lock; the unique indexes of
/// members and engagements refuse an expert already bound to an overlapping session; a refused import saves nothing.
/// </summary>
public sealed class ProvincialImportService(IDbContextFactory<TradingOpsDbContext> factory, IIdentityProtector protector, ICurrentActor actor,
    EvaluationLedger ledger, TimeProvider clock, ILogger<ProvincialImportService> logger)
{
    public async Task<DrawImportOutcome> ImportAsync(Guid deviceId, ProvincialDrawResult body, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<string> catalogue;
        await using (var read = await factory.CreateDbContextAsync(ct))
            catalogue = await read.ExpertSpecialties.AsNoTracking().Select(s => s.Code).ToListAsync(ct);
        var (members, errors) = ProvincialDraw.Check(body, protector, catalogue.ToList(), now);
        if (errors.Count > 0) return new DrawImportOutcome(ImportRefusal.Invalid, "抽取结果有误，请按提示修正后重新发送", errors);

        var requestId = PlainText.Clean(body.RequestId)!;
        var bookingId = body.BookingId!.Value;
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        var roomId = Guid.Empty;
        DrawImportOutcome outcome;
        try
        {
            // One transaction under the draw lock, retried whole by the provider's execution strategy; a refusal commits nothing.
            outcome = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await EvaluationLedger.DrawLockAsync(db, ct);
                var result = await LandAsync(db, deviceId, requestId, bookingId, body, members, who, now, ct);
                if (!result.Outcome.Succeeded) return result.Outcome;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                roomId = result.RoomId;
                return result.Outcome;
            });
        }
        catch (DbUpdateException)
        {
            return await WhyRefusedAsync(deviceId, requestId, bookingId, members, ct);
        }
        if (!outcome.Succeeded) return outcome;
        logger.LogInformation("Provincial draw imported: booking {BookingId}, round {RoundId}, {Count} experts", bookingId, outcome.RoundId, outcome.Members!.Count);
        await ledger.PublishAsync(bookingId, roomId, EvaluationChange.Imported, ct);
        return outcome;
    }

    /// <summary>Adds everything the import makes to <paramref name="db"/> (the caller saves), or says why it may not.</summary>
    private async Task<(DrawImportOutcome Outcome, Guid RoomId)> LandAsync(TradingOpsDbContext db, Guid deviceId, string requestId, Guid bookingId,
        ProvincialDrawResult body, IReadOnlyList<CheckedDrawMember> members, Actor who, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.DrawImports.AsNoTracking().Where(i => i.DeviceId == deviceId && i.ExternalRequestId == requestId).Select(i => (Guid?)i.Id)
                .FirstOrDefaultAsync(ct) is { } earlier)
            return (Replayed(earlier), Guid.Empty);

        var booking = await db.RoomBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null) return (DrawImportOutcome.Refused(ImportRefusal.UnknownBooking, "没有这场评标预约", "bookingId", "没有这场评标预约"), Guid.Empty);
        var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == booking.RoomId, ct);
        if (!room.Type.IsEvaluationArea() || booking.Purpose is not (BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation))
            return (DrawImportOutcome.Refused(ImportRefusal.NotAllowed, "该预约不是评标区的评标场次", "bookingId", $"预约 {booking.ProjectCode} 不在评标区或不是评标用途"), Guid.Empty);
        if (!RoomBooking.HoldingStatuses.Contains(booking.Status))
            return (DrawImportOutcome.Refused(ImportRefusal.NotAllowed, "该评标预约已取消或已结束", "bookingId"), Guid.Empty);
        if (!Sealing.IsSealed(booking.StartsAt, booking.StartedAt, now))
            return (DrawImportOutcome.Refused(ImportRefusal.NotAllowed, "评标已开始，不能再导入抽取结果", "bookingId"), Guid.Empty);

        var request = await db.DrawRequests.SingleOrDefaultAsync(r => r.BookingId == bookingId, ct);
        if (request is null)
        {
            var initiator = PlainText.Clean(body.Initiator)
                            ?? (booking.ProjectId is { } projectId
                                ? await db.TradingProjects.Where(p => p.Id == projectId).Select(p => p.Initiator).SingleOrDefaultAsync(ct)
                                : null);
            if (initiator is null)
                return (DrawImportOutcome.Refused(ImportRefusal.Invalid, "抽取结果有误，请按提示修正后重新发送", "initiator",
                    "该预约未关联登记项目：须提供招标人（initiator）"), Guid.Empty);
            request = new DrawRequest(booking.Id, booking.RoomId, booking.ProjectCode, booking.ProjectName, initiator, booking.Agency,
                booking.StartsAt, booking.EndsAt, DrawSource.Provincial, 0, who.Name, now);
            db.DrawRequests.Add(request);
        }
        try
        {
            request.RecordProvincialDraw(PlainText.Clean(body.Operator)!, PlainText.Clean(body.Confirmer)!, body.DrawnAt!.Value);
        }
        catch (DomainException e)
        {
            return (DrawImportOutcome.Refused(ImportRefusal.Conflict, e.Message, "bookingId", e.Message), Guid.Empty);
        }

        // The pool: one record per person, matched by fingerprint.
        var fingerprints = members.Select(m => m.Identity.IdFingerprint).ToList();
        var known = await db.Experts.Where(e => fingerprints.Contains(e.IdFingerprint)).ToDictionaryAsync(e => e.IdFingerprint, ct);
        var lastCode = await db.Experts.Where(e => e.Code.StartsWith(ExpertPool.ProvincialCodePrefix)).MaxAsync(e => (string?)e.Code, ct);
        var codes = lastCode is null ? new List<string>() : [lastCode];
        var experts = new List<(CheckedDrawMember Member, Expert Expert, bool New)>();
        foreach (var m in members)
        {
            if (known.TryGetValue(m.Identity.IdFingerprint, out var expert))
            {
                expert.RefreshFromProvince(m.Identity, m.Employer, m.Region, m.SpecialtyCode);
                experts.Add((m, expert, false));
                continue;
            }
            var code = ExpertPool.NextCode(ExpertPool.ProvincialCodePrefix, codes);
            codes.Add(code);
            expert = new Expert(code, m.Identity, m.Employer, m.Region, [m.SpecialtyCode], ExpertSource.Provincial, who.Name, now);
            db.Experts.Add(expert);
            experts.Add((m, expert, true));
        }

        // The round: the imported codes are both the candidates and the picks (the province drew; we record what it drew).
        var picked = experts.Select(x => x.Expert.Code).ToList();
        var (candidates, hash) = ProvincialDraw.Candidates(picked);
        var specialties = experts.Select(x => x.Member.SpecialtyCode).Distinct().ToList();
        var round = new DrawRound(request.Id, booking.Id, DrawRoundKind.ProvincialImport, specialties.Count == 1 ? specialties[0] : null,
            experts.Count, ProvincialDraw.Reason(PlainText.Clean(body.ProvincialDrawNo)!), null, request.OperatorName!, request.ConfirmedBy!, now,
            experts.Count, candidates, hash, "[]", "[]", System.Text.Json.JsonSerializer.Serialize(picked));
        db.DrawRounds.Add(round);

        // The quotas follow the province's draw (what the session's counts and the committee check compare with).
        db.DrawQuotas.RemoveRange(await db.DrawQuotas.Where(q => q.RequestId == request.Id).ToListAsync(ct));
        foreach (var group in experts.GroupBy(x => x.Member.SpecialtyCode))
            db.DrawQuotas.Add(new DrawQuota(request.Id, group.Key, group.Count()));

        var order = await db.CommitteeMembers.Where(m => m.RequestId == request.Id).MaxAsync(m => (int?)m.Order, ct) ?? 0;
        var added = new List<ImportedMember>();
        foreach (var (m, expert, isNew) in experts)
        {
            var member = new CommitteeMember(request, MemberKind.Expert, expert.Id, expert.Code, m.SpecialtyCode, round.Id, ++order,
                m.Identity, m.Employer, who.Name, now);
            db.CommitteeMembers.Add(member);
            db.ExpertEngagements.AddRange(ExpertEngagement.For(member));
            added.Add(new ImportedMember(member.Id, expert.Code, m.Identity.IdMasked, m.SpecialtyCode, isNew));
        }
        var import = new DrawImport(deviceId, requestId, booking.Id, request.Id, round.Id, PlainText.Clean(body.ProvincialDrawNo)!, experts.Count, now);
        db.DrawImports.Add(import);
        await Witness.EvaluationWitness.AppendDrawAsync(db, request, round, picked, who.Name, now, ct);

        return (new DrawImportOutcome(null, "已导入", new Dictionary<string, string[]>(), import.Id, request.Id, round.Id, added), booking.RoomId);
    }

    private static DrawImportOutcome Replayed(Guid earlier) =>
        new(ImportRefusal.Replay, "重复请求：该请求编号已导入过", new Dictionary<string, string[]> { ["requestId"] = ["该请求编号已导入过"] }, earlier);

    /// <summary>
    /// The database refused the save (a unique index): find out which, on a fresh context after the rollback, and say it
    /// with the masked ID number of the expert concerned (never the name).
    /// </summary>
    private async Task<DrawImportOutcome> WhyRefusedAsync(Guid deviceId, string requestId, Guid bookingId,
        IReadOnlyList<CheckedDrawMember> members, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var booking = await db.RoomBookings.AsNoTracking().SingleAsync(b => b.Id == bookingId, ct);
        if (await db.DrawImports.AsNoTracking().Where(i => i.DeviceId == deviceId && i.ExternalRequestId == requestId).Select(i => (Guid?)i.Id)
                .FirstOrDefaultAsync(ct) is { } earlier)
            return Replayed(earlier);
        var fingerprints = members.Select(m => m.Identity.IdFingerprint).ToList();
        var firstSlot = ExpertEngagement.Slots(booking.StartsAt, booking.EndsAt).First();
        var ends = booking.EndsAt;
        var bound = await db.ExpertEngagements.AsNoTracking()
            .Where(e => fingerprints.Contains(e.IdFingerprint) && e.Slot >= firstSlot && e.Slot < ends && e.BookingId != booking.Id)
            .Select(e => new { e.IdFingerprint, e.BookingId }).Distinct().ToListAsync(ct);
        var inSession = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.BookingId == booking.Id && fingerprints.Contains(m.IdFingerprint)).Select(m => m.IdFingerprint).ToListAsync(ct);
        var errors = new Dictionary<string, string[]>();
        foreach (var m in members)
        {
            if (inSession.Contains(m.Identity.IdFingerprint))
                errors[$"members[{m.Index}].idNumber"] = [$"身份证号 {m.Identity.IdMasked} 的人员已在本场评标名单中"];
            else if (bound.Any(b => b.IdFingerprint == m.Identity.IdFingerprint))
                errors[$"members[{m.Index}].idNumber"] = [$"身份证号 {m.Identity.IdMasked} 的专家已被抽取参加时间重叠的另一场评标"];
        }
        if (errors.Count == 0)
            return DrawImportOutcome.Refused(ImportRefusal.Conflict, "抽取结果与已有记录冲突，未导入任何内容，请稍后重试");
        return new DrawImportOutcome(ImportRefusal.Conflict, $"有专家已在本场或时间重叠的评标名单中：{string.Join("；", errors.Values.Select(v => v[0]))}", errors);
    }
}
