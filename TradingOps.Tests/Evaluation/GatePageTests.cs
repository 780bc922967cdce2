using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using TradingOps.Core.Auditing;
using TradingOps.Core.Evaluation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Evaluation;
using static TradingOps.Tests.Evaluation.GateTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>The manual gate page and the passes page over a real SQLite database: admit, refuse, override, live inside list, no names.</summary>
public sealed class GatePageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    /// <summary>Each step saves to the database: on a loaded machine a render may take a while.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(At("2026-12-03 08:30"));
    private BunitAuthorizationContext _auth = default!;
    private Site _site = default!;
    private Session _session = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        _auth = AddAuthorization();
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Db();
        _site = await SiteAsync(db);
        _session = await SessionAsync(db, _site.P301, At("2026-12-03 09:00"));
        var protector = Services.GetRequiredService<IIdentityProtector>();
        await MemberAsync(db, protector, _session, 1);
        await MemberAsync(db, protector, _session, 2);
        await MemberAsync(db, protector, _session, 3, CallOutcome.Recused);
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private Task<TradingOpsDbContext> Db() => Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();

    private IRenderedComponent<GatePage> RenderGate(string role)
    {
        _auth.SetAuthorized("guard").SetRoles(role);
        Render<MudPopoverProvider>();
        var page = Render<GatePage>();
        page.WaitForAssertion(() => page.FindComponent<MudSelect<Guid?>>(), Wait);
        return page;
    }

    private static async Task PresentAsync(IRenderedComponent<GatePage> page, int id, bool deviceCheck = true)
    {
        var field = page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "身份证号码");
        await page.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(Id(id)));
        if (!deviceCheck)
            await page.InvokeAsync(() => page.FindComponent<MudCheckBox<bool>>().Instance.ValueChanged.InvokeAsync(false));
        page.Find("form[data-testid=gate-form]").Submit();
    }

    [Fact]
    public async Task The_guard_admits_by_typing_the_id_and_sees_room_seat_and_locker_and_the_person_in_the_inside_list_without_a_name()
    {
        var page = RenderGate(Roles.Staff);
        await page.InvokeAsync(() => page.FindComponent<MudSelect<Guid?>>().Instance.ValueChanged.InvokeAsync(_session.Booking.Id));

        await PresentAsync(page, 1);

        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=gate-admitted]").Count == 1, page.Find("[data-testid=gate-answer]").TextContent), Wait);
        Assert.Equal("P301", page.Find("[data-testid=gate-room]").TextContent.Trim());
        Assert.Matches(@"^\d+$", page.Find("[data-testid=gate-seat]").TextContent.Trim());
        Assert.StartsWith("A-", page.Find("[data-testid=gate-locker]").TextContent.Trim());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=gate-inside-row]")), Wait);
        Assert.Contains("110***********", page.Find("[data-testid=gate-inside]").TextContent);
        Assert.DoesNotContain("专家1", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=gate-override]")); // staff: no override
    }

    [Fact]
    public async Task A_recused_expert_is_shown_the_reason_and_a_second_entry_is_refused_until_the_duty_manager_overrides_with_a_reason()
    {
        var page = RenderGate(Roles.DutyManager);
        await PresentAsync(page, 3);
        page.WaitForAssertion(() => Assert.Contains("该专家已回避", page.Find("[data-testid=gate-reason]").TextContent), Wait);
        Assert.DoesNotContain("recused:", page.Find("[data-testid=gate-answer]").TextContent);

        await PresentAsync(page, 2);
        page.WaitForAssertion(() => page.Find("[data-testid=gate-admitted]"), Wait);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "离场").Click(); // the ID field is empty again: type it
        page.WaitForAssertion(() => page.Find("[data-testid=gate-error]"), Wait);
        var field = page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "身份证号码");
        await page.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(Id(2)));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "离场").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=gate-exited]"), Wait);
        await PresentAsync(page, 2);
        page.WaitForAssertion(() => Assert.Contains("值班经理", page.Find("[data-testid=gate-reason]").TextContent), Wait);

        await page.InvokeAsync(() => page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "身份证号码").Instance.ValueChanged.InvokeAsync(Id(2)));
        await page.InvokeAsync(() => page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "核准原因").Instance.ValueChanged.InvokeAsync("取回评标资料"));
        page.Find("[data-testid=gate-override]").Click();
        page.WaitForAssertion(() => Assert.Contains("准予再次入场", page.Find("[data-testid=gate-admitted]").TextContent), Wait);
        await using var db = await Db();
        Assert.Contains(await db.GateEvents.Select(e => e.Reason).ToListAsync(), r => r == "值班经理核准：取回评标资料");
    }

    [Fact]
    public async Task The_inside_list_follows_admissions_made_elsewhere_and_the_name_is_shown_only_on_request_with_an_audit_entry()
    {
        var page = RenderGate(Roles.Staff);
        await page.InvokeAsync(() => page.FindComponent<MudSelect<Guid?>>().Instance.ValueChanged.InvokeAsync(_session.Booking.Id));
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<GateService>().AdmitAsync(new GatePresentation(Id(2))); // a gate device
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=gate-inside-row]")), Wait);

        await PresentAsync(page, 1);
        page.WaitForAssertion(() => page.Find("[data-testid=gate-reveal]"), Wait);
        Assert.DoesNotContain("专家1", page.Markup);
        page.Find("[data-testid=gate-reveal]").Click();
        page.WaitForAssertion(() => Assert.Equal("专家1", page.Find("[data-testid=gate-name]").TextContent.Trim()), Wait);
        await using var db = await Db();
        var audit = await db.AuditEntries.Where(a => a.Entity == nameof(CommitteeMember) && a.Action == AuditAction.Read).ToListAsync();
        Assert.Contains("Gate", Assert.Single(audit).Changes);
        Assert.Equal(2, page.FindAll("[data-testid=gate-inside-row]").Count);
    }

    [Fact]
    public async Task The_passes_page_issues_a_preparation_pass_before_the_start_and_lists_it_masked()
    {
        _auth.SetAuthorized("desk").SetRoles(Roles.Staff);
        Render<MudPopoverProvider>();
        var page = Render<AgencyPasses>(p => p.Add(x => x.BookingId, _session.Booking.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=pass-form]"), Wait);
        var fields = page.FindComponents<MudTextField<string>>();
        await page.InvokeAsync(() => fields.First(f => f.Instance.Label == "姓名").Instance.ValueChanged.InvokeAsync("王敏"));
        await page.InvokeAsync(() => fields.First(f => f.Instance.Label == "身份证号码").Instance.ValueChanged.InvokeAsync(Id(100)));
        page.Find("[data-testid=pass-issue] ").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=pass-row]")), Wait);
        var row = page.Find("[data-testid=pass-row]").TextContent;
        Assert.Contains("08:30-09:00", row);
        Assert.Contains("110***********", row);
        Assert.DoesNotContain("王敏", page.Markup);
        page.Find("[data-testid=pass-revoke]").Click();
        page.WaitForAssertion(() => Assert.Contains("已撤销", page.Find("[data-testid=pass-row]").TextContent), Wait);
    }
}
