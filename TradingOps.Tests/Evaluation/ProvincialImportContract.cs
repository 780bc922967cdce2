using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Devices;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Evaluation.PoolTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>
/// The provincial import through the database, the same on every provider: it lands in the records of a local draw,
/// every bad input is refused with its field named and nothing saved, a replay is refused, and the database refuses an
/// expert already bound to an overlapping session, also when two terminals import at the same moment.
/// </summary>
public abstract class ProvincialImportContract : IAsyncLifetime
{
    private ServiceProvider _services = default!;
    protected readonly FakeTimeProvider Clock = new(Now);
    protected readonly RecordingPublisher Published = new();
    protected Guid Terminal, SecondTerminal, Session, Overlapping, BidOpening, LocalExpertId;

    protected static readonly DateOnly Tomorrow = new(2026, 12, 3);
    protected static readonly string LocalId = Id("19700101", 1);

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Actor.System("device:省级抽取终端"), clock: Clock,
            configure: s => s.AddSingleton<ILiveEventPublisher>(Published));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using (var db = await _services.NewContextAsync())
        {
            await ExpertPoolSeeder.EnsureSpecialtiesAsync(db, default);
            var center = new Center("TEST", "测试中心", "测试地址");
            var evaluation = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "4F");
            var opening = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
            var p301 = new Room(evaluation.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 12, 9);
            var p302 = new Room(evaluation.Id, "P302", "第二评标室", RoomType.EvaluationRoom, 12, 9);
            var k201 = new Room(opening.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
            var session = Booking(p301, "GC-2026-0101", BookingPurpose.Evaluation, 9, 12, 7);
            var overlapping = Booking(p302, "GC-2026-0102", BookingPurpose.Evaluation, 11, 14, 7);
            var bidOpening = Booking(k201, "GC-2026-0103", BookingPurpose.BidOpening, 9, 10, 20);
            db.AddRange(center, evaluation, opening, p301, p302, k201, session, overlapping, bidOpening);
            await db.SaveChangesAsync();
            (Session, Overlapping, BidOpening) = (session.Id, overlapping.Id, bidOpening.Id);
        }
        await using (var scope = _services.CreateAsyncScope())
        {
            var devices = scope.ServiceProvider.GetRequiredService<DeviceService>();
            Terminal = (await devices.PairAsync(DeviceKind.DrawTerminal, "省级抽取终端", null)).DeviceId;
            SecondTerminal = (await devices.PairAsync(DeviceKind.DrawTerminal, "备用抽取终端", null)).DeviceId;
            LocalExpertId = (await scope.ServiceProvider.GetRequiredService<ExpertPoolService>()
                .AddAsync(new NewExpert("张本地", LocalId, "13900139000", "示范大学", "五华区", ["B01"]))).Id;
        }
    }

    private RoomBooking Booking(Room room, string code, BookingPurpose purpose, int from, int to, int attendees) =>
        new(room, null, code, "示范医院医疗设备采购", "华信招标代理有限公司", purpose, attendees, CenterTime.At(Tomorrow, new(from, 0)),
            CenterTime.At(Tomorrow, new(to, 0)), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "desk", Now);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    protected Task<DrawImportOutcome> ImportAsync(ProvincialDrawResult body, Guid? device = null) =>
        _services.CreateScope().ServiceProvider.GetRequiredService<ProvincialImportService>().ImportAsync(device ?? Terminal, body);

    protected static ProvincialDrawResult Result(string requestId, Guid booking, params ProvincialDrawMember[] members) =>
        new(requestId, booking, "YN-PSZJ-2026-0815", Now.AddMinutes(-20), "李操作", "王监督", members, Initiator: "示范市人民医院");

    private static readonly ProvincialDrawMember[] Three =
    [
        Member("张本地", LocalId, specialty: "A01", employer: "示范理工学院", region: "盘龙区"),
        Member("李新一", Id("19750505", 2), specialty: "A01"),
        Member("王新二", Id("19800808", 3), specialty: "C02", employer: "示范会计师事务所"),
    ];

    private async Task<(int Requests, int Members, int Engagements, int Rounds, int Imports, int Experts, int Quotas)> CountsAsync()
    {
        await using var db = await _services.NewContextAsync();
        return (await db.DrawRequests.CountAsync(), await db.CommitteeMembers.CountAsync(), await db.ExpertEngagements.CountAsync(),
            await db.DrawRounds.CountAsync(), await db.DrawImports.CountAsync(), await db.Experts.CountAsync(), await db.DrawQuotas.CountAsync());
    }

    [Fact]
    public async Task A_provincial_draw_lands_in_the_same_records_as_a_local_draw()
    {
        var outcome = await ImportAsync(Result("req-0001", Session, Three));

        Assert.True(outcome.Succeeded, outcome.Title);
        await using var db = await _services.NewContextAsync();
        var request = await db.DrawRequests.SingleAsync(r => r.BookingId == Session);
        Assert.Equal((DrawRequestStatus.Drawn, DrawSource.Provincial, "李操作", "王监督", "示范市人民医院"),
            (request.Status, request.Source, request.OperatorName, request.ConfirmedBy, request.Initiator));
        Assert.Equal(Now.AddMinutes(-20), request.DrawnAt);
        Assert.Equal(CenterTime.At(Tomorrow, new(9, 0)), request.StartsAt);

        var round = await db.DrawRounds.SingleAsync();
        var codes = (await db.Experts.OrderBy(e => e.Code).Select(e => e.Code).ToListAsync());
        Assert.Equal(["E00001", "P00001", "P00002"], codes);
        Assert.Equal((DrawRoundKind.ProvincialImport, 3, 3, "[]", "[]"), (round.Kind, round.Wanted, round.CandidateCount, round.ExclusionsJson, round.RandomJson));
        Assert.Equal(ProvincialDraw.Candidates(codes), (round.CandidatesJson, round.CandidatesHash));
        Assert.Equal("[\"E00001\",\"P00001\",\"P00002\"]", round.PicksJson);
        Assert.Contains("YN-PSZJ-2026-0815", round.Reason);

        var members = await db.CommitteeMembers.OrderBy(m => m.Order).ToListAsync();
        Assert.Equal([1, 2, 3], members.Select(m => m.Order));
        Assert.All(members, m => Assert.Equal((MemberKind.Expert, CallOutcome.Pending, round.Id, request.Id, Session), (m.Kind, m.Outcome, m.RoundId, m.RequestId, m.BookingId)));
        Assert.Equal(LocalExpertId, members[0].ExpertId);
        Assert.Equal(3 * 6, await db.ExpertEngagements.CountAsync(e => e.BookingId == Session)); // 09:00–12:00: six half hours each
        Assert.Equal([("A01", 2), ("C02", 1)], (await db.DrawQuotas.Where(q => q.RequestId == request.Id).ToListAsync())
            .OrderBy(q => q.SpecialtyCode).Select(q => (q.SpecialtyCode, q.Count)));

        // The pool: the local expert stays local with the province's employer and the drawn specialty added; the others are new.
        var local = await db.Experts.SingleAsync(e => e.Id == LocalExpertId);
        Assert.Equal((ExpertSource.LocalPool, "示范理工学院", "盘龙区", "B01,A01"), (local.Source, local.Employer, local.Region, local.Specialties));
        Assert.All(await db.Experts.Where(e => e.Code.StartsWith("P")).ToListAsync(), e => Assert.Equal(ExpertSource.Provincial, e.Source));

        var import = await db.DrawImports.SingleAsync();
        Assert.Equal((Terminal, "req-0001", round.Id, 3), (import.DeviceId, import.ExternalRequestId, import.RoundId, import.Members));

        var published = Assert.Single(Published.Of<EvaluationChanged>());
        Assert.Equal((EvaluationChange.Imported, Session, 3, 3), (published.Change, published.BookingId, published.Counts.Wanted, published.Counts.OnList));
        var everything = JsonSerializer.Serialize(published) + JsonSerializer.Serialize(outcome)
                         + string.Join(" ", await db.AuditEntries.Select(a => a.Changes).ToListAsync());
        foreach (var name in new[] { "张本地", "李新一", "王新二" }) Assert.DoesNotContain(name, everything);
        Assert.DoesNotContain(LocalId, everything);
    }

    [Fact]
    public async Task Each_bad_input_is_refused_with_its_field_named_and_nothing_saved()
    {
        var before = await CountsAsync();
        var cases = new (ProvincialDrawResult Body, ImportRefusal Refusal, string Field)[]
        {
            (Result("bad-1", Session, Three[0], Member("李新一", WrongChecksum(Id("19750505", 2)))), ImportRefusal.Invalid, "members[1].idNumber"),
            (Result("bad-2", Session, Member("李新一", Id("19750505", 2), specialty: "Z99")), ImportRefusal.Invalid, "members[0].specialtyCode"),
            (Result("bad-3", Guid.CreateVersion7(), Three), ImportRefusal.UnknownBooking, "bookingId"),
            (Result("bad-4", BidOpening, Three), ImportRefusal.NotAllowed, "bookingId"),
            (Result("bad-5", Session, Three) with { Confirmer = "李操作" }, ImportRefusal.Invalid, "confirmer"),
            (Result("bad-6", Session, Three) with { Initiator = null }, ImportRefusal.Invalid, "initiator"), // the booking names no registered project
        };
        foreach (var (body, refusal, field) in cases)
        {
            var outcome = await ImportAsync(body);
            Assert.Equal(refusal, outcome.Refusal);
            Assert.True(outcome.Errors.ContainsKey(field), $"{body.RequestId}: {string.Join(", ", outcome.Errors.Keys)}");
        }
        Assert.Equal(before, await CountsAsync());
        Assert.Empty(Published.Events);
    }

    [Fact]
    public async Task An_import_after_the_evaluation_started_is_refused()
    {
        Clock.SetUtcNow(CenterTime.At(Tomorrow, new(9, 1)));

        var outcome = await ImportAsync(Result("late-1", Session, Three));

        Assert.Equal((ImportRefusal.NotAllowed, "评标已开始，不能再导入抽取结果"), (outcome.Refusal, outcome.Title));
        Assert.Equal(0, (await CountsAsync()).Members);
    }

    [Fact]
    public async Task A_replayed_request_id_is_refused_as_a_duplicate_and_changes_nothing()
    {
        var first = await ImportAsync(Result("req-0001", Session, Three));
        var after = await CountsAsync();

        var replay = await ImportAsync(Result("req-0001", Session, Three));

        Assert.Equal(ImportRefusal.Replay, replay.Refusal);
        Assert.StartsWith("重复请求", replay.Title);
        Assert.Equal(first.ImportId, replay.ImportId);
        Assert.Equal(after, await CountsAsync());
        Assert.Single(Published.Events);
        // The same id from another terminal is another request: it meets the drawn session and is refused for that.
        var other = await ImportAsync(Result("req-0001", Session, Three), SecondTerminal);
        Assert.Equal(ImportRefusal.Conflict, other.Refusal);
        Assert.Equal(after, await CountsAsync());
    }

    [Fact]
    public async Task A_session_already_drawn_takes_no_second_import()
    {
        Assert.True((await ImportAsync(Result("req-0001", Session, Three[1]))).Succeeded);

        var second = await ImportAsync(Result("req-0002", Session, Three[2]));

        Assert.Equal(ImportRefusal.Conflict, second.Refusal);
        Assert.Contains("已完成专家抽取", second.Title);
        Assert.Equal(1, (await CountsAsync()).Members);
    }

    [Fact]
    public async Task An_expert_already_drawn_for_an_overlapping_session_is_refused_by_the_database_naming_the_masked_id()
    {
        Assert.True((await ImportAsync(Result("req-0001", Session, Three))).Succeeded);
        var after = await CountsAsync();

        var clash = await ImportAsync(Result("req-0002", Overlapping, Member("赵另一", Id("19850101", 4)), Three[1]));

        Assert.Equal(ImportRefusal.Conflict, clash.Refusal);
        var error = Assert.Single(clash.Errors);
        Assert.Equal("members[1].idNumber", error.Key);
        Assert.Contains(IdNumber.Mask(Three[1].IdNumber), error.Value[0]);
        Assert.DoesNotContain("李新一", clash.Title + error.Value[0]);
        Assert.Equal(after, await CountsAsync()); // not the request, not the new expert, not the first member: nothing
        await using var db = await _services.NewContextAsync();
        Assert.False(await db.DrawRequests.AnyAsync(r => r.BookingId == Overlapping));
    }

    [FullLane]
    [Fact]
    public async Task Two_terminals_importing_the_same_expert_for_overlapping_sessions_at_once_get_exactly_one_import()
    {
        using var start = new Barrier(2);
        var attempts = new[] { (Session, Terminal, "par-1"), (Overlapping, SecondTerminal, "par-2") }.Select(a => Task.Run(async () =>
        {
            var service = _services.CreateScope().ServiceProvider.GetRequiredService<ProvincialImportService>();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return await service.ImportAsync(a.Item2, Result(a.Item3, a.Item1, Three[1], Three[2]));
        })).ToArray();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Single(outcomes, o => o.Refusal == ImportRefusal.Conflict);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(2, await db.CommitteeMembers.CountAsync());
        Assert.Equal(1, await db.DrawRequests.CountAsync());
        Assert.Equal(2, await db.Experts.CountAsync(e => e.Source == ExpertSource.Provincial));
    }
}

public sealed class SqliteProvincialImportTests : ProvincialImportContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlProvincialImportTests(PostgreSqlServer server) : ProvincialImportContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}
