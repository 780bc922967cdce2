using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Floor;

/// <summary>Which rooms the schedule shows: a zone, a room type, at least so many seats (each optional).</summary>
public sealed record ScheduleFilter(Guid? ZoneId = null, RoomType? Type = null, int? MinCapacity = null)
{
    public static readonly ScheduleFilter All = new();

    public bool Admits(Room room) =>
        (ZoneId is null || room.ZoneId == ZoneId) && (Type is null || room.Type == Type) && (MinCapacity is null || room.Capacity >= MinCapacity);
}

public sealed record ScheduleZone(Guid Id, string Name, string? Floor);

/// <summary>
/// One room on the schedule with its bookings (shown statuses only, read without the agency's contact: the grid never
/// holds personal data) and its outages touching the range.
/// </summary>
public sealed record ScheduleRoom(Room Room, ScheduleZone Zone, IReadOnlyList<RoomBooking> Bookings, IReadOnlyList<RoomOutage> Outages)
{
    public Guid Id => Room.Id;

    /// <summary>The bookings whose occupied span (buffers included, a late session up to now) touches [from, until).</summary>
    public IEnumerable<RoomBooking> BookingsIn(DateTimeOffset from, DateTimeOffset until, DateTimeOffset now) =>
        Bookings.Where(b => ScheduleGrid.ShownSpan(b, now) is var (f, u) && f < until && u > from);

    public IEnumerable<RoomOutage> OutagesIn(DateTimeOffset from, DateTimeOffset until) => Outages.Where(o => o.Covers(from, until));
}

/// <summary>The rooms and bookings of a range of center days, and every zone and room type there is (the filters' choices).</summary>
public sealed record ScheduleSnapshot(DateOnly From, DateOnly Until, DateTimeOffset RangeStart, DateTimeOffset RangeEnd,
    IReadOnlyList<ScheduleRoom> Rooms, IReadOnlyList<ScheduleZone> Zones, IReadOnlyList<RoomType> Types, DateTimeOffset ReadAt);

/// <summary>
/// The venue desk's schedule of any day or week (场地日程), read in three commands whatever the range: rooms with their
/// zones, the bookings, the outages. Bookings cancelled or no-shows are not shown.
/// </summary>
public sealed class ScheduleQueries(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock)
{
    public Task<ScheduleSnapshot> DayAsync(DateOnly day, ScheduleFilter? filter = null, CancellationToken ct = default) =>
        RangeAsync(day, day, filter, ct);

    public Task<ScheduleSnapshot> WeekAsync(DateOnly anyDay, ScheduleFilter? filter = null, CancellationToken ct = default)
    {
        var monday = ScheduleGrid.WeekOf(anyDay);
        return RangeAsync(monday, monday.AddDays(6), filter, ct);
    }

    /// <summary>The center days <paramref name="from"/> to <paramref name="until"/>, both inclusive.</summary>
    public async Task<ScheduleSnapshot> RangeAsync(DateOnly from, DateOnly until, ScheduleFilter? filter = null, CancellationToken ct = default)
    {
        if (until < from) throw new DomainException("Schedule.Range", "结束日期不能早于开始日期");
        if (until.DayNumber - from.DayNumber > 31) throw new DomainException("Schedule.Range", "日程一次最多显示 31 天");
        filter ??= ScheduleFilter.All;
        var now = clock.GetUtcNow();
        var start = CenterTime.DayBounds(from).Start;
        var end = CenterTime.DayBounds(until).End;
        // A booking's buffers reach at most two hours either side of its own times.
        var startsBefore = end.AddHours(2);
        var endsAfter = start.AddHours(-2);
        var statuses = RoomBooking.FloorStatuses;
        var running = new[] { SessionPhase.InSession, SessionPhase.Suspended };

        await using var db = await factory.CreateDbContextAsync(ct);
        var all = await db.Rooms.AsNoTracking()
            .Join(db.Zones.AsNoTracking(), r => r.ZoneId, z => z.Id, (r, z) => new { Room = r, Zone = z })
            .ToListAsync(ct);

        var rooms = db.Rooms.AsQueryable();
        if (filter.ZoneId is { } zoneId) rooms = rooms.Where(r => r.ZoneId == zoneId);
        if (filter.Type is { } type) rooms = rooms.Where(r => r.Type == type);
        if (filter.MinCapacity is { } capacity) rooms = rooms.Where(r => r.Capacity >= capacity);
        var roomIds = rooms.Select(r => r.Id);

        // The columns a screen shows, never the contact (personal data stays on the booking page and in the outbox).
        var rows = await db.RoomBookings.AsNoTracking()
            .Where(b => roomIds.Contains(b.RoomId) && statuses.Contains(b.Status) && b.StartsAt < startsBefore
                        && (b.EndsAt > endsAfter || (b.EndedAt != null && b.EndedAt > endsAfter) || running.Contains(b.Phase)))
            .Select(b => new BookingRow(b.Id, b.RoomId, b.ProjectId, b.ProjectCode, b.ProjectName, b.Agency, b.Purpose, b.Attendees,
                b.StartsAt, b.EndsAt, b.SetupMinutes, b.CleanupMinutes, b.Status, b.StatusReason, b.BookedBy, b.RequestedAt, b.Phase,
                b.CheckedInAt, b.StartedAt, b.SuspendedAt, b.SuspendReason, b.EndedAt, b.ExpertsPresent))
            .ToListAsync(ct);
        var outages = await db.RoomOutages.AsNoTracking()
            .Where(o => roomIds.Contains(o.RoomId) && o.From < end && o.Until > start)
            .ToListAsync(ct);

        var bookingsByRoom = rows.Select(RoomBooking.FromRow)
            .Where(b => ScheduleGrid.ShownSpan(b, now) is var (f, u) && f < end && u > start)
            .ToLookup(b => b.RoomId);
        var outagesByRoom = outages.Where(o => o.Covers(start, end)).ToLookup(o => o.RoomId);
        var zones = all.Select(x => x.Zone).DistinctBy(z => z.Id)
            .OrderBy(z => z.Floor).ThenBy(z => z.Name)
            .Select(z => new ScheduleZone(z.Id, z.Name, z.Floor)).ToList();
        var shown = all.Where(x => filter.Admits(x.Room))
            .OrderBy(x => x.Zone.Floor).ThenBy(x => x.Zone.Name).ThenBy(x => x.Room.Code)
            .Select(x => new ScheduleRoom(x.Room, new ScheduleZone(x.Zone.Id, x.Zone.Name, x.Zone.Floor),
                bookingsByRoom[x.Room.Id].OrderBy(b => b.StartsAt).ToList(),
                outagesByRoom[x.Room.Id].OrderBy(o => o.From).ToList()))
            .ToList();
        var types = all.Select(x => x.Room.Type).Distinct().Order().ToList();
        return new ScheduleSnapshot(from, until, start, end, shown, zones, types, now);
    }
}
