using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Queue;

/// <summary>The queue on a real database: numbering, concurrent calling, one rating per ticket, follow-ups.</summary>
public abstract class QueueServiceContract : IAsyncLifetime
{
    // Monday 2026-11-23 10:00 in Shanghai.
    protected readonly FakeTimeProvider Clock = new(CenterTime.At(new DateOnly(2026, 11, 23), new TimeOnly(10, 0)));
    private ServiceProvider _services = null!;
    private ServiceType _typeA = null!, _typeB = null!;
    private readonly List<ServiceWindow> _windows = [];
    private readonly List<Staff> _clerks = [];
    protected const int Windows = 16;

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), clock: Clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("Q", "测试中心", null);
        var zone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
        _typeA = new ServiceType("A", "项目登记受理", 1);
        _typeB = new ServiceType("B", "场地预约", 2);
        db.AddRange(center, zone, _typeA, _typeB);
        for (var i = 1; i <= Windows; i++)
        {
            var window = new ServiceWindow(zone.Id, i, $"{i}号窗口", [_typeA]);
            var clerk = Clerks.NewStaff($"E{i:000}", $"窗口人员{i}");
            window.SignOn(WindowClerk.Of(clerk), Clock.GetUtcNow());
            _windows.Add(window);
            _clerks.Add(clerk);
        }
        db.AddClerks([.. _clerks]);
        db.AddRange(_windows);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private QueueService Service() => _services.CreateScope().ServiceProvider.GetRequiredService<QueueService>();

    /// <summary>The queue as the clerk signed on at window <paramref name="index"/> (0-based) uses it.</summary>
    private QueueService Clerk(int index) => _services.QueueAs(_clerks[index]);

    [Fact]
    public async Task Numbers_count_up_per_prefix_and_restart_at_midnight_in_Shanghai()
    {
        var service = Service();
        Clock.SetUtcNow(CenterTime.At(new DateOnly(2026, 11, 23), new TimeOnly(23, 58)));
        Assert.Equal("A001", (await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk)).Code);
        Assert.Equal("B001", (await service.IssueAsync(_typeB.Id, TicketChannel.Kiosk)).Code);
        Assert.Equal("A002", (await service.IssueAsync(_typeA.Id, TicketChannel.Staff)).Code);

        Clock.Advance(TimeSpan.FromMinutes(3)); // 00:01 in Shanghai (16:01 UTC: still the same UTC day)
        Assert.Equal("A001", (await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk)).Code);
        Assert.Equal("A002", (await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk)).Code);

        await using var db = await _services.NewContextAsync();
        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)],
            (await db.QueueTickets.Select(t => t.ServiceDate).Distinct().ToListAsync()).Order());
    }

    [Fact]
    public async Task Many_windows_calling_next_at_the_same_instant_never_get_the_same_ticket()
    {
        const int tickets = 48;
        var service = Service();
        for (var i = 0; i < tickets; i++)
        {
            await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk);
            Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = _windows.Select((window, index) => Task.Run(async () =>
        {
            await go.Task;
            var mine = new List<CalledTicket>();
            var queue = Clerk(index);
            while (await queue.CallNextAsync(window.Id) is { } called)
            {
                mine.Add(called);
                await queue.StartServingAsync(called.Id);
                await queue.FinishAsync(called.Id, ServiceOutcome.Completed, null);
            }
            return mine;
        })).ToList();
        go.SetResult();
        var all = (await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(3))).SelectMany(x => x).ToList();

        Assert.Equal(tickets, all.Count);
        Assert.Equal(tickets, all.Select(c => c.Id).Distinct().Count());
        await using var db = await _services.NewContextAsync();
        var calledEvents = await db.TicketEvents.Where(e => e.Kind == TicketEventKind.Called).GroupBy(e => e.TicketId)
            .Select(g => g.Count()).ToListAsync();
        Assert.Equal(tickets, calledEvents.Count);
        Assert.All(calledEvents, n => Assert.Equal(1, n));
        Assert.Equal(tickets, await db.QueueTickets.CountAsync(t => t.Status == TicketStatus.Finished));
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_window_taking_a_ticket_both_read_as_waiting()
    {
        var issued = await Service().IssueAsync(_typeA.Id, TicketChannel.Kiosk);
        await using var one = await _services.NewContextAsync();
        await using var two = await _services.NewContextAsync();
        var seenByOne = await one.QueueTickets.SingleAsync(t => t.Id == issued.Id);
        var seenByTwo = await two.QueueTickets.SingleAsync(t => t.Id == issued.Id);
        seenByOne.CallTo(_windows[0].Id, Clock.GetUtcNow());
        seenByTwo.CallTo(_windows[1].Id, Clock.GetUtcNow());

        await one.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync());

        await using var check = await _services.NewContextAsync();
        Assert.Equal(_windows[0].Id, (await check.QueueTickets.SingleAsync(t => t.Id == issued.Id)).WindowId);
    }

    [Fact]
    public async Task Priority_goes_first_and_a_transfer_keeps_the_original_arrival_time_in_the_database()
    {
        var service = Service();
        var first = await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var green = await service.IssueAsync(_typeA.Id, TicketChannel.Staff, priority: true, priorityReason: "孕妇");

        Assert.Equal(green.Id, (await Clerk(0).CallNextAsync(_windows[0].Id))!.Id);
        Assert.Equal(first.Id, (await Clerk(1).CallNextAsync(_windows[1].Id))!.Id);
        await Clerk(1).TransferAsync(first.Id, _typeA.Id, _windows[2].Id);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk);

        Assert.Equal(second.Id, (await Clerk(3).CallNextAsync(_windows[3].Id))!.Id); // window 3's transfer is not for window 4
        Assert.Equal(first.Id, (await Clerk(2).CallNextAsync(_windows[2].Id))!.Id);
        await using var db = await _services.NewContextAsync();
        var ticket = await db.QueueTickets.SingleAsync(t => t.Id == first.Id);
        Assert.Equal(first.IssuedAt, ticket.ArrivedAt);
        Assert.Equal(_windows[2].Id, ticket.WindowId);
    }

    [Fact]
    public async Task Recalling_past_the_configured_limit_makes_a_no_show()
    {
        var service = Service();
        var issued = await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk);
        await Clerk(0).CallNextAsync(_windows[0].Id);
        await Clerk(0).RecallAsync(issued.Id);
        await Clerk(0).RecallAsync(issued.Id);
        await Clerk(0).RecallAsync(issued.Id); // default limit: 2 recalls

        await using var db = await _services.NewContextAsync();
        Assert.Equal(TicketStatus.NoShow, (await db.QueueTickets.SingleAsync(t => t.Id == issued.Id)).Status);
        Assert.Equal(2, await db.TicketEvents.CountAsync(e => e.TicketId == issued.Id && e.Kind == TicketEventKind.Recalled));
    }

    [Fact]
    public async Task A_ticket_takes_one_rating_and_a_bad_one_opens_a_follow_up_due_on_working_days()
    {
        var service = Service();
        var issued = await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk);
        var called = (await Clerk(0).CallNextAsync(_windows[0].Id))!;
        await Clerk(0).StartServingAsync(called.Id);
        await Clerk(0).FinishAsync(called.Id, ServiceOutcome.Completed, null);

        await service.RateAsync(issued.RatingToken, RatingLevel.VeryDissatisfied, ["等候时间长"], "等了很久", RatingChannel.QrCode);
        var again = await Assert.ThrowsAsync<DomainException>(() =>
            service.RateAsync(issued.RatingToken, RatingLevel.VerySatisfied, null, null, RatingChannel.Pad));
        Assert.Equal("Ticket.AlreadyRated", again.Code);

        await using var db = await _services.NewContextAsync();
        Assert.Equal(1, await db.SatisfactionRatings.CountAsync());
        var followUp = await db.RatingFollowUps.SingleAsync();
        // Rated Monday 2026-11-23: contact by Tuesday's close, resolution 15 working days later (Friday 12-11).
        Assert.Equal(CenterTime.At(new DateOnly(2026, 11, 24), new TimeOnly(17, 30)), followUp.ContactDueAt);
        Assert.Equal(CenterTime.At(new DateOnly(2026, 12, 14), new TimeOnly(17, 30)), followUp.ResolveDueAt);

        await service.CloseFollowUpAsync(followUp.Id, "已电话致歉，增开午间窗口", "supervisor");
        var queries = _services.CreateScope().ServiceProvider.GetRequiredService<QueueQueries>();
        Assert.Empty(await queries.FollowUpsAsync(openOnly: true));
    }
    [Fact]
    public async Task Kpis_are_recomputed_from_todays_tickets_waits_service_no_shows_and_the_15_minute_target()
    {
        var service = Service();
        var ten = CenterTime.At(new DateOnly(2026, 11, 23), new TimeOnly(10, 0));
        async Task<IssuedTicket> IssueAt(int minute) { Clock.SetUtcNow(ten.AddMinutes(minute)); return await service.IssueAsync(_typeA.Id, TicketChannel.Kiosk); }
        var first = await IssueAt(0);
        var second = await IssueAt(5);
        var third = await IssueAt(10);
        await IssueAt(15);

        Clock.SetUtcNow(ten.AddMinutes(20));
        Assert.Equal(first.Id, (await Clerk(0).CallNextAsync(_windows[0].Id))!.Id);   // waited 20 min
        Assert.Equal(second.Id, (await Clerk(1).CallNextAsync(_windows[1].Id))!.Id);  // waited 15 min: within target
        await Clerk(0).StartServingAsync(first.Id);
        Clock.SetUtcNow(ten.AddMinutes(22));
        await Clerk(1).NoShowAsync(second.Id);
        Assert.Equal(third.Id, (await Clerk(1).CallNextAsync(_windows[1].Id))!.Id);   // waited 12 min
        Clock.SetUtcNow(ten.AddMinutes(30));
        await Clerk(0).FinishAsync(first.Id, ServiceOutcome.Completed, null);        // served 10 min
        Clock.SetUtcNow(ten.AddMinutes(35));

        var kpis = await _services.CreateScope().ServiceProvider.GetRequiredService<QueueQueries>().KpisAsync();
        var a = kpis.ByType.Single(t => t.Key == "A");
        Assert.Equal(1, a.WaitingNow);
        Assert.Equal(TimeSpan.FromMinutes(20), a.LongestWaitNow);
        Assert.Equal(TimeSpan.FromMinutes((20 + 15 + 12) / 3.0), a.AverageWait);
        Assert.Equal(TimeSpan.FromMinutes(10), a.AverageService);
        Assert.Equal(2.0 / 3, a.WithinTargetShare!.Value, 3);
        Assert.Equal(1.0 / 3, a.NoShowRate!.Value, 9); // 过号 ÷ 已叫号: one no-show among the three called
        Assert.Equal(4, a.Issued);
        Assert.Equal(1, kpis.ByWindow.Single(w => w.Key == "1").Served);
        Assert.Equal(a.Issued, kpis.Overall.Issued);

        // The same figures again, from the event log alone.
        await using var db = await _services.NewContextAsync();
        var replayed = TicketEventReplay.Figures(await db.TicketEvents.ToListAsync(), TimeSpan.FromMinutes(15));
        Assert.Equal((a.Issued, a.Served, a.NoShows), (replayed.Issued, replayed.Served, replayed.NoShows));
        Assert.Equal(a.AverageWait, replayed.AverageWait);
        Assert.Equal(a.AverageService, replayed.AverageService);
        Assert.Equal(a.WithinTargetShare, replayed.WithinTargetShare);
    }
}

public sealed class SqliteQueueTests : QueueServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlQueueTests(PostgreSqlServer server) : QueueServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}
