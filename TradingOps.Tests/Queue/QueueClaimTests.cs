using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TradingOps.Core.Auditing;
using TradingOps.Core.Live;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using TradingOps.Data.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Data.Sqlite;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Queue;

/// <summary>A counter with two windows serving type A, on a real database.</summary>
internal sealed class Counter : IAsyncDisposable
{
    public FakeTimeProvider Clock { get; } = new(CenterTime.At(new DateOnly(2026, 11, 23), new TimeOnly(10, 0)));
    public ServiceProvider Services { get; private set; } = null!;
    public ServiceType TypeA { get; private set; } = null!;
    public List<ServiceWindow> Windows { get; } = [];
    /// <summary>The clerk signed on at each window (same index).</summary>
    public List<Staff> Clerks { get; } = [];

    /// <param name="live">Where the queue publishes its changes (by default nowhere).</param>
    public static async Task<Counter> OpenAsync(DatabaseProvider provider, string connectionString, ILiveEventPublisher? live = null)
    {
        var counter = new Counter();
        counter.Services = live is null ? DataServices.Build(provider, connectionString, clock: counter.Clock) : WithPublisher(provider, connectionString, counter.Clock, live);
        await using (var scope = counter.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await counter.Services.NewContextAsync();
        var center = new Center("Q", "测试中心", null);
        var zone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
        counter.TypeA = new ServiceType("A", "项目登记受理", 1);
        db.AddRange(center, zone, counter.TypeA);
        for (var i = 1; i <= 2; i++)
        {
            var window = new ServiceWindow(zone.Id, i, $"{i}号窗口", [counter.TypeA]);
            var clerk = Fixtures.Clerks.NewStaff($"E{i:000}", $"窗口人员{i}");
            window.SignOn(WindowClerk.Of(clerk), counter.Clock.GetUtcNow());
            counter.Windows.Add(window);
            counter.Clerks.Add(clerk);
        }
        db.AddClerks([.. counter.Clerks]);
        db.AddRange(counter.Windows);
        await db.SaveChangesAsync();
        return counter;
    }

    private static ServiceProvider WithPublisher(DatabaseProvider provider, string connectionString, TimeProvider clock, ILiveEventPublisher live)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(), ["Database:ConnectionString"] = connectionString, ["Database:SeedDemoData"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddSingleton(live); // before the data layer, which only adds its no-op publisher when none is registered
        services.AddTradingOpsData(configuration, Path.GetTempPath());
        services.AddScoped<ICurrentActor>(_ => new FixedActor(Actor.System("test")));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public QueueService Queue() => Services.CreateScope().ServiceProvider.GetRequiredService<QueueService>();

    /// <summary>The queue as the clerk of window <paramref name="index"/> (0-based) uses it.</summary>
    public QueueService Queue(int index) => Services.QueueAs(Clerks[index]);

    public async Task<IssuedTicket> IssueAsync()
    {
        var issued = await Queue().IssueAsync(TypeA.Id, TicketChannel.Kiosk);
        Clock.Advance(TimeSpan.FromSeconds(30));
        return issued;
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}

public sealed class SqliteQueueClaimTests
{
    [Fact]
    public async Task Sqlite_connections_wait_inside_sqlite_for_a_busy_writer_and_keep_full_durability()
    {
        await using var counter = await Counter.OpenAsync(DatabaseProvider.Sqlite, DataServices.TempSqlite());
        await using var db = await counter.Services.NewContextAsync();
        await db.Database.OpenConnectionAsync();
        Assert.Equal(SqliteConnectionSetup.BusyTimeoutMilliseconds, await PragmaAsync<long>(db, "busy_timeout"));
        Assert.Equal(2L, await PragmaAsync<long>(db, "synchronous")); // 2 = FULL: a commit is on disk when it returns
        Assert.Equal("wal", await PragmaAsync<string>(db, "journal_mode"));
    }

    [Fact]
    public async Task One_write_turn_per_database_file_at_a_time_and_files_do_not_wait_for_each_other()
    {
        var turns = new SqliteWriteTurns();
        await using var one = await Counter.OpenAsync(DatabaseProvider.Sqlite, DataServices.TempSqlite());
        await using var other = await Counter.OpenAsync(DatabaseProvider.Sqlite, DataServices.TempSqlite());
        await using var a1 = await one.Services.NewContextAsync();
        await using var a2 = await one.Services.NewContextAsync();
        await using var b = await other.Services.NewContextAsync();

        var first = await turns.TakeAsync(a1);
        var second = turns.TakeAsync(a2).AsTask();
        var elsewhere = turns.TakeAsync(b).AsTask();
        await elsewhere.WaitAsync(TimeSpan.FromSeconds(10)); // another file: its own turn at once
        await Task.Delay(100);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        (await elsewhere).Dispose();
    }

    [Fact]
    public async Task Calling_next_on_sqlite_claims_the_ticket_in_its_write_turn()
    {
        await using var counter = await Counter.OpenAsync(DatabaseProvider.Sqlite, DataServices.TempSqlite());
        var issued = await counter.IssueAsync();
        var turns = counter.Services.GetRequiredService<SqliteWriteTurns>();
        await using var db = await counter.Services.NewContextAsync();

        var held = await turns.TakeAsync(db);
        var call = counter.Queue(0).CallNextAsync(counter.Windows[0].Id);
        await Task.Delay(200);
        Assert.False(call.IsCompleted); // waits its turn behind the writer that holds it
        held.Dispose();

        var called = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(issued.Id, called?.Id);
        Assert.Equal(TicketStatus.Called, (await db.QueueTickets.AsNoTracking().SingleAsync(t => t.Id == issued.Id)).Status);
    }

    [Fact]
    public async Task A_call_still_being_published_does_not_hold_the_write_turn_from_the_next_window()
    {
        var live = new FirstCallWaits();
        await using var counter = await Counter.OpenAsync(DatabaseProvider.Sqlite, DataServices.TempSqlite(), live);
        var first = await counter.IssueAsync();
        var second = await counter.IssueAsync();

        var firstCall = counter.Queue(0).CallNextAsync(counter.Windows[0].Id);
        await live.Publishing.Task.WaitAsync(TimeSpan.FromSeconds(30)); // window 1's call is committed and being announced
        var secondCall = await counter.Queue(1).CallNextAsync(counter.Windows[1].Id).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(second.Id, secondCall?.Id);
        Assert.False(firstCall.IsCompleted);

        live.Release.SetResult();
        Assert.Equal(first.Id, (await firstCall.WaitAsync(TimeSpan.FromSeconds(30)))?.Id);
    }

    /// <summary>Holds the first announced call until released; everything else goes straight through.</summary>
    private sealed class FirstCallWaits : ILiveEventPublisher
    {
        public TaskCompletionSource Publishing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask PublishAsync(LiveEvent change, CancellationToken cancellationToken = default)
        {
            if (change is TicketChanged { Kind: TicketEventKind.Called } && Publishing.TrySetResult()) await Release.Task;
        }
    }

    [Fact]
    public async Task The_next_number_is_one_above_todays_highest_for_the_prefix_even_after_tickets_are_served()
    {
        await using var counter = await Counter.OpenAsync(DatabaseProvider.Sqlite, DataServices.TempSqlite());
        var queue = counter.Queue(0);
        for (var i = 0; i < 3; i++) await counter.IssueAsync();
        var called = await queue.CallNextAsync(counter.Windows[0].Id);
        await queue.StartServingAsync(called!.Id);
        await queue.FinishAsync(called.Id, ServiceOutcome.Completed, null);

        Assert.Equal("A004", (await counter.IssueAsync()).Code);
    }

    private static async Task<T> PragmaAsync<T>(TradingOpsDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlQueueClaimTests(PostgreSqlServer server)
{
    [Fact]
    public async Task A_window_skips_a_ticket_another_window_has_locked_and_takes_the_next_without_waiting()
    {
        var connectionString = server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
        await using var counter = await Counter.OpenAsync(DatabaseProvider.PostgreSQL, connectionString);
        var first = await counter.IssueAsync();
        var second = await counter.IssueAsync();

        // Another window is in the middle of claiming the first ticket: its row is locked until that commits.
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using var claiming = await other.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("""SELECT "Id" FROM "QueueTickets" WHERE "Id" = @id FOR UPDATE""", other, claiming))
        {
            lockRow.Parameters.AddWithValue("id", first.Id);
            Assert.Equal(first.Id, await lockRow.ExecuteScalarAsync());
        }

        // Waiting for the lock would not finish before the other transaction does: this must not wait.
        var called = await counter.Queue(1).CallNextAsync(counter.Windows[1].Id).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(second.Id, called?.Id);
        await claiming.RollbackAsync();

        // Once released, the first ticket is still there for the next call.
        Assert.Equal(first.Id, (await counter.Queue(0).CallNextAsync(counter.Windows[0].Id))?.Id);
    }
}
