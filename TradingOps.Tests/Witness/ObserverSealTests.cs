using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Evaluation;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Witness;

/// <summary>
/// The supervising departments read witnessing records, never expert names: the one audited reveal refuses an Observer
/// (and a Display screen) for every purpose, before and after the evaluation starts, while an operator still gets the list.
/// </summary>
public sealed class ObserverSealTests : IAsyncLifetime
{
    private static readonly Actor Observer = Actor.User("u-observer", "市监管局（只读）");
    private static readonly Actor Screen = Actor.User("u-display", "大屏显示");
    private static readonly Actor Boss = Actor.User("u-boss", "科室负责人");
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start.AddHours(1)); // after the start: the list is open to overseers
    private ServiceProvider _services = null!;
    private SeededSession _session = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Boss, clock: _clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
        var room = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 11, 7);
        db.AddRange(center, zone, room);
        foreach (var (who, role) in new[] { (Observer, Roles.Observer), (Screen, Roles.Display), (Boss, Roles.Supervisor) })
        {
            var r = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(r);
            db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.UserId, NormalizedUserName = who.UserId!.ToUpperInvariant(), DisplayName = who.Name });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
        }
        await db.SaveChangesAsync();
        await ExpertPoolSeeder.EnsureSpecialtiesAsync(db, CancellationToken.None);
        _session = await SealedSessions.SeedAsync(db, _services.GetRequiredService<IIdentityProtector>(), room, Start, Start.AddHours(3),
            SealedSessions.Experts, SealedSessions.Representative, seated: 3);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<IReadOnlyList<RevealedMember>> RevealAsAsync(Actor who, RevealPurpose purpose, IReadOnlyCollection<Guid> ids)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = who;
        return await scope.ServiceProvider.GetRequiredService<EvaluationLedger>().RevealAsync(_session.BookingId, ids, purpose, "监督检查", overseer: true);
    }

    [Theory]
    [InlineData(RevealPurpose.CommitteeList)]
    [InlineData(RevealPurpose.Print)]
    [InlineData(RevealPurpose.RoomView)]
    [InlineData(RevealPurpose.Call)]
    [InlineData(RevealPurpose.Gate)]
    public async Task An_Observer_or_a_Display_screen_is_refused_every_reveal_of_expert_names_and_no_read_is_recorded(RevealPurpose purpose)
    {
        IReadOnlyCollection<Guid> ids = purpose is RevealPurpose.Call or RevealPurpose.Gate ? [_session.MemberIds[0]] : _session.MemberIds;
        Assert.Equal("Reveal.ReadOnly", (await Assert.ThrowsAsync<DomainException>(() => RevealAsAsync(Observer, purpose, ids))).Code);
        Assert.Equal("Reveal.ReadOnly", (await Assert.ThrowsAsync<DomainException>(() => RevealAsAsync(Screen, purpose, ids))).Code);
        await using var db = await _services.NewContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(CommitteeMember) && a.Action == AuditAction.Read));
    }

    [Fact]
    public async Task A_supervisor_still_reads_the_list_after_the_start()
    {
        Assert.Equal(_session.MemberIds.Count, (await RevealAsAsync(Boss, RevealPurpose.CommitteeList, _session.MemberIds)).Count);
    }
}
