using TradingOps.Core.Common;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Floor;

/// <summary>Which rooms suit a request, and which bookings clash (buffers included).</summary>
public static class BookingRules
{
    public static IReadOnlyList<RoomType> RoomTypesFor(BookingPurpose purpose) => purpose switch
    {
        BookingPurpose.BidOpening => [RoomType.BidOpeningRoom, RoomType.MultiFunctionRoom, RoomType.BiddingRoom, RoomType.AuctionHall],
        BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation => [RoomType.EvaluationRoom],
        _ => [RoomType.NegotiationRoom, RoomType.ConsultationRoom, RoomType.InquiryRoom, RoomType.ClarificationRoom, RoomType.MultiFunctionRoom],
    };

    public static void EnsureFits(Room room, BookingPurpose purpose, int attendees)
    {
        if (!room.InService)
            throw new DomainException("Booking.RoomOutOfService", $"{room.Name} 已停用：{room.OutOfServiceReason}");
        if (!RoomTypesFor(purpose).Contains(room.Type))
            throw new DomainException("Booking.RoomType", $"{room.Name} 不能用于{PurposeName(purpose)}");
        if (attendees < 1)
            throw new DomainException("Booking.Attendees", "参加人数至少为 1");
        if (attendees > room.Capacity)
            throw new DomainException("Booking.Capacity", $"{room.Name} 最多容纳 {room.Capacity} 人，申请 {attendees} 人");
        if (purpose is BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation && attendees > room.EvaluationSeats)
            throw new DomainException("Booking.Seats", $"{room.Name} 只有 {room.EvaluationSeats} 个评标工位，申请 {attendees} 名专家");
    }

    /// <summary>Two holds of one room clash when their occupied spans, buffers included, overlap.</summary>
    public static bool Clash(DateTimeOffset fromA, DateTimeOffset untilA, DateTimeOffset fromB, DateTimeOffset untilB) =>
        fromA < untilB && fromB < untilA;

    /// <summary>Other bookings of the room the given span would hit, earliest first.</summary>
    public static IReadOnlyList<RoomBooking> Clashes(RoomBooking candidate, IEnumerable<RoomBooking> sameRoom) =>
        Clashes(candidate.RoomId, candidate.OccupiedFrom, candidate.OccupiedUntil, sameRoom, candidate.Id);

    /// <summary>Holding bookings of the room whose occupied span (buffers included) overlaps [from, until), earliest first.</summary>
    public static IReadOnlyList<RoomBooking> Clashes(Guid roomId, DateTimeOffset from, DateTimeOffset until, IEnumerable<RoomBooking> sameRoom, Guid? ignoreBookingId = null) =>
        sameRoom.Where(b => b.Id != ignoreBookingId && b.RoomId == roomId && b.HoldsRoom
                            && Clash(from, until, b.OccupiedFrom, b.OccupiedUntil))
            .OrderBy(b => b.StartsAt).ToList();

    public static DomainException ConflictError(RoomBooking candidate, IReadOnlyList<RoomBooking> clashes) =>
        ConflictError(candidate.StartsAt, candidate.EndsAt, candidate.SetupMinutes, candidate.CleanupMinutes, clashes);

    /// <summary>
    /// "与已有预约冲突：与 GC-2026-0001（09:00-10:00，清场至 10:15）冲突（本预约布场 15 分钟，最早 10:30 开始）": each clashing
    /// booking with the buffer that blocks (its clean-up when the new times come after it, its set-up when they come
    /// before it, or plain overlap) and the nearest time that would clear it.
    /// </summary>
    public static DomainException ConflictError(DateTimeOffset startsAt, DateTimeOffset endsAt, int setupMinutes, int cleanupMinutes,
        IReadOnlyList<RoomBooking> clashes) =>
        new("Booking.Conflict", $"与已有预约冲突：{string.Join("；", clashes.Select(c => ClashReason(startsAt, endsAt, setupMinutes, cleanupMinutes, c)))}");

    /// <summary>Why a booking at [startsAt, endsAt) with the given buffers cannot share the room with <paramref name="other"/>.</summary>
    public static string ClashReason(DateTimeOffset startsAt, DateTimeOffset endsAt, int setupMinutes, int cleanupMinutes, RoomBooking other)
    {
        startsAt = startsAt.ToUniversalTime();
        endsAt = endsAt.ToUniversalTime();
        var own = $"{other.ProjectCode}（{Time(other.StartsAt)}-{Time(other.EndsAt)}";
        if (startsAt >= other.EndsAt)
            return $"与 {own}，清场至 {Time(other.OccupiedUntil)}）冲突（本预约布场 {setupMinutes} 分钟，最早 {Time(other.OccupiedUntil.AddMinutes(setupMinutes))} 开始）";
        if (endsAt <= other.StartsAt)
            return $"与 {own}，布场自 {Time(other.OccupiedFrom)}）冲突（本预约清场 {cleanupMinutes} 分钟，最晚 {Time(other.OccupiedFrom.AddMinutes(-cleanupMinutes))} 结束）";
        return $"与 {own}）时间重叠";
    }

    private static string Time(DateTimeOffset t) => $"{CenterTime.ToLocal(t):HH:mm}";

    public static string PurposeName(BookingPurpose purpose) => purpose switch
    {
        BookingPurpose.BidOpening => "开标",
        BookingPurpose.Evaluation => "评标",
        BookingPurpose.Negotiation => "谈判/磋商/澄清",
        _ => "跨夜评标",
    };
}

/// <summary>Section "Floor": buffers and windows of the live floor.</summary>
public sealed class FloorOptions
{
    public const string Section = "Floor";
    public int SetupMinutes { get; set; } = 15;
    public int CleanupMinutes { get; set; } = 15;

    /// <summary>A room is "Upcoming" when its next booking starts within this many minutes.</summary>
    public int UpcomingMinutes { get; set; } = 30;

    /// <summary>How long each wall panel stays before the next one.</summary>
    public int WallRotateSeconds { get; set; } = 20;

    /// <summary>Rooms may be booked between these local times (HH:mm); overnight evaluation alone runs past them.</summary>
    public string OpensAt { get; set; } = "07:30";
    public string ClosesAt { get; set; } = "21:30";

    public OpeningHours OpeningHours => OpeningHours.Parse(OpensAt, ClosesAt);
}

/// <summary>Section "Venue": how the desk's booking changes behave (the other Venue settings have their own classes).</summary>
public sealed class BookingChangeOptions
{
    public const string Section = "Venue";

    /// <summary>How long after a booking's start nobody may have come before it can be marked a no-show (爽约宽限时间).</summary>
    public int NoShowGraceMinutes { get; set; } = 15;

    public TimeSpan NoShowGrace => TimeSpan.FromMinutes(NoShowGraceMinutes);
}
