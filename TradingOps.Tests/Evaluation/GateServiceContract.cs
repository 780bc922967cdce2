using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Live;
using TradingOps.Data;
using TradingOps.Data.Devices;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Evaluation.GateTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>The gate on a real database: who is admitted, refused and recorded; seats, lockers, passes, doors, replays, parallel calls.</summary>
public abstract class GateServiceContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private readonly FakeTimeProvider _clock = new(At("2026-12-03 08:30"));
    private readonly RecordingPublisher _events = new();
    private readonly TestActor _actor = new(Actor.User("u-guard", "guard"));
    private string _connection = null!;
    private ServiceProvider _services = null!;
    private IIdentityProtector _protector = null!;
    private Site _site = null!;
    private Session _session = null!; // P301, 09:00-13:00 today

    public async Task InitializeAsync()
    {
        _connection = NewDatabase();
        _services = Node();
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        _protector = _services.GetRequiredService<IIdentityProtector>();
        await using var db = await _services.NewContextAsync();
        _site = await SiteAsync(db);
        _session = await SessionAsync(db, _site.P301, At("2026-12-03 09:00"));
    }

    /// <summary>A node of the app on this test's database (the concurrency tests run two).</summary>
    private ServiceProvider Node()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = _connection,
            ["Database:SeedDemoData"] = "false",
            ["Evaluation:LockerCount"] = "40",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ILiveEventPublisher>(_events);
        services.AddTradingOpsData(configuration, Path.GetTempPath());
        services.AddSingleton<ICurrentActor>(_actor);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> Gate<T>(Func<GateService, Task<T>> action, ServiceProvider? node = null)
    {
        await using var scope = (node ?? _services).CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<GateService>());
    }

    private Task<GateAnswer> Admit(int id, bool deviceCheck = true, DeviceIdentity? device = null, string? requestId = null, DateTimeOffset? at = null,
        ServiceProvider? node = null, PersonKind? person = null) =>
        Gate(g => g.AdmitAsync(new GatePresentation(Id(id), deviceCheck, person, null, device, requestId ?? (device is null ? null : Guid.NewGuid().ToString("N")),
            device is null ? null : at ?? _clock.GetUtcNow())), node);

    private async Task<CommitteeMember> Member(int id, CallOutcome outcome = CallOutcome.Accepted, Session? session = null, MemberKind kind = MemberKind.Expert)
    {
        await using var db = await _services.NewContextAsync();
        return await MemberAsync(db, _protector, session ?? _session, id, outcome, kind);
    }

    private async Task<(List<GateAdmission> Admissions, List<GateEvent> Events)> SavedAsync()
    {
        await using var db = await _services.NewContextAsync();
        return (await db.GateAdmissions.AsNoTracking().ToListAsync(), await db.GateEvents.AsNoTracking().ToListAsync());
    }

    private async Task<DeviceIdentity> DeviceAsync(DeviceKind kind, Guid? roomId = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var devices = scope.ServiceProvider.GetRequiredService<DeviceService>();
        var paired = await devices.PairAsync(kind, kind == DeviceKind.RoomDoor ? "P门禁" : "评标区门禁1", null, default, roomId);
        return (await devices.AuthenticateAsync(paired.Secret))!;
    }

    [Fact]
    public async Task A_confirmed_expert_on_todays_list_is_admitted_with_a_seat_and_a_locker_the_event_recorded_and_the_change_published()
    {
        var member = await Member(1);

        var answer = await Admit(1);

        Assert.True(answer.Admitted);
        Assert.Equal(GateEventKind.Admitted, answer.Kind);
        Assert.Equal(("P301", "第一评标室", PersonKind.Expert), (answer.RoomCode, answer.RoomName, answer.Person));
        Assert.InRange(answer.Seat!.Value, 1, 25);
        Assert.Matches(@"^A-0[0-4]\d$", answer.Locker);
        Assert.Equal(member.Id, answer.MemberId);
        Assert.Equal(IdNumber.Mask(Id(1)), answer.IdMasked);
        var (admissions, events) = await SavedAsync();
        var admission = Assert.Single(admissions);
        Assert.Equal((answer.Seat, answer.Locker, "guard"), (admission.Seat, admission.Locker, admission.By));
        Assert.Equal(GateEventKind.Admitted, Assert.Single(events).Kind);
        var change = Assert.Single(_events.Of<EvaluationChanged>());
        Assert.Equal((EvaluationChange.Admitted, 1), (change.Change, change.Counts.ExpertsInside));
    }

    [Fact]
    public async Task Gate_decisions_land_in_the_projects_witness_log_by_expert_code_and_seat_never_by_name_and_the_chain_stays_intact()
    {
        await Member(1);
        await Member(3, CallOutcome.Recused);

        var admitted = await Admit(1);
        await Admit(3);

        await using var db = await _services.NewContextAsync();
        var chain = await TradingOps.Data.Witness.WitnessLog.ChainAsync(db, _session.Booking.ProjectCode);
        Assert.Equal([TradingOps.Core.Witness.WitnessCodes.GateAdmitted, TradingOps.Core.Witness.WitnessCodes.GateRefused], chain.Select(e => e.Code));
        Assert.All(chain, e => Assert.Equal((TradingOps.Core.Witness.WitnessEntryKind.System, (Guid?)_session.Booking.Id, "guard"), (e.Kind, e.BookingId, e.Actor)));
        Assert.Contains($"专家 E00001，座位 {admitted.Seat}", chain[0].Text);
        Assert.Contains($"专家 E00003；拒绝代码 {GateRefusal.Recused}", chain[1].Text);
        Assert.DoesNotContain(chain, e => e.Text.Contains("专家1") || e.Text.Contains("专家3") || (e.Data ?? "").Contains(Id(1)));
        Assert.True(TradingOps.Core.Witness.WitnessChain.Verify(_session.Booking.ProjectCode, chain).Intact);
    }

    [Fact]
    public async Task An_identity_on_no_list_and_holding_no_pass_is_refused_and_the_refusal_recorded()
    {
        await Member(1);

        var answer = await Admit(2);

        Assert.False(answer.Admitted);
        Assert.Equal(GateRefusal.NotOnList, answer.Code);
        var (admissions, events) = await SavedAsync();
        Assert.Empty(admissions);
        var e = Assert.Single(events);
        Assert.Equal((GateEventKind.Refused, GateRefusal.NotOnList), (e.Kind, GateRefusal.CodeOf(e.Reason)));
        Assert.Equal(_protector.Fingerprint(Id(2)), e.IdFingerprint);
    }

    [Theory]
    [InlineData(CallOutcome.Recused)]
    [InlineData(CallOutcome.Declined)]
    [InlineData(CallOutcome.NoAnswer)]
    public async Task A_recused_declined_or_unreachable_expert_is_refused_with_the_recused_code_on_the_session(CallOutcome outcome)
    {
        await Member(3, outcome);

        var answer = await Admit(3);

        Assert.False(answer.Admitted);
        Assert.Equal(GateRefusal.Recused, answer.Code);
        var e = Assert.Single((await SavedAsync()).Events);
        Assert.Equal((_session.Booking.Id, _site.P301.Id, PersonKind.Expert), (e.BookingId!.Value, e.RoomId!.Value, e.Person!.Value));
        Assert.StartsWith("recused: ", e.Reason);
        Assert.Equal(EvaluationChange.Refused, Assert.Single(_events.Of<EvaluationChanged>()).Change);
    }

    [Fact]
    public async Task An_expert_replaced_by_a_redraw_is_refused_as_recused()
    {
        var replaced = await Member(4);
        var other = await Member(5);
        await using (var db = await _services.NewContextAsync())
        {
            var m = await db.CommitteeMembers.SingleAsync(x => x.Id == replaced.Id);
            db.Entry(m).Property(x => x.ReplacedById).CurrentValue = other.Id;
            await db.SaveChangesAsync();
        }

        Assert.Equal(GateRefusal.Recused, (await Admit(4)).Code);
    }

    [Fact]
    public async Task The_gate_admits_only_within_the_window_around_the_session_start()
    {
        await Member(6);
        _clock.AdjustTime(At("2026-12-03 07:29")); // opens 90 minutes before 09:00
        var early = await Admit(6);
        Assert.Equal(GateRefusal.OutsideWindow, early.Code);
        Assert.Contains("07:30-10:00", early.Reason);

        _clock.AdjustTime(At("2026-12-03 10:01")); // closes 60 minutes after
        Assert.Equal(GateRefusal.OutsideWindow, (await Admit(6)).Code);

        _clock.AdjustTime(At("2026-12-03 07:30"));
        Assert.True((await Admit(6)).Admitted);
    }

    [Fact]
    public async Task A_second_entry_is_refused_an_exit_is_recorded_and_only_a_duty_managers_override_with_a_reason_lets_the_person_back()
    {
        await Member(7);
        var first = await Admit(7);
        Assert.Equal(GateRefusal.AlreadyEntered, (await Admit(7)).Code); // still inside

        var exit = await Gate(g => g.ExitAsync(new GatePresentation(Id(7))));
        Assert.Equal(GateEventKind.Exited, exit.Kind);
        var refused = await Admit(7);
        Assert.Equal(GateRefusal.AlreadyEntered, refused.Code);
        Assert.Contains("值班经理", refused.Reason);

        await Assert.ThrowsAsync<DomainException>(() => Gate(g => g.OverrideAsync(new GatePresentation(Id(7)), "  ")));
        _actor.Actor = Actor.User("u-duty", "duty");
        var back = await Gate(g => g.OverrideAsync(new GatePresentation(Id(7)), "取回遗落的评标资料"));

        Assert.True(back.Admitted);
        Assert.Equal(GateEventKind.ReEntry, back.Kind);
        Assert.Equal((first.Seat, first.Locker, 1), (back.Seat, back.Locker, back.ReEntries));
        var (admissions, events) = await SavedAsync();
        var admission = Assert.Single(admissions);
        Assert.True(admission.Inside);
        Assert.Equal(1, admission.ReEntries);
        var reentry = Assert.Single(events, e => e.Kind == GateEventKind.ReEntry);
        Assert.Equal(("duty", "值班经理核准：取回遗落的评标资料"), (reentry.By, reentry.Reason));
        Assert.Single(events, e => e.Kind == GateEventKind.Exited);
        Assert.Equal(2, events.Count(e => e.Kind == GateEventKind.Refused)); // the override without a reason saved nothing
        Assert.Contains(_events.Of<EvaluationChanged>(), c => c.Change == EvaluationChange.Exited);
    }

    [Fact]
    public async Task An_override_does_not_let_in_a_recused_expert_nor_skip_the_device_check()
    {
        await Member(8, CallOutcome.Recused);
        await Member(9);
        _actor.Actor = Actor.User("u-duty", "duty");
        Assert.Equal(GateRefusal.Recused, (await Gate(g => g.OverrideAsync(new GatePresentation(Id(8)), "现场要求"))).Code);
        var failed = await Gate(g => g.OverrideAsync(new GatePresentation(Id(9), DeviceCheckPassed: false), "现场要求"));
        Assert.Equal(GateEventKind.DeviceCheckFailed, failed.Kind);
        Assert.Empty((await SavedAsync()).Admissions);
    }

    [Fact]
    public async Task A_late_member_after_the_window_comes_in_only_on_a_duty_managers_override()
    {
        await Member(10);
        _clock.AdjustTime(At("2026-12-03 10:30"));
        Assert.Equal(GateRefusal.OutsideWindow, (await Admit(10)).Code);
        var late = await Gate(g => g.OverrideAsync(new GatePresentation(Id(10)), "交通事故延误，经监督同意"));
        Assert.True(late.Admitted);
        Assert.NotNull(late.Seat);
    }

    [Fact]
    public async Task A_failed_device_check_is_refused_and_recorded_as_such_with_nothing_admitted()
    {
        await Member(11);

        var answer = await Admit(11, deviceCheck: false);

        Assert.False(answer.Admitted);
        Assert.Equal((GateEventKind.DeviceCheckFailed, GateRefusal.DeviceCheck), (answer.Kind, answer.Code));
        var (admissions, events) = await SavedAsync();
        Assert.Empty(admissions);
        Assert.Equal((GateEventKind.DeviceCheckFailed, _session.Booking.Id), (Assert.Single(events).Kind, events[0].BookingId!.Value));
        Assert.True((await Admit(11)).Admitted); // checked again without the phone
    }

    [Fact]
    public async Task A_wrong_checksum_is_refused_naming_the_reason_with_nothing_saved()
    {
        await Member(12);

        var error = await Assert.ThrowsAsync<DomainException>(() => Gate(g => g.AdmitAsync(new GatePresentation(WrongChecksum(12)))));

        Assert.Contains("校验位", error.Message);
        Assert.StartsWith(GateRefusal.InvalidIdentity, error.Message);
        var (admissions, events) = await SavedAsync();
        Assert.Empty(admissions);
        Assert.Empty(events);
    }

    [Fact]
    public async Task A_representative_of_the_initiator_is_admitted_with_a_seat()
    {
        await Member(13, kind: MemberKind.InitiatorRepresentative);
        var answer = await Admit(13);
        Assert.Equal((true, PersonKind.InitiatorRepresentative), (answer.Admitted, answer.Person));
        Assert.NotNull(answer.Seat);
    }

    [Fact]
    public async Task Seats_are_drawn_among_the_free_ones_and_never_the_highest_reserved_for_remote_experts()
    {
        Session small;
        await using (var db = await _services.NewContextAsync())
        {
            var room = new TradingOps.Core.Organisation.Room(_site.Zone.Id, "P303", "第三评标室", TradingOps.Core.Organisation.RoomType.EvaluationRoom, 10, 6);
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            small = await SessionAsync(db, room, At("2026-12-03 09:30"), remoteSeats: 2);
        }
        for (var i = 0; i < 5; i++) await Member(20 + i, session: small);

        var answers = new List<GateAnswer>();
        for (var i = 0; i < 5; i++) answers.Add(await Admit(20 + i));

        Assert.All(answers, a => Assert.True(a.Admitted));
        Assert.Equal([1, 2, 3, 4], answers.Take(4).Select(a => a.Seat!.Value).Order());
        Assert.Null(answers[4].Seat); // seats 5 and 6 are the remote experts'
        Assert.Contains("无空闲评标工位", answers[4].Reason);
    }

    [Fact]
    public async Task A_locker_is_given_once_a_day_even_after_its_holder_left()
    {
        var other = await SessionAsync(await _services.NewContextAsync(), _site.P302, At("2026-12-03 09:00"));
        for (var i = 0; i < 20; i++) await Member(30 + i);
        for (var i = 0; i < 20; i++) await Member(60 + i, session: other);
        var lockers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            lockers.Add((await Admit(30 + i)).Locker!);
            await Gate(g => g.ExitAsync(new GatePresentation(Id(30 + i))));
        }
        for (var i = 0; i < 20; i++) lockers.Add((await Admit(60 + i)).Locker!);

        Assert.Equal(40, lockers.Distinct().Count()); // 40 lockers configured: every one given once
        await Member(90, session: other);
        var none = await Admit(90);
        Assert.True(none.Admitted);
        Assert.Null(none.Locker);
        Assert.Contains("储物柜已满", none.Reason);
    }

    [Fact]
    public async Task An_agency_preparation_pass_admits_before_the_start_and_expires_at_it_and_a_later_pass_needs_a_reason_and_a_supervisor()
    {
        _clock.AdjustTime(At("2026-12-03 08:00"));
        await using (var scope = _services.CreateAsyncScope())
        {
            var passes = scope.ServiceProvider.GetRequiredService<AgencyPassService>();
            var prep = await passes.IssueAsync(_session.Booking.Id, new PassDraft("王敏", Id(100), "华信招标代理有限公司", PassReason.Preparation, null));
            Assert.Equal(At("2026-12-03 09:00"), prep.ValidUntil);
        }
        var inside = await Admit(100);
        Assert.Equal((true, PersonKind.AgencyStaff, (int?)null), (inside.Admitted, inside.Person, inside.Seat));
        Assert.NotNull(inside.Locker);
        await Gate(g => g.ExitAsync(new GatePresentation(Id(100))));
        _clock.AdjustTime(At("2026-12-03 08:40"));
        Assert.Equal(GateEventKind.ReEntry, (await Admit(100)).Kind); // in and out while preparing
        await Gate(g => g.ExitAsync(new GatePresentation(Id(100))));

        _clock.AdjustTime(At("2026-12-03 09:00"));
        var expired = await Admit(100);
        Assert.Equal(GateRefusal.PassInvalid, expired.Code);
        Assert.Contains("6.8.4", expired.Reason);

        await using (var scope = _services.CreateAsyncScope())
        {
            var passes = scope.ServiceProvider.GetRequiredService<AgencyPassService>();
            await Assert.ThrowsAsync<DomainException>(() =>
                passes.IssueAsync(_session.Booking.Id, new PassDraft("王敏", Id(100), "华信招标代理有限公司", PassReason.Preparation, null)));
            var noSupervisor = await Assert.ThrowsAsync<DomainException>(() =>
                passes.IssueAsync(_session.Booking.Id, new PassDraft("王敏", Id(100), "华信招标代理有限公司", PassReason.Clarification, " ")));
            Assert.Contains("监督人员", noSupervisor.Message);
            await passes.IssueAsync(_session.Booking.Id, new PassDraft("王敏", Id(100), "华信招标代理有限公司", PassReason.Clarification, "赵监督"));
        }
        var clarification = await Admit(100);
        Assert.Equal((true, GateEventKind.ReEntry), (clarification.Admitted, clarification.Kind));
        var (admissions, events) = await SavedAsync();
        Assert.Equal(PersonKind.AgencyStaff, Assert.Single(admissions).Person);
        Assert.Contains(events, e => e.Kind == GateEventKind.ReEntry && e.Reason!.Contains("澄清"));
    }

    [Fact]
    public async Task A_revoked_pass_admits_nobody()
    {
        _clock.AdjustTime(At("2026-12-03 08:00"));
        await using var scope = _services.CreateAsyncScope();
        var passes = scope.ServiceProvider.GetRequiredService<AgencyPassService>();
        var pass = await passes.IssueAsync(_session.Booking.Id, new PassDraft("王敏", Id(101), "华信招标代理有限公司", PassReason.Preparation, null));
        await passes.RevokeAsync(pass.Id);
        var answer = await Admit(101);
        Assert.Equal(GateRefusal.PassInvalid, answer.Code);
        Assert.Contains("撤销", answer.Reason);
    }

    [Fact]
    public async Task A_room_door_lets_in_the_people_of_its_room_and_refuses_a_person_of_another_room_as_wrong_room()
    {
        await Member(40);
        await Admit(40);
        var ownDoor = await DeviceAsync(DeviceKind.RoomDoor, _site.P301.Id);
        var otherDoor = await DeviceAsync(DeviceKind.RoomDoor, _site.P302.Id);
        GatePresentation Present(DeviceIdentity door, int id) => new(Id(id), Device: door, RequestId: Guid.NewGuid().ToString("N"), DeviceAt: _clock.GetUtcNow());

        var passed = await Gate(g => g.DoorAsync(Present(ownDoor, 40)));
        var wrong = await Gate(g => g.DoorAsync(Present(otherDoor, 40)));
        var stranger = await Gate(g => g.DoorAsync(Present(ownDoor, 41)));

        Assert.Equal((GateEventKind.DoorPassed, true), (passed.Kind, passed.Admitted));
        Assert.Equal((GateEventKind.DoorRefused, GateRefusal.WrongRoom), (wrong.Kind, wrong.Code));
        Assert.Contains("P301", wrong.Reason);
        Assert.Equal(GateRefusal.NotOnList, stranger.Code);
        var doorEvent = (await SavedAsync()).Events.Single(e => e.Kind == GateEventKind.DoorRefused && GateRefusal.CodeOf(e.Reason) == GateRefusal.WrongRoom);
        Assert.Equal((_session.Booking.Id, _site.P302.Id), (doorEvent.BookingId!.Value, doorEvent.RoomId!.Value));
        Assert.Contains(_events.Of<EvaluationChanged>(), c => c.Change == EvaluationChange.DoorPresented && c.BookingId == _session.Booking.Id);
    }

    [Fact]
    public async Task A_replayed_request_id_and_a_stale_device_clock_are_refused_and_admit_nobody()
    {
        await Member(50);
        await Member(51);
        var gate = await DeviceAsync(DeviceKind.EvaluationGate);

        var first = await Admit(50, device: gate, requestId: "req-1");
        await Gate(g => g.ExitAsync(new GatePresentation(Id(50))));
        var replay = await Admit(51, device: gate, requestId: "req-1");
        var stale = await Admit(51, device: gate, requestId: "req-2", at: _clock.GetUtcNow().AddMinutes(-5));
        var future = await Admit(51, device: gate, requestId: "req-3", at: _clock.GetUtcNow().AddMinutes(5));

        Assert.True(first.Admitted);
        Assert.All([replay, stale, future], a => Assert.Equal(GateRefusal.Replay, a.Code));
        Assert.Contains("120", stale.Reason);
        var (admissions, events) = await SavedAsync();
        Assert.Single(admissions);
        Assert.Equal(3, events.Count(e => GateRefusal.CodeOf(e.Reason) == GateRefusal.Replay));
        Assert.Equal("device:评标区门禁1", events.Single(e => e.Kind == GateEventKind.Admitted).By);
        Assert.True((await Admit(51, device: gate, requestId: "req-4")).Admitted);
    }

    [Fact]
    public async Task Twenty_parallel_gate_calls_of_the_same_person_on_two_nodes_admit_once_and_refuse_the_rest_as_already_entered()
    {
        await Member(70);
        await using var second = Node();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Admit(70, node: i % 2 == 0 ? _services : second))));

        Assert.Single(answers, a => a.Admitted);
        Assert.All(answers.Where(a => !a.Admitted), a => Assert.Equal(GateRefusal.AlreadyEntered, a.Code));
        var (admissions, events) = await SavedAsync();
        Assert.Single(admissions);
        Assert.Equal(20, events.Count);
    }

    [Fact]
    public async Task Parallel_gate_calls_of_different_people_on_two_nodes_get_distinct_seats_and_lockers()
    {
        for (var i = 0; i < 20; i++) await Member(200 + i);
        await using var second = Node();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Admit(200 + i, node: i % 2 == 0 ? _services : second))));

        Assert.All(answers, a => Assert.True(a.Admitted, a.Reason));
        Assert.Equal(20, answers.Select(a => a.Seat!.Value).Distinct().Count());
        Assert.Equal(20, answers.Select(a => a.Locker!).Distinct().Count());
        Assert.Equal(20, (await SavedAsync()).Admissions.Count);
    }
}

public sealed class SqliteGateServiceTests : GateServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlGateServiceTests(PostgreSqlServer server) : GateServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_gate_{Guid.NewGuid():N}");
}
