using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;

namespace TradingOps.Data.Evaluation;

/// <summary>A new expert as the pool desk types it (plain identity: protected before anything is stored).</summary>
public sealed record NewExpert(string? Name, string? IdNumber, string? Phone, string? Employer, string? Region, IReadOnlyList<string> Specialties);

/// <summary>
/// The pool desk's changes (issue 18 item 1): add an expert, edit employer, region and specialties, suspend, retire
/// or reactivate with a reason, declare and remove unavailable periods. Each change is one save, audited by the
/// interceptor (identities show as ***). The one name the desk may see goes through <see cref="RevealNameAsync"/>.
/// </summary>
public sealed class ExpertPoolService(IDbContextFactory<TradingOpsDbContext> factory, IIdentityProtector protector, ICurrentActor actor,
    TimeProvider clock)
{
    public async Task<Expert> AddAsync(NewExpert input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var catalogue = await db.ExpertSpecialties.Select(s => s.Code).ToListAsync(ct);
        var specialties = ExpertPool.KnownSpecialties(input.Specialties, catalogue);
        var now = clock.GetUtcNow();
        var identity = ProtectedIdentity.Of(protector, input.Name, input.IdNumber, input.Phone, CenterTime.Today(clock));
        if (await DuplicateOfAsync(db, identity, ct) is { } duplicate) throw duplicate;
        var who = await actor.GetAsync(ct);
        var last = await db.Experts.Where(e => e.Code.StartsWith(ExpertPool.LocalCodePrefix)).MaxAsync(e => (string?)e.Code, ct);
        var expert = new Expert(ExpertPool.NextCode(ExpertPool.LocalCodePrefix, last is null ? [] : [last]), identity, input.Employer ?? "",
            input.Region ?? "", specialties, ExpertSource.LocalPool, who.Name, now);
        db.Experts.Add(expert);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two desks adding at once: the unique indexes decide; say which one.
            await using var check = await factory.CreateDbContextAsync(ct);
            if (await DuplicateOfAsync(check, identity, ct) is { } raced) throw raced;
            throw new DomainException("Expert.CodeTaken", "专家编号刚被占用，请重新保存");
        }
        return expert;
    }

    private static async Task<DomainException?> DuplicateOfAsync(TradingOpsDbContext db, ProtectedIdentity identity, CancellationToken ct)
    {
        var code = await db.Experts.Where(e => e.IdFingerprint == identity.IdFingerprint).Select(e => e.Code).FirstOrDefaultAsync(ct);
        return code is null ? null : new DomainException("Expert.Duplicate", $"身份证号 {identity.IdMasked} 的专家已在专家库中（专家编号 {code}），不能重复录入");
    }

    public async Task UpdateAsync(Guid expertId, string? employer, string? region, IReadOnlyList<string> specialties, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var expert = await FindAsync(db, expertId, ct);
        var catalogue = await db.ExpertSpecialties.Select(s => s.Code).ToListAsync(ct);
        expert.Update(employer ?? "", region ?? "", ExpertPool.KnownSpecialties(specialties, catalogue));
        await db.SaveChangesAsync(ct);
    }

    public async Task ChangeStatusAsync(Guid expertId, ExpertStatus status, string? reason, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var expert = await FindAsync(db, expertId, ct);
        expert.ChangeStatus(status, reason);
        await db.SaveChangesAsync(ct);
    }

    public async Task<ExpertUnavailability> AddUnavailabilityAsync(Guid expertId, DateTimeOffset from, DateTimeOffset until, string? reason,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await FindAsync(db, expertId, ct);
        var existing = await db.ExpertUnavailabilities.Where(u => u.ExpertId == expertId && u.Until > from).ToListAsync(ct);
        ExpertPool.EnsureCanAdd(existing, from, until, clock.GetUtcNow());
        var entry = new ExpertUnavailability(expertId, from, until, reason ?? "", (await actor.GetAsync(ct)).Name);
        db.ExpertUnavailabilities.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task RemoveUnavailabilityAsync(Guid expertId, Guid unavailabilityId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = await db.ExpertUnavailabilities.SingleOrDefaultAsync(u => u.Id == unavailabilityId && u.ExpertId == expertId, ct)
                    ?? throw new DomainException("Expert.UnknownUnavailable", "没有这个不可抽取时段");
        db.ExpertUnavailabilities.Remove(entry);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// An admin looks up one expert's name in the pool record (never several at once): one audit entry (Read, "Expert")
    /// with who, when and why, written before the name is returned. <paramref name="admin"/>: the caller checked the role.
    /// </summary>
    public async Task<string> RevealNameAsync(Guid expertId, string? why, bool admin, CancellationToken ct = default)
    {
        if (!admin) throw new DomainException("Reveal.NotAllowed", "只有系统管理员可以查看专家库中的姓名");
        if (PlainText.IsBlank(why)) throw new DomainException("Reveal.Why", "查看专家身份须说明原因");
        await using var db = await factory.CreateDbContextAsync(ct);
        var expert = await db.Experts.AsNoTracking().Where(e => e.Id == expertId).Select(e => new { e.Id, e.Code, e.ProtectedName })
            .SingleOrDefaultAsync(ct) ?? throw new DomainException("Expert.Unknown", "专家库中没有这位专家");
        var who = await actor.GetAsync(ct);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who, nameof(Expert), expert.Id.ToString(), AuditAction.Read,
            JsonSerializer.Serialize(new { purpose = "PoolRecord", why = PlainText.Truncate(why.Trim(), 200), expert = expert.Code }, AuditJson)));
        await db.SaveChangesAsync(ct);
        return protector.Unprotect(expert.ProtectedName);
    }

    // Chinese reasons stay readable in the trail, as the interceptor writes them.
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<Expert> FindAsync(TradingOpsDbContext db, Guid expertId, CancellationToken ct) =>
        await db.Experts.SingleOrDefaultAsync(e => e.Id == expertId, ct) ?? throw new DomainException("Expert.Unknown", "专家库中没有这位专家");
}
