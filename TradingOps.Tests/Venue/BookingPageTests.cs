using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Venue;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Venue;

/// <summary>
/// The booking page (/venue/bookings/{id}) over a real SQLite database: the booking with its contact, history and
/// messages, and each change dialog (reason required, the move's preview before saving, errors kept in the dialog).
/// </summary>
public sealed class BookingPageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(Nine.AddHours(-2)); // 07:00 in Shanghai
    private Room _k201 = default!, _k202 = default!;
    private RoomBooking _booking = default!;
    private BunitAuthorizationContext _auth = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        _auth = AddAuthorization(); // before the renderer fixes the services
        _auth.SetAuthorized("desk");
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var center = new Center("TEST", "测试公共资源交易中心", "测试地址");
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _k201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        _k202 = new Room(zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        var evaluation = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 11, 7);
        db.AddRange(center, zone, _k201, _k202, evaluation);
        await db.SaveChangesAsync();
        _booking = await Bookings.BookAsync(new BookingRequest(_k201.Id, null, "GC-2026-0001", "示范工程施工", "华信招标代理有限公司",
            BookingPurpose.BidOpening, 20, Nine, Nine.AddHours(2)));
        var stored = await db.RoomBookings.SingleAsync(b => b.Id == _booking.Id);
        stored.SetContact("王芳", "13800138000", "wangfang@example.cn");
        await db.SaveChangesAsync();
    }

    private BookingService Bookings => Services.GetRequiredService<BookingService>();

    private IRenderedComponent<BookingPage> RenderPage(string role = Roles.Staff, Guid? id = null)
    {
        _auth.SetRoles(role);
        Render<MudPopoverProvider>();
        var page = Render<BookingPage>(p => p.Add(x => x.Id, id ?? _booking.Id));
        page.WaitForElement("[data-testid=booking-facts]");
        return page;
    }

    private IRenderedComponent<MudDialogProvider> Open(IRenderedComponent<BookingPage> page, string action)
    {
        var dialogs = Render<MudDialogProvider>();
        page.Find($"[data-testid=action-{action}]").Click();
        dialogs.WaitForElement("[data-testid=change-save], [data-testid=extend-confirm]");
        return dialogs;
    }

    private static IElement Field(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea");

    private static bool Disabled(IElement button) => button.HasAttribute("disabled");

    [Fact]
    public void The_page_shows_the_booking_with_its_contact_history_and_the_messages_sent_about_it()
    {
        var page = RenderPage();
        Assert.Contains("第一开标室", page.Find("[data-testid=booking-room]").TextContent);
        Assert.Contains("2026-11-23 09:00-11:00", page.Find("[data-testid=booking-time]").TextContent);
        Assert.Contains("13800138000", page.Find("[data-testid=booking-contact]").TextContent);
        Assert.Single(page.FindAll("[data-testid=history-row]"));
        Assert.Empty(page.FindAll("[data-testid=message-row]"));
    }

    [Fact]
    public void A_supervisor_without_a_desk_role_reads_the_booking_but_gets_no_change_buttons()
    {
        var page = RenderPage(role: Roles.Supervisor);
        Assert.NotNull(page.Find("[data-testid=booking-readonly]"));
        Assert.Empty(page.FindAll("[data-testid^=action-]"));
    }

    [Fact]
    public async Task The_reschedule_dialog_previews_the_booking_it_would_hit_and_saves_only_with_a_reason_and_a_free_slot()
    {
        await Bookings.BookAsync(new BookingRequest(_k202.Id, null, "GC-2026-0077", "另一个项目", null, BookingPurpose.BidOpening, 10,
            Nine.AddHours(3), Nine.AddHours(4)));
        var page = RenderPage();
        var dialogs = Open(page, "reschedule");
        dialogs.WaitForElement("[data-testid=change-free]"); // its own slot, unchanged, is free
        Assert.True(Disabled(dialogs.Find("[data-testid=change-save]"))); // no reason yet

        var select = dialogs.FindComponent<MudSelect<Guid>>();
        await select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(_k202.Id));
        Field(dialogs, "change-from").Input("12:30");
        Field(dialogs, "change-until").Input("13:30");
        Field(dialogs, "change-reason").Input("代理机构申请改到下午");
        dialogs.WaitForAssertion(() => Assert.Contains("GC-2026-0077", dialogs.Find("[data-testid=change-hits]").TextContent));
        Assert.True(Disabled(dialogs.Find("[data-testid=change-save]"))); // disabled while it clashes

        Field(dialogs, "change-from").Input("14:00");
        Field(dialogs, "change-until").Input("15:00");
        dialogs.WaitForElement("[data-testid=change-free]");
        Assert.False(Disabled(dialogs.Find("[data-testid=change-save]")));
        dialogs.Find("[data-testid=change-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("第二开标室", page.Find("[data-testid=booking-room]").TextContent));
        Assert.Contains("14:00-15:00", page.Find("[data-testid=booking-time]").TextContent);
        Assert.Contains("代理机构申请改到下午", page.FindAll("[data-testid=history-row]")[^1].TextContent);
        Assert.Equal(2, page.FindAll("[data-testid=message-row]").Count); // SMS and e-mail to the contact
    }

    [Fact]
    public void The_reschedule_dialog_names_a_move_outside_opening_hours_before_saving()
    {
        var page = RenderPage();
        var dialogs = Open(page, "reschedule");
        Field(dialogs, "change-from").Input("21:00");
        Field(dialogs, "change-until").Input("22:00");
        dialogs.WaitForAssertion(() => Assert.Contains("开放时间", dialogs.Find("[data-testid=change-refusal]").TextContent));
        Field(dialogs, "change-reason").Input("晚上开标");
        Assert.True(Disabled(dialogs.Find("[data-testid=change-save]")));
    }

    [Fact]
    public async Task A_move_refused_at_save_because_another_tab_took_the_slot_shows_the_error_in_the_dialog_and_keeps_the_inputs()
    {
        var page = RenderPage();
        var dialogs = Open(page, "reschedule");
        Field(dialogs, "change-from").Input("12:00");
        Field(dialogs, "change-until").Input("13:00");
        Field(dialogs, "change-reason").Input("改到中午");
        dialogs.WaitForElement("[data-testid=change-free]");
        // Another tab books the same slot a second before this one saves.
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Bookings.BookAsync(new BookingRequest(_k201.Id, null, "GC-2026-0088", "另一个标签页的项目", null, BookingPurpose.BidOpening, 10,
            Nine.AddHours(3), Nine.AddHours(4)));
        dialogs.Find("[data-testid=change-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("GC-2026-0088", dialogs.Find("[data-testid=change-error]").TextContent));
        Assert.Equal("12:00", Field(dialogs, "change-from").GetAttribute("value")); // the inputs are kept
        Assert.Contains("GC-2026-0088", dialogs.Find("[data-testid=change-hits]").TextContent); // and the preview names the new clash
        Assert.Contains("09:00-11:00", page.Find("[data-testid=booking-time]").TextContent);
    }

    [Fact]
    public void The_cancel_dialog_requires_a_reason_then_cancels_and_the_page_shows_it_closed()
    {
        var page = RenderPage();
        var dialogs = Open(page, "cancel");
        Assert.True(Disabled(dialogs.Find("[data-testid=change-save]")));
        Field(dialogs, "change-reason").Input("项目暂停");
        dialogs.Find("[data-testid=change-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("已取消", page.Find("[data-testid=booking-status]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=booking-closed]"));
        Assert.Contains("项目暂停", page.Find("[data-testid=booking-reason]").TextContent);
    }

    [Fact]
    public void No_show_is_disabled_before_start_plus_grace_saying_from_when_and_possible_after()
    {
        _clock.SetUtcNow(Nine.AddMinutes(10));
        var page = RenderPage();
        Assert.True(Disabled(page.Find("[data-testid=action-noshow]")));
        Assert.Contains("15 分钟", page.Find("[data-testid=noshow-why]").TextContent);
        Assert.Contains("09:15", page.Find("[data-testid=noshow-why]").TextContent);

        _clock.SetUtcNow(Nine.AddMinutes(16));
        page.Render();
        Assert.False(Disabled(page.Find("[data-testid=action-noshow]")));
        var dialogs = Open(page, "noshow");
        Field(dialogs, "change-reason").Input("代理机构无人到场");
        dialogs.Find("[data-testid=change-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("爽约", page.Find("[data-testid=booking-status]").TextContent.Trim()));
    }

    [Fact]
    public void The_shorten_dialog_shows_a_bound_error_in_the_dialog_and_then_shortens()
    {
        var page = RenderPage();
        var dialogs = Open(page, "shorten");
        Field(dialogs, "change-until").Input("12:00"); // later than the booked end
        Field(dialogs, "change-reason").Input("减少一个标段");
        dialogs.Find("[data-testid=change-save]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("原预约", dialogs.Find("[data-testid=change-error]").TextContent));

        Field(dialogs, "change-until").Input("10:00");
        dialogs.Find("[data-testid=change-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("09:00-10:00", page.Find("[data-testid=booking-time]").TextContent));
    }

    [Fact]
    public async Task The_split_dialog_offers_fitting_rooms_only_and_links_the_second_part()
    {
        var page = RenderPage();
        var dialogs = Open(page, "split");
        var rooms = dialogs.FindComponent<BookingChangeDialog>().Instance.Rooms.Select(r => r.Id).ToList();
        Assert.Equal([_k201.Id, _k202.Id], rooms); // what the room select offers: not the evaluation room
        Field(dialogs, "change-at").Input("10:00");
        var select = dialogs.FindComponent<MudSelect<Guid>>();
        await select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(_k202.Id));
        Field(dialogs, "change-reason").Input("后半场换到第二开标室");
        dialogs.Find("[data-testid=change-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("09:00-10:00", page.Find("[data-testid=booking-time]").TextContent));
        Assert.Contains("第二开标室", page.Find("[data-testid=booking-part]").TextContent);
    }

    [Fact]
    public void The_extend_dialog_on_the_booking_page_requires_a_reason()
    {
        var page = RenderPage();
        var dialogs = Open(page, "extend");
        Assert.True(Disabled(dialogs.Find("[data-testid=extend-confirm]")));
        Field(dialogs, "extend-reason").Input("投标人较多");
        dialogs.WaitForAssertion(() => Assert.False(Disabled(dialogs.Find("[data-testid=extend-confirm]"))));
        dialogs.Find("[data-testid=extend-confirm]").Click();
        page.WaitForAssertion(() => Assert.Contains("09:00-11:30", page.Find("[data-testid=booking-time]").TextContent));
        Assert.Contains("投标人较多", page.FindAll("[data-testid=history-row]")[^1].TextContent);
    }

    [Fact]
    public void An_unknown_booking_says_so()
    {
        _auth.SetRoles(Roles.Staff);
        var page = Render<BookingPage>(p => p.Add(x => x.Id, Guid.NewGuid()));
        page.WaitForElement("[data-testid=booking-missing]");
    }
}
