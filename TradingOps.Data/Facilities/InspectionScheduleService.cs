using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Data.Identity;

namespace TradingOps.Data.Facilities;

/// <summary>
/// 巡检计划 per category: how often, due by when, the checklist. Every category has one from the first start (the
/// defaults of <see cref="InspectionPlan"/>); managers edit them; the edit is audited and applies from the next tasks made.
/// </summary>
public sealed class InspectionScheduleService(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<InspectionSchedule>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.InspectionSchedules.AsNoTracking().ToListAsync(ct)).OrderBy(s => s.Category).ToList();
    }

    public async Task<InspectionSchedule> UpdateAsync(EquipmentCategory category, InspectionFrequency frequency, TimeOnly dueBy, string checklist,
        bool active, CancellationToken ct = default)
    {
        var who = await UserRoles.RequireAnyAsync(factory, actor, EquipmentService.EditorRoles, "Inspection.ScheduleNotAllowed",
            "只有值班经理和系统管理员可以修改巡检计划", ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var schedule = await db.InspectionSchedules.SingleOrDefaultAsync(s => s.Category == category, ct)
                       ?? throw new DomainException("Inspection.NoSchedule", "该类别没有巡检计划");
        schedule.Update(frequency, dueBy, InspectionSchedule.SplitItems(checklist ?? ""), active, who.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return schedule;
    }

    /// <summary>At database initialisation: a default schedule for every category that has none (an edited one is never touched).</summary>
    public static async Task SeedDefaultsAsync(TradingOpsDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var have = (await db.InspectionSchedules.Select(s => s.Category).ToListAsync(ct)).ToHashSet();
        var missing = Enum.GetValues<EquipmentCategory>().Where(c => !have.Contains(c)).ToList();
        if (missing.Count == 0) return;
        foreach (var category in missing)
            db.InspectionSchedules.Add(new InspectionSchedule(category, InspectionPlan.DefaultFrequency(category), InspectionPlan.DefaultDueBy(category),
                InspectionPlan.DefaultChecklist(category), "system:defaults", now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node seeded them a moment earlier (one schedule per category: the unique index decides).
            db.ChangeTracker.Clear();
        }
    }
}
