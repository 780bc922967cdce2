using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using TradingOps.Core.Common;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web;
using TradingOps.Data.Reports;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Reports;

/// <summary>The export panel over a real SQLite database holding a generated November: presets, row count, link, period checks.</summary>
public sealed class DetailExportPanelTests : TradingOpsBunitContext, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(10, 0)));
    private ServiceProvider _data = null!;

    public async Task InitializeAsync()
    {
        _data = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), actor: DetailExportTestData.Clerk, clock: _clock);
        await using (var scope = _data.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await DetailExportTestData.GenerateAsync(_data, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), ticketsPerDay: 3, bookings: false, ratings: false);

        var factory = _data.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddScoped<IDetailReport>(sp => new ProjectLedger(new ReportQueries(factory), sp.GetRequiredService<IStringLocalizer<SharedResource>>()));
        Services.AddScoped<IDetailReport>(_ => new RoomUsageReport(new ReportQueries(factory)));
        Services.AddScoped<IDetailReport>(_ => new TicketDetailReport(new ReportQueries(factory)));
        Services.AddScoped<IDetailReport>(_ => new RatingDetailReport(new ReportQueries(factory), _clock));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _data.DisposeAsync();
    }

    private IRenderedComponent<DetailExportPanel> RenderPanel()
    {
        Render<MudPopoverProvider>(); // the select and pickers open their lists in it
        return Render<DetailExportPanel>();
    }

    [Fact]
    public void Last_month_points_the_download_at_the_whole_month_counts_its_rows_and_names_the_file()
    {
        var panel = RenderPanel();
        panel.Find("[data-testid=export-last-month]").Click();

        panel.WaitForAssertion(() =>
        {
            Assert.Equal("/reports/tickets?from=2026-11-01&to=2026-11-30", panel.Find("[data-testid=export-download]").GetAttribute("href"));
            var summary = panel.Find("[data-testid=export-summary]").TextContent;
            Assert.Contains("票号明细_2026-11-01_2026-11-30.xlsx", summary);
            Assert.Contains("该期间共 90 行", summary); // 3 tickets a day in November
        });
    }

    [Fact]
    public async Task A_reversed_period_is_said_in_Chinese_and_offers_no_download()
    {
        var panel = RenderPanel();
        var to = panel.FindComponents<MudDatePicker>()[1];
        await panel.InvokeAsync(() => to.Instance.DateChanged.InvokeAsync(new DateTime(2026, 11, 20)));
        var from = panel.FindComponents<MudDatePicker>()[0];
        await panel.InvokeAsync(() => from.Instance.DateChanged.InvokeAsync(new DateTime(2026, 11, 25)));

        panel.WaitForAssertion(() =>
        {
            Assert.Contains("截止日期不能早于起始日期", panel.Find("[data-testid=export-problem]").TextContent);
            Assert.Null(panel.Find("[data-testid=export-download]").GetAttribute("href"));
            Assert.Empty(panel.FindAll("[data-testid=export-summary]"));
        });
    }

    [Fact]
    public async Task A_period_longer_than_the_endpoint_allows_is_refused_before_the_click()
    {
        var panel = RenderPanel();
        var from = panel.FindComponents<MudDatePicker>()[0];
        await panel.InvokeAsync(() => from.Instance.DateChanged.InvokeAsync(new DateTime(2025, 1, 1)));

        panel.WaitForAssertion(() =>
            Assert.Contains($"一次最多导出 {ReportEndpoints.MaxDays} 天", panel.Find("[data-testid=export-problem]").TextContent));
    }
}
