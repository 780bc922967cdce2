using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

public sealed partial class DrawRequest
{
    /// <summary>
    /// The desk changes the session's remote-evaluation settings (远程异地评标, Liaoning 6.5.5): only while the list is
    /// still sealed (before the evaluation start, <see cref="Sealing"/>) and the request is not cancelled. The seats
    /// reserved for remote experts are at most the room's seats (<see cref="SetRemote"/>).
    /// </summary>
    public void ChangeRemote(RemoteRole role, string? partner, int seats, int roomSeats, DateTimeOffset? startedAt, DateTimeOffset now)
    {
        if (Status == DrawRequestStatus.Cancelled)
            throw new DomainException("Remote.Cancelled", "抽取申请已撤销，不能修改远程异地评标设置");
        if (!Sealing.IsSealed(StartsAt, startedAt, now))
            throw new DomainException("Remote.Started", "评标已开始，不能再修改远程异地评标设置");
        SetRemote(role, partner, seats, roomSeats);
    }
}

/// <summary>Which seats of a room the remote experts' reservation holds.</summary>
public static class RemoteSeating
{
    /// <summary>
    /// The reserved seats are the room's last <paramref name="remoteSeats"/> (seat numbers 1-based): seat plans mark
    /// them, and the gate's random seat is drawn among the others.
    /// </summary>
    public static bool IsReserved(int seat, int roomSeats, int remoteSeats) =>
        remoteSeats > 0 && seat > roomSeats - Math.Min(remoteSeats, roomSeats) && seat <= roomSeats;
}
