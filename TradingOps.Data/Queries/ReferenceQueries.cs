using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;

namespace TradingOps.Data.Queries;

public sealed record RoomRow(Guid Id, string Code, string Name, RoomType Type, string Zone, int Capacity, int EvaluationSeats,
    bool InService, string? OutOfServiceReason);

public sealed record WindowRow(Guid Id, int Number, string Name, bool InService, IReadOnlyList<string> ServiceTypes);

public sealed record ProjectRow(Guid Id, string Code, string Name, TradingCategory Category, TradingMethod Method,
    string Initiator, string? Agency, decimal Amount, string ResponsibleStaff, DateTimeOffset RegisteredAt, DateTimeOffset? BidOpeningAt);

public sealed record ProjectFilter(string? Text = null, TradingCategory? Category = null);

/// <summary>Lists of the center's rooms, windows and projects for staff screens.</summary>
public sealed class ReferenceQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    public async Task<IReadOnlyList<RoomRow>> RoomsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Rooms.AsNoTracking().OrderBy(r => r.Code)
            .Join(db.Zones, r => r.ZoneId, z => z.Id, (r, z) => new RoomRow(r.Id, r.Code, r.Name, r.Type, z.Name,
                r.Capacity, r.EvaluationSeats, r.InService, r.OutOfServiceReason))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<WindowRow>> WindowsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var windows = await db.ServiceWindows.AsNoTracking().Include(w => w.ServiceTypes).OrderBy(w => w.Number).ToListAsync(ct);
        return windows.Select(w => new WindowRow(w.Id, w.Number, w.Name, w.InService,
            w.ServiceTypes.OrderBy(t => t.SortOrder).Select(t => $"{t.Prefix} {t.Name}").ToList())).ToList();
    }

    public async Task<Page<ProjectRow>> ProjectsAsync(ProjectFilter filter, int skip, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, AuditQueries.MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.TradingProjects.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(p => p.Code.Contains(text) || p.Name.Contains(text) || p.Initiator.Contains(text)
                                     || (p.Agency != null && p.Agency.Contains(text)));
        }
        if (filter.Category is { } category) query = query.Where(p => p.Category == category);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(p => p.RegisteredAt).Skip(Math.Max(0, skip)).Take(take)
            .Join(db.Staff, p => p.ResponsibleStaffId, s => s.Id, (p, s) => new ProjectRow(p.Id, p.Code, p.Name, p.Category,
                p.Method, p.Initiator, p.Agency, p.Amount, s.Name, p.RegisteredAt, p.BidOpeningAt))
            .ToListAsync(ct);
        return new Page<ProjectRow>(rows, total);
    }
}
