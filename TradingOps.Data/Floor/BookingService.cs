using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;

namespace TradingOps.Data.Floor;

public sealed record BookingRequest(Guid RoomId, Guid? ProjectId, string ProjectCode, string ProjectName, string? Agency,
    BookingPurpose Purpose, int Attendees, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public enum SessionCommand { CheckIn, Start, Suspend, Resume, End, Confirm }

/// <summary>
/// Bookings and the sessions held under them. Every change that can clash runs in a transaction that first
/// writes the room's row: PostgreSQL and SQL Server lock that row until commit, SQLite takes its single write
/// lock (BEGIN IMMEDIATE), so two clerks booking one room are serialized by the database and the second sees
/// the first's booking when it checks. Each success is published to the floor after commit.
/// </summary>
public sealed class BookingService(
    IDbContextFactory<TradingOpsDbContext> factory,
    ICurrentActor actor,
    ILiveEventPublisher live,
    TimeProvider clock,
    IOptions<FloorOptions> options,
    IOptions<TradingOps.Core.Venue.DisciplineOptions>? discipline = null)
{
    private TradingOps.Core.Venue.DisciplineOptions Discipline => discipline?.Value ?? new();

    public async Task<RoomBooking> BookAsync(BookingRequest request, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var booking = await InRoomLockAsync(request.RoomId, async db =>
        {
            var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == request.RoomId, ct)
                ?? throw new DomainException("Booking.RoomNotFound", "场地不存在");
            var o = options.Value;
            var candidate = new RoomBooking(room, request.ProjectId, request.ProjectCode, request.ProjectName, request.Agency,
                request.Purpose, request.Attendees, request.StartsAt, request.EndsAt,
                TimeSpan.FromMinutes(o.SetupMinutes), TimeSpan.FromMinutes(o.CleanupMinutes), who.Name, clock.GetUtcNow());
            if (candidate.EndsAt <= clock.GetUtcNow())
                throw new DomainException("Booking.InPast", "不能预约已经过去的时段");
            var clashes = BookingRules.Clashes(candidate, await NeighboursAsync(db, candidate, ct));
            if (clashes.Count > 0) throw BookingRules.ConflictError(candidate, clashes);
            db.RoomBookings.Add(candidate);
            await NoteApprovalRequiredAsync(db, candidate, Discipline, clock.GetUtcNow(), ct);
            return candidate;
        }, ct);
        await live.PublishAsync(new BookingCreated(clock.GetUtcNow(), booking.ToRow()), ct);
        return booking;
    }

    /// <summary>Later bookings a change or extension would hit (empty when it fits).</summary>
    public async Task<IReadOnlyList<RoomBooking>> PreviewChangeAsync(Guid bookingId, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var booking = await db.RoomBookings.AsNoTracking().SingleAsync(b => b.Id == bookingId, ct);
        if (booking.StartsAt == startsAt.ToUniversalTime() && endsAt.ToUniversalTime() > booking.EndsAt) booking.Extend(endsAt);
        else booking.Reschedule(startsAt, endsAt);
        return BookingRules.Clashes(booking, await NeighboursAsync(db, booking, ct));
    }

    public Task<RoomBooking> RescheduleAsync(Guid bookingId, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken ct = default) =>
        ChangeAsync(bookingId, b => b.Reschedule(startsAt, endsAt), checkClashes: true,
            (at, b, before) => new BookingMoved(at, b.ToRow(), before), ct);

    public Task<RoomBooking> ExtendAsync(Guid bookingId, DateTimeOffset endsAt, CancellationToken ct = default) =>
        ChangeAsync(bookingId, b => b.Extend(endsAt), checkClashes: true,
            (at, b, before) => new BookingExtended(at, b.ToRow(), before.EndsAt), ct);

    public Task<RoomBooking> CancelAsync(Guid bookingId, string reason, CancellationToken ct = default) =>
        ChangeAsync(bookingId, b => b.Cancel(reason, clock.GetUtcNow()), checkClashes: false, (at, b, _) => new BookingCancelled(at, b.ToRow()), ct);

    public Task<RoomBooking> NoShowAsync(Guid bookingId, string reason, CancellationToken ct = default) =>
        ChangeAsync(bookingId, b => b.MarkNoShow(reason, clock.GetUtcNow()), checkClashes: false,
            (at, b, _) => new BookingNoShow(at, b.ToRow()), ct);

    public async Task<RoomBooking> SessionAsync(Guid bookingId, SessionCommand command, string? reason = null, CancellationToken ct = default)
    {
        if (command == SessionCommand.Confirm) await EnsureMayConfirmAsync(bookingId, ct);
        return await SessionChangeAsync(bookingId, command, reason, ct);
    }

    /// <summary>
    /// A booking of an agency whose standing requires approval (agency discipline ledger) is confirmed only by a
    /// supervisor or an admin; anyone else is refused with the rule that applies.
    /// </summary>
    private async Task EnsureMayConfirmAsync(Guid bookingId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var agency = await db.RoomBookings.Where(b => b.Id == bookingId).Select(b => b.Agency).SingleOrDefaultAsync(ct);
        var standing = await Venue.DisciplineQueries.StandingAsync(db, agency, Discipline, clock.GetUtcNow(), ct);
        if (standing.RequiresApproval && !await Venue.DisciplineQueries.IsApproverAsync(db, await actor.GetAsync(ct), ct))
            throw new DomainException("Booking.ApprovalRequired", $"{standing.ApprovalMessage}：请由主管确认此预约");
    }

    /// <summary>
    /// When the booking's agency needs approval, the agency is told its booking waits for a supervisor
    /// (<see cref="TradingOps.Core.Notifications.NotificationKind.ApprovalRequired"/>), in the booking's transaction.
    /// Returns the standing (the caller leaves the booking Requested and says so).
    /// </summary>
    internal static async Task<TradingOps.Core.Venue.AgencyStandingResult> NoteApprovalRequiredAsync(TradingOpsDbContext db, RoomBooking booking,
        TradingOps.Core.Venue.DisciplineOptions discipline, DateTimeOffset now, CancellationToken ct)
    {
        var standing = await Venue.DisciplineQueries.StandingAsync(db, booking.Agency, discipline, now, ct);
        if (!standing.RequiresApproval) return standing;
        var room = await db.Rooms.Where(r => r.Id == booking.RoomId).Select(r => r.Name).SingleAsync(ct);
        db.OutboxMessages.AddRange(TradingOps.Core.Notifications.BookingNotices.For(TradingOps.Core.Notifications.NotificationKind.ApprovalRequired,
            booking, room, await Venue.VenueRequestService.CenterNameAsync(db, ct), now, standing.ApprovalMessage));
        return standing;
    }

    private Task<RoomBooking> SessionChangeAsync(Guid bookingId, SessionCommand command, string? reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return ChangeAsync(bookingId, b =>
        {
            switch (command)
            {
                case SessionCommand.Confirm: b.Confirm(); break;
                case SessionCommand.CheckIn: b.CheckIn(now); break;
                case SessionCommand.Start: b.Start(now); break;
                case SessionCommand.Suspend: b.Suspend(reason ?? "", now); break;
                case SessionCommand.Resume: b.Resume(now); break;
                case SessionCommand.End: b.End(now); break;
            }
        }, checkClashes: false, (at, b, _) => new SessionChanged(at, b.ToRow(), StepOf(command)), ct);
    }

    private static SessionStep StepOf(SessionCommand command) => command switch
    {
        SessionCommand.Confirm => SessionStep.Confirmed,
        SessionCommand.CheckIn => SessionStep.CheckedIn,
        SessionCommand.Start => SessionStep.Started,
        SessionCommand.Suspend => SessionStep.Suspended,
        SessionCommand.Resume => SessionStep.Resumed,
        _ => SessionStep.Ended,
    };

    public async Task<RoomBooking> RecordExpertsAsync(Guid bookingId, int present, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var booking = await db.RoomBookings.SingleOrDefaultAsync(b => b.Id == bookingId, ct)
            ?? throw new DomainException("Booking.NotFound", "预约不存在");
        var seats = await db.Rooms.Where(r => r.Id == booking.RoomId).Select(r => r.EvaluationSeats).SingleAsync(ct);
        booking.RecordExpertsPresent(present, seats);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new SessionChanged(clock.GetUtcNow(), booking.ToRow(), SessionStep.ExpertsRecorded), ct);
        return booking;
    }

    /// <summary>
    /// Applies <paramref name="change"/> under the room's lock and publishes, after commit, the event
    /// <paramref name="changed"/> makes of the booking's new row and its slot before the change.
    /// </summary>
    private async Task<RoomBooking> ChangeAsync(Guid bookingId, Action<RoomBooking> change, bool checkClashes,
        Func<DateTimeOffset, RoomBooking, BookingSlot, FloorChanged> changed, CancellationToken ct)
    {
        var roomId = await RoomOfAsync(bookingId, ct);
        BookingSlot? before = null;
        var booking = await InRoomLockAsync(roomId, async db =>
        {
            var booking = await db.RoomBookings.SingleAsync(b => b.Id == bookingId, ct);
            before = new BookingSlot(booking.RoomId, booking.StartsAt, booking.EndsAt);
            change(booking);
            if (checkClashes)
            {
                var clashes = BookingRules.Clashes(booking, await NeighboursAsync(db, booking, ct));
                if (clashes.Count > 0) throw BookingRules.ConflictError(booking, clashes);
            }
            return booking;
        }, ct);
        await live.PublishAsync(changed(clock.GetUtcNow(), booking, before!), ct);
        return booking;
    }

    private async Task<Guid> RoomOfAsync(Guid bookingId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RoomBookings.Where(b => b.Id == bookingId).Select(b => (Guid?)b.RoomId).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("Booking.NotFound", "预约不存在");
    }

    /// <summary>Runs the work in a transaction that holds the room's row (see the class summary), then saves.</summary>
    private async Task<RoomBooking> InRoomLockAsync(Guid roomId, Func<TradingOpsDbContext, Task<RoomBooking>> work, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockRoomAsync(db, roomId, ct);
            var result = await work(db);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        });
    }

    /// <summary>
    /// A no-op write of the room row inside the caller's transaction: the lock every booking of this room queues
    /// behind (a row lock on PostgreSQL and SQL Server, the database write lock on SQLite).
    /// </summary>
    internal static async Task LockRoomAsync(TradingOpsDbContext db, Guid roomId, CancellationToken ct)
    {
        var locked = await db.Rooms.Where(r => r.Id == roomId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Code, r => r.Code), ct);
        if (locked == 0) throw new DomainException("Booking.RoomNotFound", "场地不存在");
    }

    internal static async Task<List<RoomBooking>> NeighboursAsync(TradingOpsDbContext db, RoomBooking candidate, CancellationToken ct)
    {
        // Buffers are at most two hours each side, so this window finds every booking that can clash.
        var from = candidate.OccupiedFrom.AddHours(-RoomBooking.MaxOvernightDuration.TotalHours - 2);
        var until = candidate.OccupiedUntil.AddHours(2);
        var active = new[] { BookingStatus.Requested, BookingStatus.Confirmed, BookingStatus.Changed, BookingStatus.Extended };
        return await db.RoomBookings.AsNoTracking()
            .Where(b => b.RoomId == candidate.RoomId && b.Id != candidate.Id && active.Contains(b.Status)
                        && b.StartsAt < until && b.EndsAt > from)
            .ToListAsync(ct);
    }
}
