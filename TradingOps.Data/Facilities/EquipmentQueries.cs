using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Facilities;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Facilities;

/// <summary>The register's filter: any of them may be empty.</summary>
public sealed record EquipmentFilter(Guid? ZoneId = null, Guid? RoomId = null, EquipmentCategory? Category = null, EquipmentState? State = null);

/// <summary>A register row: the equipment with where it is.</summary>
public sealed record EquipmentRow(Equipment Equipment, string ZoneName, string? RoomCode, string? RoomName)
{
    public string Place => RoomCode is null ? ZoneName : $"{RoomCode} {RoomName}";
}

/// <summary>A piece of equipment with its place and its inspections, newest first.</summary>
public sealed record EquipmentDetails(EquipmentRow Row, IReadOnlyList<InspectionTask> Inspections);

/// <summary>Reading the equipment register.</summary>
public sealed class EquipmentQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    public async Task<IReadOnlyList<EquipmentRow>> ListAsync(EquipmentFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Equipment.AsNoTracking();
        if (filter.ZoneId is { } zone) query = query.Where(e => e.ZoneId == zone);
        if (filter.RoomId is { } room) query = query.Where(e => e.RoomId == room);
        if (filter.Category is { } category) query = query.Where(e => e.Category == category);
        if (filter.State is { } state) query = query.Where(e => e.State == state);
        var items = await query.ToListAsync(ct);
        var (zones, rooms) = await PlacesAsync(db, ct);
        return items.Select(e => Row(e, zones, rooms))
            .OrderBy(r => r.ZoneName).ThenBy(r => r.RoomCode ?? "").ThenBy(r => r.Equipment.Category).ThenBy(r => r.Equipment.Code).ToList();
    }

    public async Task<EquipmentDetails?> DetailsAsync(Guid id, int inspections = 60, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var equipment = await db.Equipment.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (equipment is null) return null;
        var (zones, rooms) = await PlacesAsync(db, ct);
        var tasks = await db.InspectionTasks.AsNoTracking().Where(t => t.EquipmentId == id)
            .OrderByDescending(t => t.Day).Take(inspections).ToListAsync(ct);
        return new EquipmentDetails(Row(equipment, zones, rooms), tasks);
    }

    public async Task<IReadOnlyList<Zone>> ZonesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Zones.AsNoTracking().ToListAsync(ct)).OrderBy(z => z.Floor).ThenBy(z => z.Name).ToList();
    }

    public async Task<IReadOnlyList<Room>> RoomsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Rooms.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
    }

    internal static async Task<(Dictionary<Guid, Zone> Zones, Dictionary<Guid, Room> Rooms)> PlacesAsync(TradingOpsDbContext db, CancellationToken ct) =>
        (await db.Zones.AsNoTracking().ToDictionaryAsync(z => z.Id, ct), await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, ct));

    internal static EquipmentRow Row(Equipment e, Dictionary<Guid, Zone> zones, Dictionary<Guid, Room> rooms)
    {
        var room = e.RoomId is { } id ? rooms.GetValueOrDefault(id) : null;
        return new EquipmentRow(e, zones.GetValueOrDefault(e.ZoneId)?.Name ?? "", room?.Code, room?.Name);
    }
}
