using Microsoft.AspNetCore.SignalR;
using TradingOps.Web.Queue;

namespace TradingOps.Tests.Fixtures;

/// <summary>A hub whose group sends stay pending until the test says, or throw at once.</summary>
public sealed class StubHallHub : IHubContext<QueueHallHub, IQueueHallClient>, IHubClients<IQueueHallClient>, IQueueHallClient
{
    public List<HallTicketMessage> Sent { get; } = [];
    public TaskCompletionSource Pending { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public bool ThrowAtOnce { get; set; }

    IHubClients<IQueueHallClient> IHubContext<QueueHallHub, IQueueHallClient>.Clients => this;
    IGroupManager IHubContext<QueueHallHub, IQueueHallClient>.Groups => throw new NotSupportedException();

    public Task Ticket(HallTicketMessage message)
    {
        if (ThrowAtOnce) throw new InvalidOperationException($"hub gone while sending {message.Code}");
        Sent.Add(message);
        return Pending.Task;
    }

    public IQueueHallClient Groups(IReadOnlyList<string> groupNames) => this;
    public IQueueHallClient All => throw new NotSupportedException();
    public IQueueHallClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
    public IQueueHallClient Client(string connectionId) => throw new NotSupportedException();
    public IQueueHallClient Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();
    public IQueueHallClient Group(string groupName) => throw new NotSupportedException();
    public IQueueHallClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
    public IQueueHallClient User(string userId) => throw new NotSupportedException();
    public IQueueHallClient Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
}
