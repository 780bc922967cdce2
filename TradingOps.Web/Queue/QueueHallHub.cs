using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using TradingOps.Core.Live;
using TradingOps.Core.Queue;
using TradingOps.Web.Live;

namespace TradingOps.Web.Queue;

/// <summary>
/// What a hall display receives: a ticket changed, with everything the display shows of it, so it applies the message
/// without asking the server: a call carries the window to announce, the clerk calling (工号 / 姓名) and the time of the
/// call (<see cref="Time"/>, center time, as the list shows it); a change in how many wait carries the new counts per
/// service type (<see cref="Waiting"/>; types not listed have nobody waiting; null when the counts did not change).
/// </summary>
public sealed record HallTicketMessage(string Code, string Kind, int? WindowNumber, bool IsCall, DateTimeOffset At, string? Clerk = null,
    string? Time = null, IReadOnlyList<HallWaiting>? Waiting = null);

/// <summary>How many wait for a service type (the hall's waiting strip, by the type's id).</summary>
public sealed record HallWaiting(Guid TypeId, int Waiting);

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
        var message = Message(ticket);
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

    /// <summary>The hall's view of a change: no visitor data, only ticket and window numbers, the clerk calling and the counts.</summary>
    public static HallTicketMessage Message(TicketChanged ticket) =>
        new(ticket.Code, ticket.Kind.ToString(), ticket.WindowNumber, ticket.IsCall, ticket.At, ticket.IsCall ? ticket.Clerk : null,
            Fmt.Seconds(ticket.IsCall ? ticket.Ticket?.CalledAt ?? ticket.At : ticket.At),
            ticket.Waiting?.Select(w => new HallWaiting(w.ServiceTypeId, w.Waiting)).ToList());

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
