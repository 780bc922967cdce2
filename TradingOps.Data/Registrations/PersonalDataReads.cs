using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;

namespace TradingOps.Data.Registrations;

/// <summary>
/// Unmasked reads of personal ID numbers. Each read is written to the audit trail (who, which record, which
/// field) before the number is handed out; who may ask is decided by the caller's role (PersonalDataAccess).
/// </summary>
public sealed class PersonalDataReads(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock)
{
    /// <summary>The registration's 经办人身份证号 in full, or null when there is none (nothing is then recorded).</summary>
    public async Task<string?> RegistrationContactIdNumberAsync(Guid registrationId, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => new { r.Code, r.ContactIdNumber }).SingleOrDefaultAsync(ct);
        if (row?.ContactIdNumber is null) return null;
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who, "Registration", registrationId.ToString(), AuditAction.Read,
            JsonSerializer.Serialize(new { field = "ContactIdNumber", code = row.Code })));
        await db.SaveChangesAsync(ct);
        return row.ContactIdNumber;
    }
}
