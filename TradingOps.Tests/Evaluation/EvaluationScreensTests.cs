using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Live;
using TradingOps.Data.Auditing;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Evaluation;
using TradingOps.Web.Floor;
using TradingOps.Web.Wall;
using static TradingOps.Tests.Evaluation.EvaluationTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>
/// The evaluation area's screens on a real database, live from the in-process bus: the desk page (counts, alerts,
/// resolution), the wall's evaluation panel and the alerts panel. Sessions are seeded with known names, ID numbers,
/// project and partner center, and none of them may appear on the wall.
/// </summary>
public sealed class EvaluationScreensTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(At("09:20"));
    private EvaluationTestData _data = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddScoped<ICurrentActor>(_ => new FixedActor(Actor.User("dm1", "值班经理 李强")));
    }

    Task IAsyncLifetime.InitializeAsync()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        _data = new EvaluationTestData(Services);
        return Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync(); // MudBlazor's services are async-disposable only

    private static void Until<T>(IRenderedComponent<T> component, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.WaitForAssertion(assertion, TimeSpan.FromSeconds(10));

    /// <summary>A running session short of experts with agency staff inside, a remote host, and the watch's alerts raised.</summary>
    private async Task<Seeded> RunningSessionWithAlertsAsync()
    {
        var s = await _data.SessionAsync("P301", "09:00", "12:00", wanted: 3, accepted: 3, admitted: 1, remote: RemoteRole.Host);
        await _data.AgencyInsideAsync(s, "08:20");
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EvaluationWatch>().RunAsync();
        return s;
    }

    private void AssertNothingConfidential(string markup, Seeded s)
    {
        foreach (var secret in Names.Concat(s.IdNumbers).Append(Project).Append(ProjectName).Append(Partner).Append("周代理"))
            Assert.DoesNotContain(secret, markup);
        foreach (var masked in s.Experts.Select(e => e.IdMasked)) Assert.DoesNotContain(masked, markup);
    }

    [Fact]
    public async Task The_wall_panel_shows_room_codes_counts_and_alerts_and_never_a_name_an_id_number_the_project_or_the_partner()
    {
        var s = await RunningSessionWithAlertsAsync();

        var panel = Render<EvaluationWallPanel>();

        Until(panel, () =>
        {
            var session = panel.Find("[data-testid=ewall-session-P301]");
            Assert.Contains("1/3", session.QuerySelector("[data-testid=ewall-experts]")!.TextContent);
            Assert.Contains("代理 1 人未离场", session.TextContent);
            Assert.Contains("远程 2 席", session.TextContent);
            Assert.Equal(3, panel.FindAll("[data-testid=ewall-alert]").Count); // committee incomplete, experts not checked in, agency inside
        });
        Assert.Contains("代理机构人员未离场", panel.Markup);
        AssertNothingConfidential(panel.Markup, s);
    }

    [Fact]
    public async Task The_alerts_panel_lists_open_evaluation_alerts_by_kind_and_room_code_without_names()
    {
        var s = await RunningSessionWithAlertsAsync();

        var panel = Render<AlertsWallPanel>();

        Until(panel, () =>
        {
            var alerts = panel.FindAll("[data-testid=alert-evaluation-P301]");
            Assert.Equal(3, alerts.Count);
            Assert.Contains(alerts, a => a.TextContent.Contains("评委会不足额") && a.TextContent.Contains("× 2"));
        });
        AssertNothingConfidential(panel.Markup, s);
    }

    [Fact]
    public async Task The_desk_applies_an_admission_from_its_event_without_reading_the_database()
    {
        var s = await _data.SessionAsync("P301", "09:00", "12:00", wanted: 3, accepted: 3, admitted: 1);
        var page = Render<EvaluationDesk>();
        Until(page, () => Assert.Contains("3 / 3 / 3 / 1", Squash(page.Find("[data-testid=experts]").TextContent)));
        var model = Services.GetRequiredService<EvaluationFloor>();
        var floor = Services.GetRequiredService<SharedFloorSnapshot>();
        var (reads, floorReads) = (model.Reads, floor.Reads);

        // The gate admitted a second expert: its event carries the session's counts after the change.
        await Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new EvaluationChanged(_clock.GetUtcNow(), s.Booking.Id, s.Room.Id,
            EvaluationChange.Admitted, new SessionCounts(3, 3, 3, 2, 0, 0, 0, 0, DrawRequestStatus.Drawn)));

        Until(page, () => Assert.Contains("3 / 3 / 3 / 2", Squash(page.Find("[data-testid=experts]").TextContent)));
        Assert.Equal(reads, model.Reads);
        Assert.Equal(floorReads, floor.Reads);
        Assert.Contains("/evaluation/sessions/" + s.Booking.Id, page.Find("[data-testid=session-link]").GetAttribute("href"));
        Assert.Equal("/evaluation/gate", page.Find("[data-testid=gate-link]").GetAttribute("href"));
        AssertNothingConfidential(page.Markup.Replace(Project, "").Replace(ProjectName, ""), s); // staff may see the project, never a person
    }

    [Fact]
    public async Task The_desk_shows_an_alert_until_a_person_resolves_it_with_a_resolution_and_records_who_and_how()
    {
        var s = await RunningSessionWithAlertsAsync();
        var page = Render<EvaluationDesk>();
        Until(page, () => Assert.Equal(3, page.FindAll("[data-testid=alert-row]").Count));
        var agency = page.Find("[data-testid=alert-row][data-kind=AgencyStillInside]");
        Assert.Contains("仍存在", agency.TextContent);

        // The agency staff left: the condition clears, the alert stays (shown as cleared) until resolved.
        await _data.ExitAsync(await AgencyAdmissionAsync(s), "09:21");
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<EvaluationLedger>().PublishAsync(s.Booking.Id, s.Room.Id, EvaluationChange.Exited);
        Until(page, () => Assert.Contains("情况已消除", page.Find("[data-testid=alert-row][data-kind=AgencyStillInside]").TextContent));

        Click(page, "[data-testid=alert-row][data-kind=AgencyStillInside] [data-testid=resolve]");
        Click(page, "[data-testid=resolve-submit]"); // no resolution: refused
        Until(page, () => Assert.Contains("处理说明", page.Find("[data-testid=resolve-error]").TextContent));
        var field = page.Find("[data-testid=resolution]");
        (field.TagName == "INPUT" ? field : field.QuerySelector("input")!).Input("代理机构人员已离场，已提醒");
        Click(page, "[data-testid=resolve-submit]");

        Until(page, () =>
        {
            Assert.Equal(2, page.FindAll("[data-testid=alert-row]").Count);
            var resolved = page.Find("[data-testid=resolved-row]");
            Assert.Equal("值班经理 李强", resolved.QuerySelector("[data-testid=resolved-by]")!.TextContent);
            Assert.Equal("代理机构人员已离场，已提醒", resolved.QuerySelector("[data-testid=resolution-text]")!.TextContent);
        });
    }

    [Fact]
    public async Task A_refusal_reported_by_the_gate_raises_its_alert_at_once_without_waiting_for_the_job()
    {
        var s = await _data.SessionAsync("P301", "09:00", "12:00", wanted: 3, accepted: 3, admitted: 3);
        var trigger = new EvaluationWatchTrigger(Services.GetRequiredService<global::TradingOps.Web.Live.ILiveEventSubscriptions>(),
            Services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<EvaluationWatchTrigger>.Instance);
        await trigger.StartAsync(default);
        var panel = Render<EvaluationWallPanel>();
        Until(panel, () => Assert.Empty(panel.FindAll("[data-testid=ewall-alert]")));

        // The gate refused a recused expert and said so (as the gate endpoint does after its commit).
        await _data.GateEventAsync(s, GateEventKind.Refused, GateRefusal.Recused, "该专家已回避", "09:19");
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<EvaluationLedger>().PublishAsync(s.Booking.Id, s.Room.Id, EvaluationChange.Refused);

        await Services.GetRequiredService<global::TradingOps.Web.Live.LiveEventBus>().DeliveredAsync();
        await using (var db = await Services.NewContextAsync())
            Assert.Equal(EvaluationAlertKind.RecusedAtGate, Assert.Single(db.EvaluationAlerts).Kind);
        _clock.Advance(TimeSpan.FromSeconds(5)); // the wall's pace: a second change within the interval is shown at its end
        Until(panel, () => Assert.Equal("RecusedAtGate", Assert.Single(panel.FindAll("[data-testid=ewall-alert]")).GetAttribute("data-kind")));
        await trigger.StopAsync(default);
    }

    private async Task<GateAdmission> AgencyAdmissionAsync(Seeded s)
    {
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<global::TradingOps.Data.TradingOpsDbContext>>().CreateDbContextAsync();
        return db.GateAdmissions.Single(a => a.BookingId == s.Booking.Id && a.Person == PersonKind.AgencyStaff);
    }

    /// <summary>Clicks what the selector finds now: a live change may re-render the page between finding and clicking.</summary>
    private static void Click<T>(IRenderedComponent<T> page, string selector) where T : Microsoft.AspNetCore.Components.IComponent
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                page.Find(selector).Click();
                return;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (attempt < 5)
            {
                // re-rendered meanwhile: find it again
            }
        }
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
