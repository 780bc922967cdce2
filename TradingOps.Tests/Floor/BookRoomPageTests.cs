using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Venue;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

/// <summary>The booking form (/floor/book) over a real SQLite database: typed times, free slots, the live check, the grid's link.</summary>
public sealed class BookRoomPageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private static readonly DateOnly Tomorrow = new(2026, 11, 24);
    private readonly FakeTimeProvider _clock = new(Nine.AddHours(-2)); // 07:00 on 2026-11-23
    private Room _k201 = default!, _k202 = default!;

    private static DateTimeOffset At(int h, int m = 0) => CenterTime.At(Tomorrow, new(h, m));

    /// <summary>How long a database read behind a render may take on a busy machine.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Services.NewContextAsync();
        var center = new Center("TEST", "示例市公共资源交易中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _k201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        _k202 = new Room(zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 30, 0);
        var p301 = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 12, 7);
        var booked = new RoomBooking(_k201, null, "GC-2026-0001", "示范工程施工", "华信招标代理有限公司", BookingPurpose.BidOpening, 20,
            At(9), At(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "desk", _clock.GetUtcNow());
        db.AddRange(center, zone, _k201, _k202, p301, booked);
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private IRenderedComponent<BookRoom> Open(string query = "")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/floor/book{query}");
        var page = Render<BookRoom>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=free-slots]")), Wait);
        return page;
    }

    private static string Value(IRenderedComponent<BookRoom> page, string testId) => page.Find($"input[data-testid={testId}]").GetAttribute("value") ?? "";

    private async Task<int> BookingsAsync()
    {
        await using var db = await Services.NewContextAsync();
        return await db.RoomBookings.CountAsync();
    }

    [Fact]
    public async Task A_time_not_typed_as_HH_mm_is_named_with_the_format_and_nothing_is_booked()
    {
        var page = Open("?date=2026-11-24");
        page.Find("input[data-testid=book-from]").Input("930");
        page.WaitForAssertion(() =>
        {
            Assert.Contains("请按 HH:mm 填写，例如 09:30", page.Markup);
            Assert.Equal("true", page.Find("input[data-testid=book-from]").GetAttribute("aria-invalid"));
        }, Wait);
        page.Find("input[data-testid=book-code]").Input("GC-2026-0100");
        page.Find("input[data-testid=book-name]").Input("示范工程");
        await page.Find("form[data-testid=book-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("请按 HH:mm 填写，例如 09:30", page.Find("[data-testid=book-error]").TextContent), Wait);
        Assert.Equal(1, await BookingsAsync());

        page.Find("input[data-testid=book-from]").Input("9:30"); // one-digit hours are read too
        page.WaitForAssertion(() => Assert.Equal("false", page.Find("input[data-testid=book-from]").GetAttribute("aria-invalid")), Wait);
    }

    [Fact]
    public void Each_fitting_room_shows_its_free_slots_and_clicking_one_fills_room_and_times_and_checks_it_free()
    {
        var page = Open("?date=2026-11-24");
        Assert.Contains("07:30-08:30", page.Find("[data-testid=free-K201]").TextContent);
        Assert.Contains("10:30-21:30", page.Find("[data-testid=free-K201]").TextContent);
        Assert.Contains("07:30-21:30", page.Find("[data-testid=free-K202]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=free-P301]")); // an evaluation room does not hold a bid opening

        page.Find("[data-testid=slot-K201-1030]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("10:30", Value(page, "book-from"));
            Assert.Equal("12:00", Value(page, "book-until")); // the ninety minutes proposed, from the slot's start
            Assert.StartsWith("K201 第一开标室", Value(page, "book-room"));
            Assert.Contains("第一开标室 在 2026-11-24 10:30-12:00 空闲", page.Find("[data-testid=slot-ok]").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task The_grids_link_prefills_day_room_and_times_and_the_conflict_is_named_with_its_buffer_before_saving()
    {
        var page = Open($"?date=2026-11-24&room={_k201.Id}&from=10:20&until=11:00");

        Assert.Equal("2026-11-24", Value(page, "book-date"));
        Assert.Equal("10:20", Value(page, "book-from"));
        Assert.Equal("11:00", Value(page, "book-until"));
        page.WaitForAssertion(() => Assert.Contains("与 GC-2026-0001（09:00-10:00，清场至 10:15）冲突（本预约布场 15 分钟，最早 10:30 开始）",
            page.Find("[data-testid=slot-refused]").TextContent), Wait);
        Assert.Equal(1, await BookingsAsync());

        page.Find("input[data-testid=book-from]").Input("10:30"); // typed: checked again after a pause
        page.WaitForAssertion(() => Assert.Contains("空闲", page.Find("[data-testid=slot-ok]").TextContent), Wait);
    }

    [Fact]
    public void Bad_values_in_the_link_are_named_and_ignored_and_the_form_still_works()
    {
        var page = Open("?date=2026-13-40&room=K201&from=25:00&until=10:00");

        var warning = page.Find("[data-testid=book-query-error]").TextContent;
        Assert.Contains("日期“2026-13-40”无效", warning);
        Assert.Contains("场地“K201”不存在", warning);
        Assert.Contains("时间“25:00”无效", warning);
        Assert.Equal("2026-11-23", Value(page, "book-date")); // today, as without a link
        Assert.Equal("09:00", Value(page, "book-from"));
        Assert.Equal("10:00", Value(page, "book-until")); // the good value is taken
        Assert.NotEmpty(page.FindAll("[data-testid=slot-K201-0730]"));

        var past = Open($"?date=2026-11-20&room={Guid.NewGuid()}");
        Assert.Contains("日期“2026-11-20”已经过去", past.Find("[data-testid=book-query-error]").TextContent);
    }

    [Fact]
    public async Task A_saved_booking_says_so_with_a_link_to_its_page_keeps_day_and_purpose_and_carries_the_contact()
    {
        var page = Open($"?date=2026-11-24&room={_k202.Id}&from=14:00&until=15:30");
        page.Find("input[data-testid=book-code]").Input("GC-2026-0200");
        page.Find("input[data-testid=book-name]").Input("示范市道路改造工程");
        page.Find("input[data-testid=book-agency]").Input("华信招标代理有限公司");
        page.Find("input[data-testid=book-contact-name]").Input("李敏");
        page.Find("input[data-testid=book-contact-phone]").Input("13812345678");
        page.Find("input[data-testid=book-contact-email]").Input("limin@example.cn");
        await page.Find("form[data-testid=book-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("已预约 GC-2026-0200（14:00-15:30）", page.Find("[data-testid=book-done]").TextContent), Wait);
        await using var db = await Services.NewContextAsync();
        var saved = await db.RoomBookings.SingleAsync(b => b.ProjectCode == "GC-2026-0200");
        Assert.Equal($"/venue/bookings/{saved.Id}", page.Find("[data-testid=book-done-link]").GetAttribute("href"));
        Assert.Equal((_k202.Id, "李敏", "13812345678"), (saved.RoomId, saved.ContactName, saved.ContactPhone));
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.BookingId == saved.Id));
        Assert.Equal("2026-11-24", Value(page, "book-date"));
        Assert.Equal("", Value(page, "book-code"));
        // The room's free slots now leave out the booking with its buffers (13:45-15:45) and the next one's own.
        page.WaitForAssertion(() =>
        {
            Assert.Contains("07:30-13:30", page.Find("[data-testid=free-K202]").TextContent);
            Assert.Contains("16:00-21:30", page.Find("[data-testid=free-K202]").TextContent);
        }, Wait);
    }
}
