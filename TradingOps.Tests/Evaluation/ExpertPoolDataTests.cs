using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Evaluation.PoolTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>The pool's reads and the desk's changes over SQLite: filters and pages in few commands, duplicates refused, every change audited.</summary>
public sealed class ExpertPoolDataTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly DbCommandCounter _commands = new();
    private ServiceProvider _services = default!;
    private List<Expert> _pool = [];

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Actor.User("u-admin", "admin"), clock: _clock,
            configure: s => s.AddDbInterceptors(_commands));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        await ExpertPoolSeeder.SeedAsync(db, _services.GetRequiredService<IIdentityProtector>(), 400, Now);
        _pool = await db.Experts.AsNoTracking().ToListAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private T Get<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    [Fact]
    public async Task Each_filter_keeps_exactly_the_experts_it_names_and_pages_cover_the_result_once()
    {
        var queries = Get<ExpertPoolQueries>();
        var region = _pool[0].Region;
        var specialty = _pool[0].SpecialtyCodes[0];
        var cases = new (ExpertFilter Filter, Func<Expert, bool> Rule)[]
        {
            (new(Specialty: specialty.ToLowerInvariant()), e => e.HasSpecialty(specialty)),
            (new(Status: ExpertStatus.Suspended), e => e.Status == ExpertStatus.Suspended),
            (new(Region: region), e => e.Region == region),
            (new(Employer: "医院"), e => e.Employer.Contains("医院")),
            (new(Code: "e001"), e => e.Code.StartsWith("E001", StringComparison.Ordinal)),
            (new(Specialty: specialty, Status: ExpertStatus.Active, Region: region), e => e.HasSpecialty(specialty) && e.Status == ExpertStatus.Active && e.Region == region),
        };
        foreach (var (filter, rule) in cases)
        {
            var expected = _pool.Where(rule).Select(e => e.Code).Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.Count > 0, $"the demo pool has experts for {filter}");
            var seen = new List<string>();
            for (var skip = 0; ; skip += 25)
            {
                var page = await queries.PageAsync(filter, skip, 25);
                Assert.Equal(expected.Count, page.Total);
                if (page.Items.Count == 0) break;
                seen.AddRange(page.Items.Select(r => r.Code));
            }
            Assert.Equal(expected, seen);
        }
    }

    [Fact]
    public async Task A_page_costs_two_commands_and_the_counts_of_all_specialties_one()
    {
        var queries = Get<ExpertPoolQueries>();
        _commands.Reset();
        await queries.PageAsync(new ExpertFilter(Specialty: "A01", Employer: "大学"), 50, 25);
        Assert.True(_commands.Count == 2, _commands.Since(0));

        _commands.Reset();
        var counts = await queries.SpecialtyCountsAsync();
        Assert.True(_commands.Count == 1, _commands.Since(0));
        Assert.Equal(ExpertPoolSeeder.Specialties.Length, counts.Count);
        foreach (var c in counts)
            Assert.Equal(_pool.Count(e => e.Status == ExpertStatus.Active && e.HasSpecialty(c.Code)), c.Active);
    }

    [Fact]
    public async Task A_suspended_expert_no_longer_counts_for_their_specialties()
    {
        var expert = _pool.First(e => e.Status == ExpertStatus.Active);
        var before = await Get<ExpertPoolQueries>().SpecialtyCountsAsync();

        await Get<ExpertPoolService>().ChangeStatusAsync(expert.Id, ExpertStatus.Suspended, "涉嫌违规，暂停抽取");

        var after = await Get<ExpertPoolQueries>().SpecialtyCountsAsync();
        foreach (var code in expert.SpecialtyCodes)
            Assert.Equal(before.Single(c => c.Code == code).Active - 1, after.Single(c => c.Code == code).Active);
    }

    [Fact]
    public async Task An_expert_with_an_id_number_already_in_the_pool_is_refused_with_the_existing_code_and_nothing_saved()
    {
        var service = Get<ExpertPoolService>();
        var added = await service.AddAsync(new NewExpert("陈新", Id("19720202", 7), "13700137000", "示范大学", "五华区", ["A01", "C02"]));
        Assert.Equal("E00401", added.Code);

        var duplicate = await Assert.ThrowsAsync<DomainException>(() =>
            service.AddAsync(new NewExpert("陈新另", Id("19720202", 7).ToLowerInvariant(), null, "另一单位", "盘龙区", ["B01"])));

        Assert.Equal("Expert.Duplicate", duplicate.Code);
        Assert.Contains("E00401", duplicate.Message);
        Assert.Contains(IdNumber.Mask(Id("19720202", 7)), duplicate.Message);
        Assert.DoesNotContain("陈新", duplicate.Message);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(401, await db.Experts.CountAsync());
    }

    [Fact]
    public async Task An_expert_with_a_wrong_checksum_or_an_unknown_specialty_is_not_added()
    {
        var service = Get<ExpertPoolService>();
        Assert.Equal("Identity.IdNumber", (await Assert.ThrowsAsync<DomainException>(() =>
            service.AddAsync(new NewExpert("陈新", WrongChecksum(Id("19720202", 7)), null, "示范大学", "五华区", ["A01"])))).Code);
        Assert.Equal("Expert.UnknownSpecialty", (await Assert.ThrowsAsync<DomainException>(() =>
            service.AddAsync(new NewExpert("陈新", Id("19720202", 7), null, "示范大学", "五华区", ["A99"])))).Code);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(400, await db.Experts.CountAsync());
    }

    [Fact]
    public async Task Edits_status_changes_and_unavailable_periods_are_audited_with_their_reasons_and_identities_stay_hidden()
    {
        var service = Get<ExpertPoolService>();
        var expert = _pool.First(e => e.Status == ExpertStatus.Active);

        await service.UpdateAsync(expert.Id, "示范理工学院", "盘龙区", ["A02", "A03"]);
        await service.ChangeStatusAsync(expert.Id, ExpertStatus.Retired, "本人申请出库");
        var period = await service.AddUnavailabilityAsync(expert.Id, Now.AddDays(1), Now.AddDays(4), "出差");
        await Assert.ThrowsAsync<DomainException>(() => service.AddUnavailabilityAsync(expert.Id, Now.AddDays(3), Now.AddDays(6), "培训"));
        await service.RemoveUnavailabilityAsync(expert.Id, period.Id);

        await using var db = await _services.NewContextAsync();
        var stored = await db.Experts.SingleAsync(e => e.Id == expert.Id);
        Assert.Equal(("示范理工学院", "盘龙区", "A02,A03", ExpertStatus.Retired, "本人申请出库"),
            (stored.Employer, stored.Region, stored.Specialties, stored.Status, stored.StatusReason));
        var trail = await db.AuditEntries.Where(a => a.Key == expert.Id.ToString() || a.Key == period.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Modified, AuditAction.Modified, AuditAction.Added, AuditAction.Deleted], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal("admin", a.ActorName));
        Assert.Contains("本人申请出库", trail[1].Changes);
        Assert.Contains("出差", trail[2].Changes);
        Assert.Empty(await db.ExpertUnavailabilities.Where(u => u.ExpertId == expert.Id && u.Reason == "出差").ToListAsync());
    }

    [Fact]
    public async Task Only_an_admin_sees_a_name_one_expert_at_a_time_and_each_look_is_audited_with_why()
    {
        var service = Get<ExpertPoolService>();
        var expert = _pool[5];
        var name = _services.GetRequiredService<IIdentityProtector>().Unprotect(expert.ProtectedName);

        Assert.Equal("Reveal.NotAllowed", (await Assert.ThrowsAsync<DomainException>(() => service.RevealNameAsync(expert.Id, "核对", admin: false))).Code);
        Assert.Equal("Reveal.Why", (await Assert.ThrowsAsync<DomainException>(() => service.RevealNameAsync(expert.Id, " ", admin: true))).Code);
        Assert.Equal(name, await service.RevealNameAsync(expert.Id, "核对专家投诉", admin: true));

        await using var db = await _services.NewContextAsync();
        var read = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditAction.Read).ToListAsync());
        Assert.Equal((nameof(Expert), expert.Id.ToString(), "admin"), (read.Entity, read.Key, read.ActorName));
        Assert.Contains("核对专家投诉", read.Changes);
        Assert.DoesNotContain(name, read.Changes);
    }
}
