using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using TradingOps.Core.Auditing;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Evaluation;

namespace TradingOps.Tests.Evaluation;

/// <summary>
/// The sealed list's pages and the remote settings form over a real SQLite database: before the start no name (nor
/// employer) in the markup of the committee list or the room view; after it names shown, each reveal audited once per
/// member (the room view once per page load, not per render); the audit page shows reveals by purpose and reason.
/// </summary>
public sealed class SealedPagesTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero); // 14:00 in Shanghai
    private readonly FakeTimeProvider _clock = new(Start.AddHours(-1));
    private BunitAuthorizationContext _auth = default!;
    private Room _room = default!;
    private SeededSession _session = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        _auth = AddAuthorization();
        _auth.SetAuthorized("supervisor");
        _auth.SetRoles(Roles.Supervisor);
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await NewContextAsync();
        var center = new Center("TEST", "测试公共资源交易中心", "测试地址");
        var zone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
        _room = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 11, 7);
        db.AddRange(center, zone, _room);
        await db.SaveChangesAsync();
        await ExpertPoolSeeder.EnsureSpecialtiesAsync(db, CancellationToken.None);
        _session = await SealedSessions.SeedAsync(db, Services.GetRequiredService<IIdentityProtector>(), _room, Start, Start.AddHours(3),
            SealedSessions.Experts, SealedSessions.Representative, seated: 3);
    }

    private Task<TradingOpsDbContext> NewContextAsync() => Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();

    private async Task<List<AuditEntry>> ReadsAsync()
    {
        await using var db = await NewContextAsync();
        return await db.AuditEntries.Where(a => a.Entity == nameof(CommitteeMember) && a.Action == AuditAction.Read).ToListAsync();
    }

    private string[] Secrets => [.. _session.People.SelectMany(p => p.Secrets), "示范测试设计研究院"];

    private void AssertNoSecret(string markup)
    {
        var shown = Secrets.Where(s => markup.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(shown.Count == 0, $"the sealed page shows: {string.Join(", ", shown)}");
    }

    [Fact]
    public async Task Before_the_start_the_committee_page_shows_the_seal_counts_and_opening_time_and_no_name_or_employer()
    {
        var page = Render<CommitteeListPage>(p => p.Add(x => x.BookingId, _session.BookingId));
        page.WaitForElement("[data-testid=sealed-notice]");
        Assert.Contains("2026-12-03 14:00", page.Find("[data-testid=sealed-opens-at]").TextContent);
        Assert.Equal("5", page.Find("[data-testid=count-on-list]").TextContent);
        Assert.Equal("3", page.Find("[data-testid=count-inside]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=reveal]"));
        Assert.True(page.Find("[data-testid=print-sealed]").HasAttribute("disabled"));
        AssertNoSecret(page.Markup);
        Assert.Empty(await ReadsAsync());
    }

    [Fact]
    public async Task After_the_start_the_committee_page_shows_the_names_once_a_reason_is_given_and_audits_each_member()
    {
        _clock.SetUtcNow(Start.AddMinutes(2));
        var page = Render<CommitteeListPage>(p => p.Add(x => x.BookingId, _session.BookingId));
        page.WaitForElement("[data-testid=reveal]");
        AssertNoSecret(page.Markup); // nothing before the reason is confirmed
        var why = page.Find("[data-testid=reveal-why] input, input[data-testid=reveal-why]");
        why.Input("");
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=reveal]").HasAttribute("disabled")));
        why.Input("开评后核对评委会");
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=reveal]").HasAttribute("disabled")));
        page.Find("[data-testid=reveal]").Click();

        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll("[data-testid=member-name]").Count));
        Assert.Equal(_session.People.Select(p => p.Name), page.FindAll("[data-testid=member-name]").Select(n => n.TextContent));
        Assert.Equal(["1", "2", "3", "—", "—", "—"], page.FindAll("[data-testid=member-seat]").Select(n => n.TextContent));
        Assert.DoesNotContain(SealedSessions.Experts[0].IdNumber, page.Markup);
        Assert.DoesNotContain(SealedSessions.Experts[0].Phone, page.Markup);
        var reads = await ReadsAsync();
        Assert.Equal(_session.MemberIds.Order(), reads.Select(a => Guid.Parse(a.Key)).Order());
        Assert.All(reads, a => Assert.Equal((RevealPurpose.CommitteeList, "开评后核对评委会"), (CommitteeQueries.RevealOf(a.Changes).Purpose!.Value, CommitteeQueries.RevealOf(a.Changes).Why)));
        page.WaitForAssertion(() => Assert.Equal(nameof(RevealPurpose.CommitteeList), page.Find("[data-testid=reveal-row]").GetAttribute("data-purpose")));
        Assert.Contains("开评后核对评委会", page.Find("[data-testid=reveal-row]").TextContent);
        Assert.Contains("/print?why=", page.Find("a[data-testid=print]").GetAttribute("href"));
    }

    [Fact]
    public async Task An_open_page_unseals_itself_at_the_start_on_the_clock_tick()
    {
        var committee = Render<CommitteeListPage>(p => p.Add(x => x.BookingId, _session.BookingId));
        var room = Render<RoomViewPage>(p => p.Add(x => x.RoomId, _room.Id));
        committee.WaitForElement("[data-testid=sealed-notice]");
        room.WaitForElement("[data-testid=sealed-notice]");

        _clock.SetUtcNow(Start);
        await Services.GetRequiredService<TradingOps.Core.Live.ILiveEventPublisher>().PublishAsync(new TradingOps.Core.Live.ClockTick(Start));
        committee.WaitForElement("[data-testid=reveal]");
        room.WaitForAssertion(() => Assert.Contains(SealedSessions.Experts[0].Name, room.Markup));
        Assert.Empty(committee.FindAll("[data-testid=sealed-notice]"));
        AssertNoSecret(committee.Markup); // the list itself still waits for a stated reason
        Assert.Equal(3, (await ReadsAsync()).Count); // the room view's one reveal
    }

    [Fact]
    public void Before_the_start_the_room_view_shows_the_seats_taken_by_number_only()
    {
        var page = Render<RoomViewPage>(p => p.Add(x => x.RoomId, _room.Id));
        page.WaitForElement("[data-testid=seat-plan]");
        Assert.NotNull(page.Find("[data-testid=sealed-notice]"));
        Assert.Equal(["taken", "taken", "taken", "free", "free", "free", "free"],
            Enumerable.Range(1, 7).Select(n => page.Find($"[data-testid=seat-{n}]").GetAttribute("data-state")));
        Assert.Contains("已就座 3 / 7", page.Find("[data-testid=seats-taken]").TextContent);
        AssertNoSecret(page.Markup);
    }

    [Fact]
    public async Task After_the_start_the_room_view_names_the_seated_and_audits_once_per_page_load_not_per_render()
    {
        _clock.SetUtcNow(Start.AddMinutes(5));
        var page = Render<RoomViewPage>(p => p.Add(x => x.RoomId, _room.Id));
        page.WaitForAssertion(() => Assert.Equal(_session.People.Take(3).Select(p => p.Name),
            page.FindAll("[data-testid=seat-name]").Select(n => n.TextContent.Trim())));
        Assert.Equal(3, (await ReadsAsync()).Count);
        Assert.All(await ReadsAsync(), a => Assert.Equal(RevealPurpose.RoomView, CommitteeQueries.RevealOf(a.Changes).Purpose));

        // A change in the session re-renders the page from the database: no new reveal of those already shown.
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<EvaluationLedger>().PublishAsync(_session.BookingId, _room.Id, EvaluationChange.Admitted);
        page.Render();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=seat-name]").Count));
        Assert.Equal(3, (await ReadsAsync()).Count);

        // The next page load is a new reveal.
        var again = Render<RoomViewPage>(p => p.Add(x => x.RoomId, _room.Id));
        again.WaitForAssertion(() => Assert.Contains(SealedSessions.Experts[0].Name, again.Markup));
        Assert.Equal(6, (await ReadsAsync()).Count);
    }

    [Fact]
    public async Task The_room_view_marks_the_seats_reserved_for_remote_experts()
    {
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RemoteEvaluationService>().SaveAsync(_session.BookingId, RemoteRole.Host, "邻市公共资源交易中心", 2);
        var page = Render<RoomViewPage>(p => p.Add(x => x.RoomId, _room.Id));
        page.WaitForElement("[data-testid=seat-plan]");
        Assert.Equal(["free", "free", "remote", "remote"], Enumerable.Range(4, 4).Select(n => page.Find($"[data-testid=seat-{n}]").GetAttribute("data-state")));
        Assert.Contains("邻市公共资源交易中心", page.Find("[data-testid=remote-seats]").TextContent);
    }

    [Fact]
    public async Task The_remote_settings_form_saves_within_the_rooms_seats_and_names_the_bound_it_breaks()
    {
        Render<MudPopoverProvider>();
        var form = Render<RemoteEvaluationSettings>(p => p.Add(x => x.BookingId, _session.BookingId));
        form.WaitForElement("[data-testid=remote-save]");
        var group = form.FindComponent<MudRadioGroup<RemoteRole>>();
        await form.InvokeAsync(() => group.Instance.ValueChanged.InvokeAsync(RemoteRole.Host));
        form.WaitForElement("[data-testid=remote-partner] input, input[data-testid=remote-partner]").Input("邻市公共资源交易中心");
        var seats = form.FindComponent<MudNumericField<int>>();
        await form.InvokeAsync(() => seats.Instance.ValueChanged.InvokeAsync(9));
        form.Find("[data-testid=remote-save]").Click();
        form.WaitForAssertion(() => Assert.Contains("远程专家席位数", form.Find("[data-testid=remote-error]").TextContent));

        await form.InvokeAsync(() => seats.Instance.ValueChanged.InvokeAsync(2));
        form.Find("[data-testid=remote-save]").Click();
        form.WaitForAssertion(() => Assert.Empty(form.FindAll("[data-testid=remote-error]")));
        await using var db = await NewContextAsync();
        var stored = await db.DrawRequests.SingleAsync(r => r.BookingId == _session.BookingId);
        Assert.Equal((RemoteRole.Host, "邻市公共资源交易中心", 2), (stored.Remote, stored.RemotePartner, stored.RemoteSeats));
    }

    [Fact]
    public void After_the_start_the_remote_settings_form_is_locked()
    {
        _clock.SetUtcNow(Start);
        var form = Render<RemoteEvaluationSettings>(p => p.Add(x => x.BookingId, _session.BookingId));
        form.WaitForElement("[data-testid=remote-locked]");
        Assert.True(form.Find("[data-testid=remote-save]").HasAttribute("disabled"));
    }

    [Fact]
    public void Without_a_draw_request_the_remote_settings_form_asks_for_one_first()
    {
        var form = Render<RemoteEvaluationSettings>(p => p.Add(x => x.BookingId, Guid.NewGuid()));
        form.WaitForElement("[data-testid=remote-no-request]");
    }

    [Fact]
    public async Task The_audit_page_shows_a_reveal_by_its_purpose_and_reason_without_names_or_ciphertext()
    {
        _clock.SetUtcNow(Start.AddMinutes(1));
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<EvaluationLedger>().RevealAsync(_session.BookingId, _session.MemberIds, RevealPurpose.CommitteeList, "评标见证", true);
        _auth.SetRoles(Roles.Admin);
        Render<MudPopoverProvider>();
        var page = Render<TradingOps.Web.Admin.Audit>();
        page.WaitForAssertion(() => Assert.Contains("评标名单 · 评标见证", page.Markup));
        Assert.DoesNotContain("CfDJ8", page.Markup);
        AssertNoSecret(page.Markup.Replace("示范测试设计研究院", "")); // employers may be in the member's audit record
    }
}
