using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using TradingOps.Core.Live;
using TradingOps.Core.Queue;
using TradingOps.Web.Live;

namespace TradingOps.Web.Queue;

/// <summary>What a hall display receives: a ticket changed; calls carry the window to announce.</summary>
public sealed record HallTicketMessage(string Code, string Kind, int? WindowNumber, bool IsCall, DateTimeOffset At);

public interface IQueueHallClient
{
    Task Ticket(HallTicketMessage message);
}

/// <summary>
/// The hall call displays' hub. Anonymous on purpose: the displays hang in the public hall, show only ticket
/// numbers and window numbers (no names), and run in kiosk-mode browsers nobody signs in to. It is read-only:
/// the only method joins a hall's group.
/// </summary>
[AllowAnonymous]
public sealed class QueueHallHub : Hub<IQueueHallClient>
{
    public const string Path = "/hubs/queue-hall";

    public Task JoinHall(Guid zoneId) => Groups.AddToGroupAsync(Context.ConnectionId, LiveTopics.Hall(zoneId));
}

/// <summary>Sends ticket changes to the hall groups they concern.</summary>
public sealed class QueueHallForwarder(IHubContext<QueueHallHub, IQueueHallClient> hub) : ILiveEventForwarder
{
    public Task ForwardAsync(LiveEvent change, CancellationToken cancellationToken)
    {
        if (change is not TicketChanged { ConcernsHall: true } ticket || ticket.HallZoneIds.Count == 0) return Task.CompletedTask;
        var message = new HallTicketMessage(ticket.Code, ticket.Kind.ToString(), ticket.WindowNumber, ticket.IsCall, ticket.At);
        return hub.Clients.Groups(ticket.HallZoneIds.Select(LiveTopics.Hall).ToList()).Ticket(message);
    }
}
