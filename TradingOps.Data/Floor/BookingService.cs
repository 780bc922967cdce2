using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Floor;

/// <summary>A new booking as the desk enters it; the contact (name, phone, e-mail) is who the agency's messages go to.</summary>
public sealed record BookingRequest(Guid RoomId, Guid? ProjectId, string ProjectCode, string ProjectName, string? Agency,
    BookingPurpose Purpose, int Attendees, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string? ContactName = null, string? ContactPhone = null, string? ContactEmail = null);

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
    IOptions<BookingChangeOptions> changeOptions,
    IOptions<TradingOps.Core.Venue.DisciplineOptions>? discipline = null,
    IOptions<TradingOps.Core.Witness.WitnessOptions>? witnessOptions = null)
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
            var now = clock.GetUtcNow();
            var candidate = new RoomBooking(room, request.ProjectId, request.ProjectCode, request.ProjectName, request.Agency,
                request.Purpose, request.Attendees, request.StartsAt, request.EndsAt,
                TimeSpan.FromMinutes(o.SetupMinutes), TimeSpan.FromMinutes(o.CleanupMinutes), who.Name, now);
            candidate.SetContact(request.ContactName, request.ContactPhone, request.ContactEmail);
            var refusals = BookingCheck.Refusals(candidate, room, await NeighboursAsync(db, candidate, ct),
                await OutagesAsync(db, room.Id, candidate.OccupiedFrom, candidate.OccupiedUntil, ct), o.OpeningHours, now);
            if (refusals.Count > 0) throw refusals[0];
            db.RoomBookings.Add(candidate);
            db.OutboxMessages.AddRange(await BookingOutbox.NoticesAsync(db, NotificationKind.BookingReceived, candidate, room.Name, now, ct: ct));
            db.BookingChanges.Add(BookingChange.Of(BookingChangeKind.Created, candidate, null, null, who.Name, clock.GetUtcNow()));
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

    /// <summary>改期 in the same room (see <see cref="MoveAsync"/>).</summary>
    public Task<RoomBooking> RescheduleAsync(Guid bookingId, DateTimeOffset startsAt, DateTimeOffset endsAt, string reason, CancellationToken ct = default) =>
        MoveAsync(bookingId, null, startsAt, endsAt, reason, ct);

    /// <summary>延时, with its reason; the later bookings and outages of the room are checked (see <see cref="PreviewChangeAsync"/>).</summary>
    public Task<RoomBooking> ExtendAsync(Guid bookingId, DateTimeOffset endsAt, string reason, CancellationToken ct = default) =>
        ChangeAsync(bookingId, b => b.Extend(endsAt), checkClashes: true,
            (at, b, before) => new BookingExtended(at, b.ToRow(), before.EndsAt),
            new ChangeNote(BookingChangeKind.Extended, reason, NotificationKind.BookingExtended), ct);

    public Task<RoomBooking> CancelAsync(Guid bookingId, string reason, CancellationToken ct = default) =>
        ChangeAsync(bookingId, b => b.Cancel(reason, clock.GetUtcNow()), checkClashes: false, (at, b, _) => new BookingCancelled(at, b.ToRow()),
            new ChangeNote(BookingChangeKind.Cancelled, reason, NotificationKind.BookingCancelled), ct);

    /// <summary>爽约: allowed once the configured grace after the start has passed (Venue:NoShowGraceMinutes).</summary>
    public Task<RoomBooking> NoShowAsync(Guid bookingId, string reason, CancellationToken ct = default) =>
        ChangeAsync(bookingId, b => b.MarkNoShow(reason, clock.GetUtcNow(), NoShowGrace), checkClashes: false,
            (at, b, _) => new BookingNoShow(at, b.ToRow()),
            new ChangeNote(BookingChangeKind.NoShow, reason, NotificationKind.BookingNoShow), ct);

    /// <summary>How long after the start nobody may have come before a booking is a no-show.</summary>
    public TimeSpan NoShowGrace => changeOptions.Value.NoShowGrace;

    /// <summary>缩短: a later start and/or an earlier end inside the booking; the rest of the room's time is freed.</summary>
    public Task<RoomBooking> ShortenAsync(Guid bookingId, DateTimeOffset startsAt, DateTimeOffset endsAt, string reason, CancellationToken ct = default) =>
        ChangeAsync(bookingId, b => b.Shorten(startsAt, endsAt, clock.GetUtcNow()), checkClashes: false,
            (at, b, before) => new BookingShortened(at, b.ToRow(), before),
            new ChangeNote(BookingChangeKind.Shortened, reason, NotificationKind.BookingShortened), ct);

    /// <summary>
    /// What a move (改期/换场) to <paramref name="roomId"/> (null: the booking's room) and the given times would hit,
    /// without saving: the target room's bookings it clashes with (named, buffers included), or the reason it is
    /// refused outright (room does not fit, out of service, outside opening hours, in the past).
    /// </summary>
    public async Task<ChangePreview> PreviewMoveAsync(Guid bookingId, Guid? roomId, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var booking = await db.RoomBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, ct)
            ?? throw new DomainException("Booking.NotFound", "预约不存在");
        try
        {
            var target = await RoomAsync(db, roomId ?? booking.RoomId, ct);
            return new ChangePreview(await MovedClashesAsync(db, booking, target, startsAt, endsAt, ct), null);
        }
        catch (DomainException e)
        {
            return new ChangePreview([], e.Message);
        }
    }

    /// <summary>
    /// 改期/换场: new times and/or another room, under both rooms' locks (in Guid order). Refused, naming the reason,
    /// when the target room does not fit, is out of service, the times are past or outside opening hours, or they
    /// clash with a booking of the target room (also one saved a moment ago in another tab); nothing is half-saved.
    /// </summary>
    public async Task<RoomBooking> MoveAsync(Guid bookingId, Guid? roomId, DateTimeOffset startsAt, DateTimeOffset endsAt, string reason, CancellationToken ct = default)
    {
        BookingChange.EnsureReason(BookingChangeKind.Rescheduled, reason);
        var who = await actor.GetAsync(ct);
        var fromRoom = await RoomOfAsync(bookingId, ct);
        var toRoom = roomId ?? fromRoom;
        BookingSlot? before = null;
        var booking = await InRoomsLockAsync([fromRoom, toRoom], async db =>
        {
            var booking = await LockedBookingAsync(db, bookingId, fromRoom, ct);
            before = booking.Slot;
            var target = await RoomAsync(db, toRoom, ct);
            var clashes = await MovedClashesAsync(db, booking, target, startsAt, endsAt, ct);
            if (clashes.Count > 0) throw BookingRules.ConflictError(booking, clashes);
            var kind = BookingChange.MoveKind(before, booking);
            var fromName = before.RoomId == target.Id ? target.Name : await RoomNameAsync(db, before.RoomId, ct);
            await RecordAsync(db, new ChangeNote(kind, reason, NotificationKind.BookingChanged,
                $"原定 {fromName} {BookingNotices.Slot(before.StartsAt, before.EndsAt)}；原因：{reason.Trim()}"), booking, before, who, ct, roomName: target.Name);
            return booking;
        }, ct);
        await live.PublishAsync(new BookingMoved(clock.GetUtcNow(), booking.ToRow(), before!), ct);
        return booking;
    }

    /// <summary>
    /// 拆分: the booking ends at <paramref name="at"/> and a new booking takes the rest, in <paramref name="secondRoomId"/>
    /// (null: the same room). One transaction under both rooms' locks; the second part is checked against its room's
    /// bookings and outages. Both parts are pushed live.
    /// </summary>
    public async Task<(RoomBooking First, RoomBooking Second)> SplitAsync(Guid bookingId, DateTimeOffset at, Guid? secondRoomId, string reason, CancellationToken ct = default)
    {
        BookingChange.EnsureReason(BookingChangeKind.Split, reason);
        var who = await actor.GetAsync(ct);
        var fromRoom = await RoomOfAsync(bookingId, ct);
        var toRoom = secondRoomId ?? fromRoom;
        BookingSlot? before = null;
        RoomBooking? second = null;
        var first = await InRoomsLockAsync([fromRoom, toRoom], async db =>
        {
            var now = clock.GetUtcNow();
            var booking = await LockedBookingAsync(db, bookingId, fromRoom, ct);
            before = booking.Slot;
            var target = await RoomAsync(db, toRoom, ct);
            second = booking.SplitAt(at, target, who.Name, now);
            if (target.Id != fromRoom)
            {
                await EnsureNoOutageAsync(db, second, target, ct);
                var clashes = BookingRules.Clashes(second, await NeighboursAsync(db, second, ct));
                if (clashes.Count > 0) throw BookingRules.ConflictError(second, clashes);
            }
            db.RoomBookings.Add(second);
            var firstRoom = target.Id == fromRoom ? target.Name : await RoomNameAsync(db, fromRoom, ct);
            var detail = $"拆分为两段：{firstRoom} {BookingNotices.Slot(booking.StartsAt, booking.EndsAt)}；{target.Name} {BookingNotices.Slot(second.StartsAt, second.EndsAt)}；原因：{reason.Trim()}";
            await RecordAsync(db, new ChangeNote(BookingChangeKind.Split, reason, NotificationKind.BookingSplit, detail), booking, before, who, ct,
                second.Id, firstRoom);
            db.BookingChanges.Add(BookingChange.Of(BookingChangeKind.Split, second, before, reason, who.Name, now, booking.Id));
            return booking;
        }, ct);
        var published = clock.GetUtcNow();
        await live.PublishAsync(new BookingSplit(published, first.ToRow(), before!, second!.Id), ct);
        await live.PublishAsync(new BookingCreated(published, second.ToRow()), ct);
        return (first, second);
    }

    /// <summary>A booking's history, oldest first.</summary>
    public async Task<IReadOnlyList<BookingChange>> HistoryAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.BookingChanges.AsNoTracking().Where(c => c.BookingId == bookingId).ToListAsync(ct);
        return rows.OrderBy(c => c.At).ThenBy(c => c.Id).ToList();
    }

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
        var room = await RoomNameAsync(db, booking.RoomId, ct);
        db.OutboxMessages.AddRange(await BookingOutbox.NoticesAsync(db, NotificationKind.ApprovalRequired, booking, room, now, standing.ApprovalMessage, ct));
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
        }, checkClashes: false, (at, b, _) => new SessionChanged(at, b.ToRow(), StepOf(command)),
            command == SessionCommand.Confirm ? new ChangeNote(BookingChangeKind.Confirmed, null, NotificationKind.BookingConfirmed) : null, ct,
            witness: (b, who) => Witness.SessionWitness.Draft(b, StepOf(command), reason, who.Name, now),
            // A session that ends invites its agency to rate the venue and witness service (好差评), in the same transaction.
            after: command == SessionCommand.End
                ? (db, b) => Witness.SessionRatingService.InviteAsync(db, b, witnessOptions?.Value ?? new(), now, ct)
                : null);
    }

    /// <summary>Outages of the room that may cover [from, until) (ended early or not: the rule looks at the effective end).</summary>
    internal static Task<List<RoomOutage>> OutagesAsync(TradingOpsDbContext db, Guid roomId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct) =>
        db.RoomOutages.AsNoTracking().Where(x => x.RoomId == roomId && x.From < until && x.Until > from).ToListAsync(ct);

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
        Func<DateTimeOffset, RoomBooking, BookingSlot, FloorChanged> changed, ChangeNote? note, CancellationToken ct,
        Func<RoomBooking, Actor, TradingOps.Core.Witness.WitnessDraft?>? witness = null,
        Func<TradingOpsDbContext, RoomBooking, Task>? after = null)
    {
        if (note is { } n && BookingChange.RequiresReason(n.Kind)) BookingChange.EnsureReason(n.Kind, n.Reason);
        var who = note is null && witness is null ? null : await actor.GetAsync(ct);
        var roomId = await RoomOfAsync(bookingId, ct);
        BookingSlot? before = null;
        var booking = await InRoomLockAsync(roomId, async db =>
        {
            var booking = await LockedBookingAsync(db, bookingId, roomId, ct);
            before = new BookingSlot(booking.RoomId, booking.StartsAt, booking.EndsAt);
            change(booking);
            Room? room = null;
            if (checkClashes)
            {
                var clashes = BookingRules.Clashes(booking, await NeighboursAsync(db, booking, ct));
                if (clashes.Count > 0) throw BookingRules.ConflictError(booking, clashes);
                room = await RoomAsync(db, booking.RoomId, ct);
                await EnsureNoOutageAsync(db, booking, room, ct);
            }
            if (note is not null) await RecordAsync(db, note, booking, before, who!, ct, roomName: room?.Name);
            // The session's step goes into the project's witness log in the same transaction (a system entry).
            if (witness?.Invoke(booking, who!) is { } draft) await Witness.WitnessLog.AppendAsync(db, draft, clock.GetUtcNow(), ct);
            if (after is not null) await after(db, booking);
            return booking;
        }, ct);
        await live.PublishAsync(changed(clock.GetUtcNow(), booking, before!), ct);
        return booking;
    }

    /// <summary>What a change records and tells: its history row (kind, reason) and, when set, the agency's message.</summary>
    private sealed record ChangeNote(BookingChangeKind Kind, string? Reason, NotificationKind? Notice, string? Detail = null);

    /// <summary>
    /// The booking under its room's lock. The room was read before the lock was taken: when another desk has moved the
    /// booking to another room in between, the lock held is the wrong one and the change is refused (the page reloads).
    /// </summary>
    private static async Task<RoomBooking> LockedBookingAsync(TradingOpsDbContext db, Guid bookingId, Guid lockedRoom, CancellationToken ct)
    {
        var booking = await db.RoomBookings.SingleAsync(b => b.Id == bookingId, ct);
        if (booking.RoomId != lockedRoom)
            throw new DomainException("Booking.Stale", $"预约 {booking.Label} 刚被其他人换了场地，请刷新后重试");
        return booking;
    }

    /// <summary>Applies the move to the (tracked or detached) booking and returns the target room's bookings it clashes with.</summary>
    private async Task<IReadOnlyList<RoomBooking>> MovedClashesAsync(TradingOpsDbContext db, RoomBooking booking, Room target,
        DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken ct)
    {
        booking.MoveTo(target, startsAt, endsAt);
        if (booking.StartsAt < clock.GetUtcNow())
            throw new DomainException("Booking.InPast", "不能改到已经过去的时间");
        Availability.EnsureWithinOpeningHours(booking.Purpose, booking.StartsAt, booking.EndsAt, options.Value.OpeningHours);
        await EnsureNoOutageAsync(db, booking, target, ct);
        return BookingRules.Clashes(booking, await NeighboursAsync(db, booking, ct));
    }

    /// <summary>Refuses a booking whose occupied span meets an outage of its room that leaves too little of it.</summary>
    private static async Task EnsureNoOutageAsync(TradingOpsDbContext db, RoomBooking booking, Room room, CancellationToken ct)
    {
        var outages = await OutagesAsync(db, room.Id, booking.OccupiedFrom, booking.OccupiedUntil, ct);
        if (Availability.BlockingOutage(booking, room, outages) is { } outage) throw Availability.OutageError(room, outage);
    }

    /// <summary>Adds the history row and the agency's messages (SMS, e-mail) to the change's transaction.</summary>
    private async Task RecordAsync(TradingOpsDbContext db, ChangeNote note, RoomBooking booking, BookingSlot before, Actor who,
        CancellationToken ct, Guid? related = null, string? roomName = null)
    {
        var now = clock.GetUtcNow();
        db.BookingChanges.Add(BookingChange.Of(note.Kind, booking, before, note.Reason, who.Name, now, related));
        if (note.Notice is not { } kind) return;
        var detail = note.Detail ?? (string.IsNullOrWhiteSpace(note.Reason) ? null : $"原因：{note.Reason.Trim()}");
        roomName ??= await RoomNameAsync(db, booking.RoomId, ct);
        db.OutboxMessages.AddRange(await BookingOutbox.NoticesAsync(db, kind, booking, roomName, now, detail, ct));
    }

    private static async Task<Room> RoomAsync(TradingOpsDbContext db, Guid roomId, CancellationToken ct) =>
        await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct)
        ?? throw new DomainException("Booking.RoomNotFound", "场地不存在");

    private static Task<string> RoomNameAsync(TradingOpsDbContext db, Guid roomId, CancellationToken ct) =>
        db.Rooms.Where(r => r.Id == roomId).Select(r => r.Name).SingleAsync(ct);

    private async Task<Guid> RoomOfAsync(Guid bookingId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RoomBookings.Where(b => b.Id == bookingId).Select(b => (Guid?)b.RoomId).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("Booking.NotFound", "预约不存在");
    }

    /// <summary>Runs the work in a transaction that holds the room's row (see the class summary), then saves.</summary>
    private Task<RoomBooking> InRoomLockAsync(Guid roomId, Func<TradingOpsDbContext, Task<RoomBooking>> work, CancellationToken ct) =>
        InRoomsLockAsync([roomId], work, ct);

    /// <summary>
    /// Runs the work in a transaction that holds every given room's row, taken in Guid order (so two changes touching
    /// the same two rooms never wait on each other crosswise), then saves.
    /// </summary>
    private Task<T> InRoomsLockAsync<T>(IEnumerable<Guid> roomIds, Func<TradingOpsDbContext, Task<T>> work, CancellationToken ct) =>
        InRoomsLockAsync(factory, roomIds, work, ct);

    /// <summary>
    /// One transaction that first holds every given room's row, taken in Guid order, then runs the work, saves and
    /// commits (retried whole by the provider's execution strategy). Every service that changes bookings runs in it.
    /// </summary>
    internal static async Task<T> InRoomsLockAsync<T>(IDbContextFactory<TradingOpsDbContext> factory, IEnumerable<Guid> roomIds,
        Func<TradingOpsDbContext, Task<T>> work, CancellationToken ct)
    {
        var rooms = roomIds.Distinct().Order().ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var roomId in rooms) await LockRoomAsync(db, roomId, ct);
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
        var active = RoomBooking.HoldingStatuses;
        return await db.RoomBookings.AsNoTracking()
            .Where(b => b.RoomId == candidate.RoomId && b.Id != candidate.Id && active.Contains(b.Status)
                        && b.StartsAt < until && b.EndsAt > from)
            .ToListAsync(ct);
    }
}

/// <summary>What a move would meet before it is saved: the bookings it clashes with, or why it is refused outright.</summary>
public sealed record ChangePreview(IReadOnlyList<RoomBooking> Clashes, string? Refusal)
{
    public bool CanSave => Clashes.Count == 0 && Refusal is null;
}
