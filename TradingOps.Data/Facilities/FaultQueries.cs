using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Facilities;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Statistics;
using TradingOps.Data.Floor;

namespace TradingOps.Data.Facilities;

/// <summary>Filters of the fault list (all optional).</summary>
public sealed record FaultFilter(FaultStatus? Status = null, EquipmentCategory? Category = null, Guid? RoomId = null);

/// <summary>A fault as the list and the workbook show it, with its equipment and room.</summary>
public sealed record FaultRow(Fault Fault, string EquipmentCode, string EquipmentName, string? RoomCode, string? RoomName);

/// <summary>A piece of equipment a fault can be reported on (not retired), with its room.</summary>
public sealed record EquipmentChoice(Guid Id, string Code, string Name, EquipmentCategory Category, Guid? RoomId, string? RoomCode,
    bool RoomCritical, EquipmentState State);

/// <summary>One fault with everything its page shows: equipment, room, and the outage it opened with the bookings hit and proposals.</summary>
public sealed record FaultDetail(Fault Fault, Equipment Equipment, Room? Room, OutageImpact? Outage);

/// <summary>A period's fault figures: per category, all together, and the period's faults.</summary>
public sealed record FaultPeriodFigures(Period Period, IReadOnlyList<FaultCategoryFigures> PerCategory, FaultCategoryFigures Total, IReadOnlyList<FaultRow> Faults);

/// <summary>What the fault pages, the statistics page and the monthly workbook read.</summary>
public sealed class FaultQueries(IDbContextFactory<TradingOpsDbContext> factory, OutageService outages)
{
    /// <summary>Open faults first (newest first), then the repaired (newest first).</summary>
    public async Task<IReadOnlyList<FaultRow>> ListAsync(FaultFilter filter, int take = 500, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Faults.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(f => f.Status == status);
        if (filter.Category is { } category) query = query.Where(f => f.Category == category);
        if (filter.RoomId is { } roomId) query = query.Where(f => f.RoomId == roomId);
        var rows = await RowsAsync(db, query.OrderBy(f => f.Status).ThenByDescending(f => f.ReportedAt).Take(Math.Clamp(take, 1, 2000)), ct);
        return rows.OrderBy(r => r.Fault.Status).ThenByDescending(r => r.Fault.ReportedAt).ToList();
    }

    public async Task<FaultDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var fault = await db.Faults.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (fault is null) return null;
        var equipment = await db.Equipment.AsNoTracking().SingleAsync(e => e.Id == fault.EquipmentId, ct);
        var room = fault.RoomId is { } roomId ? await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct) : null;
        var impact = fault.OutageId is { } outageId ? await outages.ImpactAsync(outageId, ct) : null;
        return new FaultDetail(fault, equipment, room, impact);
    }

    /// <summary>Equipment a fault can be reported on (of one room when given), by code.</summary>
    public async Task<IReadOnlyList<EquipmentChoice>> EquipmentAsync(Guid? roomId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Equipment.AsNoTracking().Where(e => e.State != EquipmentState.Retired);
        if (roomId is { } only) query = query.Where(e => e.RoomId == only);
        var equipment = await query.OrderBy(e => e.Code).ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Code, ct);
        return equipment.Select(e => new EquipmentChoice(e.Id, e.Code, e.Name, e.Category, e.RoomId,
            e.RoomId is { } r && rooms.TryGetValue(r, out var code) ? code : null, e.RoomCritical, e.State)).ToList();
    }

    /// <summary>The rooms (for the filter and the form), by code.</summary>
    public async Task<IReadOnlyList<Room>> RoomsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Rooms.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
    }

    /// <summary>The failed inspection task a fault is reported from (its equipment), or null.</summary>
    public async Task<InspectionTask?> InspectionAsync(Guid taskId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.InspectionTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, ct);
    }

    /// <summary>The faults reported in the period, per category with MTTR (<see cref="FaultStatistics"/>), and the list.</summary>
    public async Task<FaultPeriodFigures> PeriodAsync(Period period, CancellationToken ct = default)
    {
        var (from, until) = FaultStatistics.Bounds(period);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = (await RowsAsync(db, db.Faults.AsNoTracking().Where(f => f.ReportedAt >= from && f.ReportedAt < until), ct))
            .OrderBy(r => r.Fault.ReportedAt).ToList();
        var faults = rows.Select(r => r.Fault).ToList();
        return new FaultPeriodFigures(period, FaultStatistics.PerCategory(faults, period), FaultStatistics.Total(faults, period), rows);
    }

    /// <summary>The faults of the query with their equipment and room, in one database command (order kept).</summary>
    private static async Task<IReadOnlyList<FaultRow>> RowsAsync(TradingOpsDbContext db, IQueryable<Fault> faults, CancellationToken ct)
    {
        var rows = await (from f in faults
                          join e in db.Equipment on f.EquipmentId equals e.Id
                          join r in db.Rooms on f.RoomId equals (Guid?)r.Id into rooms
                          from r in rooms.DefaultIfEmpty()
                          select new { Fault = f, e.Code, e.Name, RoomCode = r == null ? null : r.Code, RoomName = r == null ? null : r.Name })
            .ToListAsync(ct);
        return rows.Select(x => new FaultRow(x.Fault, x.Code, x.Name, x.RoomCode, x.RoomName)).ToList();
    }
}
