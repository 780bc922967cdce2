using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Data.Identity;

namespace TradingOps.Data.Cases;

/// <summary>
/// The clock presets (/admin/case-clocks): read by the desk, edited by admins only (checked here). Every edit is in the
/// audit trail (the interceptor); a case keeps the deadline computed when it was forwarded, so an edit changes later cases only.
/// </summary>
public sealed class CasePresetService(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor)
{
    public async Task<IReadOnlyList<CaseClockPreset>> ListAsync(CaseKind? kind = null, bool activeOnly = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.CaseClockPresets.AsNoTracking();
        if (kind is { } k) query = query.Where(p => p.Kind == k);
        if (activeOnly) query = query.Where(p => p.Active);
        return await query.OrderBy(p => p.SortOrder).ThenBy(p => p.Key).ToListAsync(ct);
    }

    public async Task<CaseClockPreset> EditAsync(string key, string awaiting, ClockCounting counting, int days, bool suspends, string source, bool active,
        CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (who.Kind != ActorKind.System && !await UserRoles.HasAnyAsync(db, who, [Roles.Admin], ct))
            throw new DomainException("CasePreset.AdminOnly", "只有系统管理员可以修改时限预设");
        var preset = await db.CaseClockPresets.SingleOrDefaultAsync(p => p.Key == key, ct)
                     ?? throw new DomainException("CasePreset.NotFound", "时限预设不存在");
        if (PlainText.LooksLikeMarkup(source) || PlainText.LooksLikeMarkup(awaiting))
            throw new DomainException("Case.Markup", "答复方和依据不能包含网页代码或脚本");
        preset.Edit(awaiting, counting, days, suspends, source, active);
        await db.SaveChangesAsync(ct);
        return preset;
    }
}
