using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

/// <summary>Outages, their proposals and accepting them through the database, the same on every provider.</summary>
public abstract class OutageServiceContract : IAsyncLifetime
{
    private ServiceProvider _services = default!;
    protected readonly FakeTimeProvider Clock = new(Nine.AddHours(-2)); // 07:00 local
    protected readonly RecordingPublisher Published = new();
    protected Room K201 = default!, K202 = default!, K203 = default!;

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private static DateTimeOffset At(int hour, int minute = 0) => Nine.AddHours(hour - 9).AddMinutes(minute);

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Actor.User("u1", "desk"), clock: Clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("TEST", "测试中心", "测试地址");
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        K201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        K202 = new Room(zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        K203 = new Room(zone.Id, "K203", "第三开标室", RoomType.BidOpeningRoom, 40, 0);
        db.AddRange(center, zone, K201, K202, K203);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    protected OutageService NewService()
    {
        var scope = _services.CreateScope().ServiceProvider;
        return new OutageService(scope.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>(), scope.GetRequiredService<ICurrentActor>(),
            Published, Clock, Options.Create(new FloorOptions()));
    }

    private async Task<RoomBooking> BookAsync(Room room, DateTimeOffset from, DateTimeOffset to, string code, string? phone = "13800138000", string? email = "zhang@example.com")
    {
        await using var db = await _services.NewContextAsync();
        var booking = Booking(room, from, to, code);
        booking.SetContact("张经理", phone, email);
        booking.Confirm();
        db.RoomBookings.Add(booking);
        await db.SaveChangesAsync();
        return booking;
    }

    private async Task<RoomBooking> StoredAsync(Guid id)
    {
        await using var db = await _services.NewContextAsync();
        return await db.RoomBookings.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    private async Task<List<OutboxMessage>> OutboxAsync(NotificationKind kind)
    {
        await using var db = await _services.NewContextAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).ToListAsync();
    }

    private Task<OutageImpact> OutageAsync(Room room, DateTimeOffset from, DateTimeOffset until, int? seats = null) =>
        NewService().CreateAsync(new OutageRequest(room.Id, from, until, seats, "投影仪维修"));

    [Fact]
    public async Task An_outage_lists_every_booking_it_hits_with_a_proposal_and_offers_it_to_the_contact_in_the_same_transaction()
    {
        var morning = await BookAsync(K201, At(9), At(10), "GC-2026-0001");
        var noon = await BookAsync(K201, At(13), At(14), "GC-2026-0002", email: null);
        await BookAsync(K201, At(15, 30), At(16), "GC-2026-0003"); // held from 15:15: after the outage

        var impact = await OutageAsync(K201, At(8), At(15));

        Assert.Equal([morning.Id, noon.Id], impact.Rows.Select(r => r.Booking.Id));
        Assert.All(impact.Rows, r => Assert.Equal(K202.Id, r.Proposal!.RoomId));
        Assert.All(impact.Rows, r => Assert.Equal(ProposalKind.SameTimeOtherRoom, r.Proposal!.Kind));
        var offered = await OutboxAsync(NotificationKind.ProposalOffered);
        Assert.Equal(3, offered.Count); // SMS and e-mail for the first, SMS only for the second
        Assert.All(offered, m => Assert.Contains("第二开标室", m.Body));
        var change = Assert.IsType<RoomOutageChanged>(Assert.Single(Published.Events));
        Assert.Equal(K201.Id, change.RoomId);
        await using var db = await _services.NewContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Entity == nameof(RoomOutage) && e.ActorName == "desk"));
        Assert.Equal(impact.Rows.Count, (await NewService().ImpactAsync(impact.Outage.Id))!.Rows.Count);
    }

    [Fact]
    public async Task An_outage_ending_before_it_starts_already_over_or_overlapping_another_is_refused_and_nothing_is_saved()
    {
        await OutageAsync(K201, At(10), At(12));
        var service = NewService();
        var backwards = await Assert.ThrowsAsync<DomainException>(() => OutageAsync(K202, At(12), At(10)));
        Assert.Equal("Outage.EndBeforeStart", backwards.Code);
        var past = await Assert.ThrowsAsync<DomainException>(() => OutageAsync(K202, At(5), At(6)));
        Assert.Equal("Outage.InPast", past.Code);
        var overlap = await Assert.ThrowsAsync<DomainException>(() => OutageAsync(K201, At(11), At(13)));
        Assert.Equal("Outage.Overlap", overlap.Code);
        Assert.Contains("投影仪维修", overlap.Message);

        await using var db = await _services.NewContextAsync();
        Assert.Equal(1, await db.RoomOutages.CountAsync());
        Assert.Single(await service.CurrentAsync());
    }

    [Fact]
    public async Task Accepting_one_proposal_moves_the_booking_tells_the_contact_and_publishes_the_move()
    {
        var booking = await BookAsync(K201, At(9), At(10), "GC-2026-0001");
        await BookAsync(K201, At(11), At(12), "GC-2026-0002");
        var impact = await OutageAsync(K201, At(8), At(15));
        Published.Clear();

        var outcome = await NewService().AcceptAsync([impact.Rows[0].Proposal!]);

        Assert.True(outcome.Accepted);
        var stored = await StoredAsync(booking.Id);
        Assert.Equal((K202.Id, At(9), At(10), BookingStatus.Changed), (stored.RoomId, stored.StartsAt, stored.EndsAt, stored.Status));
        var accepted = await OutboxAsync(NotificationKind.ProposalAccepted);
        Assert.Equal(2, accepted.Count);
        Assert.All(accepted, m => Assert.Equal(booking.Id, m.BookingId));
        var moved = Assert.IsType<BookingMoved>(Assert.Single(Published.Events));
        Assert.Equal((K201.Id, K202.Id), (moved.From.RoomId, moved.RoomId));
        // The other hit booking still has its proposal, now around the moved one.
        Assert.Single((await NewService().ImpactAsync(impact.Outage.Id))!.Rows);
    }

    [Fact]
    public async Task Accepting_all_is_one_transaction_a_target_taken_meanwhile_saves_nothing_and_returns_fresh_proposals()
    {
        var morning = await BookAsync(K201, At(9), At(10), "GC-2026-0001");
        var noon = await BookAsync(K201, At(13), At(14), "GC-2026-0002");
        var impact = await OutageAsync(K201, At(8), At(15));
        Assert.All(impact.Rows, r => Assert.Equal(K202.Id, r.Proposal!.RoomId));
        await BookAsync(K202, At(13), At(14), "GC-2026-0099"); // another desk books the noon target meanwhile
        Published.Clear();

        var outcome = await NewService().AcceptAsync(impact.Rows.Select(r => r.Proposal!).ToList());

        Assert.False(outcome.Accepted);
        Assert.Contains("GC-2026-0002", outcome.Message);
        Assert.Equal(K201.Id, (await StoredAsync(morning.Id)).RoomId); // the good first target was not saved either
        Assert.Equal(K201.Id, (await StoredAsync(noon.Id)).RoomId);
        Assert.Empty(await OutboxAsync(NotificationKind.ProposalAccepted));
        Assert.Empty(Published.Events);
        var fresh = outcome.Fresh.Single(r => r.Booking.Id == noon.Id).Proposal!;
        Assert.Equal((K203.Id, At(13)), (fresh.RoomId, fresh.StartsAt));

        var again = await NewService().AcceptAsync(outcome.Fresh.Select(r => r.Proposal!).ToList());
        Assert.True(again.Accepted);
        Assert.Equal(2, Published.Events.OfType<BookingMoved>().Count());
    }

    [Fact]
    public async Task Two_desks_accepting_proposals_for_the_same_free_slot_at_once_exactly_one_wins_the_other_gets_a_fresh_proposal()
    {
        var first = await BookAsync(K201, At(9), At(10), "GC-2026-0001");
        var second = await BookAsync(K202, At(9), At(10), "GC-2026-0002");
        var a = (await OutageAsync(K201, At(8), At(15))).Rows.Single().Proposal!;
        var b = (await OutageAsync(K202, At(8), At(15))).Rows.Single().Proposal!;
        Assert.Equal((K203.Id, At(9)), (a.RoomId, a.StartsAt));
        Assert.Equal((K203.Id, At(9)), (b.RoomId, b.StartsAt)); // both desks are offered the one free slot
        Published.Clear();

        using var start = new Barrier(2);
        var desks = new[] { a, b }.Select(p => Task.Run(async () =>
        {
            var service = NewService();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return await service.AcceptAsync([p]);
        })).ToArray();
        var outcomes = await Task.WhenAll(desks);

        var winner = Assert.Single(outcomes, o => o.Accepted);
        var loser = Assert.Single(outcomes, o => !o.Accepted);
        Assert.Contains("已被占用", loser.Message);
        var fresh = Assert.Single(loser.Fresh).Proposal!;
        Assert.False(fresh.RoomId == K203.Id && fresh.StartsAt == At(9));
        await using var db = await _services.NewContextAsync();
        Assert.Equal(1, await db.RoomBookings.CountAsync(x => x.RoomId == K203.Id));
        Assert.Single(Published.Events.OfType<BookingMoved>());
        var lost = winner.Moved.Single().Id == first.Id ? second : first;
        Assert.Equal(lost.RoomId, (await StoredAsync(lost.Id)).RoomId);

        Assert.True((await NewService().AcceptAsync([fresh])).Accepted);
    }

    [Fact]
    public async Task Returning_a_room_to_service_early_ends_the_outage_frees_its_bookings_and_is_published()
    {
        await BookAsync(K201, At(9), At(10), "GC-2026-0001");
        await BookAsync(K201, At(13), At(14), "GC-2026-0002");
        var impact = await OutageAsync(K201, At(8), At(15));
        Clock.SetUtcNow(At(11));

        var ended = await NewService().ReturnToServiceAsync(impact.Outage.Id);

        Assert.Equal(At(11), ended.EndedAt);
        var now = await NewService().ImpactAsync(impact.Outage.Id);
        Assert.Empty(now!.Rows); // the 09:00 one is over, the 13:00 one is free again
        Assert.Equal(At(11), Assert.IsType<RoomOutageChanged>(Published.Events.Last()).Outage.EndedAt);
        await Assert.ThrowsAsync<DomainException>(() => NewService().ReturnToServiceAsync(impact.Outage.Id));
    }

    [Fact]
    public async Task Later_bookings_at_risk_from_an_overrunning_session_get_proposals_accepted_the_same_way()
    {
        await using (var db = await _services.NewContextAsync())
        {
            var running = Booking(K203, At(7), At(8), "GC-2026-0010");
            running.Confirm();
            running.CheckIn(At(7));
            running.Start(At(7));
            db.RoomBookings.Add(running);
            await db.SaveChangesAsync();
        }
        var next = await BookAsync(K203, At(8, 30), At(9, 30), "GC-2026-0011");
        await BookAsync(K203, At(11), At(12), "GC-2026-0012");

        Clock.SetUtcNow(At(7, 50));
        Assert.Empty(await NewService().OverrunsAsync());
        Clock.SetUtcNow(At(8, 5)); // five minutes over: projected 08:35 + 15 clean-up, the next is held from 08:15

        var overrun = Assert.Single(await NewService().OverrunsAsync());
        Assert.Equal(K203.Id, overrun.Room.Id);
        var row = Assert.Single(overrun.Rows);
        Assert.Equal(next.Id, row.Booking.Id);
        Assert.Equal((K201.Id, At(8, 30)), (row.Proposal!.RoomId, row.Proposal.StartsAt));
        Assert.Single(await NewService().OverrunsAsync(K203.Id));
        Assert.Empty(await NewService().OverrunsAsync(K201.Id));

        Assert.True((await NewService().AcceptAsync([row.Proposal])).Accepted);
        Assert.Equal(K201.Id, (await StoredAsync(next.Id)).RoomId);
        Assert.Empty(Assert.Single(await NewService().OverrunsAsync()).Rows);
    }

    [Fact]
    public async Task A_seats_outage_hits_only_the_evaluations_needing_more_seats_than_are_left_and_proposes_a_room_with_enough()
    {
        Room p301, p302;
        RoomBooking five, eight;
        await using (var db = await _services.NewContextAsync())
        {
            var zone = await db.Zones.FirstAsync();
            p301 = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 13, 9);
            p302 = new Room(zone.Id, "P302", "第二评标室", RoomType.EvaluationRoom, 13, 9);
            five = Booking(p301, At(9), At(11), "PB-0005", BookingPurpose.Evaluation, people: 5);
            eight = Booking(p301, At(13), At(15), "PB-0008", BookingPurpose.Evaluation, people: 8);
            five.Confirm();
            eight.Confirm();
            db.AddRange(p301, p302, five, eight);
            await db.SaveChangesAsync();
        }

        var impact = await OutageAsync(p301, At(8), At(17), seats: 3); // 6 seats left

        var row = Assert.Single(impact.Rows);
        Assert.Equal(eight.Id, row.Booking.Id);
        Assert.Equal((p302.Id, At(13), ProposalKind.SameTimeOtherRoom), (row.Proposal!.RoomId, row.Proposal.StartsAt, row.Proposal.Kind));
        Assert.True((await NewService().AcceptAsync([row.Proposal])).Accepted);
        Assert.Equal(p301.Id, (await StoredAsync(five.Id)).RoomId);
    }

}

public sealed class SqliteOutageTests : OutageServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlOutageTests(PostgreSqlServer server) : OutageServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}
