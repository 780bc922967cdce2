using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Registrations;

namespace TradingOps.Data.Registrations;

/// <summary>The acceptance's unit of work: its context, inside its transaction.</summary>
public sealed class EfAcceptanceUnitOfWork(TradingOpsDbContext db) : IAcceptanceUnitOfWork
{
    public TradingOpsDbContext Db { get; } = db;
}

/// <summary>
/// INTERIM implementation of <see cref="IRoomBookingPort"/> until the live floor's booking rules (issue 3) are
/// merged: a requested slot conflicts with the confirmed slots of other ACCEPTED registrations in the same room
/// at overlapping times, and with rooms out of service. It records nothing itself: the accepted registration's
/// confirmed slots are the booking. Re-implement on RoomBooking by adding the bookings to
/// <see cref="EfAcceptanceUnitOfWork.Db"/> in <see cref="BookAsync"/> (same context, same transaction).
/// </summary>
public sealed class InterimRegistrationRoomBookingPort(IDbContextFactory<TradingOpsDbContext> factory) : IRoomBookingPort
{
    public async Task<IReadOnlyList<BookingConflict>> FindConflictsAsync(Guid registrationId, IReadOnlyList<RequestedRoomSlot> slots, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ConflictsAsync(db, registrationId, slots, cancellationToken);
    }

    public async Task<IReadOnlyList<BookingConflict>> BookAsync(IAcceptanceUnitOfWork unitOfWork, Registration registration, CancellationToken cancellationToken = default)
    {
        var db = (unitOfWork as EfAcceptanceUnitOfWork ?? throw new ArgumentException("unit of work from another store", nameof(unitOfWork))).Db;
        return await ConflictsAsync(db, registration.Id, registration.Slots, cancellationToken);
    }

    private static async Task<IReadOnlyList<BookingConflict>> ConflictsAsync(TradingOpsDbContext db, Guid registrationId,
        IReadOnlyList<RequestedRoomSlot> slots, CancellationToken ct)
    {
        if (slots.Count == 0) return [];
        var roomIds = slots.Select(s => s.RoomId).Distinct().ToList();
        var rooms = await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => new { r.Name, r.InService, r.OutOfServiceReason }, ct);
        var conflicts = new List<BookingConflict>();
        foreach (var slot in slots)
        {
            if (!rooms.TryGetValue(slot.RoomId, out var room))
            {
                conflicts.Add(new BookingConflict(slot.RoomId, "未知场地", slot.Start, slot.End, "场地不存在"));
                continue;
            }
            if (!room.InService)
                conflicts.Add(new BookingConflict(slot.RoomId, room.Name, slot.Start, slot.End, $"{room.Name} 已停用：{room.OutOfServiceReason}"));
            var (start, end) = (slot.Start, slot.End);
            var taken = await db.Registrations.AsNoTracking()
                .Where(r => r.Status == RegistrationStatus.Accepted && r.Id != registrationId)
                .SelectMany(r => r.Slots, (r, s) => new { r.Code, r.ProjectName, s.RoomId, s.Start, s.End })
                .Where(x => x.RoomId == slot.RoomId && x.Start < end && start < x.End)
                .ToListAsync(ct);
            conflicts.AddRange(taken.Select(t => new BookingConflict(slot.RoomId, room.Name, slot.Start, slot.End,
                $"{room.Name} {CenterTime.ToLocal(t.Start):MM-dd HH:mm}-{CenterTime.ToLocal(t.End):HH:mm} 已由登记 {t.Code}（{t.ProjectName}）预约")));
        }
        return conflicts;
    }
}
