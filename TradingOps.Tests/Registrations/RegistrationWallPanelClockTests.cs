using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;
using TradingOps.Data.Registrations;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Wall;
using TradingOps.Web.Infrastructure;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Registrations;

/// <summary>The app with its clock under the test's control (the server's LiveClock ticks on it).</summary>
public sealed class FakeClockApp : TradingOpsApp
{
    public FakeTimeProvider Clock { get; } = new(At("2026-11-23 10:30"));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>Countdowns turn due-soon and overdue on the server's tick alone: nobody touches the screen.</summary>
public sealed class RegistrationWallPanelClockTests : BunitContext, IClassFixture<FakeClockApp>
{
    private readonly FakeClockApp _app;

    public RegistrationWallPanelClockTests(FakeClockApp app)
    {
        _app = app;
        _ = app.Services; // start the host (and its LiveClock)
        Services.AddFallbackServiceProvider(app.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task A_pending_item_turns_due_soon_one_working_hour_before_its_deadline_and_overdue_at_it_without_any_user_action()
    {
        Guid id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
            var outcome = await scope.ServiceProvider.GetRequiredService<RegistrationService>()
                .SubmitAsync(Draft(_app.Clock.GetUtcNow(), TradingCategory.Engineering), RegistrationChannel.Online);
            Assert.True(outcome.Succeeded, outcome.Message);
            id = outcome.Id!.Value;
        }
        string code;
        await using (var db = await _app.Services.NewContextAsync())
            code = db.Registrations.Single(r => r.Id == id).Code; // due 15:00: three working hours across lunch

        var panel = Render<RegistrationWallPanel>(p => p.Add(x => x.MaxRows, 1000));
        string Urgency() => panel.Find($"tr[data-code='{code}']").ClassName ?? "";
        panel.WaitForAssertion(() => Assert.Equal("Fresh", Urgency()));

        _app.Clock.Advance(TimeSpan.FromHours(3.5)); // 14:00, one working hour left: the server's tick fires
        panel.WaitForAssertion(() => Assert.Equal("DueSoon", Urgency()), TimeSpan.FromSeconds(10));

        _app.Clock.Advance(TimeSpan.FromHours(1)); // 15:00
        panel.WaitForAssertion(() => Assert.Equal("Overdue", Urgency()), TimeSpan.FromSeconds(10));
    }
}

/// <summary>The app on 31 December 2026 at 16:00, when deadlines run into 2027, a year without its official schedule.</summary>
public sealed class YearEndClockApp : TradingOpsApp
{
    public FakeTimeProvider Clock { get; } = new(At("2026-12-31 16:00"));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>The wall's countdowns say when a deadline is only provisional, as the board and the detail page do.</summary>
public sealed class RegistrationWallPanelProvisionalTests : BunitContext, IClassFixture<YearEndClockApp>
{
    private readonly YearEndClockApp _app;

    public RegistrationWallPanelProvisionalTests(YearEndClockApp app)
    {
        _app = app;
        _ = app.Services;
        Services.AddFallbackServiceProvider(app.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task A_countdown_running_into_a_year_without_its_holiday_schedule_is_marked_provisional_on_the_wall()
    {
        Guid id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
            var outcome = await scope.ServiceProvider.GetRequiredService<RegistrationService>()
                .SubmitAsync(Draft(_app.Clock.GetUtcNow(), TradingCategory.Engineering), RegistrationChannel.Online);
            Assert.True(outcome.Succeeded, outcome.Message);
            id = outcome.Id!.Value;
        }
        string code;
        await using (var db = await _app.Services.NewContextAsync())
            code = db.Registrations.Single(r => r.Id == id).Code; // due in January 2027

        var panel = Render<RegistrationWallPanel>(p => p.Add(x => x.MaxRows, 1000));
        panel.WaitForAssertion(() =>
            Assert.Contains("暂定", panel.Find($"tr[data-code='{code}'] [data-testid=provisional]").TextContent), TimeSpan.FromSeconds(10));
    }
}
