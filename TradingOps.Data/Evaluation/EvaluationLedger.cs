using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Live;

namespace TradingOps.Data.Evaluation;

/// <summary>A member's name (and phone, for a call) as a reveal returns it. Never logged, never sent to a public surface.</summary>
public sealed record RevealedMember(Guid MemberId, MemberKind Kind, string Name, string? Phone, string IdMasked, string Employer, string? SpecialtyCode);

/// <summary>
/// What every part of the evaluation area shares: a session's counts (what <see cref="EvaluationChanged"/> carries),
/// the draw lock, publishing a change, and the one audited way to reveal names (<see cref="RevealAsync"/>).
/// </summary>
public sealed class EvaluationLedger(IDbContextFactory<TradingOpsDbContext> factory, IIdentityProtector protector, ICurrentActor actor,
    ILiveEventPublisher live, TimeProvider clock)
{
    /// <summary>A session's numbers, read in one round trip per table (4 commands): <see cref="EvaluationFloorQueries.CountsAsync"/> for one session.</summary>
    public static async Task<SessionCounts> CountsAsync(TradingOpsDbContext db, Guid bookingId, CancellationToken ct) =>
        (await EvaluationFloorQueries.CountsAsync(db, [bookingId], ct))[bookingId];

    public async Task<SessionCounts> CountsAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CountsAsync(db, bookingId, ct);
    }

    /// <summary>
    /// Serialises draws and redraws across nodes (a no-op write of the center row inside the caller's transaction): a
    /// draw's candidate list is computed under it, so two draws never pick from the same free experts. The unique
    /// indexes of members and engagements stay the database's last word.
    /// </summary>
    public static async Task DrawLockAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var locked = await db.Centers.ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, c => c.Name), ct);
        if (locked == 0) throw new DomainException("Draw.NoCenter", "尚未配置交易中心");
    }

    /// <summary>After the transaction committed: tells every screen, with the session's counts after the change.</summary>
    public async Task PublishAsync(Guid bookingId, Guid roomId, EvaluationChange change, CancellationToken ct = default)
    {
        var counts = await CountsAsync(bookingId, ct);
        await live.PublishAsync(new EvaluationChanged(clock.GetUtcNow(), bookingId, roomId, change, counts), ct);
    }

    /// <summary>
    /// The only way a name leaves its protection: checks the seal (<see cref="Sealing"/>) against the session's start,
    /// unprotects, and writes one audit entry (action Read) per member with who, when, the purpose and why, in one save.
    /// A call or a gate check reveals one person at a time. <paramref name="overseer"/>: the caller checked that the
    /// person is a supervisor, duty manager, admin or the session's witness.
    /// </summary>
    public async Task<IReadOnlyList<RevealedMember>> RevealAsync(Guid bookingId, IReadOnlyCollection<Guid> memberIds, RevealPurpose purpose,
        string why, bool overseer, CancellationToken ct = default)
    {
        if (PlainText.IsBlank(why)) throw new DomainException("Reveal.Why", "查看专家身份须说明原因");
        if (purpose is RevealPurpose.Call or RevealPurpose.Gate && memberIds.Count != 1)
            throw new DomainException("Reveal.OneAtATime", "通知专家时一次只能查看一人");
        await using var db = await factory.CreateDbContextAsync(ct);
        var booking = await db.RoomBookings.AsNoTracking().Where(b => b.Id == bookingId)
            .Select(b => new { b.StartsAt, b.StartedAt }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("Reveal.NoSession", "没有这场评标");
        var now = clock.GetUtcNow();
        var who = await actor.GetAsync(ct);
        // Supervising departments (Observer) and screens read witnessing records, never expert identities.
        if (await Identity.ReadOnlyAccounts.IsReadOnlyAsync(db, who, ct))
            throw new DomainException("Reveal.ReadOnly", "只读账号（监督部门、显示屏）不能查看专家身份");
        if (Sealing.Refusal(purpose, Sealing.IsSealed(booking.StartsAt, booking.StartedAt, now), overseer) is { } refusal)
            throw new DomainException("Reveal.Sealed", refusal);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.BookingId == bookingId && memberIds.Contains(m.Id))
            .OrderBy(m => m.Kind).ThenBy(m => m.Order).ToListAsync(ct);
        if (members.Count != memberIds.Count) throw new DomainException("Reveal.UnknownMember", "名单中没有这位成员");
        foreach (var m in members)
            db.AuditEntries.Add(new AuditEntry(now, who, nameof(CommitteeMember), m.Id.ToString(), AuditAction.Read,
                JsonSerializer.Serialize(new { purpose = purpose.ToString(), why = PlainText.Truncate(why.Trim(), 200), booking = bookingId, expert = m.ExpertCode })));
        await db.SaveChangesAsync(ct);
        return members.Select(m => new RevealedMember(m.Id, m.Kind, protector.Unprotect(m.ProtectedName),
            purpose == RevealPurpose.Call && m.ProtectedPhone is { } p ? protector.Unprotect(p) : null,
            m.IdMasked, m.Employer, m.SpecialtyCode)).ToList();
    }
}
