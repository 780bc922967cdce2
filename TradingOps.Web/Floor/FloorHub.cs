using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Web.Live;

namespace TradingOps.Web.Floor;

public interface IFloorClient
{
    Task FloorChanged(FloorPush push);
}

/// <summary>
/// Read-only hub of the floor: clients join the whole floor or one room and receive pushes. Anonymous door
/// plates and the public occupancy page use it too, which is why it allows anonymous callers: it carries only
/// room ids and change kinds (what the public feed shows anyway) and has no method that writes.
/// </summary>
[AllowAnonymous]
public sealed class FloorHub : Hub<IFloorClient>
{
    public const string Path = "/hubs/floor";

    public Task JoinFloor() => HubGroupLimit.JoinAsync(Context, Groups, LiveTopics.Floor);

    public Task JoinRoom(Guid roomId) => HubGroupLimit.JoinAsync(Context, Groups, LiveTopics.Room(roomId));

    public Task LeaveRoom(Guid roomId) => HubGroupLimit.LeaveAsync(Context, Groups, LiveTopics.Room(roomId));
}

/// <summary>Sends floor changes to the hub's groups named by the event's topics.</summary>
public sealed class FloorHubForwarder(IHubContext<FloorHub, IFloorClient> hub) : ILiveEventForwarder
{
    public Task ForwardAsync(LiveEvent change, CancellationToken cancellationToken)
    {
        if (change is not FloorChanged floor) return Task.CompletedTask;
        // Anonymous clients listen here: the payload is the public projection's, like everything public.
        return hub.Clients.Groups(floor.Topics).FloorChanged(PublicProjection.Push(floor));
    }
}
