using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using TradingOps.Core.Live;
using TradingOps.Core.Queue;
using TradingOps.Web.Live;

namespace TradingOps.Web.Queue;

/// <summary>What a hall display receives: a ticket changed; calls carry the window to announce and the clerk calling (工号 / 姓名).</summary>
public sealed record HallTicketMessage(string Code, string Kind, int? WindowNumber, bool IsCall, DateTimeOffset At, string? Clerk = null);

public interface IQueueHallClient
{
    Task Ticket(HallTicketMessage message);
}

/// <summary>
/// The hall call displays' hub. Anonymous on purpose: the displays hang in the public hall, show only ticket
/// numbers, window numbers and the clerk calling (工号 / 姓名 of staff at work; never a visitor's name), and run in
/// kiosk-mode browsers nobody signs in to. It is read-only:
/// the only method joins a hall's group.
/// </summary>
[AllowAnonymous]
public sealed class QueueHallHub : Hub<IQueueHallClient>
{
    public const string Path = "/hubs/queue-hall";

    public Task JoinHall(Guid zoneId) => HubGroupLimit.JoinAsync(Context, Groups, LiveTopics.Hall(zoneId));
}

/// <summary>
/// Sends ticket changes to the hall groups they concern, without making the command that published them
/// wait for the displays: SignalR's group send only completes when every display's connection has taken the
/// message, so one slow or stalled display would otherwise hold up the clerk's "call next". The send is
/// started here, in publishing order (SignalR queues each connection's messages in the order sent, so a
/// display still sees a ticket's call before its transfer), and a failure is logged, never thrown back.
/// </summary>
public sealed class QueueHallForwarder(IHubContext<QueueHallHub, IQueueHallClient> hub, ILogger<QueueHallForwarder> logger)
    : ILiveEventForwarder
{
    public Task ForwardAsync(LiveEvent change, CancellationToken cancellationToken)
    {
        if (change is not TicketChanged { ConcernsHall: true } ticket || ticket.HallZoneIds.Count == 0) return Task.CompletedTask;
        var message = new HallTicketMessage(ticket.Code, ticket.Kind.ToString(), ticket.WindowNumber, ticket.IsCall, ticket.At, ticket.IsCall ? ticket.Clerk : null);
        Task sending;
        try
        {
            sending = hub.Clients.Groups(ticket.HallZoneIds.Select(LiveTopics.Hall).ToList()).Ticket(message);
        }
        catch (Exception ex)
        {
            Failed(ex, message);
            return Task.CompletedTask;
        }
        if (!sending.IsCompletedSuccessfully) _ = ObserveAsync(sending, message);
        return Task.CompletedTask;
    }

    private async Task ObserveAsync(Task sending, HallTicketMessage message)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Failed(ex, message);
        }
    }

    private void Failed(Exception ex, HallTicketMessage message) =>
        logger.LogWarning(ex, "Hall displays did not all receive ticket {Code} ({Kind})", message.Code, message.Kind);
}
