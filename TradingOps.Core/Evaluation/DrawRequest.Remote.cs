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
