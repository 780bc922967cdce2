using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Cases;

namespace TradingOps.Data.Cases;

/// <summary>
/// The public tracking lookup (查询办理进度): what a tracking code may tell an anonymous reader, through
/// <see cref="CaseProjection.ForPublic"/> only. Anything that is not a well-formed code is refused before any database
/// read; a well-formed code that matches nothing says only that (no hint whether a similar code exists). Lookups are
/// rate limited per client address by the page (SecuritySetup), so codes cannot be guessed in bulk.
/// </summary>
public sealed class CaseLookup(IDbContextFactory<TradingOpsDbContext> factory)
{
    public async Task<PublicCaseStatus> FindAsync(string? typed, CancellationToken ct = default)
    {
        if (!TrackingCode.TryNormalize(typed, out var code)) return CaseProjection.Malformed();
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        return found is null ? CaseProjection.NotFound() : CaseProjection.ForPublic(found);
    }
}
