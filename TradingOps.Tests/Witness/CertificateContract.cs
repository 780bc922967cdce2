using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Data.Statistics;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Witness;

/// <summary>
/// Witness certificates and a session's ratings on a real database: the refusals (nothing saved), the chain head
/// stated and checked, reprints keeping the number, revocation, tampering found; the rating link made when a session
/// ends and its ratings in the one 好差评 stream (statistics by service, follow-ups).
/// </summary>
public abstract class CertificateContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    protected static readonly Actor Clerk = Actor.User("u-clerk", "clerk");
    protected static readonly Actor Boss = Actor.User("u-boss", "boss");
    protected static readonly Actor Observer = Actor.User("u-observer", "observer");
    protected readonly FakeTimeProvider Clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(8, 0)));
    protected ServiceProvider Services = null!;
    private Room _room = null!;

    public async Task InitializeAsync()
    {
        Services = DataServices.Build(Provider, NewDatabase(), Clerk, clock: Clock);
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Services.NewContextAsync();
        var center = new Center("T", "测试交易中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        var staff = new Staff("S001", "王工", "交易服务部", null, null);
        db.AddRange(center, zone, _room, staff);
        db.TradingProjects.Add(new TradingProject("GC2026-101", "市一院门诊楼改造工程施工", TradingCategory.Engineering, TradingMethod.OpenTender,
            "市第一人民医院", "华信招标代理有限公司", 12_000_000m, staff.Id, Clock.GetUtcNow().AddDays(-20)));
        await UserAsync(db, Clerk, Roles.Staff);
        await UserAsync(db, Boss, Roles.Supervisor);
        await UserAsync(db, Observer, Roles.Observer);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await Services.DisposeAsync();

    private static async Task UserAsync(TradingOpsDbContext db, Actor who, string role)
    {
        db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.Name, NormalizedUserName = who.Name.ToUpperInvariant(), DisplayName = who.Name });
        var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role)
                ?? db.Roles.Local.SingleOrDefault(x => x.Name == role)
                ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
    }

    /// <summary>Runs a service call on a fresh scope as <paramref name="who"/> (a page's circuit).</summary>
    protected async Task<T> As<TService, T>(Actor who, Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = who;
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected Task<T> Certificates<T>(Func<CertificateService, Task<T>> action, Actor? who = null) => As(who ?? Clerk, action);

    /// <summary>Books a bid opening of the project in an hour, confirms, checks in and starts it; ends it unless told not to.</summary>
    protected async Task<RoomBooking> SessionAsync(string project, bool end = true)
    {
        var now = Clock.GetUtcNow();
        return await As<BookingService, RoomBooking>(Clerk, async bookings =>
        {
            var booking = await bookings.BookAsync(new BookingRequest(_room.Id, null, project, "市一院门诊楼改造工程施工", "华信招标代理有限公司",
                BookingPurpose.BidOpening, 20, now.AddHours(1), now.AddHours(3), "李经理", "13912345678", "li@example.com"));
            await bookings.SessionAsync(booking.Id, SessionCommand.Confirm);
            Clock.Advance(TimeSpan.FromMinutes(55));
            await bookings.SessionAsync(booking.Id, SessionCommand.CheckIn);
            Clock.Advance(TimeSpan.FromMinutes(5));
            booking = await bookings.SessionAsync(booking.Id, SessionCommand.Start);
            if (!end) return booking;
            Clock.Advance(TimeSpan.FromMinutes(90));
            return await bookings.SessionAsync(booking.Id, SessionCommand.End);
        });
    }

    private async Task<int> CountAsync<T>(Func<TradingOpsDbContext, IQueryable<T>> query)
    {
        await using var db = await Services.NewContextAsync();
        return await query(db).CountAsync();
    }

    [Fact]
    public async Task Issue_is_refused_while_a_session_of_the_project_has_not_ended_and_nothing_is_saved()
    {
        await SessionAsync("GC2026-101", end: false);
        var entries = await CountAsync(db => db.WitnessEntries);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Certificates(c => c.IssueAsync("GC2026-101")));

        Assert.Contains("1 个场次未结束", refused.Message);
        Assert.Equal(0, await CountAsync(db => db.WitnessCertificates));
        Assert.Equal(entries, await CountAsync(db => db.WitnessEntries));
    }

    [Fact]
    public async Task Issue_is_refused_while_the_project_has_an_open_incident()
    {
        var booking = await SessionAsync("GC2026-101");
        await using (var db = await Services.NewContextAsync())
        {
            db.Incidents.Add(new Incident("GC2026-101", null, booking.Id, IncidentCategory.SystemFailure, IncidentScope.Session,
                "开标系统解密失败", "clerk", Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => Certificates(c => c.IssueAsync("GC2026-101")));

        Assert.Contains("未处理完的异常事件", refused.Message);
        Assert.Equal(0, await CountAsync(db => db.WitnessCertificates));
    }

    [Fact]
    public async Task A_project_without_witness_entries_gets_no_certificate()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => Certificates(c => c.IssueAsync("GC2026-999")));
        Assert.Contains("见证记录为空", refused.Message);
        Assert.Contains("没有已结束的场次", refused.Message);
    }

    [Fact]
    public async Task Issue_states_the_chain_head_the_key_times_and_the_witnesses_and_writes_its_own_entry()
    {
        var booking = await SessionAsync("GC2026-101");
        await As<WitnessLedger, WitnessEntry>(Clerk, l => l.RecordAsync(new WitnessDraft("GC2026-101", null, booking.Id, WitnessEntryKind.Step,
            "bid-open", "开标", null, Clock.GetUtcNow().AddMinutes(-60), "张见证")));

        var certificate = await Certificates(c => c.IssueAsync("gc2026-101 "));

        Assert.True(CertificateNumber.TryParse(certificate.Number, out var number));
        Assert.Equal((2026, 1), (number.Year, number.Serial));
        Assert.Equal(("GC2026-101", "市一院门诊楼改造工程施工", "工程建设", "市第一人民医院"), (certificate.ProjectCode, certificate.ProjectName, certificate.Category, certificate.Initiator));
        await using var db = await Services.NewContextAsync();
        var chain = await WitnessLog.ChainAsync(db, "GC2026-101");
        var issued = chain[^1];
        Assert.Equal((WitnessEntryKind.Certificate, WitnessCodes.CertificateIssued), (issued.Kind, issued.Code));
        Assert.Equal(chain.Count - 1, certificate.HeadSequence);
        Assert.Equal(chain[^2].Hash, certificate.HeadHash);
        var session = Assert.Single(certificate.Sessions);
        Assert.Equal(["签到", "开标开始", "开标", "开标结束"], session.KeyTimes.Select(k => k.Label));
        Assert.Equal(["张见证"], session.Witnesses);
        Assert.NotNull(session.RatingToken);
        Assert.Equal(1, certificate.PrintCount);

        var check = await Certificates(c => c.CheckAsync(certificate.Number));
        Assert.Equal(new PublicCertificate(CertificateCheck.Valid, certificate.Number, "GC2026-101", new DateOnly(2026, 12, 3), null), check);
    }

    [Fact]
    public async Task A_second_certificate_is_refused_and_a_reprint_keeps_the_number()
    {
        await SessionAsync("GC2026-101");
        var first = await Certificates(c => c.IssueAsync("GC2026-101"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => Certificates(c => c.IssueAsync("GC2026-101")));
        Assert.Contains($"已出具见证书 {first.Number}", refused.Message);

        var reprinted = await Certificates(c => c.ReprintAsync(first.Id));
        Assert.Equal((first.Number, 2), (reprinted.Number, reprinted.PrintCount));
        Assert.Equal(1, await CountAsync(db => db.WitnessCertificates));
        await using var db = await Services.NewContextAsync();
        var chain = await WitnessLog.ChainAsync(db, "GC2026-101");
        Assert.Equal(WitnessCodes.CertificateReprinted, chain[^1].Code);
        Assert.True(WitnessChain.Verify("GC2026-101", chain).Intact);
    }

    [Fact]
    public async Task A_revoked_certificate_says_so_on_the_public_check_and_only_an_overseer_may_revoke()
    {
        await SessionAsync("GC2026-101");
        var certificate = await Certificates(c => c.IssueAsync("GC2026-101"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => Certificates(c => c.RevokeAsync(certificate.Id, "项目信息有误"), Clerk));
        Assert.Equal("Certificate.OverseerOnly", refused.Code);
        Clock.Advance(TimeSpan.FromDays(1));
        await Certificates(c => c.RevokeAsync(certificate.Id, "项目信息有误，重新出具"), Boss);

        var check = await Certificates(c => c.CheckAsync(certificate.Number));
        Assert.Equal((CertificateCheck.Revoked, (DateOnly?)new DateOnly(2026, 12, 4)), (check.Check, check.RevokedOn));
        await Assert.ThrowsAsync<DomainException>(() => Certificates(c => c.ReprintAsync(certificate.Id)));
        // Once revoked, the project may be given a new certificate, with the next number.
        var second = await Certificates(c => c.IssueAsync("GC2026-101"));
        Assert.Equal("JZ2026-000002", second.Number);
    }

    [Fact]
    public async Task The_supervising_department_reads_but_may_not_issue()
    {
        await SessionAsync("GC2026-101");
        var refused = await Assert.ThrowsAsync<DomainException>(() => Certificates(c => c.IssueAsync("GC2026-101"), Observer));
        Assert.Equal("Witness.ReadOnly", refused.Code);
    }

    [Fact]
    public async Task A_malformed_number_is_refused_and_an_unknown_one_is_not_found()
    {
        Assert.Equal(CertificateCheck.Malformed, (await Certificates(c => c.CheckAsync("JZ2026-12'; DROP TABLE x"))).Check);
        Assert.Equal(new PublicCertificate(CertificateCheck.NotFound, "JZ2026-000042", null, null, null), await Certificates(c => c.CheckAsync("jz2026-000042")));
    }

    [Fact]
    public async Task A_session_that_ends_invites_its_agency_to_rate_through_an_absolute_link()
    {
        var booking = await SessionAsync("GC2026-101");

        await using var db = await Services.NewContextAsync();
        var invite = await db.SessionRatingInvites.SingleAsync(i => i.BookingId == booking.Id);
        var messages = await db.OutboxMessages.Where(m => m.Kind == NotificationKind.RatingInvited).ToListAsync();
        Assert.Equal([NotificationChannel.Sms, NotificationChannel.Email], messages.Select(m => m.Channel).Order());
        Assert.All(messages, m => Assert.Contains($"http://localhost:5080/rate/session/{invite.Token}", m.Body));
    }

    [Fact]
    public async Task Session_ratings_land_in_the_satisfaction_statistics_by_service_and_a_bad_one_opens_a_follow_up()
    {
        var booking = await SessionAsync("GC2026-101");
        string token;
        await using (var db = await Services.NewContextAsync())
            token = (await db.SessionRatingInvites.SingleAsync(i => i.BookingId == booking.Id)).Token;

        await As<SessionRatingService, SatisfactionRating>(Clerk, r => r.RateAsync(token, RatedService.Venue, RatingLevel.VerySatisfied, null, null));
        await As<SessionRatingService, SatisfactionRating>(Clerk, r => r.RateAsync(token, RatedService.Witness, RatingLevel.Dissatisfied, ["程序不规范"], "唱标过快"));
        var again = await Assert.ThrowsAsync<DomainException>(() =>
            As<SessionRatingService, SatisfactionRating>(Clerk, r => r.RateAsync(token, RatedService.Venue, RatingLevel.Satisfied, null, null)));
        Assert.Equal("Ticket.AlreadyRated", again.Code);

        var day = CenterTime.Today(Clock);
        await As<DailyStatisticsService, int>(Clerk, s => s.RecomputeAsync(day));
        var byService = await As<SatisfactionQueries, IReadOnlyList<SatisfactionRow>>(Clerk, q => q.ByDimensionAsync(Period.Containing(PeriodKind.Day, day), Metrics.ByService));
        Assert.Equal(1, byService.Single(r => r.Key == "场地服务").Counts.VerySatisfied);
        Assert.Equal(1, byService.Single(r => r.Key == "见证服务").Counts.Dissatisfied);
        var total = await As<SatisfactionQueries, IReadOnlyList<SatisfactionRow>>(Clerk, q => q.ByDimensionAsync(Period.Containing(PeriodKind.Day, day), DailyStatistic.Total));
        Assert.Equal(2, total.Single().Counts.Total);

        var followUps = await As<TradingOps.Data.Queue.QueueQueries, IReadOnlyList<TradingOps.Data.Queue.FollowUpRow>>(Clerk, q => q.FollowUpsAsync(openOnly: true));
        var followUp = Assert.Single(followUps);
        Assert.Equal(("GC2026-101", "见证服务", RatingLevel.Dissatisfied), (followUp.TicketCode, followUp.ServiceTypeName, followUp.Level));
        var bad = await As<SatisfactionQueries, IReadOnlyList<BadRatingRow>>(Clerk, q => q.BadRatingsAsync(Period.Containing(PeriodKind.Day, day)));
        Assert.Equal((RatedService.Witness, "第一开标室"), (Assert.Single(bad).Service, bad[0].Window));
    }
}

public sealed class SqliteCertificateTests : CertificateContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();

    [Fact]
    public async Task A_certificate_whose_chain_was_edited_in_the_database_no_longer_matches()
    {
        await SessionAsync("GC2026-101");
        var certificate = await Certificates(c => c.IssueAsync("GC2026-101"));
        await using (var db = await Services.NewContextAsync())
        {
            // Someone with the database file: drops any guard triggers and rewrites an entry's text.
            var triggers = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'WitnessEntries'").ToListAsync();
#pragma warning disable EF1003 // the names come from sqlite_master
            foreach (var trigger in triggers) await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"" + trigger + "\"");
#pragma warning restore EF1003
            await db.Database.ExecuteSqlRawAsync("UPDATE \"WitnessEntries\" SET \"Text\" = '会议开始（改）' WHERE \"ChainKey\" = 'GC2026-101' AND \"Sequence\" = 3");
        }

        var check = await Certificates(c => c.CheckAsync(certificate.Number));

        Assert.Equal(CertificateCheck.Mismatch, check.Check);
    }
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlCertificateTests(PostgreSqlServer server) : CertificateContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_certificate_{Guid.NewGuid():N}");
}
