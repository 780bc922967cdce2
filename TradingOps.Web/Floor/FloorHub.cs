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
public sealed class FloorHub(FloorHubConnections local) : Hub<IFloorClient>
{
    public const string Path = "/hubs/floor";

    public Task JoinFloor() => JoinAsync(LiveTopics.Floor);

    public Task JoinRoom(Guid roomId) => JoinAsync(LiveTopics.Room(roomId));

    public async Task LeaveRoom(Guid roomId)
    {
        local.Leave(Context.ConnectionId, LiveTopics.Room(roomId));
        await HubGroupLimit.LeaveAsync(Context, Groups, LiveTopics.Room(roomId));
    }

    private async Task JoinAsync(string group)
    {
        await HubGroupLimit.JoinAsync(Context, Groups, group);
        local.Join(Context.ConnectionId, group);
    }
}

/// <summary>
/// The floor hub's connections held by this node, by group: a change every node derives for itself
/// (<see cref="INodeLocal"/>) is sent by each node to its own connections only, so with several nodes (and the
/// Redis backplane) a client still gets it once. A hub filter of the floor hub, to forget connections that go.
/// </summary>
public sealed class FloorHubConnections : IHubFilter
{
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        Disconnected(context.Context.ConnectionId);
        await next(context, exception);
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<string>> _byGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);

    public void Join(string connectionId, string group)
    {
        lock (_gate)
        {
            Set(_byGroup, group).Add(connectionId);
            Set(_byConnection, connectionId).Add(group);
        }
    }

    public void Leave(string connectionId, string group)
    {
        lock (_gate)
        {
            Remove(_byGroup, group, connectionId);
            Remove(_byConnection, connectionId, group);
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (!_byConnection.Remove(connectionId, out var groups)) return;
            foreach (var group in groups) Remove(_byGroup, group, connectionId);
        }
    }

    /// <summary>This node's connections in any of <paramref name="groups"/>, each once.</summary>
    public IReadOnlyList<string> In(IEnumerable<string> groups)
    {
        lock (_gate)
            return groups.SelectMany(g => _byGroup.TryGetValue(g, out var ids) ? ids : []).Distinct().ToList();
    }

    private static HashSet<string> Set(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        return set;
    }

    private static void Remove(Dictionary<string, HashSet<string>> map, string key, string value)
    {
        if (map.TryGetValue(key, out var set) && set.Remove(value) && set.Count == 0) map.Remove(key);
    }
}

/// <summary>
/// Sends floor changes to the hub's groups named by the event's topics (through the backplane, once for all nodes);
/// a change each node derives itself goes to this node's own connections in those groups.
/// </summary>
public sealed class FloorHubForwarder(IHubContext<FloorHub, IFloorClient> hub, FloorHubConnections local) : ILiveEventForwarder
{
    public Task ForwardAsync(LiveEvent change, CancellationToken cancellationToken)
    {
        if (change is not FloorChanged floor) return Task.CompletedTask;
        // Anonymous clients listen here: the payload is the public projection's, like everything public.
        var push = PublicProjection.Push(floor);
        if (floor is not INodeLocal) return hub.Clients.Groups(floor.Topics).FloorChanged(push);
        var mine = local.In(floor.Topics);
        return mine.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(mine).FloorChanged(push);
    }
}
