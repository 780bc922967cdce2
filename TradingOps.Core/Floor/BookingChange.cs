using TradingOps.Core.Common;

namespace TradingOps.Core.Floor;

/// <summary>What happened to a booking (one row of its history).</summary>
public enum BookingChangeKind
{
    Created,     // 预约
    Confirmed,   // 确认
    Rescheduled, // 改期（同一场地）
    MovedRoom,   // 换场（可同时改期）
    Extended,    // 延时
    Shortened,   // 缩短
    Split,       // 拆分
    Cancelled,   // 取消
    NoShow,      // 爽约
}

/// <summary>
/// 预约变更记录: one row of a booking's history, append-only (never updated or deleted): the kind of change, the
/// slot (room, start, end) before and after, the reason, who and when. Every change the booking service makes
/// writes one in the transaction of the change; the archive reads them.
/// </summary>
public sealed class BookingChange : Entity
{
    public const int ReasonMaxLength = RoomBooking.ReasonMaxLength;

    private BookingChange() { By = ""; }

    private BookingChange(Guid bookingId, BookingChangeKind kind, BookingSlot? before, BookingSlot after, string? reason,
        string by, DateTimeOffset at, Guid? relatedBookingId)
    {
        BookingId = bookingId;
        Kind = kind;
        FromRoomId = before?.RoomId;
        FromStartsAt = before?.StartsAt;
        FromEndsAt = before?.EndsAt;
        RoomId = after.RoomId;
        StartsAt = after.StartsAt;
        EndsAt = after.EndsAt;
        Reason = RequiresReason(kind) ? Guard.Text(reason, ReasonMaxLength, ReasonField(kind)) : Guard.OptionalText(reason, ReasonMaxLength, ReasonField(kind));
        By = Guard.Text(by, 100, "操作人");
        At = at.ToUniversalTime();
        RelatedBookingId = relatedBookingId;
    }

    public Guid BookingId { get; private set; }
    public BookingChangeKind Kind { get; private set; }

    /// <summary>The slot before the change (none for a new booking).</summary>
    public Guid? FromRoomId { get; private set; }
    public DateTimeOffset? FromStartsAt { get; private set; }
    public DateTimeOffset? FromEndsAt { get; private set; }

    /// <summary>The slot after the change.</summary>
    public Guid RoomId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }

    public string? Reason { get; private set; }
    public string By { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>For a split: the other part.</summary>
    public Guid? RelatedBookingId { get; private set; }

    public BookingSlot? Before => FromRoomId is { } r && FromStartsAt is { } s && FromEndsAt is { } e ? new(r, s, e) : null;
    public BookingSlot After => new(RoomId, StartsAt, EndsAt);

    /// <summary>Every change a person makes to an existing booking says why; making and confirming it need not.</summary>
    public static bool RequiresReason(BookingChangeKind kind) => kind is not (BookingChangeKind.Created or BookingChangeKind.Confirmed);

    /// <summary>The reason's name in messages ("变更原因 不能为空").</summary>
    public static string ReasonField(BookingChangeKind kind) => kind switch
    {
        BookingChangeKind.Cancelled => "取消原因",
        BookingChangeKind.NoShow => "爽约说明",
        _ => "变更原因",
    };

    /// <summary>Refuses a blank or over-long reason before anything is changed (the same rule the row applies).</summary>
    public static string EnsureReason(BookingChangeKind kind, string? reason) => Guard.Text(reason, ReasonMaxLength, ReasonField(kind));

    /// <summary>The history row of <paramref name="booking"/> as it now is, <paramref name="before"/> its slot before the change.</summary>
    public static BookingChange Of(BookingChangeKind kind, RoomBooking booking, BookingSlot? before, string? reason, string by,
        DateTimeOffset at, Guid? relatedBookingId = null) =>
        new(booking.Id, kind, before, booking.Slot, reason, by, at, relatedBookingId);

    /// <summary>Rescheduled when the room stays, MovedRoom when it changes.</summary>
    public static BookingChangeKind MoveKind(BookingSlot before, RoomBooking after) =>
        before.RoomId == after.RoomId ? BookingChangeKind.Rescheduled : BookingChangeKind.MovedRoom;
}
