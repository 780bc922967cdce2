using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Venue;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Venue;

/// <summary>The outage pages over a real SQLite database: impact with proposals, accept per row and all, read-only supervisors.</summary>
public sealed class OutagePagesTests : SqliteLiveBunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync(); // MudBlazor's services dispose asynchronously

    private readonly FakeTimeProvider _clock = new(Nine.AddHours(-2)); // 07:00 local
    private Room _k201 = default!, _k202 = default!, _k203 = default!;

    private BunitAuthorizationContext _auth = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        _auth = AddAuthorization();
    }

    private static DateTimeOffset At(int hour, int minute = 0) => Nine.AddHours(hour - 9).AddMinutes(minute);

    private async Task SeedAsync(string role)
    {
        _auth.SetAuthorized("desk").SetRoles(role);
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Db();
        var center = new Center("TEST", "测试中心", "测试地址");
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _k201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        _k202 = new Room(zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        _k203 = new Room(zone.Id, "K203", "第三开标室", RoomType.BidOpeningRoom, 40, 0);
        db.AddRange(center, zone, _k201, _k202, _k203);
        await db.SaveChangesAsync();
    }

    private Task<TradingOpsDbContext> Db() => Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();

    private async Task<RoomBooking> BookAsync(Room room, DateTimeOffset from, DateTimeOffset to, string code)
    {
        await using var db = await Db();
        var booking = Booking(room, from, to, code);
        booking.SetContact("张经理", "13800138000", null);
        booking.Confirm();
        db.RoomBookings.Add(booking);
        await db.SaveChangesAsync();
        return booking;
    }

    private Task<OutageImpact> OutageAsync(Room room) =>
        Services.GetRequiredService<OutageService>().CreateAsync(new OutageRequest(room.Id, At(8), At(15), null, "投影仪维修"));

    [Fact]
    public async Task The_impact_page_lists_each_hit_booking_with_its_proposal_and_accepting_one_moves_it()
    {
        await SeedAsync(Roles.Staff);
        var booking = await BookAsync(_k201, At(9), At(10), "GC-2026-0001");
        await BookAsync(_k201, At(13), At(14), "GC-2026-0002");
        var impact = await OutageAsync(_k201);

        var page = Render<OutageDetail>(p => p.Add(x => x.Id, impact.Outage.Id));
        page.WaitForAssertion(() => Assert.Contains("第二开标室", page.Find("[data-testid=target-GC-2026-0001]").TextContent));
        Assert.Contains("同一时间，换到其他合适场地", page.Find("[data-testid=proposal-GC-2026-0001]").TextContent);
        Assert.Contains("09:00-10:00", page.Find("[data-testid=target-GC-2026-0001]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=proposals-accept-all]"));

        await page.Find("[data-testid=accept-GC-2026-0001] button, button[data-testid=accept-GC-2026-0001]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("已按建议调整 1 个预约", page.Find("[data-testid=proposals-message]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=proposal-GC-2026-0001]"));
        await using var db = await Db();
        Assert.Equal(_k202.Id, (await db.RoomBookings.SingleAsync(b => b.Id == booking.Id)).RoomId);
    }

    [Fact]
    public async Task Accept_all_with_a_target_taken_meanwhile_saves_nothing_and_shows_fresh_proposals()
    {
        await SeedAsync(Roles.DutyManager);
        var morning = await BookAsync(_k201, At(9), At(10), "GC-2026-0001");
        await BookAsync(_k201, At(13), At(14), "GC-2026-0002");
        var impact = await OutageAsync(_k201);
        var page = Render<OutageDetail>(p => p.Add(x => x.Id, impact.Outage.Id));
        page.WaitForAssertion(() => Assert.Contains("第二开标室", page.Find("[data-testid=target-GC-2026-0002]").TextContent));
        await BookAsync(_k202, At(13), At(14), "GC-2026-0099"); // another desk, a moment earlier

        await page.Find("[data-testid=proposals-accept-all] button, button[data-testid=proposals-accept-all]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("已被占用", page.Find("[data-testid=proposals-message]").TextContent));
        Assert.Contains("第三开标室", page.Find("[data-testid=target-GC-2026-0002]").TextContent);
        await using var db = await Db();
        Assert.Equal(_k201.Id, (await db.RoomBookings.SingleAsync(b => b.Id == morning.Id)).RoomId);
    }

    [Fact]
    public async Task A_supervisor_sees_the_impact_but_cannot_accept_or_return_the_room()
    {
        await SeedAsync(Roles.Supervisor);
        await BookAsync(_k201, At(9), At(10), "GC-2026-0001");
        var impact = await OutageAsync(_k201);

        var page = Render<OutageDetail>(p => p.Add(x => x.Id, impact.Outage.Id));
        page.WaitForAssertion(() => Assert.Contains("第二开标室", page.Find("[data-testid=target-GC-2026-0001]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=accept-GC-2026-0001]"));
        Assert.Empty(page.FindAll("[data-testid=outage-return]"));

        var list = Render<Outages>();
        list.WaitForAssertion(() => Assert.Contains("投影仪维修", list.Find("[data-testid=outage-K201]").TextContent));
        Assert.Empty(list.FindAll("[data-testid=outage-form]"));
    }

    [Fact]
    public async Task The_new_outage_form_refuses_a_past_period_in_the_users_language_and_registers_a_good_one()
    {
        await SeedAsync(Roles.Staff);
        await BookAsync(_k201, At(9), At(10), "GC-2026-0001");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/venue/outages?room={_k201.Id}");
        var page = Render<Outages>();
        page.WaitForAssertion(() => page.Find("[data-testid=outage-form]"));

        void Type(string testId, string value) => page.Find($"input[data-testid={testId}], [data-testid={testId}] input").Change(value);
        Type("outage-from", "2026-11-23 05:00");
        Type("outage-until", "2026-11-23 06:00");
        Type("outage-reason", "投影仪维修");
        await page.Find("[data-testid=outage-create] button, button[data-testid=outage-create]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("停用时段已经过去，不能登记", page.Find("[data-testid=outage-error]").TextContent.Trim()));

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Type("outage-from", "2026-11-23 09:00");
        Type("outage-until", "bad");
        await page.Find("[data-testid=outage-create] button, button[data-testid=outage-create]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("Times must be typed as yyyy-MM-dd HH:mm", page.Find("[data-testid=outage-error]").TextContent.Trim()));
        Type("outage-until", "2026-11-23 08:00");
        await page.Find("[data-testid=outage-create] button, button[data-testid=outage-create]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("The end of an outage must be after its start", page.Find("[data-testid=outage-error]").TextContent.Trim()));

        Type("outage-until", "2026-11-23 12:00");
        await page.Find("[data-testid=outage-create] button, button[data-testid=outage-create]").ClickAsync(new());
        await using var db = await Db();
        var outage = await db.RoomOutages.SingleAsync();
        Assert.Equal((_k201.Id, At(9), At(12), (int?)null), (outage.RoomId, outage.From, outage.Until, outage.SeatsOut));
        Assert.EndsWith($"/venue/outages/{outage.Id}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task The_overrun_page_proposes_moves_for_the_later_bookings_an_overrunning_session_puts_at_risk()
    {
        await SeedAsync(Roles.Staff);
        await using (var db = await Db())
        {
            var running = Booking(_k203, At(7), At(8), "GC-2026-0010");
            running.Confirm();
            running.CheckIn(At(7));
            running.Start(At(7));
            db.RoomBookings.Add(running);
            await db.SaveChangesAsync();
        }
        var next = await BookAsync(_k203, At(8, 30), At(9, 30), "GC-2026-0011");
        _clock.SetUtcNow(At(8, 5));

        var page = Render<OverrunProposals>(p => p.Add(x => x.RoomId, _k203.Id));
        page.WaitForAssertion(() => Assert.Contains("第一开标室", page.Find("[data-testid=target-GC-2026-0011]").TextContent));
        Assert.Contains("GC-2026-0010", page.Find("[data-testid=overrun-K203]").TextContent);
        await page.Find("[data-testid=accept-GC-2026-0011] button, button[data-testid=accept-GC-2026-0011]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("后续预约不受影响", page.Find("[data-testid=overrun-K203]").TextContent));
        await using var check = await Db();
        Assert.Equal(_k201.Id, (await check.RoomBookings.SingleAsync(b => b.Id == next.Id)).RoomId);
    }
}
