using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Evaluation;

/// <summary>
/// The seal on a real SQLite database: reveals refused before the start, one audit entry per member after it with the
/// purpose and the reason, no reveal of another session's member, the session's reveal log, no identity in the audit
/// trail's change records, and the remote settings saved (audited) only before the start.
/// </summary>
public sealed class SealedListDataTests : IAsyncLifetime
{
    private static readonly Actor Witness = Actor.User("user-witness", "supervisor");
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero); // 14:00 in Shanghai
    private readonly FakeTimeProvider _clock = new(Start.AddHours(-2));
    private readonly RecordingPublisher _events = new();
    private ServiceProvider _services = null!;
    private Room _room = null!, _other = null!;
    private SeededSession _session = null!, _otherSession = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Witness, clock: _clock,
            configure: s => s.AddSingleton<ILiveEventPublisher>(_events));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
        _room = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 11, 7);
        _other = new Room(zone.Id, "P302", "第二评标室", RoomType.EvaluationRoom, 11, 7);
        db.AddRange(center, zone, _room, _other);
        await db.SaveChangesAsync();
        await ExpertPoolSeeder.EnsureSpecialtiesAsync(db, CancellationToken.None);
        var protector = _services.GetRequiredService<IIdentityProtector>();
        _session = await SealedSessions.SeedAsync(db, protector, _room, Start, Start.AddHours(3), SealedSessions.Experts, SealedSessions.Representative, seated: 3);
        _otherSession = await SealedSessions.SeedAsync(db, protector, _other, Start.AddDays(1), Start.AddDays(1).AddHours(3),
            [SealedSessions.Person(201, "邻场专家甲")], null, seated: 0, code: "PB-SEAL-0002");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<IReadOnlyList<RevealedMember>> RevealAsync(SeededSession session, RevealPurpose purpose, string why = "评标见证", bool overseer = true, IReadOnlyCollection<Guid>? ids = null) =>
        InScopeAsync(sp => sp.GetRequiredService<EvaluationLedger>().RevealAsync(session.BookingId, ids ?? session.MemberIds, purpose, why, overseer));

    private async Task<List<AuditEntry>> ReadsAsync()
    {
        await using var db = await _services.NewContextAsync();
        return await db.AuditEntries.Where(a => a.Entity == nameof(CommitteeMember) && a.Action == AuditAction.Read).OrderBy(a => a.Id).ToListAsync();
    }

    [Theory]
    [InlineData(RevealPurpose.CommitteeList)]
    [InlineData(RevealPurpose.RoomView)]
    [InlineData(RevealPurpose.Print)]
    public async Task Before_the_start_no_list_room_view_or_print_reveal_is_allowed_and_nothing_is_audited_as_read(RevealPurpose purpose)
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => RevealAsync(_session, purpose));
        Assert.Equal("Reveal.Sealed", e.Code);
        Assert.DoesNotContain(SealedSessions.Experts[0].Name, e.Message);
        Assert.Empty(await ReadsAsync());
    }

    [Fact]
    public async Task After_the_start_the_list_reveals_every_member_with_one_audit_entry_each_naming_the_purpose_the_reason_and_the_session()
    {
        _clock.SetUtcNow(Start.AddMinutes(1));
        var revealed = await RevealAsync(_session, RevealPurpose.CommitteeList, "开标后见证核对名单");
        Assert.Equal(_session.People.Select(p => p.Name), revealed.Select(r => r.Name));
        Assert.All(revealed, r => Assert.Null(r.Phone)); // phones only for a call

        var reads = await ReadsAsync();
        Assert.Equal(_session.MemberIds.Order(), reads.Select(a => Guid.Parse(a.Key)).Order());
        Assert.All(reads, a =>
        {
            Assert.Equal("supervisor", a.ActorName);
            Assert.Equal(Start.AddMinutes(1), a.At);
            var (purpose, why, booking) = CommitteeQueries.RevealOf(a.Changes);
            Assert.Equal((RevealPurpose.CommitteeList, "开标后见证核对名单", _session.BookingId), (purpose, why, booking));
            Assert.DoesNotContain(_session.People, p => p.Secrets.Any(a.Changes.Contains));
        });
    }

    [Fact]
    public async Task After_the_start_only_an_overseer_sees_the_list_or_prints_it()
    {
        _clock.SetUtcNow(Start.AddMinutes(1));
        await Assert.ThrowsAsync<DomainException>(() => RevealAsync(_session, RevealPurpose.CommitteeList, overseer: false));
        await Assert.ThrowsAsync<DomainException>(() => RevealAsync(_session, RevealPurpose.Print, overseer: false));
        Assert.Equal(3, (await RevealAsync(_session, RevealPurpose.RoomView, overseer: false, ids: _session.MemberIds.Take(3).ToList())).Count);
    }

    [Fact]
    public async Task A_member_of_another_session_is_not_revealed_through_this_session()
    {
        _clock.SetUtcNow(Start.AddDays(2)); // both sessions have started
        var e = await Assert.ThrowsAsync<DomainException>(() =>
            RevealAsync(_session, RevealPurpose.CommitteeList, ids: [_session.MemberIds[0], _otherSession.MemberIds[0]]));
        Assert.Equal("Reveal.UnknownMember", e.Code);
        Assert.Empty(await ReadsAsync());
    }

    [Fact]
    public async Task A_reveal_needs_a_reason()
    {
        _clock.SetUtcNow(Start.AddMinutes(1));
        var e = await Assert.ThrowsAsync<DomainException>(() => RevealAsync(_session, RevealPurpose.CommitteeList, why: "  "));
        Assert.Equal("Reveal.Why", e.Code);
    }

    [Fact]
    public async Task The_sessions_reveal_log_lists_who_when_for_what_and_why_one_line_per_reveal_and_not_the_other_sessions()
    {
        _clock.SetUtcNow(Start.AddMinutes(1));
        await RevealAsync(_session, RevealPurpose.CommitteeList, "评标见证");
        _clock.Advance(TimeSpan.FromMinutes(5));
        await RevealAsync(_session, RevealPurpose.Print, "存档打印", ids: _session.MemberIds.Take(5).ToList());
        _clock.SetUtcNow(Start.AddDays(2));
        await RevealAsync(_otherSession, RevealPurpose.CommitteeList, "另一场");

        var log = await InScopeAsync(sp => sp.GetRequiredService<CommitteeQueries>().RevealsAsync(_session.BookingId));
        Assert.Equal(
            [(Start.AddMinutes(6), "supervisor", (RevealPurpose?)RevealPurpose.Print, "存档打印", 5), (Start.AddMinutes(1), "supervisor", RevealPurpose.CommitteeList, "评标见证", 6)],
            log.Select(r => (r.At, r.Who, r.Purpose, r.Why, r.Members)));
    }

    [Fact]
    public async Task The_audit_trail_of_members_holds_neither_the_identities_nor_their_ciphertext()
    {
        await using var db = await _services.NewContextAsync();
        var trail = await db.AuditEntries.Where(a => a.Entity == nameof(CommitteeMember) || a.Entity == nameof(GateAdmission) || a.Entity == nameof(DrawRequest))
            .Select(a => a.Changes).ToListAsync();
        Assert.Contains(trail, c => c.Contains("***")); // the protected fields are there, masked
        Assert.DoesNotContain(trail, c => c.Contains("CfDJ8")); // ASP.NET Data Protection payloads begin so
        var secrets = _session.People.Concat(_otherSession.People).SelectMany(p => p.Secrets).ToList();
        Assert.DoesNotContain(trail, c => secrets.Any(c.Contains));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(ExpertEngagement)));
    }

    [Fact]
    public async Task The_committee_rows_carry_the_gate_admission_and_no_name()
    {
        var rows = await InScopeAsync(sp => sp.GetRequiredService<CommitteeQueries>().MembersAsync(_session.BookingId));
        Assert.Equal(6, rows.Count);
        Assert.Equal([1, 2, 3, null, null, null], rows.Select(r => r.Seat));
        Assert.Equal("A-001", rows[0].Locker);
        Assert.Equal("房屋建筑工程", rows[0].SpecialtyName);
        Assert.Equal(MemberKind.InitiatorRepresentative, rows[^1].Kind);
        var text = string.Join("|", rows.Select(r => r.ToString()));
        Assert.DoesNotContain(_session.People, p => p.Secrets.Any(text.Contains));
    }

    [Fact]
    public async Task Remote_settings_are_saved_audited_and_published_within_the_rooms_seats_before_the_start()
    {
        var saved = await InScopeAsync(sp => sp.GetRequiredService<RemoteEvaluationService>().SaveAsync(_session.BookingId, RemoteRole.Host, "邻市公共资源交易中心", 2));
        Assert.Equal((RemoteRole.Host, "邻市公共资源交易中心", 2, 7), (saved.Role, saved.Partner, saved.Seats, saved.RoomSeats));
        var tooMany = await Assert.ThrowsAsync<DomainException>(() =>
            InScopeAsync(sp => sp.GetRequiredService<RemoteEvaluationService>().SaveAsync(_session.BookingId, RemoteRole.Host, "邻市", 8)));
        Assert.Contains("远程专家席位数", tooMany.Message);

        await using (var db = await _services.NewContextAsync())
        {
            var stored = await db.DrawRequests.SingleAsync(r => r.BookingId == _session.BookingId);
            Assert.Equal((RemoteRole.Host, 2), (stored.Remote, stored.RemoteSeats));
            var audit = await db.AuditEntries.Where(a => a.Entity == nameof(DrawRequest) && a.Action == AuditAction.Modified).SingleAsync();
            Assert.Equal("supervisor", audit.ActorName);
            Assert.Contains("RemoteSeats", audit.Changes);
        }
        var published = Assert.Single(_events.Of<EvaluationChanged>());
        Assert.Equal((_session.BookingId, EvaluationChange.RequestSaved), (published.BookingId, published.Change));

        _clock.SetUtcNow(Start);
        var late = await Assert.ThrowsAsync<DomainException>(() =>
            InScopeAsync(sp => sp.GetRequiredService<RemoteEvaluationService>().SaveAsync(_session.BookingId, RemoteRole.None, null, 0)));
        Assert.Equal("Remote.Started", late.Code);
        Assert.False((await InScopeAsync(sp => sp.GetRequiredService<RemoteEvaluationService>().GetAsync(_session.BookingId)))!.Editable);
    }

    [Fact]
    public async Task Remote_settings_need_a_draw_request()
    {
        Guid bookingId;
        await using (var db = await _services.NewContextAsync())
        {
            var booking = new TradingOps.Core.Floor.RoomBooking(_other, null, "PB-NOREQ", "无申请项目", null, TradingOps.Core.Floor.BookingPurpose.Evaluation, 5,
                Start.AddHours(4), Start.AddHours(6), TimeSpan.Zero, TimeSpan.Zero, "test", Start.AddDays(-1));
            db.Add(booking);
            await db.SaveChangesAsync();
            bookingId = booking.Id;
        }
        Assert.Null(await InScopeAsync(sp => sp.GetRequiredService<RemoteEvaluationService>().GetAsync(bookingId)));
        var e = await Assert.ThrowsAsync<DomainException>(() =>
            InScopeAsync(sp => sp.GetRequiredService<RemoteEvaluationService>().SaveAsync(bookingId, RemoteRole.Host, "邻市", 1)));
        Assert.Equal("Remote.NoRequest", e.Code);
    }

    [Fact]
    public async Task The_room_view_finds_the_rooms_current_session()
    {
        var queries = _services.CreateScope().ServiceProvider.GetRequiredService<CommitteeQueries>();
        Assert.Equal(_session.BookingId, (await queries.RoomSessionAsync(_room.Id, Start.AddHours(-1)))?.BookingId);
        Assert.Equal(_session.BookingId, (await queries.RoomSessionAsync(_room.Id, Start.AddHours(1)))?.BookingId);
        Assert.Null(await queries.RoomSessionAsync(_room.Id, Start.AddHours(4)));
        Assert.Equal([1, 2, 3], (await queries.SeatsAsync(_session.BookingId)).Select(s => s.Seat));
    }
}
