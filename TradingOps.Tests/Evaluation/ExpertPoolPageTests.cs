using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Evaluation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Evaluation;
using static TradingOps.Tests.Evaluation.PoolTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>The pool pages over a real SQLite pool: masks only, never a name, unless an admin asks for one (audited).</summary>
public sealed class ExpertPoolPageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private BunitAuthorizationContext _auth = default!;
    private List<Expert> _pool = [];
    private List<string> _names = [];

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        _auth = AddAuthorization();
    }

    private async Task SeedAsync(string role)
    {
        _auth.SetAuthorized("desk").SetRoles(role);
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var protector = Services.GetRequiredService<IIdentityProtector>();
        await ExpertPoolSeeder.SeedAsync(db, protector, 120, Now);
        _pool = await db.Experts.AsNoTracking().OrderBy(e => e.Code).ToListAsync();
        _names = _pool.Select(e => protector.Unprotect(e.ProtectedName)).ToList();
    }

    private void AssertNoName(string markup)
    {
        foreach (var name in _names) Assert.DoesNotContain(name, markup);
    }

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Admin)]
    public async Task The_pool_list_shows_codes_and_masks_and_never_a_name(string role)
    {
        await SeedAsync(role);

        var page = Render<ExpertPoolPage>();

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("[data-testid=pool-row-code]").Count));
        Assert.Contains("共 120 位专家", page.Find("[data-testid=pool-total]").TextContent);
        Assert.Contains(_pool[0].IdMasked, page.Markup);
        Assert.Equal(ExpertPoolSeeder.Specialties.Length, page.FindAll("[data-testid=specialty-count]").Count);
        AssertNoName(page.Markup);
    }

    [Fact]
    public async Task A_duty_manager_reads_the_pool_but_is_not_offered_to_add_experts()
    {
        await SeedAsync(Roles.DutyManager);
        var page = Render<ExpertPoolPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=pool-row-code]")));
        Assert.Empty(page.FindAll("[data-testid=expert-add-open]"));
    }

    [Fact]
    public async Task A_supervisor_reads_an_expert_record_without_a_name_and_without_edit_or_reveal()
    {
        await SeedAsync(Roles.Supervisor);

        var page = Render<ExpertRecordPage>(p => p.Add(x => x.Id, _pool[3].Id));

        page.WaitForAssertion(() => Assert.Contains(_pool[3].IdMasked, page.Find("[data-testid=expert-facts]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=expert-reveal]"));
        Assert.Empty(page.FindAll("[data-testid=expert-edit]"));
        AssertNoName(page.Markup);
    }

    [Fact]
    public async Task An_admin_sees_one_name_only_after_saying_why_and_the_look_is_audited()
    {
        await SeedAsync(Roles.Admin);
        var page = Render<ExpertRecordPage>(p => p.Add(x => x.Id, _pool[3].Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=expert-reveal]")));
        AssertNoName(page.Markup);

        await page.Find("[data-testid=expert-reveal]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("说明原因", page.Find("[data-testid=expert-error]").TextContent));
        AssertNoName(page.Markup);

        page.Find("[data-testid=expert-reveal-why] input, input[data-testid=expert-reveal-why]").Change("核对投诉材料");
        await page.Find("[data-testid=expert-reveal]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains(_names[3], page.Find("[data-testid=expert-name]").TextContent));
        Assert.Single(_names, n => page.Markup.Contains(n, StringComparison.Ordinal));
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Entity == nameof(Expert) && a.Action == TradingOps.Core.Auditing.AuditAction.Read));
    }
}
