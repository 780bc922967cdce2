using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data.Identity;
using TradingOps.Data.Sqlite;

namespace TradingOps.Data.Evaluation;

/// <summary>What the request form sends: the initiator (fixed once saved), further excluded employers, the recent-service days, the quotas.</summary>
public sealed record DrawRequestForm(string? Initiator, string? ExcludedEmployers, int RecentServiceDays, IReadOnlyList<QuotaLine> Quotas,
    DrawSource Source = DrawSource.Local);

public sealed record QuotaLine(string SpecialtyCode, int Count);

/// <summary>An initiator's representative as entered (name, ID number, phone, employer); stored only protected.</summary>
public sealed record RepresentativeForm(string? Name, string? IdNumber, string? Phone, string? Employer);

/// <summary>The session page's header: the booking in its evaluation room.</summary>
public sealed record SessionHeader(Guid BookingId, Guid RoomId, string RoomCode, string RoomName, string ProjectCode, string ProjectName,
    string? Agency, BookingPurpose Purpose, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? StartedAt, string? DefaultInitiator);

/// <summary>A member as the sealed session page shows them: codes, outcome and masks, never a name.</summary>
public sealed record MemberRow(Guid Id, MemberKind Kind, int Order, string? ExpertCode, string? SpecialtyCode, CallOutcome Outcome,
    DateTimeOffset? OutcomeAt, string? OutcomeBy, string? OutcomeNote, Guid? ReplacedById, Guid? RoundId, string? RedrawRequestedBy, string? RedrawReason)
{
    public bool IsGap => Kind == MemberKind.Expert && Outcome is not (CallOutcome.Pending or CallOutcome.Accepted) && ReplacedById is null;
}

/// <summary>A draw round with the reviewer's check (<see cref="DrawRules.Verify"/>): null when it holds.</summary>
public sealed record RoundRow(DrawRound Round, string? VerifyProblem);

public sealed record SessionView(SessionHeader Header, DrawRequest? Request, IReadOnlyList<(DrawQuota Quota, string Name)> Quotas,
    IReadOnlyList<MemberRow> Members, IReadOnlyList<RoundRow> Rounds, SessionCounts Counts, bool Sealed);

/// <summary>The next call: one name and phone (revealed and audited), with the member's codes.</summary>
public sealed record CallCard(Guid MemberId, int Order, string? ExpertCode, string? SpecialtyCode, string Name, string? Phone, int PendingCount);

