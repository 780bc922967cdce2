using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Evaluation;

namespace TradingOps.Tests.Evaluation;

/// <summary>The session page as the operator and the confirming overseer use it: two people, codes only, live.</summary>
public sealed class SessionPageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync(); // MudBlazor's services dispose asynchronously

    private readonly TestActor _actor = new(DrawServiceContract.Clerk);

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<ICurrentActor>(_actor);

    private async Task<RoomBooking> SetUpAsync(int experts)
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var protector = Services.GetRequiredService<IIdentityProtector>();
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
        var room = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 13, 9);
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var booking = new RoomBooking(room, null, "GC-2026-0042", "示范中学教学楼施工", "示范华信招标代理有限公司", BookingPurpose.Evaluation, 5,
            start, start.AddHours(3), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15), "clerk", DateTimeOffset.UtcNow);
        db.AddRange(center, zone, room, booking);
        db.Users.Add(new ApplicationUser { Id = "u-clerk", UserName = "clerk", NormalizedUserName = "CLERK", DisplayName = "clerk" });
        db.Users.Add(new ApplicationUser { Id = "u-boss", UserName = "boss", NormalizedUserName = "BOSS", DisplayName = "boss" });
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Supervisor)
                   ?? db.Roles.Add(new IdentityRole(Roles.Supervisor) { NormalizedName = Roles.Supervisor.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = "u-boss", RoleId = role.Id });
        for (var i = 1; i <= experts; i++)
        {
            var first17 = "110101" + new DateOnly(1970, 1, 1).AddDays(i).ToString("yyyyMMdd") + "123";
            db.Experts.Add(new Expert($"E{i:D5}", ProtectedIdentity.Of(protector, $"保密姓名{i}", first17 + IdNumber.CheckCharacter(first17), $"139{i:D8}", new DateOnly(2026, 12, 3)),
                "示范大学", "示范区", ["A01"], ExpertSource.LocalPool, "test", DateTimeOffset.UtcNow));
        }
        await db.SaveChangesAsync();
        await ExpertPoolSeeder.EnsureSpecialtiesAsync(db, default);
        return booking;
    }

    [Fact]
    public async Task The_operator_starts_the_draw_an_overseer_confirms_it_on_their_own_screen_and_both_see_codes_never_names()
    {
        var booking = await SetUpAsync(8);
        await Services.GetRequiredService<DrawService>().SaveRequestAsync(booking.Id,
            new DrawRequestForm("示范市教育局", null, 90, [new QuotaLine("A01", 4)]));

        var operatorPage = Render<SessionPage>(p => p.Add(x => x.BookingId, booking.Id));
        operatorPage.WaitForAssertion(() => operatorPage.Find("[data-testid=draw-start]"));
        operatorPage.Find("[data-testid=draw-start]").Click();
        operatorPage.WaitForAssertion(() => Assert.Contains("clerk", operatorPage.Find("[data-testid=draw-awaiting]").TextContent));
        Assert.Empty(operatorPage.FindAll("[data-testid=draw-confirm]")); // staff cannot confirm

        _actor.Actor = DrawServiceContract.Boss;
        var overseerPage = Render<SessionPage>(p => p.Add(x => x.BookingId, booking.Id));
        overseerPage.WaitForAssertion(() => overseerPage.Find("[data-testid=draw-confirm]"));
        overseerPage.Find("[data-testid=draw-confirm]").Click();

        overseerPage.WaitForAssertion(() => Assert.Equal(4, overseerPage.FindAll("[data-testid=member-row]").Count));
        // The operator's screen follows without a reload (the live event of the draw).
        operatorPage.WaitForAssertion(() => Assert.Contains("已抽取", operatorPage.Find("[data-testid=session-status]").TextContent), TimeSpan.FromSeconds(5));
        foreach (var page in new[] { operatorPage, overseerPage })
        {
            Assert.Matches(@"A01：4 人（E\d{5}、E\d{5}、E\d{5}、E\d{5}）", page.Find("[data-testid=draw-result]").TextContent);
            Assert.DoesNotContain("保密姓名", page.Markup);
            Assert.DoesNotContain("139000000", page.Markup);
        }
    }

    [Fact]
    public async Task A_shortfall_is_shown_on_the_page_with_the_numbers_per_specialty()
    {
        var booking = await SetUpAsync(2);
        var draws = Services.GetRequiredService<DrawService>();
        await draws.SaveRequestAsync(booking.Id, new DrawRequestForm("示范市教育局", null, 90, [new QuotaLine("A01", 3)]));
        await draws.StartDrawAsync(booking.Id);
        _actor.Actor = DrawServiceContract.Boss;

        var page = Render<SessionPage>(p => p.Add(x => x.BookingId, booking.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=draw-confirm]"));
        page.Find("[data-testid=draw-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("A01 房屋建筑工程：需要 3 人，可抽 2 人，缺 1 人", page.Find("[data-testid=draw-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=member-row]"));
    }
}
