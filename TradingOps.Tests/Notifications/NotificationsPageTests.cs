using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using TradingOps.Core.Auditing;
using TradingOps.Core.Notifications;
using TradingOps.Data;
using TradingOps.Data.Notifications;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Admin;

namespace TradingOps.Tests.Notifications;

/// <summary>/admin/notifications over a real SQLite outbox: what is stuck is visible, and the admin can send it again.</summary>
public sealed class NotificationsPageTests : TradingOpsBunitContext, IAsyncLifetime
{
    private readonly FlakySender _sender = new() { Down = true };
    private ServiceProvider _data = null!;

    public async Task InitializeAsync()
    {
        _data = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), actor: Actor.User("admin-id", "admin"));
        await using (var scope = _data.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var factory = _data.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
        Services.AddSingleton(new OutboxQueries(factory, _sender, TimeProvider.System));
        Services.AddSingleton(new OutboxDelivery(factory, _sender, TimeProvider.System, Options.Create(new NotificationOptions()), NullLogger<OutboxDelivery>.Instance));
        await using var db = await factory.CreateDbContextAsync();
        db.OutboxMessages.Add(new OutboxMessage(NotificationKind.BookingCancelled, NotificationChannel.Sms, "李敏", "13812345678",
            "场地预约已取消：GC-2026-0042", "…", null, "云南某招标代理有限公司", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _data.DisposeAsync();
    }

    [Fact]
    public void A_failed_message_shows_its_error_and_masked_number_and_is_sent_when_the_sender_is_back()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<TradingOps.Web.Admin.Notifications>();
        page.WaitForAssertion(() => Assert.Contains("待发送 1", page.Find("[data-testid=outbox-pending]").TextContent));

        page.Find("button[data-testid=outbox-send-now]").Click();
        page.WaitForAssertion(() => Assert.Contains("短信网关无响应", page.Find("[data-testid=outbox-table]").TextContent));
        Assert.Contains("138****5678", page.Find("[data-testid=outbox-table]").TextContent);
        Assert.DoesNotContain("13812345678", page.Markup);
        Assert.Contains("失败待重试", page.Find("[data-testid=outbox-row-state]").TextContent);

        _sender.Down = false;
        page.Find("button[data-testid=outbox-retry]").Click();
        page.WaitForAssertion(() => Assert.Contains("待发送 1", page.Find("[data-testid=outbox-pending]").TextContent));
        page.Find("button[data-testid=outbox-send-now]").Click();
        page.WaitForAssertion(() => Assert.Contains("已发送", page.Find("[data-testid=outbox-row-state]").TextContent));
        Assert.Single(_sender.Sent);
    }
}
