using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data.Queue;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Live;
using TradingOps.Web.Queue;

namespace TradingOps.Tests.Queue;

[FullLane]
public sealed class QueueHallForwarderTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    [Fact]
    public async Task A_hall_display_in_the_zones_group_receives_a_window_calling_a_ticket()
    {
        // A zone, service type and window of their own, so the demo queue does not get in the way.
        Guid zoneId, typeId, windowId;
        await using (var db = await server.Services.NewContextAsync())
        {
            var center = await db.Centers.Select(c => c.Id).FirstAsync();
            var zone = new Zone(center, "测试大厅" + Guid.NewGuid().ToString("N")[..6], ZoneKind.PublicService, "1F");
            var used = await db.ServiceTypes.Select(t => t.Prefix).ToListAsync();
            var type = new ServiceType("QPONMLK".First(p => !used.Contains(p.ToString())).ToString(), "叫号转发测试", 95);
            var window = new ServiceWindow(zone.Id, 70 + used.Count, "转发测试窗口", [type]);
            db.AddRange(zone, type, window);
            await db.SaveChangesAsync();
            (zoneId, typeId, windowId) = (zone.Id, type.Id, window.Id);
        }
        await using var display = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, QueueHallHub.Path)).Build();
        var call = new TaskCompletionSource<HallTicketMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        display.On<HallTicketMessage>(nameof(IQueueHallClient.Ticket), m =>
        {
            if (m.IsCall) call.TrySetResult(m);
        });
        await display.StartAsync();
        await display.InvokeAsync(nameof(QueueHallHub.JoinHall), zoneId);

        var queue = await server.Services.StaffWindowAsync(windowId);
        var issued = await queue.IssueAsync(typeId, TicketChannel.Kiosk);
        var called = await queue.CallNextAsync(windowId);

        var shown = await call.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(issued.Code, shown.Code);
        Assert.Equal(called!.WindowNumber, shown.WindowNumber);
        Assert.Equal(nameof(TicketEventKind.Called), shown.Kind);
    }

    [Fact]
    public async Task A_hall_send_that_hangs_or_fails_neither_holds_up_nor_fails_the_call_and_is_logged()
    {
        var hub = new StubHallHub();
        var log = new RecordingLogger<QueueHallForwarder>();
        var bus = new LiveEventBus([new QueueHallForwarder(hub, log)], Microsoft.Extensions.Logging.Abstractions.NullLogger<LiveEventBus>.Instance);

        // The displays have not taken the message yet: the publisher (the clerk's call) goes on regardless.
        var publishing = bus.PublishAsync(Called("A012")).AsTask();
        Assert.True(publishing.IsCompletedSuccessfully);
        Assert.Equal(["A012"], hub.Sent.Select(m => m.Code));
        hub.Pending.SetException(new IOException("display connection reset"));
        Assert.True(await log.Warned.WaitAsync(TimeSpan.FromSeconds(10)), "the failed send was not logged");
        Assert.Contains("A012", log.Warnings[0]);

        // A send that throws at once is logged the same way and does not reach the publisher either.
        hub.ThrowAtOnce = true;
        await bus.PublishAsync(Called("A013"));
        Assert.Equal(2, log.Warnings.Count);
        Assert.Contains("A013", log.Warnings[1]);
    }

    private static TicketChanged Called(string code) =>
        new(DateTimeOffset.UtcNow, Guid.NewGuid(), code, TicketEventKind.Called, Guid.NewGuid(), Guid.NewGuid(), 3, [Guid.NewGuid()]);

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<string> Warnings { get; } = [];
        public SemaphoreSlim Warned { get; } = new(0);
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (Warnings) Warnings.Add(formatter(state, exception));
                Warned.Release();
            }
        }
    }
}