/// <summary>
/// Draw requests, the two-person draw, confirmation calls and redraws (issue 18 items 2–3). Each command is one
/// transaction; draws and redraws run under <see cref="EvaluationLedger.DrawLockAsync"/>, so two nodes never pick from
/// the same free experts, and the unique indexes of members and engagements are the database's last word. Every change
/// is published after commit with counts only.
/// </summary>
public sealed class DrawService(IDbContextFactory<TradingOpsDbContext> factory, EvaluationLedger ledger, IIdentityProtector protector,
    ICurrentActor actor, TimeProvider clock, IOptions<EvaluationOptions> options, SqliteWriteTurns turns, IDrawRandom? random = null)
{
    /// <summary>Who may confirm a draw or redraw as the second person, and see names after the start (overseers).</summary>
    public static readonly IReadOnlyList<string> OverseerRoles = [Roles.Supervisor, Roles.DutyManager, Roles.Admin];

    private IDrawRandom Random => random ?? CryptoDrawRandom.Instance;

    // ---- reads ----

    public async Task<SessionHeader?> HeaderAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await HeaderAsync(db, bookingId, ct);
    }

    private static async Task<SessionHeader?> HeaderAsync(TradingOpsDbContext db, Guid bookingId, CancellationToken ct)
    {
        var row = await (from x in db.RoomBookings.AsNoTracking()
                         join r in db.Rooms.AsNoTracking() on x.RoomId equals r.Id
                         where x.Id == bookingId
                         select new { b = x, r.Code, r.Name, r.Type }).SingleOrDefaultAsync(ct);
        if (row is null || !row.Type.IsEvaluationArea()) return null;
        var b = row.b;
        var initiator = b.ProjectId is { } pid
            ? await db.TradingProjects.AsNoTracking().Where(p => p.Id == pid).Select(p => p.Initiator).SingleOrDefaultAsync(ct)
            : null;
        return new SessionHeader(b.Id, b.RoomId, row.Code, row.Name, b.ProjectCode, b.ProjectName, b.Agency, b.Purpose, b.StartsAt, b.EndsAt,
            b.StartedAt, initiator);
    }

    /// <summary>The session page: header, request, quotas, the list as codes, the rounds with their check, the counts.</summary>
    public async Task<SessionView?> SessionAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var header = await HeaderAsync(db, bookingId, ct);
        if (header is null) return null;
        var request = await db.DrawRequests.AsNoTracking().SingleOrDefaultAsync(r => r.BookingId == bookingId, ct);
        var quotas = request is null ? [] : await (from q in db.DrawQuotas.AsNoTracking()
                                                    join s in db.ExpertSpecialties.AsNoTracking() on q.SpecialtyCode equals s.Code
                                                    where q.RequestId == request.Id
                                                    orderby q.SpecialtyCode
                                                    select new { q, s.Name }).ToListAsync(ct);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.BookingId == bookingId)
            .OrderBy(m => m.Kind).ThenBy(m => m.Order)
            .Select(m => new MemberRow(m.Id, m.Kind, m.Order, m.ExpertCode, m.SpecialtyCode, m.Outcome, m.OutcomeAt, m.OutcomeBy, m.OutcomeNote,
                m.ReplacedById, m.RoundId, m.RedrawRequestedBy, m.RedrawReason)).ToListAsync(ct);
        var rounds = await db.DrawRounds.AsNoTracking().Where(r => r.BookingId == bookingId).OrderBy(r => r.At).ToListAsync(ct);
        var counts = await EvaluationLedger.CountsAsync(db, bookingId, ct);
        return new SessionView(header, request, quotas.Select(x => (x.q, x.Name)).ToList(), members,
            rounds.Select(r => new RoundRow(r, DrawRules.Verify(r))).ToList(), counts,
            Sealing.IsSealed(header.StartsAt, header.StartedAt, clock.GetUtcNow()));
    }

    /// <summary>The specialty catalogue for the picker.</summary>
    public async Task<IReadOnlyList<ExpertSpecialty>> SpecialtiesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ExpertSpecialties.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
    }

    /// <summary>Whether the acting person is an overseer (supervisor, duty manager, admin).</summary>
    public async Task<bool> IsOverseerAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await IsOverseerAsync(db, await actor.GetAsync(ct), ct);
    }

    private static Task<bool> IsOverseerAsync(TradingOpsDbContext db, Actor who, CancellationToken ct) =>
        Identity.UserRoles.HasAnyAsync(db, who, OverseerRoles, ct);

    // ---- the request ----

    /// <summary>Creates or changes the session's request (only before the draw is started). Quotas replace the previous ones.</summary>
    public async Task<DrawRequest> SaveRequestAsync(Guid bookingId, DrawRequestForm form, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var booking = await db.RoomBookings.SingleOrDefaultAsync(b => b.Id == bookingId, ct)
                      ?? throw new DomainException("Draw.NoSession", "没有这场评标");
        var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == booking.RoomId, ct);
        if (!room.Type.IsEvaluationArea() || booking.Purpose is not (BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation))
            throw new DomainException("Draw.NotEvaluation", "只有评标区评标室的评标场次可以申请抽取专家");
        if (!booking.HoldsRoom) throw new DomainException("Draw.BookingClosed", "该预约已取消或已结束");
        var now = clock.GetUtcNow();
        if (now >= booking.StartsAt) throw new DomainException("Draw.Started", "评标已开始，不能再修改抽取申请");
        var quotas = await CheckQuotasAsync(db, form.Quotas, ct);

        var request = await db.DrawRequests.SingleOrDefaultAsync(r => r.BookingId == bookingId, ct);
        if (request is null)
        {
            var initiator = PlainText.IsBlank(form.Initiator) ? await InitiatorOfAsync(db, booking, ct) : form.Initiator;
            request = new DrawRequest(booking.Id, booking.RoomId, booking.ProjectCode, booking.ProjectName, initiator ?? "", booking.Agency,
                booking.StartsAt, booking.EndsAt, form.Source, form.RecentServiceDays, who.Name, now);
            db.DrawRequests.Add(request);
        }
        else
        {
            request.EnsureEditable();
            db.DrawQuotas.RemoveRange(await db.DrawQuotas.Where(q => q.RequestId == request.Id).ToListAsync(ct));
        }
        request.SetExclusions(form.ExcludedEmployers, form.RecentServiceDays);
        foreach (var q in quotas) db.DrawQuotas.Add(new DrawQuota(request.Id, q.SpecialtyCode, q.Count));
        await db.SaveChangesAsync(ct);
        await ledger.PublishAsync(booking.Id, booking.RoomId, EvaluationChange.RequestSaved, ct);
        return request;
    }

    private static async Task<string?> InitiatorOfAsync(TradingOpsDbContext db, RoomBooking booking, CancellationToken ct) =>
        booking.ProjectId is { } pid ? await db.TradingProjects.Where(p => p.Id == pid).Select(p => p.Initiator).SingleOrDefaultAsync(ct) : null;

    private static async Task<List<QuotaLine>> CheckQuotasAsync(TradingOpsDbContext db, IReadOnlyList<QuotaLine> lines, CancellationToken ct)
    {
        var clean = lines.Select(l => l with { SpecialtyCode = (PlainText.Clean(l.SpecialtyCode) ?? "").ToUpperInvariant() }).ToList();
        if (clean.Count == 0) throw new DomainException("Draw.NoQuota", "至少填写一个专业的抽取人数");
        if (clean.GroupBy(l => l.SpecialtyCode).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new DomainException("Draw.QuotaTwice", $"专业 {twice.Key} 填写了两次");
        var codes = clean.Select(l => l.SpecialtyCode).ToList();
        var known = await db.ExpertSpecialties.Where(s => codes.Contains(s.Code)).Select(s => s.Code).ToListAsync(ct);
        if (codes.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
            throw new DomainException("Draw.UnknownSpecialty", $"没有专业代码 {(unknown.Length == 0 ? "（空）" : unknown)}");
        return clean;
    }

    /// <summary>Adds one of the initiator's representatives (entered, not drawn): protected, on the list, engaged for the session's slots.</summary>
    public async Task<Guid> AddRepresentativeAsync(Guid bookingId, RepresentativeForm form, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var now = clock.GetUtcNow();
        var identity = ProtectedIdentity.Of(protector, form.Name, form.IdNumber, form.Phone, DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime));
        var (member, roomId) = await InDrawLockAsync(async db =>
        {
            var request = await db.DrawRequests.SingleOrDefaultAsync(r => r.BookingId == bookingId, ct)
                          ?? throw new DomainException("Draw.NoRequest", "请先登记抽取申请");
            if (now >= request.StartsAt) throw new DomainException("Draw.Started", "评标已开始，不能再增加招标人代表");
            if (await db.CommitteeMembers.AnyAsync(m => m.BookingId == bookingId && m.IdFingerprint == identity.IdFingerprint, ct))
                throw new DomainException("Draw.Twice", "此人已在本场名单中");
            await EnsureNotEngagedAsync(db, identity.IdFingerprint, request, ct);
            var order = await db.CommitteeMembers.CountAsync(m => m.BookingId == bookingId && m.Kind == MemberKind.InitiatorRepresentative, ct) + 1;
            var m = new CommitteeMember(request, MemberKind.InitiatorRepresentative, null, null, null, null, order, identity,
                PlainText.IsBlank(form.Employer) ? request.Initiator : form.Employer, who.Name, now); // a representative works for the initiator unless told
            db.CommitteeMembers.Add(m);
            db.ExpertEngagements.AddRange(ExpertEngagement.For(m));
            return (m, request.RoomId);
        }, ct);
        await ledger.PublishAsync(bookingId, roomId, EvaluationChange.RepresentativeAdded, ct);
        return member.Id;
    }

    private static async Task EnsureNotEngagedAsync(TradingOpsDbContext db, string fingerprint, DrawRequest request, CancellationToken ct)
    {
        var (from, until) = SlotRange(request);
        if (await db.ExpertEngagements.AnyAsync(e => e.IdFingerprint == fingerprint && e.Slot >= from && e.Slot < until && e.BookingId != request.BookingId, ct))
            throw new DomainException("Draw.Engaged", "此人已在时间重叠的另一场评标名单中");
    }

    private static (DateTimeOffset From, DateTimeOffset Until) SlotRange(DrawRequest request) =>
        (ExpertEngagement.Slots(request.StartsAt, request.EndsAt).First(), request.EndsAt);

    // ---- the two-person draw ----

    /// <summary>发起抽取: the operator asks for the draw; it runs when another person, an overseer, confirms.</summary>
    public async Task StartDrawAsync(Guid bookingId, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.DrawRequests.SingleOrDefaultAsync(r => r.BookingId == bookingId, ct)
                      ?? throw new DomainException("Draw.NoRequest", "请先登记抽取申请");
        if (!await db.DrawQuotas.AnyAsync(q => q.RequestId == request.Id, ct)) throw new DomainException("Draw.NoQuota", "至少填写一个专业的抽取人数");
        request.StartDraw(who.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await ledger.PublishAsync(bookingId, request.RoomId, EvaluationChange.DrawStarted, ct);
    }

    /// <summary>The operator withdraws a started draw that nobody confirmed yet.</summary>
    public async Task WithdrawDrawAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.DrawRequests.SingleOrDefaultAsync(r => r.BookingId == bookingId, ct)
                      ?? throw new DomainException("Draw.NoRequest", "请先登记抽取申请");
        request.WithdrawDraw();
        await db.SaveChangesAsync(ct);
        await ledger.PublishAsync(bookingId, request.RoomId, EvaluationChange.RequestSaved, ct);
    }

    /// <summary>
    /// 确认抽取 by the second person (an overseer, not the operator), then the draw itself in ONE transaction under the draw
    /// lock: eligibility, the pick, the members with their engagements, the round, status Drawn. Codes only are returned.
    /// </summary>
    public async Task<DrawRound> ConfirmDrawAsync(Guid bookingId, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var (round, roomId) = await InDrawLockAsync(async db =>
        {
            if (!await IsOverseerAsync(db, who, ct)) throw new DomainException("Draw.NotOverseer", "确认抽取须由科室负责人、值班经理或管理员（监督人员）进行");
            var request = await db.DrawRequests.SingleOrDefaultAsync(r => r.BookingId == bookingId, ct)
                          ?? throw new DomainException("Draw.NoRequest", "请先登记抽取申请");
            var now = clock.GetUtcNow();
            request.ConfirmDraw(who.Name, now);
            var quotas = await (from q in db.DrawQuotas
                                join s in db.ExpertSpecialties on q.SpecialtyCode equals s.Code
                                where q.RequestId == request.Id
                                orderby q.SpecialtyCode
                                select new { q.SpecialtyCode, q.Count, s.Name }).ToListAsync(ct);
            var pool = await PoolAsync(db, request, ct);
            var employers = request.Employers;
            DrawRules.EnsureEnough(quotas.Select(q => (q.SpecialtyCode, q.Name, q.Count, DrawRules.Eligibility(q.SpecialtyCode, employers, pool).Eligible.Count)));
            var picked = new HashSet<string>(StringComparer.Ordinal);
            var drawn = new List<(DrawEligibility, SpecialtyPicks)>();
            foreach (var q in quotas)
            {
                var eligibility = DrawRules.Eligibility(q.SpecialtyCode, employers, pool, picked);
                DrawRules.EnsureEnough([(q.SpecialtyCode, q.Name, q.Count, eligibility.Eligible.Count)]);
                var picks = DrawRules.Pick(q.SpecialtyCode, eligibility.Eligible, q.Count, Random);
                foreach (var p in picks.Picks) picked.Add(p.Code);
                drawn.Add((eligibility, picks));
            }
            var record = DrawRules.Record(drawn, Random.Source);
            var round = NewRound(request, DrawRoundKind.Initial, quotas.Count == 1 ? quotas[0].SpecialtyCode : null, quotas.Sum(q => q.Count),
                null, null, request.OperatorName!, who.Name, now, record);
            db.DrawRounds.Add(round);
            var order = await db.CommitteeMembers.Where(m => m.BookingId == bookingId && m.Kind == MemberKind.Expert).MaxAsync(m => (int?)m.Order, ct) ?? 0;
            foreach (var (_, picks) in drawn)
                foreach (var p in picks.Picks)
                    await AddMemberAsync(db, request, p, picks.SpecialtyCode, round.Id, ++order, who.Name, now, ct);
            await Witness.EvaluationWitness.AppendDrawAsync(db, request, round, drawn.SelectMany(d => d.Item2.Picks).Select(p => p.Code).ToList(), who.Name, now, ct);
            return (round, request.RoomId);
        }, ct);
        await ledger.PublishAsync(bookingId, roomId, EvaluationChange.Drawn, ct);
        return round;
    }

    private static DrawRound NewRound(DrawRequest request, DrawRoundKind kind, string? specialty, int wanted, string? reason, Guid? replaces,
        string operatorName, string confirmer, DateTimeOffset at, DrawRecord record) =>
        new(request.Id, request.BookingId, kind, specialty, wanted, reason, replaces, operatorName, confirmer, at,
            record.CandidateCount, record.CandidatesJson, record.CandidatesHash, record.ExclusionsJson, record.RandomJson, record.PicksJson);

    private static async Task<CommitteeMember> AddMemberAsync(TradingOpsDbContext db, DrawRequest request, DrawCandidate pick, string specialty,
        Guid roundId, int order, string by, DateTimeOffset at, CancellationToken ct)
    {
        var e = await db.Experts.AsNoTracking().SingleAsync(x => x.Id == pick.ExpertId, ct);
        var member = new CommitteeMember(request, MemberKind.Expert, e.Id, e.Code, specialty, roundId, order, e.Identity, e.Employer, by, at);
        db.CommitteeMembers.Add(member);
        db.ExpertEngagements.AddRange(ExpertEngagement.For(member));
        return member;
    }

    /// <summary>
    /// The pool around a session, read in the draw's transaction: active experts, unavailable ones, those who served the
    /// same initiator recently, those bound to an overlapping session, those already on this session's list.
    /// </summary>
    public static async Task<DrawPool> PoolAsync(TradingOpsDbContext db, DrawRequest request, CancellationToken ct)
    {
        var experts = await db.Experts.AsNoTracking().Where(e => e.Status == ExpertStatus.Active)
            .Select(e => new { e.Id, e.Code, e.Employer, e.Specialties, e.IdFingerprint }).ToListAsync(ct);
        var unavailable = await db.ExpertUnavailabilities.AsNoTracking()
            .Where(u => u.From < request.EndsAt && u.Until > request.StartsAt).Select(u => u.ExpertId).Distinct().ToListAsync(ct);
        var recent = new List<string>();
        if (request.RecentServiceDays > 0)
        {
            recent = await (from m in db.CommitteeMembers.AsNoTracking().Where(DrawRules.ServedRecentlyBefore(request.StartsAt, request.RecentServiceDays))
                            join r in db.DrawRequests.AsNoTracking() on m.RequestId equals r.Id
                            where r.Initiator == request.Initiator && m.BookingId != request.BookingId
                            select m.IdFingerprint).Distinct().ToListAsync(ct);
        }
        var (from, until) = SlotRange(request);
        var engaged = await db.ExpertEngagements.AsNoTracking()
            .Where(e => e.Slot >= from && e.Slot < until && e.BookingId != request.BookingId).Select(e => e.IdFingerprint).Distinct().ToListAsync(ct);
        var onList = await db.CommitteeMembers.AsNoTracking().Where(m => m.BookingId == request.BookingId).Select(m => m.IdFingerprint).ToListAsync(ct);
        return new DrawPool(
            experts.Select(e => new DrawCandidate(e.Id, e.Code, e.Employer, Expert.SplitSpecialties(e.Specialties), e.IdFingerprint)).ToList(),
            unavailable.ToHashSet(), recent.ToHashSet(StringComparer.Ordinal), engaged.ToHashSet(StringComparer.Ordinal), onList.ToHashSet(StringComparer.Ordinal));
    }

    // ---- calls ----

    /// <summary>
    /// The next member to call (the first pending expert in pick order), revealed through the ledger: one name and phone,
    /// audited with purpose Call. Null when nobody is pending.
    /// </summary>
    public async Task<CallCard?> NextCallAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.BookingId == bookingId && m.Kind == MemberKind.Expert && m.Outcome == CallOutcome.Pending)
            .OrderBy(m => m.Order).Select(m => new { m.Id, m.Order, m.ExpertCode, m.SpecialtyCode }).ToListAsync(ct);
        if (pending.Count == 0) return null;
        var next = pending[0];
        var revealed = await ledger.RevealAsync(bookingId, [next.Id], RevealPurpose.Call, "通知专家", overseer: false, ct);
        return new CallCard(next.Id, next.Order, next.ExpertCode, next.SpecialtyCode, revealed[0].Name, revealed[0].Phone, pending.Count);
    }

    /// <summary>Records a call's result (or a later recusal). A member who leaves the list frees their engagements.</summary>
    public async Task RecordCallAsync(Guid bookingId, Guid memberId, CallOutcome outcome, string? note, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await db.CommitteeMembers.SingleOrDefaultAsync(m => m.Id == memberId, ct)
                     ?? throw new DomainException("Call.UnknownMember", "名单中没有这位成员");
        if (member.BookingId != bookingId) throw new DomainException("Call.OtherSession", "该成员不在本场评标名单中");
        if (member.RecordOutcome(outcome, note, who.Name, clock.GetUtcNow()))
            db.ExpertEngagements.RemoveRange(await db.ExpertEngagements.Where(e => e.MemberId == member.Id).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        await ledger.PublishAsync(bookingId, member.RoomId, EvaluationChange.CallRecorded, ct);
    }

    // ---- redraws ----

    /// <summary>补抽 asked by the operator for one gap, with a reason; an overseer other than the operator confirms it.</summary>
    public async Task RequestRedrawAsync(Guid bookingId, Guid memberId, string? reason, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await MemberOfAsync(db, bookingId, memberId, ct);
        await EnsureNotStartedAsync(db, bookingId, ct);
        member.RequestRedraw(who.Name, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await ledger.PublishAsync(bookingId, member.RoomId, EvaluationChange.DrawStarted, ct);
    }

    /// <summary>
    /// Confirms a redraw as the second person and runs it in one transaction under the draw lock: one expert of the gap's
    /// specialty from the remaining pool with the same criteria; the round records the reason and the place it fills.
    /// </summary>
    public async Task<DrawRound> ConfirmRedrawAsync(Guid bookingId, Guid memberId, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var (round, roomId) = await InDrawLockAsync(async db =>
        {
            if (!await IsOverseerAsync(db, who, ct)) throw new DomainException("Draw.NotOverseer", "确认补抽须由科室负责人、值班经理或管理员（监督人员）进行");
            var gap = await MemberOfAsync(db, bookingId, memberId, ct);
            await EnsureNotStartedAsync(db, bookingId, ct);
            if (!gap.IsGap) throw new DomainException(gap.OnList ? "Redraw.OnList" : "Redraw.Done", gap.OnList ? "该专家仍在名单中，不能补抽" : "该席位已补抽");
            if (gap.RedrawRequestedBy is null) throw new DomainException("Redraw.NotRequested", "补抽尚未由操作员发起");
            DrawRules.EnsureSecondPerson(gap.RedrawRequestedBy, who.Name);
            var request = await db.DrawRequests.SingleAsync(r => r.Id == gap.RequestId, ct);
            var specialty = gap.SpecialtyCode ?? throw new DomainException("Redraw.NoSpecialty", "该席位没有专业，无法补抽");
            var name = await db.ExpertSpecialties.Where(s => s.Code == specialty).Select(s => s.Name).SingleOrDefaultAsync(ct) ?? specialty;
            var now = clock.GetUtcNow();
            var pool = await PoolAsync(db, request, ct);
            var eligibility = DrawRules.Eligibility(specialty, request.Employers, pool);
            DrawRules.EnsureEnough([(specialty, name, 1, eligibility.Eligible.Count)]);
            var picks = DrawRules.Pick(specialty, eligibility.Eligible, 1, Random);
            var round = NewRound(request, DrawRoundKind.Redraw, specialty, 1, gap.RedrawReason, gap.Id, gap.RedrawRequestedBy, who.Name, now,
                DrawRules.Record([(eligibility, picks)], Random.Source));
            db.DrawRounds.Add(round);
            var order = await db.CommitteeMembers.Where(m => m.BookingId == bookingId && m.Kind == MemberKind.Expert).MaxAsync(m => (int?)m.Order, ct) ?? 0;
            var replacement = await AddMemberAsync(db, request, picks.Picks[0], specialty, round.Id, order + 1, who.Name, now, ct);
            gap.ReplaceWith(replacement);
            await Witness.EvaluationWitness.AppendDrawAsync(db, request, round, [picks.Picks[0].Code], who.Name, now, ct);
            return (round, request.RoomId);
        }, ct);
        await ledger.PublishAsync(bookingId, roomId, EvaluationChange.Redrawn, ct);
        return round;
    }

    private static async Task<CommitteeMember> MemberOfAsync(TradingOpsDbContext db, Guid bookingId, Guid memberId, CancellationToken ct)
    {
        var member = await db.CommitteeMembers.SingleOrDefaultAsync(m => m.Id == memberId, ct)
                     ?? throw new DomainException("Call.UnknownMember", "名单中没有这位成员");
        if (member.BookingId != bookingId) throw new DomainException("Call.OtherSession", "该成员不在本场评标名单中");
        return member;
    }

    private async Task EnsureNotStartedAsync(TradingOpsDbContext db, Guid bookingId, CancellationToken ct)
    {
        var b = await db.RoomBookings.AsNoTracking().Where(x => x.Id == bookingId).Select(x => new { x.StartsAt, x.StartedAt }).SingleAsync(ct);
        if (!Sealing.IsSealed(b.StartsAt, b.StartedAt, clock.GetUtcNow()))
            throw new DomainException("Redraw.Started", "评标已开始，不能再补抽");
    }

    /// <summary>
    /// One transaction holding the draw lock (and, on SQLite, this process's write turn): the work, the save, the commit.
    /// A unique index refusing the write (the same person twice, or in two overlapping sessions) comes back as a refusal.
    /// </summary>
    private async Task<T> InDrawLockAsync<T>(Func<TradingOpsDbContext, Task<T>> work, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                using var turn = await turns.TakeAsync(db, ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await EvaluationLedger.DrawLockAsync(db, ct);
                var result = await work(db);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return result;
            });
        }
        catch (DbUpdateException)
        {
            throw new DomainException("Draw.Conflict", "名单冲突：同一人不能在本场出现两次，也不能同时在时间重叠的两场评标中，未保存");
        }
    }

    /// <summary>The default recent-service days for a new request.</summary>
    public int DefaultRecentServiceDays => options.Value.RecentServiceDays;
}
