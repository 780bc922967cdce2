using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Witness.Log;

namespace TradingOps.Tests.Witness;

/// <summary>The session's witness log page: the witness ticks with number keys, a step out of order asks for the reason, an Observer only reads.</summary>
public sealed class WitnessSessionPageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private static readonly Actor Witness = Actor.User("u-staff", "staff");
    private static readonly Actor Duty = Actor.User("u-duty", "duty");
    private static readonly Actor Observer = Actor.User("u-observer", "observer");
    private readonly TestActor _actor = new(Duty);

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<ICurrentActor>(_actor);

    private async Task<RoomBooking> SetUpAsync()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        var room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var booking = new RoomBooking(room, null, "GC2026-0501", "示范中学教学楼施工", "示范华信招标代理有限公司", BookingPurpose.BidOpening, 20,
            start, start.AddHours(2), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15), "duty", DateTimeOffset.UtcNow.AddDays(-3));
        booking.Confirm();
        db.AddRange(center, zone, room, booking);
        foreach (var (who, role) in new[] { (Witness, Roles.Staff), (Duty, Roles.DutyManager), (Observer, Roles.Observer) })
        {
            db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.Name, NormalizedUserName = who.Name.ToUpperInvariant(), DisplayName = who.Name });
            var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role) ?? db.Roles.Local.SingleOrDefault(x => x.Name == role)
                    ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
        }
        await db.SaveChangesAsync();
        _actor.Actor = Duty;
        await Services.GetRequiredService<WitnessSessionService>().AssignAsync(booking.Id, "staff", null);
        return booking;
    }

    [Fact]
    public async Task The_witness_ticks_steps_with_number_keys_and_a_step_out_of_order_asks_for_the_reason_first()
    {
        var booking = await SetUpAsync();
        _actor.Actor = Witness;
        var page = Render<WitnessSessionPage>(p => p.Add(x => x.BookingId, booking.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=witness-checklist]"));

        page.Find("[data-testid=witness-checklist]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "1" });
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=witness-step][data-code='bid.prepare']").GetAttribute("data-ticked")));
        Assert.Contains("1/7", page.Find("[data-testid=witness-log-progress]").TextContent);

        page.Find("[data-testid=witness-checklist]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "4" });
        page.WaitForAssertion(() => page.Find("[data-testid=witness-out-of-order]"));
        Assert.Equal("false", page.Find("[data-testid=witness-step][data-code='bid.open']").GetAttribute("data-ticked"));
        page.Find("input[data-testid=witness-out-of-order-reason]").Input("投标截止由公证处记录");
        page.Find("[data-testid=witness-out-of-order-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=witness-step][data-code='bid.open']").GetAttribute("data-ticked")));
        var flagged = page.Find("[data-testid=witness-entry][data-code='bid.open']");
        Assert.Contains("顺序异常", flagged.TextContent);
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        Assert.Equal(["bid.prepare", "bid.open"], (await WitnessLog.ChainAsync(db, "GC2026-0501")).Where(e => e.Kind == WitnessEntryKind.Step).Select(e => e.Code));
    }

    [Fact]
    public async Task A_corrected_entry_stays_readable_struck_through_with_its_correction_under_it()
    {
        var booking = await SetUpAsync();
        _actor.Actor = Witness;
        await Services.GetRequiredService<WitnessSessionService>().ObserveAsync(booking.Id, "投标人代表共 8 人到场");
        var page = Render<WitnessSessionPage>(p => p.Add(x => x.BookingId, booking.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=witness-entry][data-kind=Observation] [data-testid=witness-correct]"));

        page.Find("[data-testid=witness-entry][data-kind=Observation] [data-testid=witness-correct]").Click();
        page.Find("input[data-testid=witness-correction-text]").Input("应为 9 人到场");
        page.Find("[data-testid=witness-correction-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=witness-entry][data-kind=Observation]").GetAttribute("data-corrected")));
        var entry = page.Find("[data-testid=witness-entry][data-kind=Observation]");
        Assert.Contains("line-through", entry.QuerySelector("[data-testid=witness-entry-text]")!.GetAttribute("style"));
        Assert.Contains("投标人代表共 8 人到场", entry.TextContent);
        Assert.Contains("应为 9 人到场", entry.QuerySelector("[data-testid=witness-entry-correction]")!.TextContent);
    }

    [Fact]
    public async Task An_observer_sees_the_log_without_any_control_to_write()
    {
        var booking = await SetUpAsync();
        _actor.Actor = Witness;
        await Services.GetRequiredService<WitnessSessionService>().TickAsync(booking.Id, "bid.prepare");
        _actor.Actor = Observer;

        var page = Render<WitnessSessionPage>(p => p.Add(x => x.BookingId, booking.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=witness-entry][data-code='bid.prepare']"));

        foreach (var control in new[] { "witness-step-tick", "witness-observation", "witness-recording-save", "witness-close", "witness-correct", "witness-log-incident", "witness-step-time-input" })
            Assert.Empty(page.FindAll($"[data-testid={control}]"));
        page.Find("[data-testid=witness-checklist]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "2" });
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        Assert.DoesNotContain(await WitnessLog.ChainAsync(db, "GC2026-0501"), e => e.Code == "bid.sign-in");
        Assert.NotNull(page.Find("[data-testid=witness-log-chain]"));
    }
}
