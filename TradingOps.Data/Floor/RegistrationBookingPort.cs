using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Registrations;
using TradingOps.Data.Registrations;

namespace TradingOps.Data.Floor;

/// <summary>
/// The registration desk books its rooms through the floor's rules: room type and capacity, set-up and clean-up
/// buffers, clashes with every active booking of the room. Inside the acceptance's transaction the rooms are
/// locked (in a fixed order, so two acceptances never wait on each other crosswise) and the bookings added to
/// the same context: they are saved with the acceptance or not at all.
/// </summary>
public sealed class RegistrationBookingPort(
    IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock, IOptions<FloorOptions> options,
    IOptions<TradingOps.Core.Venue.DisciplineOptions>? discipline = null)
    : IRoomBookingPort
{
    public async Task<IReadOnlyList<BookingConflict>> FindConflictsAsync(Guid registrationId, IReadOnlyList<RequestedRoomSlot> slots, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (_, conflicts) = await CandidatesAsync(db, "预览", null, "-", "-", null, slots, "preview", cancellationToken);
        return conflicts;
    }

    public async Task<IReadOnlyList<BookingConflict>> BookAsync(IAcceptanceUnitOfWork unitOfWork, Registration registration, CancellationToken cancellationToken = default)
    {
        var unit = unitOfWork as EfAcceptanceUnitOfWork ?? throw new ArgumentException("unit of work from another store", nameof(unitOfWork));
        var db = unit.Db;
        foreach (var roomId in registration.Slots.Select(s => s.RoomId).Distinct().Order())
            await BookingService.LockRoomAsync(db, roomId, cancellationToken);

        var who = await actor.GetAsync(cancellationToken);
        var project = registration.ProjectId is { } id ? db.TradingProjects.Local.FirstOrDefault(p => p.Id == id) : null;
        var (candidates, conflicts) = await CandidatesAsync(db, who.Name, registration.ProjectId, project?.Code ?? registration.Code,
            registration.ProjectName, registration.Agency, registration.Slots, "booked", cancellationToken);
        if (conflicts.Count > 0) return conflicts;
        // An agency whose standing requires approval (discipline ledger): its rooms are booked but stay Requested
        // until a supervisor confirms them, unless the clerk is a supervisor; the agency is told either way.
        var approver = await Venue.DisciplineQueries.IsApproverAsync(db, who, cancellationToken);
        foreach (var booking in candidates)
        {
            // The registration's contact is the agency's contact for its rooms (the desk's messages go to it).
            var phone = PhoneNumber.Normalize(registration.ContactPhone, out var phoneError);
            booking.SetContact(registration.ContactName is null ? null : PlainText.Truncate(registration.ContactName, 50), phoneError is null ? phone : null, null);
            var standing = approver
                ? null
                : await BookingService.NoteApprovalRequiredAsync(db, booking, discipline?.Value ?? new(), clock.GetUtcNow(), cancellationToken);
            if (standing is { RequiresApproval: true }) unit.Notes.Add($"{booking.Label}：{standing.ApprovalMessage}，已预约待主管确认");
            else booking.Confirm(); // the acceptance confirms the rooms and times
            db.RoomBookings.Add(booking);
            db.BookingChanges.Add(BookingChange.Of(BookingChangeKind.Created, booking, null, $"登记 {registration.Code} 受理", who.Name, clock.GetUtcNow()));
            unit.AfterCommit.Add(new BookingCreated(clock.GetUtcNow(), booking.ToRow()));
        }
        return [];
    }

    private async Task<(List<RoomBooking> Candidates, List<BookingConflict> Conflicts)> CandidatesAsync(
        TradingOpsDbContext db, string bookedBy, Guid? projectId, string projectCode, string projectName, string? agency,
        IReadOnlyList<RequestedRoomSlot> slots, string what, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var roomIds = slots.Select(s => s.RoomId).Distinct().ToList();
        var rooms = await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var candidates = new List<RoomBooking>();
        var conflicts = new List<BookingConflict>();
        foreach (var slot in slots)
        {
            if (!rooms.TryGetValue(slot.RoomId, out var room))
            {
                conflicts.Add(new BookingConflict(slot.RoomId, "未知场地", slot.Start, slot.End, "场地不存在"));
                continue;
            }
            if (slot.End <= now)
            {
                conflicts.Add(new BookingConflict(room.Id, room.Name, slot.Start, slot.End, "不能预约已经过去的时段"));
                continue;
            }
            RoomBooking candidate;
            try
            {
                candidate = new RoomBooking(room, projectId, projectCode, projectName, agency, PurposeFor(room, slot), 1,
                    slot.Start, slot.End, TimeSpan.FromMinutes(o.SetupMinutes), TimeSpan.FromMinutes(o.CleanupMinutes), bookedBy, now);
            }
            catch (DomainException ex)
            {
                conflicts.Add(new BookingConflict(room.Id, room.Name, slot.Start, slot.End, ex.Message));
                continue;
            }
            // Against the floor's active bookings and against the other rooms this same registration asks for.
            var clashes = BookingRules.Clashes(candidate, (await BookingService.NeighboursAsync(db, candidate, ct)).Concat(candidates));
            if (clashes.Count > 0)
                conflicts.Add(new BookingConflict(room.Id, room.Name, slot.Start, slot.End, BookingRules.ConflictError(candidate, clashes).Message));
            else
                candidates.Add(candidate);
        }
        return (candidates, conflicts);
    }

    /// <summary>What a requested room is for follows from the room: bid opening, evaluation (overnight when long), negotiation.</summary>
    private static BookingPurpose PurposeFor(Room room, RequestedRoomSlot slot) => room.Type switch
    {
        RoomType.EvaluationRoom when slot.End - slot.Start > RoomBooking.MaxDuration => BookingPurpose.OvernightEvaluation,
        RoomType.EvaluationRoom => BookingPurpose.Evaluation,
        RoomType.NegotiationRoom or RoomType.ConsultationRoom or RoomType.InquiryRoom or RoomType.ClarificationRoom => BookingPurpose.Negotiation,
        _ => BookingPurpose.BidOpening,
    };
}
