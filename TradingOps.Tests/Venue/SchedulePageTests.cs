using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Live;
using TradingOps.Web.Venue;

namespace TradingOps.Tests.Venue;

/// <summary>
/// The schedule (场地日程) over a real SQLite database: what the query reads (three commands, no personal data, no
/// cancelled or no-show bookings, the filters), and the page and its grids as a desk sees them (URL round trip,
/// status colours, buffers, the now line, outages, names for the keyboard and screen readers, live re-read).
/// The clock stands at Monday 2026-11-23 10:30 in Shanghai.
/// </summary>
public sealed class SchedulePageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 2, 30, 0, TimeSpan.Zero));
    private readonly DbCommandCounter _commands = new();
    private WeekGridData.Week _week = default!;
    private bool _popovers;
    private Room _k201 = default!;
    private RoomBooking _overrunning = default!, _noBuffers = default!, _withContact = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.ConfigureDbContext<SqliteTradingOpsDbContext>((_, o) => o.AddInterceptors(_commands), ServiceLifetime.Scoped);
        AddAuthorization().SetAuthorized("venue").SetRoles(TradingOps.Data.Identity.Roles.Staff);
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _k201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        db.AddRange(center, zone, _k201);
        await db.SaveChangesAsync();
        _week = await WeekGridData.SeedAsync(db, Monday, _clock.GetUtcNow());

        var today = (Func<int, int, DateTimeOffset>)((h, m) => CenterTime.At(Monday, new TimeOnly(h, m)));
        _overrunning = Floor.FloorTestData.Running(_k201, today(8, 0), today(9, 30)); // still running at 10:30
        _noBuffers = Floor.FloorTestData.Booking(_k201, today(15, 0), today(16, 0), code: "NB-0001", setup: 0, cleanup: 0);
        _withContact = Floor.FloorTestData.Booking(_k201, today(17, 0), today(18, 0), code: "CT-0001");
        _withContact.SetContact("张联系", "13800138000", "zhang@example.cn");
        var cancelled = Floor.FloorTestData.Booking(_k201, today(12, 0), today(13, 0), code: "CX-0001");
        cancelled.Cancel("项目暂停", _clock.GetUtcNow());
        var tuesday = Monday.AddDays(1);
        var noShow = Floor.FloorTestData.Booking(_k201, CenterTime.At(tuesday, new TimeOnly(9, 0)), CenterTime.At(tuesday, new TimeOnly(10, 0)), code: "NS-0001");
        noShow.MarkNoShow("无人到场", CenterTime.At(tuesday, new TimeOnly(9, 30)));
        db.RoomBookings.AddRange(_overrunning, _noBuffers, _withContact, cancelled, noShow);
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private ScheduleQueries Queries => Services.GetRequiredService<ScheduleQueries>();

    /// <summary>The page at <paramref name="url"/>: its query parameters come from the address, as in the app.</summary>
    private IRenderedComponent<Schedule> RenderAt(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        if (!_popovers)
        {
            Render<MudPopoverProvider>(); // the selects and the date picker open in it
            _popovers = true;
        }
        var page = Render<Schedule>();
        page.WaitForElement("[data-testid=schedule-grid]");
        return page;
    }

    [Fact]
    public async Task The_week_is_read_in_three_commands_without_the_contact_and_without_cancelled_or_no_show_bookings()
    {
        _commands.Reset();
        var week = await Queries.WeekAsync(Monday.AddDays(3));

        Assert.Equal(3, _commands.Count);
        Assert.DoesNotContain(_commands.Log, sql => sql.Contains("Contact", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Monday, week.From);
        Assert.Equal(Monday.AddDays(6), week.Until);
        var bookings = week.Rooms.SelectMany(r => r.Bookings).ToList();
        Assert.Equal(WeekGridData.Bookings + 3, bookings.Count);
        Assert.DoesNotContain(bookings, b => b.ProjectCode is "CX-0001" or "NS-0001");
        Assert.All(bookings, b => Assert.Null(b.ContactPhone));
        Assert.Single(week.Rooms.SelectMany(r => r.Outages));
        Assert.Equal(21, week.Rooms.Count);

        _commands.Reset();
        await Queries.DayAsync(Monday.AddDays(1), new ScheduleFilter(_week.ZoneId, RoomType.EvaluationRoom, 15));
        Assert.Equal(3, _commands.Count); // a filtered day costs the same three
    }

    [Fact]
    public async Task Filters_by_zone_room_type_and_minimum_capacity_choose_the_rooms_and_their_bookings()
    {
        var zone = await Queries.WeekAsync(Monday, new ScheduleFilter(_week.ZoneId));
        Assert.Equal(WeekGridData.Rooms, zone.Rooms.Count);
        Assert.Equal(WeekGridData.Bookings, zone.Rooms.Sum(r => r.Bookings.Count));
        Assert.Equal(2, zone.Zones.Count); // every zone stays a choice

        var evaluation = await Queries.WeekAsync(Monday, new ScheduleFilter(Type: RoomType.EvaluationRoom, MinCapacity: 17));
        Assert.All(evaluation.Rooms, r => Assert.True(r.Room.Type == RoomType.EvaluationRoom && r.Room.Capacity >= 17));
        Assert.Equal(_week.Rooms.Count(r => r.Type == RoomType.EvaluationRoom && r.Capacity >= 17), evaluation.Rooms.Count);
        var ids = evaluation.Rooms.Select(r => r.Id).ToHashSet();
        Assert.Equal(_week.Bookings.Count(b => ids.Contains(b.RoomId)), evaluation.Rooms.Sum(r => r.Bookings.Count));
    }

    [Fact]
    public void The_page_reads_date_view_and_filters_from_the_url_and_each_move_writes_them_back()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        var url = $"/venue/schedule?date=2026-11-25&view=week&zone={_week.ZoneId}&type=EvaluationRoom&capacity=15";
        var page = RenderAt(url);

        Assert.Equal("week", page.Find("[data-testid=schedule-grid]").GetAttribute("data-view"));
        Assert.Equal(_week.Rooms.Count(r => r.Type == RoomType.EvaluationRoom && r.Capacity >= 15), page.FindAll(".wk-row[data-testid^=row-]").Count);
        Assert.Contains("2026-11-23 至 2026-11-29", page.Find("[data-testid=schedule-caption]").TextContent);

        page.Find("[data-testid=next] button, button[data-testid=next]").Click();
        Assert.EndsWith($"/venue/schedule?date=2026-12-02&view=week&zone={_week.ZoneId}&type=EvaluationRoom&capacity=15", nav.Uri);
        page.Find("[data-testid=view-day]").Click();
        Assert.EndsWith($"/venue/schedule?date=2026-12-02&view=day&zone={_week.ZoneId}&type=EvaluationRoom&capacity=15", nav.Uri);
        Assert.Contains("2026-12-02", page.Find("[data-testid=schedule-caption]").TextContent); // the page followed its address
        Assert.Equal("day", page.Find("[data-testid=schedule-grid]").GetAttribute("data-view"));
        page.Find("[data-testid=today]").Click();
        Assert.EndsWith($"/venue/schedule?date=2026-11-23&view=day&zone={_week.ZoneId}&type=EvaluationRoom&capacity=15", nav.Uri);

        var day = RenderAt($"/venue/schedule?date=2026-11-25&view=day&zone={_week.ZoneId}");
        Assert.Equal("day", day.Find("[data-testid=schedule-grid]").GetAttribute("data-view"));
        Assert.Equal(WeekGridData.Rooms, day.FindAll(".sched-row[data-testid^=row-]").Count);
        day.Find("[data-testid=prev] button, button[data-testid=prev]").Click();
        Assert.EndsWith($"/venue/schedule?date=2026-11-24&view=day&zone={_week.ZoneId}", nav.Uri);
    }

    [Fact]
    public void A_date_that_cannot_be_read_is_named_and_todays_grid_shown()
    {
        var page = RenderAt("/venue/schedule?date=2026-02-30");
        Assert.Contains("2026-02-30", page.Find("[data-testid=bad-date]").TextContent);
        Assert.Contains("2026-11-23", page.Find("[data-testid=schedule-caption]").TextContent);
        Assert.NotNull(page.Find($"[data-testid=block-{_overrunning.Id}]"));
    }

    [Fact]
    public void Each_booking_block_carries_its_status_colour_and_todays_running_session_shows_it_overruns()
    {
        var page = RenderAt($"/venue/schedule?date=2026-11-23&view=week");
        foreach (var booking in _week.Bookings)
        {
            var block = page.Find($"[data-testid=block-{booking.Id}]");
            var expected = booking.Status switch
            {
                BookingStatus.Confirmed => "s-confirmed", BookingStatus.Changed => "s-changed", BookingStatus.Extended => "s-extended", _ => "s-requested",
            };
            Assert.Contains(expected, block.ClassList);
        }
        Assert.Contains(_week.Bookings, b => b.Status == BookingStatus.Changed);
        Assert.Contains(_week.Bookings, b => b.Status == BookingStatus.Extended);
        Assert.Equal(WeekGridData.Bookings + 3, int.Parse(page.Find("[data-testid=schedule-grid]").GetAttribute("data-blocks")!));

        var day = RenderAt("/venue/schedule?date=2026-11-23");
        var running = day.Find($"[data-testid=block-{_overrunning.Id}]");
        Assert.Contains("s-overrunning", running.ClassList);
        Assert.Contains("超时", running.GetAttribute("aria-label"));
    }

    [Fact]
    public void Set_up_and_clean_up_buffers_are_drawn_at_the_ends_of_a_block_and_a_booking_without_them_has_none()
    {
        var page = RenderAt("/venue/schedule?date=2026-11-23");
        var booked = page.Find($"[data-testid=block-{_withContact.Id}]");
        var setup = booked.QuerySelector($"[data-testid=setup-{_withContact.Id}]");
        var cleanup = booked.QuerySelector($"[data-testid=cleanup-{_withContact.Id}]");
        Assert.NotNull(setup);
        Assert.NotNull(cleanup);
        Assert.Same(setup, booked.FirstElementChild);
        Assert.Same(cleanup, booked.LastElementChild);
        Assert.Contains("width:16.667%", setup!.GetAttribute("style")); // 15 of the 90 minutes drawn (17:00-18:00 plus buffers)
        Assert.Contains("布场 15 分钟，清场 15 分钟", booked.GetAttribute("aria-label"));

        var bare = page.Find($"[data-testid=block-{_noBuffers.Id}]");
        Assert.Null(bare.QuerySelector(".sched-buf"));
        Assert.DoesNotContain("13800138000", page.Markup); // the contact is not on the grid
    }

    [Fact]
    public async Task The_now_line_is_drawn_on_todays_day_grid_only_and_moves_with_the_clock()
    {
        var today = RenderAt("/venue/schedule?date=2026-11-23");
        var style = today.Find("[data-testid=now-line]").GetAttribute("style")!;
        _clock.Advance(TimeSpan.FromMinutes(30));
        await Services.GetRequiredService<LiveEventBus>().PublishAsync(new TradingOps.Core.Live.ClockTick(_clock.GetUtcNow()));
        today.WaitForAssertion(() => Assert.NotEqual(style, today.Find("[data-testid=now-line]").GetAttribute("style")));

        Assert.Empty(RenderAt("/venue/schedule?date=2026-11-24").FindAll("[data-testid=now-line]"));
        Assert.Empty(RenderAt("/venue/schedule?date=2026-11-23&view=week").FindAll("[data-testid=now-line]"));
    }

    [Fact]
    public void An_outage_is_drawn_as_a_block_of_its_own_with_its_reason_on_the_day_and_the_week()
    {
        var day = RenderAt("/venue/schedule?date=2026-11-25");
        var outage = day.Find($"[data-testid=outage-{_week.Outage.Id}]");
        Assert.Contains("空调系统检修", outage.TextContent);
        Assert.Contains("13:00-16:00", outage.TextContent);
        Assert.Contains("sched-outage", outage.ClassList);
        var room = day.Find($"[data-testid=row-{_week.Rooms[4].Code}]");
        Assert.Empty(room.QuerySelectorAll("[data-testid^=free-][data-testid$='13:30']")); // nothing to book under it

        var week = RenderAt("/venue/schedule?date=2026-11-25&view=week");
        Assert.Contains("空调系统检修", week.Find($"[data-testid=outage-{_week.Outage.Id}]").TextContent);
    }

    [Fact]
    public void Free_cells_and_bookings_are_links_with_names_a_keyboard_user_hears_in_one_tab_stop_order()
    {
        var page = RenderAt("/venue/schedule?date=2026-11-24");
        var free = page.Find("[data-testid='free-K201-09:00']");
        Assert.Equal("第一开标室 11月24日 09:00 空闲，预约", free.GetAttribute("aria-label"));
        Assert.Equal($"/floor/book?date=2026-11-24&room={_k201.Id}&from=09:00&until=10:00", free.GetAttribute("href"));
        Assert.Equal("A", free.TagName);

        var booking = _week.Bookings.First(b => CenterTime.ToLocal(b.StartsAt).Date == new DateTime(2026, 11, 24));
        var block = page.Find($"[data-testid=block-{booking.Id}]");
        Assert.Equal($"/venue/bookings/{booking.Id}", block.GetAttribute("href"));
        Assert.StartsWith($"{booking.ProjectCode} {CenterTime.ToLocal(booking.StartsAt):HH:mm}-{CenterTime.ToLocal(booking.EndsAt):HH:mm}", block.GetAttribute("aria-label"));
        Assert.All(page.FindAll("[data-cell]"), c => Assert.NotNull(c.GetAttribute("data-r")));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "import");
    }

    [Fact]
    public async Task Without_the_right_to_book_free_cells_are_not_links()
    {
        var week = await Queries.DayAsync(Monday.AddDays(1));
        var grid = Render<ScheduleDayGrid>(ps => ps.Add(p => p.Schedule, week).Add(p => p.Day, Monday.AddDays(1)).Add(p => p.Today, Monday)
            .Add(p => p.Now, _clock.GetUtcNow()).Add(p => p.Hours, OpeningHours.Parse("07:30", "21:30")).Add(p => p.CanBook, false));
        Assert.Empty(grid.FindAll("[data-testid^=free-]"));
        Assert.Empty(grid.FindAll("a[href^='/floor/book']"));
        Assert.NotEmpty(grid.FindAll("a[href^='/venue/bookings/']"));
    }

    [Fact]
    public async Task A_booking_made_elsewhere_appears_after_one_re_read_of_the_shown_range()
    {
        var page = RenderAt("/venue/schedule?date=2026-11-24");
        var service = Services.GetRequiredService<BookingService>();
        var starts = CenterTime.At(Monday.AddDays(1), new TimeOnly(13, 0));
        var booking = await service.BookAsync(new BookingRequest(_k201.Id, null, "LIVE-0001", "直播项目", "某代理", BookingPurpose.BidOpening, 10, starts, starts.AddHours(1)));
        await Services.GetRequiredService<LiveEventBus>().DeliveredAsync();
        _commands.Reset();
        _clock.Advance(Schedule.ReloadDelay);

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=block-{booking.Id}]")));
        Assert.Equal(3, _commands.Count);
    }

    [Fact]
    public async Task The_week_workbook_has_seven_day_sheets_each_listing_that_days_bookings_and_outages_by_room()
    {
        var week = await Queries.WeekAsync(Monday.AddDays(4), new ScheduleFilter(_week.ZoneId));
        using var file = new MemoryStream();
        using (var built = ScheduleWorkbook.Build(week)) TradingOps.Web.Reports.FormattedWorkbook.Save(built, file);
        file.Position = 0;

        using var workbook = new ClosedXML.Excel.XLWorkbook(file);
        Assert.Equal(["11-23 周一", "11-24 周二", "11-25 周三", "11-26 周四", "11-27 周五", "11-28 周六", "11-29 周日"],
            workbook.Worksheets.Select(s => s.Name));
        for (var d = 0; d < 7; d++)
        {
            var day = Monday.AddDays(d);
            var sheet = workbook.Worksheet(d + 1);
            Assert.Equal("场地编号", sheet.Cell(1, 1).GetString());
            Assert.Equal("项目编号", sheet.Cell(1, 8).GetString());
            var expected = _week.Bookings.Where(b => DateOnly.FromDateTime(CenterTime.ToLocal(b.StartsAt).DateTime) == day)
                .OrderBy(b => _week.Rooms.Single(r => r.Id == b.RoomId).Code, StringComparer.Ordinal).ThenBy(b => b.StartsAt)
                .Select(b => b.ProjectCode).ToList();
            var codes = sheet.RowsUsed().Skip(1).Select(r => r.Cell(8).GetString()).Where(c => c.StartsWith("ZB", StringComparison.Ordinal)).ToList();
            Assert.Equal(expected, codes);
            var first = _week.Bookings.Where(b => DateOnly.FromDateTime(CenterTime.ToLocal(b.StartsAt).DateTime) == day)
                .OrderBy(b => _week.Rooms.Single(r => r.Id == b.RoomId).Code, StringComparer.Ordinal).ThenBy(b => b.StartsAt).First();
            var row = sheet.RowsUsed().First(r => r.Cell(8).GetString() == first.ProjectCode);
            Assert.Equal(CenterTime.ToLocal(first.StartsAt).DateTime, row.Cell(4).GetDateTime());
            Assert.Equal(15, row.Cell(6).GetValue<int>());
            Assert.True(sheet.SheetView.SplitRow == 1, "the header row is frozen");
        }
        var wednesday = workbook.Worksheet(3);
        Assert.Contains(wednesday.RowsUsed(), r => r.Cell(9).GetString() == "停用：空调系统检修" && r.Cell(13).GetString() == "停用");
    }

    [Fact]
    public async Task A_schedule_opened_without_a_date_turns_to_the_new_day_at_midnight_and_one_with_a_date_stays()
    {
        var undated = RenderAt("/venue/schedule");
        Assert.Contains("2026-11-23", undated.Find("[data-testid=schedule-caption]").TextContent);
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 16, 0, 30, TimeSpan.Zero)); // 00:00:30 on Tuesday in Shanghai
        await Services.GetRequiredService<LiveEventBus>().PublishAsync(new TradingOps.Core.Live.ClockTick(_clock.GetUtcNow()));
        undated.WaitForAssertion(() => Assert.Contains("2026-11-24", undated.Find("[data-testid=schedule-caption]").TextContent));

        var dated = RenderAt("/venue/schedule?date=2026-11-25");
        _clock.Advance(TimeSpan.FromDays(1));
        await Services.GetRequiredService<LiveEventBus>().PublishAsync(new TradingOps.Core.Live.ClockTick(_clock.GetUtcNow()));
        await Services.GetRequiredService<LiveEventBus>().DeliveredAsync();
        Assert.Contains("2026-11-25", dated.Find("[data-testid=schedule-caption]").TextContent);
    }
}
