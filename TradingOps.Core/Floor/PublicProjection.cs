using System.Text.RegularExpressions;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Floor;

/// <summary>Who a floor screen is shown to.</summary>
public enum FloorAudience
{
    /// <summary>
    /// Anyone who may stand in front of it: anonymous pages, JSON feeds, door plates, anonymous hub messages, and
    /// the Display-role wall (a screen in a room, not a person). The default: a screen that does not say is public.
    /// </summary>
    Public,

    /// <summary>Signed-in center staff at their own screens (floor board, duty managers, supervisors).</summary>
    Staff,
}

/// <summary>
/// A booking as a screen may show it: the times and state always (with <paramref name="ProjectSuspended"/>: its project
/// is suspended, 项目暂停); the project and agency only where the audience may know them (<see cref="Withheld"/> says
/// they were dropped); the suspension's reason only to staff. Never who booked it.
/// </summary>
public sealed record ShownBooking(
    BookingPurpose Purpose,
    BookingStatus Status,
    SessionPhase Phase,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? SuspendedAt,
    int ExpertsPresent,
    bool Withheld,
    string? ProjectCode,
    string? ProjectName,
    string? Agency,
    string? SuspendReason,
    bool ProjectSuspended = false);

/// <summary>A room's state now and today's bookings, as a screen for the given audience may show them.</summary>
public sealed record ShownRoom(
    RoomType Type,
    bool Withheld,
    RoomState State,
    ShownBooking? Current,
    ShownBooking? Next,
    IReadOnlyList<ShownBooking> Today,
    string? OutOfServiceReason)
{
    /// <summary>The booking a room's state is about (running, just ended, or coming next).</summary>
    public ShownBooking? Shown => Current ?? Next;

    /// <summary>A session is running (in session, overrunning or suspended).</summary>
    public bool Running => State is RoomState.InSession or RoomState.Overrunning or RoomState.Suspended;
}

/// <summary>A room as a public screen has it: the room's own facts and the projection of its day, no booking entity.</summary>
public sealed record PublicRoom(Guid Id, string Code, string Name, RoomType Type, int Capacity, string ZoneName, ShownRoom Shown);

/// <summary>Today's floor for public screens (door plates, the public page and feed): nothing else reaches them.</summary>
public sealed record PublicFloor(DateOnly Day, DateTimeOffset At, IReadOnlyList<PublicRoom> Rooms)
{
    public PublicRoom? Room(string code) =>
        Rooms.FirstOrDefault(r => string.Equals(r.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>What floor hub clients (anonymous door plates, the public page) are told of a change: which room, the
/// booking's opaque id and the kind of change; never a project, agency or person. Clients read what they show from
/// the public feed or page, which go through the same projection.</summary>
public sealed record FloorPush(Guid RoomId, Guid? BookingId, string Change, DateTimeOffset At);

/// <summary>
/// The one projection every public floor surface goes through (ARCHITECTURE "Confidentiality: one projection for
/// everything public"): the public feed, door plates, the public occupancy page, anonymous hub messages and the
/// Display-role wall. Which project is evaluated where is not public (the evaluation area is closed: Liaoning 6.6.1
/// and 6.8, Yunnan 5.4.4.3 and 5.5.2): for a room of the evaluation area (<see cref="RoomTypes.IsEvaluationArea"/>)
/// a public screen shows state and times only ("评标使用中 09:00–12:00"), never the project code or name, the agency
/// or a free-text reason. Bid-opening rooms stay public as they are (Yunnan 5.2.1). A suspension shows as "暂停" (or
/// "项目暂停") on every screen, but its reason reaches staff only: a complaint or a fault is the incident's business,
/// not the hall's. Personal data never passes: who booked is not carried, and phone and ID numbers typed into a
/// free-text reason (an out-of-service note) are masked.
/// </summary>
public static partial class PublicProjection
{
    /// <summary>The rule: the audience may not know who uses a room of this type.</summary>
    public static bool Withholds(RoomType type, FloorAudience audience) =>
        audience != FloorAudience.Staff && type.IsEvaluationArea();

    /// <summary>
    /// The rule for a venue request on a screen that is not staff's (the wall's overdue requests): its project is named only
    /// when it is known to be a bid opening outside the evaluation area; a request for evaluation or negotiation, one for a
    /// room of the evaluation area, or a change or cancellation whose purpose the row does not carry, is withheld.
    /// </summary>
    public static bool WithholdsRequest(BookingPurpose? purpose, RoomType? room, FloorAudience audience) =>
        audience != FloorAudience.Staff && !(purpose == BookingPurpose.BidOpening && room?.IsEvaluationArea() != true);

    public static ShownBooking Booking(RoomType type, RoomBooking booking, FloorAudience audience)
    {
        var withheld = Withholds(type, audience);
        var open = audience == FloorAudience.Staff;
        return new ShownBooking(booking.Purpose, booking.Status, booking.Phase, booking.StartsAt, booking.EndsAt,
            booking.SuspendedAt, booking.ExpertsPresent, withheld,
            withheld ? null : booking.ProjectCode,
            withheld ? null : booking.ProjectName,
            withheld ? null : booking.Agency,
            open ? booking.SuspendReason : null,
            booking.ProjectSuspended);
    }

    /// <summary>A room at <paramref name="now"/> with the bookings of its day, for the audience.</summary>
    public static ShownRoom Room(RoomType type, bool inService, string? outOfServiceReason, IReadOnlyList<RoomBooking> bookings,
        DateTimeOffset now, TimeSpan upcomingWindow, FloorAudience audience)
    {
        var status = RoomStates.Derive(inService, bookings, now, upcomingWindow);
        ShownBooking? Show(RoomBooking? b) => b is null ? null : Booking(type, b, audience);
        return new ShownRoom(type, Withholds(type, audience), status.State, Show(status.Current), Show(status.Next),
            bookings.Select(b => Booking(type, b, audience)).ToList(),
            audience == FloorAudience.Staff ? outOfServiceReason : MaskPersonalData(outOfServiceReason));
    }

    /// <summary>A floor change as anonymous hub clients receive it.</summary>
    public static FloorPush Push(FloorChanged change) => new(change.RoomId, change.BookingId, change.Change, change.At);

    /// <summary>
    /// Free text shown publicly with mobile and landline numbers and 18-digit ID numbers masked (a reason typed at
    /// the desk may carry them).
    /// </summary>
    public static string? MaskPersonalData(string? text) =>
        string.IsNullOrEmpty(text) ? text : PersonalNumber().Replace(text, m => new string('*', m.Length));

    // ID number (17 digits + digit or X), mobile (1[3-9] + 9 digits), landline with area code (0xx(x)-xxxxxxx(x)).
    [GeneratedRegex(@"(?<!\d)(\d{17}[\dXx]|1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8})(?!\d)")]
    private static partial Regex PersonalNumber();
}
