using Bunit;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Venue;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Data.Venue;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Venue;
using TradingOps.Web.Wall;
using static TradingOps.Tests.Venue.VenueRequestClockTests;

namespace TradingOps.Tests.Venue;

/// <summary>The venue desk's screens on a real database, live from the in-process bus: wall alerts, the queue, the standing chip, the ledger workbook.</summary>
public sealed class VenueScreensTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(At("2026-11-23 10:30"));
    private Room _room = null!;

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private async Task<TradingOpsDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();

    /// <summary>Renders on a shared, busy machine: a generous wait (it returns as soon as the assertion holds).</summary>
    private static void Until<T>(IRenderedComponent<T> component, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.WaitForAssertion(assertion, TimeSpan.FromSeconds(10));

    Task IAsyncLifetime.InitializeAsync() => SetUpAsync();

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync(); // MudBlazor's services are async-disposable only

    private async Task SetUpAsync()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await DbAsync();
        var center = new Center("W", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        db.AddRange(center, zone, _room);
        await db.SaveChangesAsync();
    }

    private async Task<VenueRequest> RequestAsync(string code, string received, BookingPurpose purpose = BookingPurpose.BidOpening)
    {
        await using var db = await DbAsync();
        var at = At(received);
        var request = new VenueRequest(VenueRequestKind.Booking, VenueRequestSource.Desk, code, "示范工程施工", "华信招标代理有限公司", "王敏", "13800001111",
            purpose, 20, _room.Id, At("2026-12-01 09:00"), At("2026-12-01 11:00"), null, null, "李娜", at,
            new VenueRequestOptions().DueAt(VenueRequestKind.Booking, at, new WorkdayCalendar([], [2026])));
        db.VenueRequests.Add(request);
        await db.SaveChangesAsync();
        return request;
    }

    [Fact]
    public async Task An_overdue_request_becomes_a_wall_alert_with_its_project_code_and_no_contact_and_leaves_it_once_answered()
    {
        var overdue = await RequestAsync("GC-2026-0007", "2026-11-23 08:30");  // due 11:30
        var later = await RequestAsync("GC-2026-0008", "2026-11-23 10:00");    // due 14:30
        _clock.SetUtcNow(At("2026-11-23 12:30"));                             // the first is an hour overdue (11:30)

        var panel = Render<AlertsWallPanel>();
        Until(panel, () =>
        {
            var alert = panel.Find($"[data-testid=alert-request-{overdue.Id}]");
            Assert.Contains("GC-2026-0007", alert.TextContent);
            Assert.Contains("已超时 1 小时 0 分钟", alert.TextContent);
        });
        Assert.Empty(panel.FindAll($"[data-testid=alert-request-{later.Id}]"));
        Assert.DoesNotContain("王敏", panel.Markup);
        Assert.DoesNotContain("13800001111", panel.Markup);

        // The clock alone makes the second one overdue (the server's tick moves the panel's time).
        _clock.SetUtcNow(At("2026-11-23 14:31"));
        await Services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new ClockTick(_clock.GetUtcNow()));
        Until(panel, () => Assert.Single(panel.FindAll($"[data-testid=alert-request-{later.Id}]")));

        // Answered (at the desk, through the service): the alert goes with the change event.
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<VenueRequestService>().RefuseAsync(overdue.Id, "同一时段已无空闲开标室");
        Until(panel, () => Assert.Empty(panel.FindAll($"[data-testid=alert-request-{overdue.Id}]")));
    }

    [Fact]
    public async Task The_public_wall_names_no_evaluation_project_of_an_overdue_request()
    {
        var evaluation = await RequestAsync("PB-2026-0042", "2026-11-23 08:30", BookingPurpose.Evaluation);
        _clock.SetUtcNow(At("2026-11-23 12:30"));
        var panel = Render<AlertsWallPanel>();
        Until(panel, () => Assert.Contains("评标场地", panel.Find($"[data-testid=alert-request-{evaluation.Id}]").TextContent));
        Assert.DoesNotContain("PB-2026-0042", panel.Markup);
    }

    [Fact]
    public async Task The_desk_queue_lists_open_requests_by_time_left_overdue_red_and_amber_under_an_hour()
    {
        await RequestAsync("GC-FRESH", "2026-11-23 10:30");               // due 15:00
        await RequestAsync("GC-SOON", "2026-11-23 08:30");                // due 11:30
        var over = await RequestAsync("GC-OVER", "2026-11-20 14:00");     // due 2026-11-20 17:00
        _clock.SetUtcNow(At("2026-11-23 10:45"));

        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<RequestQueue>();
        Until(page, () => Assert.Equal(3, page.FindAll("[data-testid=request-row]").Count));
        var rows = page.FindAll("[data-testid=request-row]");
        Assert.Equal(["GC-OVER", "GC-SOON", "GC-FRESH"], rows.Select(r => r.GetAttribute("data-code")));
        Assert.Equal(["Overdue", "DueSoon", "OnTime"], rows.Select(r => r.GetAttribute("data-urgency")));
        Assert.Contains("/floor/book?date=2026-12-01&from=09:00&until=11:00", page.Find("[data-testid=book-link]").GetAttribute("href"));

        // Refused from the screen: the row leaves the open list.
        page.FindAll("[data-testid=refuse]")[0].Click();
        var reason = page.Find("[data-testid=action-text]");
        (reason.TagName == "INPUT" ? reason : reason.QuerySelector("input")!).Change("当日无空闲开标室");
        page.Find("[data-testid=action-submit]").Click();
        Until(page, () => Assert.Equal(["GC-SOON", "GC-FRESH"], page.FindAll("[data-testid=request-row]").Select(r => r.GetAttribute("data-code"))));
        await using var db = await DbAsync();
        Assert.Equal(VenueRequestStatus.Refused, (await db.VenueRequests.SingleAsync(r => r.Id == over.Id)).Status);
    }

    private async Task ThreeNoShowsAsync(string agency)
    {
        await using var db = await DbAsync();
        foreach (var day in new[] { "2026-09-10", "2026-10-15", "2026-11-20" })
        {
            var b = new RoomBooking(_room, null, $"GC-{day}", "示范工程施工", agency, BookingPurpose.BidOpening, 20,
                At($"{day} 09:00"), At($"{day} 11:00"), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "李娜", At($"{day} 09:00").AddDays(-7));
            b.MarkNoShow("无人到场", At($"{day} 09:40"));
            db.RoomBookings.Add(b);
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_standing_chip_says_an_agency_with_three_no_shows_needs_a_supervisors_approval_and_why()
    {
        await ThreeNoShowsAsync("华信招标代理有限公司");
        var chip = Render<AgencyStanding>(p => p.Add(x => x.Agency, "华信招标代理　有限公司"));
        Until(chip, () => Assert.Equal("ApprovalRequired", chip.Find("[data-testid=agency-standing]").GetAttribute("data-level")));
        Assert.Contains("3 个月内爽约 3 次", chip.Find("[data-testid=agency-standing]").TextContent);
        Assert.Contains("2027-02-20", chip.Find("[data-testid=agency-standing]").TextContent);

        var good = Render<AgencyStanding>(p => p.Add(x => x.Agency, "别的代理有限公司"));
        Until(good, () => Assert.Equal("Good", good.Find("[data-testid=agency-standing]").GetAttribute("data-level")));
    }

    [Fact]
    public async Task The_ledger_workbook_reads_back_with_an_agency_sheet_of_counts_and_standing_and_a_sheet_of_entries()
    {
        await ThreeNoShowsAsync("华信招标代理有限公司");
        var queries = Services.GetRequiredService<DisciplineQueries>();
        var ledger = await queries.LedgerAsync(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 23));
        using var file = new MemoryStream();
        DisciplineExport.Write(ledger, queries.Options, file);

        file.Position = 0;
        using var workbook = new XLWorkbook(file);
        var agencies = workbook.Worksheet("代理机构");
        Assert.Equal("代理机构", agencies.Cell(1, 1).GetString());
        Assert.Equal("华信招标代理有限公司", agencies.Cell(2, 1).GetString());
        Assert.Equal(3, agencies.Cell(2, 2).GetValue<int>());
        Assert.Equal("须主管审批", agencies.Cell(2, 5).GetString());
        Assert.Equal("3 个月内爽约 3 次", agencies.Cell(2, 6).GetString());
        Assert.True(agencies.SheetView.SplitRow == 1); // frozen header, as the other workbooks
        var entries = workbook.Worksheet("明细");
        Assert.Equal(3, entries.RowsUsed().Count() - 2); // header and totals row
        Assert.Equal("爽约", entries.Cell(2, 2).GetString());
    }
}
