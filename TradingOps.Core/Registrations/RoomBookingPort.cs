namespace TradingOps.Core.Registrations;

/// <summary>A requested slot that cannot be booked, and why (shown to the clerk before anything is saved).</summary>
public sealed record BookingConflict(Guid RoomId, string RoomName, DateTimeOffset Start, DateTimeOffset End, string Reason);

/// <summary>
/// The unit of work an acceptance runs in (one database transaction). Opaque to Core: the Data layer's
/// implementation of <see cref="IRoomBookingPort"/> reaches the same context and transaction through it,
/// so the bookings and the acceptance are saved together or not at all.
/// </summary>
public interface IAcceptanceUnitOfWork
{
}

/// <summary>
/// Port: the floor's booking rules, as the registration desk needs them (issue 3 owns the rules themselves).
/// <see cref="FindConflictsAsync"/> is the preview shown to the clerk; <see cref="BookAsync"/> checks again and
/// books inside the acceptance's unit of work, returning the conflicts instead of booking if there are any.
/// The caller rolls the whole acceptance back when conflicts come back.
/// </summary>
public interface IRoomBookingPort
{
    Task<IReadOnlyList<BookingConflict>> FindConflictsAsync(Guid registrationId, IReadOnlyList<RequestedRoomSlot> slots, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BookingConflict>> BookAsync(IAcceptanceUnitOfWork unitOfWork, Registration registration, CancellationToken cancellationToken = default);
}
