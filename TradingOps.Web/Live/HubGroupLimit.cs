using Microsoft.AspNetCore.SignalR;

namespace TradingOps.Web.Live;

/// <summary>
/// How many groups one hub connection may be in. The public hubs (floor, queue hall) accept anonymous
/// connections; without a limit one connection could join every room and hall and receive everything at the
/// cost of one socket. A door plate joins one room, a hall display one hall, the public page the floor:
/// <see cref="AnonymousMax"/> leaves room for that and a little more. Signed-in connections are not limited here.
/// </summary>
public static class HubGroupLimit
{
    public const int AnonymousMax = 8;

    private static readonly object JoinedKey = new();

    public static Task JoinAsync(HubCallerContext context, IGroupManager groups, string group)
    {
        var joined = Joined(context);
        lock (joined)
        {
            if (!joined.Contains(group) && context.User?.Identity?.IsAuthenticated != true && joined.Count >= AnonymousMax)
                throw new HubException($"每个连接最多订阅 {AnonymousMax} 个频道");
            joined.Add(group);
        }
        return groups.AddToGroupAsync(context.ConnectionId, group);
    }

    public static Task LeaveAsync(HubCallerContext context, IGroupManager groups, string group)
    {
        var joined = Joined(context);
        lock (joined) joined.Remove(group);
        return groups.RemoveFromGroupAsync(context.ConnectionId, group);
    }

    private static HashSet<string> Joined(HubCallerContext context)
    {
        lock (context.Items)
        {
            if (context.Items.TryGetValue(JoinedKey, out var value) && value is HashSet<string> set) return set;
            var created = new HashSet<string>(StringComparer.Ordinal);
            context.Items[JoinedKey] = created;
            return created;
        }
    }
}
