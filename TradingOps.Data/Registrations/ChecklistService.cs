using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;

namespace TradingOps.Data.Registrations;

/// <summary>Admins maintain the per-category material checklists (Liaoning 6.2.2 seeds them).</summary>
public sealed class ChecklistService(IDbContextFactory<TradingOpsDbContext> factory)
{
    public async Task<IReadOnlyList<MaterialChecklistItem>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.MaterialChecklistItems.AsNoTracking().OrderBy(i => i.Category).ThenBy(i => i.SortOrder).ToListAsync(ct);
    }

    /// <summary>Adds an item; null on success, else the Chinese reason.</summary>
    public async Task<string?> AddAsync(TradingCategory category, string name, bool required, int sortOrder, string? note, CancellationToken ct = default)
    {
        try
        {
            var item = new MaterialChecklistItem(category, name, required, sortOrder, note);
            await using var db = await factory.CreateDbContextAsync(ct);
            if (await db.MaterialChecklistItems.AnyAsync(i => i.Category == category && i.Name == item.Name, ct))
                return $"该类别已有材料“{item.Name}”";
            db.MaterialChecklistItems.Add(item);
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }

    public async Task<string?> EditAsync(Guid id, string name, bool required, int sortOrder, string? note, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.MaterialChecklistItems.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return "材料不存在";
        try
        {
            item.Edit(name, required, sortOrder, note);
            if (await db.MaterialChecklistItems.AnyAsync(i => i.Id != id && i.Category == item.Category && i.Name == item.Name, ct))
                return $"该类别已有材料“{item.Name}”";
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }

    public async Task RemoveAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.MaterialChecklistItems.Where(i => i.Id == id).ExecuteDeleteAsync(ct);
    }
}
