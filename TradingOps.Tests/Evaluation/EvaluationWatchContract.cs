using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Live;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Evaluation.EvaluationTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>
/// The watch on a real database, the same on every provider: each alert raised once, also when two nodes run the job
/// at the same moment; an alert stays after its condition cleared until a person resolves it, saying how.
/// </summary>
public abstract class EvaluationWatchContract : IAsyncLifetime
{
    private ServiceProvider _services = default!;
    protected readonly FakeTimeProvider Clock = new(At("08:00"));
    protected readonly RecordingPublisher Published = new();
    private EvaluationTestData _data = default!;

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Actor.Job("evaluation-watch"), clock: Clock,
            configure: s => s.AddSingleton<ILiveEventPublisher>(Published));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        _data = new EvaluationTestData(_services);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    /// <summary>The job's run on its own scope (a node).</summary>
    private async Task<WatchRun> RunAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EvaluationWatch>().RunAsync();
    }

    /// <summary>Two nodes run the job at the same moment, twice over.</summary>
    private async Task RunOnTwoNodesAsync()
    {
        for (var round = 0; round < 2; round++)
        {
            using var start = new Barrier(2);
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.SignalAndWait();
                await RunAsync();
            })));
        }
    }

    private async Task<List<EvaluationAlert>> AlertsAsync()
    {
        await using var db = await _services.NewContextAsync();
        return await db.EvaluationAlerts.AsNoTracking().OrderBy(a => a.RaisedAt).ToListAsync();
    }

    private async Task<EvaluationAlertRow> ResolveAsync(Guid id, string how, string who)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = Actor.User("dm1", who);
        return await scope.ServiceProvider.GetRequiredService<EvaluationWatch>().ResolveAsync(id, how);
    }

    [Fact]
    public async Task Committee_incomplete_before_start_is_raised_once_when_two_nodes_run_the_watch_at_the_same_moment()
    {
        var s = await _data.SessionAsync("P301", "09:00", "12:00", wanted: 5, accepted: 5, admitted: 3);
        Clock.SetUtcNow(At("08:40")); // 20 minutes before: not yet
        await RunOnTwoNodesAsync();
        Assert.Empty(await AlertsAsync());

        Clock.SetUtcNow(At("08:46"));
        await RunOnTwoNodesAsync();

        var alert = Assert.Single(await AlertsAsync());
        Assert.Equal((EvaluationAlertKind.CommitteeIncomplete, s.Booking.Id, "P301", 2), (alert.Kind, alert.BookingId, alert.RoomCode, alert.Count));
        Assert.Equal("job:evaluation-watch", alert.RaisedBy);
        var raised = Published.Of<EvaluationChanged>().Where(e => e.Change == EvaluationChange.AlertRaised).ToList();
        Assert.NotEmpty(raised);
        Assert.All(raised, e => Assert.Equal(1, e.Counts.OpenAlerts));
    }

    [Fact]
    public async Task Every_kind_of_alert_is_raised_once_across_two_nodes_and_none_carries_a_name_or_the_project()
    {
        var ids = new[] { _data.NewIdNumber() };
        var first = await _data.SessionAsync("P301", "09:00", "12:00", wanted: 3, accepted: 3, admitted: 1, idNumbers: ids);
        var second = await _data.SessionAsync("P302", "11:00", "15:00", wanted: 3, accepted: 2, admitted: 0, idNumbers: ids); // the same person, overlapping
        await _data.AgencyInsideAsync(first, "08:20");
        await _data.GateEventAsync(first, GateEventKind.Refused, GateRefusal.Recused, "该专家已回避", "08:50");
        await _data.GateEventAsync(second, GateEventKind.DoorRefused, GateRefusal.WrongRoom, "非本评标室名单", "09:10", withBooking: false);
        await _data.GateEventAsync(first, GateEventKind.Refused, GateRefusal.NotOnList, "不在今日名单", "08:55"); // no alert of its own
        Clock.SetUtcNow(At("09:20"));

        await RunOnTwoNodesAsync();

        var alerts = await AlertsAsync();
        Assert.Equal(
            new[]
            {
                (EvaluationAlertKind.AgencyStillInside, "P301"), (EvaluationAlertKind.CommitteeIncomplete, "P301"),
                (EvaluationAlertKind.ExpertInTwoSessions, "P301"), (EvaluationAlertKind.ExpertInTwoSessions, "P302"),
                (EvaluationAlertKind.ExpertNotCheckedIn, "P301"), (EvaluationAlertKind.RecusedAtGate, "P301"), (EvaluationAlertKind.WrongRoom, "P302"),
            },
            alerts.Select(a => (a.Kind, a.RoomCode)).OrderBy(a => a.Kind.ToString()).ThenBy(a => a.RoomCode));
        Assert.Equal(2, alerts.Single(a => a.Kind == EvaluationAlertKind.ExpertNotCheckedIn).Count);
        var text = string.Join("\n", alerts.Select(a => $"{a.Detail} {a.Subject}"));
        Assert.All(Names.Append(Project).Append(ProjectName).Concat(ids), secret => Assert.DoesNotContain(secret, text));
    }

    [Fact]
    public async Task An_alert_stays_after_its_condition_cleared_until_a_person_resolves_it_saying_how()
    {
        var s = await _data.SessionAsync("P301", "09:00", "12:00", wanted: 3, accepted: 3, admitted: 3);
        var agency = await _data.AgencyInsideAsync(s, "08:20");
        Clock.SetUtcNow(At("09:05"));
        await RunAsync();
        var alert = Assert.Single(await AlertsAsync());
        Assert.Equal(EvaluationAlertKind.AgencyStillInside, alert.Kind);

        await _data.ExitAsync(agency, "09:08");
        Clock.SetUtcNow(At("09:10"));
        await RunAsync();
        alert = Assert.Single(await AlertsAsync());
        Assert.True(alert.Open); // the condition cleared; the alert is not gone
        await using (var db = await _services.NewContextAsync())
        {
            var state = await EvaluationFloorQueries.StateAsync(db, Day, Clock.GetUtcNow(), default);
            var facts = SessionFacts.FromCounts(s.Booking.Id, s.Room.Id, "P301", s.Booking.StartsAt, s.Booking.EndsAt, null, state.Counts[s.Booking.Id]);
            Assert.False(CrossChecks.StillHolds(alert.Kind, facts, Clock.GetUtcNow(), 15)); // shown as "condition cleared"
            Assert.Equal(1, state.Counts[s.Booking.Id].OpenAlerts);
        }

        await Assert.ThrowsAsync<DomainException>(() => ResolveAsync(alert.Id, "  ", "值班经理 李强")); // how is required
        Assert.True(Assert.Single(await AlertsAsync()).Open);

        Clock.SetUtcNow(At("09:12"));
        var row = await ResolveAsync(alert.Id, "代理机构人员已于 09:08 离场，已提醒", "值班经理 李强");
        Assert.Equal(("值班经理 李强", "代理机构人员已于 09:08 离场，已提醒", At("09:12")), (row.ResolvedBy, row.Resolution, row.ResolvedAt!.Value));
        Assert.Contains(Published.Of<EvaluationChanged>(), e => e.Change == EvaluationChange.AlertResolved && e.Counts.OpenAlerts == 0);

        // Resolved stays resolved: the watch raises the same alert of the session no second time.
        await _data.AgencyInsideAsync(s, "09:20");
        Clock.SetUtcNow(At("09:25"));
        await RunAsync();
        var stored = Assert.Single(await AlertsAsync());
        Assert.False(stored.Open);
        await Assert.ThrowsAsync<DomainException>(() => ResolveAsync(alert.Id, "再次处理", "值班经理 王芳"));

        await using var audit = await _services.NewContextAsync();
        Assert.True(await audit.AuditEntries.AnyAsync(e => e.Entity == nameof(EvaluationAlert) && e.Key == alert.Id.ToString() && e.ActorName == "值班经理 李强"));
    }

    [Fact]
    public async Task An_open_alert_follows_its_numbers_and_gate_refusals_raise_one_alert_each()
    {
        var s = await _data.SessionAsync("P301", "09:00", "12:00", wanted: 4, accepted: 4, admitted: 1);
        Clock.SetUtcNow(At("09:01"));
        await RunAsync();
        Assert.Equal(3, (await AlertsAsync()).Single(a => a.Kind == EvaluationAlertKind.ExpertNotCheckedIn).Count);

        await _data.OutcomeAsync(s.Experts[3], CallOutcome.Recused); // one no longer expected
        await _data.GateEventAsync(s, GateEventKind.Refused, GateRefusal.Recused, "该专家已回避", "09:02");
        await _data.GateEventAsync(s, GateEventKind.Refused, GateRefusal.Recused, "该专家已回避", "09:03"); // presented again: another alert
        Clock.SetUtcNow(At("09:04"));
        var run = await RunAsync();

        var alerts = await AlertsAsync();
        Assert.Equal(2, alerts.Single(a => a.Kind == EvaluationAlertKind.ExpertNotCheckedIn).Count);
        Assert.Equal(2, alerts.Count(a => a.Kind == EvaluationAlertKind.RecusedAtGate));
        Assert.Equal((2, 2), (run.Raised, run.Updated)); // two refusals; experts missing and committee counts followed
    }
}

public sealed class SqliteEvaluationWatchTests : EvaluationWatchContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlEvaluationWatchTests(PostgreSqlServer server) : EvaluationWatchContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}
