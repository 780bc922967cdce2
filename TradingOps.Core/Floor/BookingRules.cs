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
        sameRoom.Where(b => b.Id != candidate.Id && b.RoomId == candidate.RoomId && b.HoldsRoom
                            && Clash(candidate.OccupiedFrom, candidate.OccupiedUntil, b.OccupiedFrom, b.OccupiedUntil))
            .OrderBy(b => b.StartsAt).ToList();

    public static DomainException ConflictError(RoomBooking candidate, IReadOnlyList<RoomBooking> clashes) =>
        new("Booking.Conflict",
            $"与已有预约冲突（含布场 {candidate.SetupMinutes} 分钟、清场 {candidate.CleanupMinutes} 分钟）：{string.Join("、", clashes.Select(c => c.Label))}");

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
