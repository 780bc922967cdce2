using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Health;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Health;

namespace TradingOps.Tests.Health;

/// <summary>/health/integrations: each integration's state, detail and last success from this node's board, kept current as probes land.</summary>
public sealed class IntegrationsPageTests : TradingOpsBunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);
    private readonly IntegrationBoard _board = new();

    public IntegrationsPageTests() => Services.AddSingleton(_board);

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync(); // MudBlazor's services dispose only asynchronously

    private static IntegrationSnapshot Snapshot(IntegrationState outbox) => new("web-1#42", At,
    [
        new(IntegrationKind.Database, IntegrationState.Green, "连接正常，往返 2 毫秒", At, At, null),
        new(IntegrationKind.Scheduler, IntegrationState.NotRunning, "本节点未启用定时任务", At, null, null),
        new(IntegrationKind.NotificationSender, outbox, outbox == IntegrationState.Green ? "发件箱无待发消息" : "发送滞后：待发 3 条",
            At, At.AddMinutes(-20), outbox == IntegrationState.Green ? null : At.AddMinutes(-6)),
    ]);

    [Fact]
    public void Each_integration_shows_its_state_detail_and_last_success_with_a_link_to_the_device_board()
    {
        _board.Publish(Snapshot(IntegrationState.Amber));

        var page = Render<IntegrationsPage>();

        var outbox = page.Find("[data-testid=integration-notifications]");
        Assert.Equal("Amber", outbox.GetAttribute("data-state"));
        Assert.Contains("降级", outbox.TextContent);
        Assert.Contains("发送滞后：待发 3 条", outbox.TextContent);
        Assert.Contains("上次正常：2026-12-04 09:40:00", outbox.TextContent); // center time
        Assert.Contains("异常开始于：2026-12-04 09:54:00", outbox.TextContent);
        Assert.Contains("本节点未运行", page.Find("[data-testid=integration-scheduler]").TextContent);
        Assert.Contains("正常", page.Find("[data-testid=integration-database]").TextContent);
        Assert.Equal("/health", page.Find("[data-testid=devices-link]").GetAttribute("href"));
        Assert.Contains("web-1#42", page.Find("[data-testid=integrations-node]").TextContent);
    }

    [Fact]
    public void A_new_probe_shows_on_the_open_page_without_a_reload()
    {
        _board.Publish(Snapshot(IntegrationState.Amber));
        var page = Render<IntegrationsPage>();

        _board.Publish(Snapshot(IntegrationState.Green));

        page.WaitForAssertion(() =>
        {
            var outbox = page.Find("[data-testid=integration-notifications]");
            Assert.Equal("Green", outbox.GetAttribute("data-state"));
            Assert.DoesNotContain("异常开始于", outbox.TextContent);
        });
    }
}
