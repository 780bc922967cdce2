using TradingOps.Core.Common;

namespace TradingOps.Core.Registrations;

/// <summary>A room and time the registration asks for (场地预约): confirmed as a booking on acceptance.</summary>
public sealed class RequestedRoomSlot
{
    public const int PurposeMaxLength = 100;
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(24);

    private RequestedRoomSlot() { Purpose = ""; }

    public RequestedRoomSlot(Guid roomId, DateTimeOffset start, DateTimeOffset end, string purpose)
    {
        if (roomId == Guid.Empty)
            throw new DomainException("Slot.Room", "请选择场地");
        start = start.ToUniversalTime();
        end = end.ToUniversalTime();
        if (end <= start)
            throw new DomainException("Slot.Inverted", "场地使用的结束时间必须晚于开始时间");
        if (end - start > MaxLength)
            throw new DomainException("Slot.TooLong", "单次场地预约不能超过 24 小时");
        RoomId = roomId;
        Start = start;
        End = end;
        Purpose = Guard.Text(purpose, PurposeMaxLength, "用途");
    }

    public Guid RoomId { get; private set; }
    public DateTimeOffset Start { get; private set; }
    public DateTimeOffset End { get; private set; }
    public string Purpose { get; private set; }

    /// <summary>Set when the acceptance confirmed it as a booking.</summary>
    public bool Confirmed { get; private set; }

    internal void Confirm() => Confirmed = true;

    public bool Overlaps(Guid roomId, DateTimeOffset start, DateTimeOffset end) =>
        RoomId == roomId && Start < end && start < End;
}
