using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using TradingOps.Data.Cases;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Cases;

namespace TradingOps.Tests.Cases;

/// <summary>The desk's pages over a real SQLite file: the raiser masked, the audited full read for a duty manager, the Observer without actions, the register's row and clock.</summary>
public sealed class CaseDeskPageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(9, 0)));
    private BunitAuthorizationContext _auth = default!;
    private Case _case = null!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddScoped<ICurrentActor>(_ => new FixedActor(Actor.User("u-duty", "duty"))); // the signed-in duty manager of the reveal
        _auth = AddAuthorization();
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using (var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync())
        {
            db.Users.Add(new ApplicationUser { Id = "u-duty", UserName = "duty", NormalizedUserName = "DUTY", DisplayName = "值班经理" });
            var role = db.Roles.Add(new IdentityRole(Roles.DutyManager) { NormalizedName = Roles.DutyManager.ToUpperInvariant() }).Entity;
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "u-duty", RoleId = role.Id });
            await db.SaveChangesAsync();
        }
        _case = await Services.GetRequiredService<CaseIntakeService>().ReceiveAsync(new CaseIntake(CaseKind.Complaint, CaseChannel.Window,
            CaseStage.Evaluation, "GC2026-0419", "评标委员会未按招标文件评审", "技术标评分未按第四章标准。", "张三", "13812340000",
            "示范建设集团有限公司", "zhangsan@example.com", "投诉书 TS-01"), "窗口工作人员", "staff");
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private static void Until<T>(IRenderedComponent<T> c, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent =>
        c.WaitForAssertion(assertion, TimeSpan.FromSeconds(10));

    [Fact]
    public void A_staff_member_sees_the_raiser_masked_without_a_way_to_reveal_and_the_actions_of_a_received_case()
    {
        _auth.SetAuthorized("staff").SetRoles(Roles.Staff);
        var page = Render<CaseDetailPage>(p => p.Add(x => x.Id, _case.Id));
        Until(page, () => Assert.Contains("张*", page.Find("[data-testid=case-raiser]").TextContent));
        var raiser = page.Find("[data-testid=case-raiser]").TextContent;
        Assert.Contains("138****0000", raiser);
        Assert.Contains("z***@example.com", raiser);
        Assert.DoesNotContain("张三", page.Markup);
        Assert.DoesNotContain("13812340000", page.Markup);
        Assert.DoesNotContain("zhangsan@", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=case-raiser-reveal]"));
        Assert.NotEmpty(page.FindAll("[data-testid=case-forward]"));
        Assert.Contains("4 个工作小时", page.Find("[data-testid=case-forward-clock-source]").TextContent); // the forwarding clock cites its source
    }

    [Fact]
    public async Task A_duty_manager_reveals_the_raiser_in_full_and_the_read_is_audited()
    {
        _auth.SetAuthorized("duty").SetRoles(Roles.DutyManager);
        var page = Render<CaseDetailPage>(p => p.Add(x => x.Id, _case.Id));
        Until(page, () => Assert.NotEmpty(page.FindAll("[data-testid=case-raiser-reveal]")));

        page.Find("[data-testid=case-raiser-reveal] button, button[data-testid=case-raiser-reveal]").Click();

        Until(page, () => Assert.Contains("13812340000", page.Find("[data-testid=case-raiser]").TextContent));
        Assert.Contains("张三", page.Find("[data-testid=case-raiser]").TextContent);
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var read = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditAction.Read && a.Entity == "Case").ToListAsync());
        Assert.Equal((_case.Id.ToString(), "duty"), (read.Key, read.ActorName));
    }

    [Fact]
    public void The_observer_reads_the_case_and_its_clocks_but_gets_no_action()
    {
        _auth.SetAuthorized("observer").SetRoles(Roles.Observer);
        var page = Render<CaseDetailPage>(p => p.Add(x => x.Id, _case.Id));
        Until(page, () => Assert.NotEmpty(page.FindAll("[data-testid=case-readonly]")));
        Assert.Empty(page.FindAll("[data-testid=case-actions]"));
        Assert.Empty(page.FindAll("[data-testid=case-forward]"));
        Assert.Contains("待中心转交", page.Find("[data-testid=case-due]").TextContent);
    }

    [Fact]
    public void The_register_shows_the_case_with_what_it_waits_for_and_turns_it_red_once_overdue()
    {
        _auth.SetAuthorized("staff").SetRoles(Roles.Staff);
        _clock.Advance(TimeSpan.FromHours(6)); // 15:00: 4 working hours from 09:00 ended at 14:30
        var page = Render<CaseRegister>();
        Until(page, () => Assert.NotEmpty(page.FindAll($"[data-testid=case-row-{_case.Number}]")));
        var due = page.Find("[data-testid=case-row-due]");
        Assert.Equal(nameof(CaseDueLevel.Overdue), due.GetAttribute("data-level"));
        Assert.Contains("待中心转交", due.TextContent);
        Assert.DoesNotContain("张三", page.Markup);
    }
}
