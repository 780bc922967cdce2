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

/// <summary>
/// Every change of a booking from the desk, through the database, the same on every provider: each writes its history
/// row and the agency's messages in the transaction of the change and is published after commit; a refused change
/// leaves all three untouched.
/// </summary>
public abstract class BookingChangeServiceContract : IAsyncLifetime
{
    private ServiceProvider _services = default!;
    protected readonly FakeTimeProvider Clock = new(Nine.AddHours(-2)); // 07:00 in Shanghai
    protected readonly RecordingPublisher Published = new();
    protected Room K201 = default!, K202 = default!, K204 = default!, Small = default!;

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Actor.User("u1", "张明"), clock: Clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("TEST", "测试公共资源交易中心", "测试地址");
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        K201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        K202 = new Room(zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        Small = new Room(zone.Id, "K203", "小开标室", RoomType.BidOpeningRoom, 10, 0);
        K204 = new Room(zone.Id, "K204", "第三开标室", RoomType.BidOpeningRoom, 40, 0);
        db.AddRange(center, zone, K201, K202, Small, K204);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    protected BookingService NewService(int graceMinutes = 15)
    {
        var scope = _services.CreateScope().ServiceProvider;
        return new BookingService(scope.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>(), scope.GetRequiredService<ICurrentActor>(),
            Published, Clock, Options.Create(new FloorOptions()), Options.Create(new BookingChangeOptions { NoShowGraceMinutes = graceMinutes }));
    }

    /// <summary>A booking of K201 with the agency's contact (phone and mailbox), as the desk makes it.</summary>
    private async Task<RoomBooking> BookedAsync(string code, DateTimeOffset from, DateTimeOffset to, Room? room = null, bool contact = true)
    {
        var booking = await NewService().BookAsync(new BookingRequest((room ?? K201).Id, null, code, "示范工程施工", "华信招标代理有限公司",
            BookingPurpose.BidOpening, 20, from, to));
        if (!contact) return booking;
        await using var db = await _services.NewContextAsync();
        var stored = await db.RoomBookings.SingleAsync(b => b.Id == booking.Id);
        stored.SetContact("王芳", "13800138000", "wangfang@example.cn");
        await db.SaveChangesAsync();
        return stored;
    }

    private async Task<(RoomBooking Booking, List<BookingChange> History, List<OutboxMessage> Messages)> StoredAsync(Guid id)
    {
        await using var db = await _services.NewContextAsync();
        var booking = await db.RoomBookings.AsNoTracking().SingleAsync(b => b.Id == id);
        var history = (await db.BookingChanges.AsNoTracking().Where(c => c.BookingId == id).ToListAsync()).OrderBy(c => c.At).ThenBy(c => c.Id).ToList();
        // The messages of changes (making and confirming a booking may tell the agency too; not these tests' business).
        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.BookingId == id && m.Kind != NotificationKind.BookingReceived && m.Kind != NotificationKind.BookingConfirmed).ToListAsync();
        return (booking, history, messages);
    }

    [Fact]
    public async Task A_move_to_another_room_and_time_writes_its_history_row_the_agency_messages_and_a_moved_event_carrying_the_old_room()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(1));
        Published.Clear();

        var moved = await NewService().MoveAsync(booking.Id, K202.Id, Nine.AddHours(2), Nine.AddHours(3), "代理机构申请换到第二开标室");

        var (stored, history, messages) = await StoredAsync(booking.Id);
        Assert.Equal((K202.Id, Nine.AddHours(2), BookingStatus.Changed), (stored.RoomId, stored.StartsAt, stored.Status));
        var row = history.Last();
        Assert.Equal(BookingChangeKind.MovedRoom, row.Kind);
        Assert.Equal(new BookingSlot(K201.Id, Nine, Nine.AddHours(1)), row.Before);
        Assert.Equal(new BookingSlot(K202.Id, Nine.AddHours(2), Nine.AddHours(3)), row.After);
        Assert.Equal(("代理机构申请换到第二开标室", "张明"), (row.Reason, row.By));
        Assert.Equal([NotificationChannel.Sms, NotificationChannel.Email], messages.Select(m => m.Channel).Order());
        Assert.All(messages, m => Assert.Equal(NotificationKind.BookingChanged, m.Kind));
        var sms = messages.Single(m => m.Channel == NotificationChannel.Sms);
        Assert.Contains("第二开标室", sms.Body);
        Assert.Contains("原定 第一开标室 2026-11-23 09:00-10:00", sms.Body);
        var change = Assert.IsType<BookingMoved>(Assert.Single(Published.Events));
        Assert.Equal((K201.Id, K202.Id), (change.From.RoomId, change.RoomId));
        Assert.Contains(LiveTopics.Room(K201.Id), change.Topics);
        Assert.Equal(moved.Id, change.Booking.Id);
    }

    [Fact]
    public async Task A_reschedule_in_the_same_room_is_recorded_as_rescheduled()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(1));
        await NewService().RescheduleAsync(booking.Id, Nine.AddMinutes(30), Nine.AddMinutes(90), "专家时间调整");
        var (_, history, _) = await StoredAsync(booking.Id);
        Assert.Equal([BookingChangeKind.Created, BookingChangeKind.Rescheduled], history.Select(h => h.Kind));
    }

    [Fact]
    public async Task A_move_that_collides_with_a_booking_made_a_second_earlier_in_another_tab_is_refused_naming_it_and_nothing_is_saved()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(1));
        var tabA = NewService();
        var tabB = NewService();
        var preview = await tabA.PreviewMoveAsync(booking.Id, K202.Id, Nine.AddHours(2), Nine.AddHours(3));
        Assert.True(preview.CanSave); // tab A saw the slot free

        Clock.Advance(TimeSpan.FromSeconds(1));
        await tabB.BookAsync(new BookingRequest(K202.Id, null, "GC-2026-0099", "另一个项目", "某代理", BookingPurpose.BidOpening, 10,
            Nine.AddHours(2).AddMinutes(30), Nine.AddHours(4)));
        Published.Clear();
        Clock.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            tabA.MoveAsync(booking.Id, K202.Id, Nine.AddHours(2), Nine.AddHours(3), "代理机构申请"));

        Assert.Equal("Booking.Conflict", error.Code);
        Assert.Contains("GC-2026-0099", error.Message);
        var (stored, history, messages) = await StoredAsync(booking.Id);
        Assert.Equal((K201.Id, Nine), (stored.RoomId, stored.StartsAt));
        Assert.Equal([BookingChangeKind.Created], history.Select(h => h.Kind));
        Assert.Empty(messages);
        Assert.Empty(Published.Events);
        Assert.Equal("GC-2026-0099", Assert.Single((await tabA.PreviewMoveAsync(booking.Id, K202.Id, Nine.AddHours(2), Nine.AddHours(3))).Clashes).ProjectCode);
    }

    [FullLane]
    [Fact]
    public async Task Two_desks_moving_two_bookings_into_the_same_free_slot_at_once_exactly_one_wins()
    {
        var first = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(1));
        var second = await BookedAsync("GC-2026-0002", Nine.AddHours(4), Nine.AddHours(5), K202);
        Published.Clear();
        using var start = new Barrier(2);
        var moves = new[] { first, second }.Select(b => Task.Run(async () =>
        {
            var service = NewService();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            try
            {
                await service.MoveAsync(b.Id, K204.Id, Nine.AddHours(2), Nine.AddHours(3), "调到第三开标室");
                return (string?)null;
            }
            catch (DomainException e)
            {
                return e.Code;
            }
        })).ToArray();
        var outcomes = await Task.WhenAll(moves);

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o == "Booking.Conflict");
        await using var db = await _services.NewContextAsync();
        Assert.Equal(1, await db.RoomBookings.CountAsync(b => b.RoomId == K204.Id));
        Assert.Equal(1, await db.BookingChanges.CountAsync(c => c.Kind == BookingChangeKind.MovedRoom));
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.BookingChanged));
        Assert.Single(Published.Events);
    }

    [Fact]
    public async Task A_move_into_an_outage_outside_opening_hours_into_the_past_or_into_a_room_too_small_is_previewed_and_refused_naming_why()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(1));
        await using (var db = await _services.NewContextAsync())
        {
            db.RoomOutages.Add(new RoomOutage(K202, Nine.AddHours(1), Nine.AddHours(4), null, "空调维修", "张明", Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        var service = NewService();
        (Guid Room, DateTimeOffset From, DateTimeOffset To, string Why)[] cases =
        [
            (K202.Id, Nine.AddHours(2), Nine.AddHours(3), "空调维修"),
            (K201.Id, Nine.AddHours(12), Nine.AddHours(13), "开放时间"),
            (K201.Id, Nine.AddHours(-3), Nine.AddHours(-2), "已经过去"),
            (Small.Id, Nine.AddHours(2), Nine.AddHours(3), "最多容纳 10 人"),
        ];
        foreach (var (room, from, to, why) in cases)
        {
            var preview = await service.PreviewMoveAsync(booking.Id, room, from, to);
            Assert.False(preview.CanSave);
            Assert.Contains(why, preview.Refusal);
            var error = await Assert.ThrowsAsync<DomainException>(() => service.MoveAsync(booking.Id, room, from, to, "调整"));
            Assert.Contains(why, error.Message);
        }
        var (stored, history, messages) = await StoredAsync(booking.Id);
        Assert.Equal((K201.Id, Nine), (stored.RoomId, stored.StartsAt));
        Assert.Single(history);
        Assert.Empty(messages);
    }

    [Fact]
    public async Task Every_change_refuses_a_blank_reason_before_anything_is_saved()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(2));
        Clock.Advance(TimeSpan.FromHours(3)); // past start + grace, so only the reason is missing
        var service = NewService();
        Func<Task>[] changes =
        [
            () => service.MoveAsync(booking.Id, K202.Id, Nine.AddHours(5), Nine.AddHours(6), " "),
            () => service.CancelAsync(booking.Id, ""),
            () => service.NoShowAsync(booking.Id, "  "),
            () => service.ShortenAsync(booking.Id, Nine, Nine.AddHours(1), ""),
            () => service.SplitAsync(booking.Id, Nine.AddHours(1), null, ""),
            () => service.ExtendAsync(booking.Id, Nine.AddHours(3), ""),
        ];
        foreach (var change in changes)
        {
            var error = await Assert.ThrowsAsync<DomainException>(change);
            Assert.Contains("不能为空", error.Message);
        }
        var (stored, history, messages) = await StoredAsync(booking.Id);
        Assert.Equal((BookingStatus.Requested, Nine.AddHours(2)), (stored.Status, stored.EndsAt));
        Assert.Single(history);
        Assert.Empty(messages);
    }

    [Fact]
    public async Task Cancelling_records_the_reason_in_the_booking_its_history_and_the_agency_message_and_frees_the_room()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(1));
        Published.Clear();
        await NewService().CancelAsync(booking.Id, "项目暂停");

        var (stored, history, messages) = await StoredAsync(booking.Id);
        Assert.Equal((BookingStatus.Cancelled, "项目暂停"), (stored.Status, stored.StatusReason));
        Assert.Equal(BookingChangeKind.Cancelled, history.Last().Kind);
        Assert.All(messages, m => Assert.Equal(NotificationKind.BookingCancelled, m.Kind));
        Assert.Contains("原因：项目暂停", messages.Single(m => m.Channel == NotificationChannel.Sms).Body);
        Assert.IsType<BookingCancelled>(Assert.Single(Published.Events));
        Assert.True((await NewService().PreviewMoveAsync((await BookedAsync("GC-2026-0002", Nine.AddHours(3), Nine.AddHours(4), K202)).Id,
            K201.Id, Nine, Nine.AddHours(1))).CanSave);
    }

    [Fact]
    public async Task A_no_show_is_refused_until_the_configured_grace_has_passed_naming_it_then_recorded_told_and_pushed()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(1));
        Clock.SetUtcNow(Nine.AddMinutes(19));
        Published.Clear();
        var early = await Assert.ThrowsAsync<DomainException>(() => NewService(graceMinutes: 20).NoShowAsync(booking.Id, "无人到场"));
        Assert.Equal("Booking.NoShowTooEarly", early.Code);
        Assert.Contains("20 分钟", early.Message);
        Assert.Contains("09:20", early.Message);
        Assert.Empty(Published.Events);
        Assert.Single((await StoredAsync(booking.Id)).History);

        Clock.SetUtcNow(Nine.AddMinutes(20));
        await NewService(graceMinutes: 20).NoShowAsync(booking.Id, "开标时间已过，代理机构无人到场");

        var (stored, history, messages) = await StoredAsync(booking.Id);
        Assert.Equal(BookingStatus.NoShow, stored.Status);
        Assert.Equal(BookingChangeKind.NoShow, history.Last().Kind);
        Assert.All(messages, m => Assert.Equal(NotificationKind.BookingNoShow, m.Kind));
        Assert.IsType<BookingNoShow>(Assert.Single(Published.Events));
    }

    [Fact]
    public async Task Shortening_frees_the_rest_of_the_booking_for_another_and_is_recorded_told_and_pushed()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(3));
        var service = NewService();
        var taken = await Assert.ThrowsAsync<DomainException>(() => service.BookAsync(new BookingRequest(K201.Id, null, "GC-2026-0002", "后一个项目", null,
            BookingPurpose.BidOpening, 10, Nine.AddHours(2), Nine.AddHours(3))));
        Assert.Equal("Booking.Conflict", taken.Code);
        Published.Clear();

        await service.ShortenAsync(booking.Id, Nine, Nine.AddMinutes(90), "开标项目减少一个标段");

        var (stored, history, messages) = await StoredAsync(booking.Id);
        Assert.Equal(Nine.AddMinutes(90), stored.EndsAt);
        var row = history.Last();
        Assert.Equal((BookingChangeKind.Shortened, Nine.AddHours(3), Nine.AddMinutes(90)), (row.Kind, row.FromEndsAt, row.EndsAt));
        Assert.All(messages, m => Assert.Equal(NotificationKind.BookingShortened, m.Kind));
        var change = Assert.IsType<BookingShortened>(Assert.Single(Published.Events));
        Assert.Equal(("shortened", Nine.AddHours(3)), (change.Change, change.From.EndsAt));
        await service.BookAsync(new BookingRequest(K201.Id, null, "GC-2026-0002", "后一个项目", null, BookingPurpose.BidOpening, 10,
            Nine.AddHours(2), Nine.AddHours(3))); // the freed time is bookable now
    }

    [Fact]
    public async Task Splitting_into_another_room_makes_the_second_part_a_booking_of_the_same_project_and_contact_in_one_transaction_both_pushed()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(6));
        await NewService().SessionAsync(booking.Id, SessionCommand.Confirm);
        Published.Clear();

        var (first, second) = await NewService().SplitAsync(booking.Id, Nine.AddHours(3), K202.Id, "上午开标，下午在第二开标室继续");

        Assert.Equal((K201.Id, Nine, Nine.AddHours(3)), (first.RoomId, first.StartsAt, first.EndsAt));
        var (part, partHistory, _) = await StoredAsync(second.Id);
        Assert.Equal((K202.Id, Nine.AddHours(3), Nine.AddHours(6)), (part.RoomId, part.StartsAt, part.EndsAt));
        Assert.Equal(("GC-2026-0001", "华信招标代理有限公司", "13800138000", 20, BookingStatus.Confirmed),
            (part.ProjectCode, part.Agency, part.ContactPhone, part.Attendees, part.Status));
        var (_, history, messages) = await StoredAsync(booking.Id);
        Assert.Equal([BookingChangeKind.Created, BookingChangeKind.Confirmed, BookingChangeKind.Split], history.Select(h => h.Kind));
        Assert.Equal(second.Id, history.Last().RelatedBookingId);
        Assert.Equal((BookingChangeKind.Split, booking.Id), (Assert.Single(partHistory).Kind, partHistory[0].RelatedBookingId!.Value));
        Assert.All(messages.Where(m => m.Kind == NotificationKind.BookingSplit), m => Assert.Contains("第二开标室", m.Body));
        Assert.Equal(2, messages.Count(m => m.Kind == NotificationKind.BookingSplit));
        Assert.Collection(Published.Events,
            e => Assert.Equal((booking.Id, "split"), (((BookingSplit)e).Booking.Id, ((BookingSplit)e).Change)),
            e => Assert.Equal(second.Id, Assert.IsType<BookingCreated>(e).Booking.Id));
    }

    [Fact]
    public async Task A_split_whose_second_part_clashes_in_the_other_room_saves_nothing()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(6));
        await BookedAsync("GC-2026-0050", Nine.AddHours(4), Nine.AddHours(5), K202, contact: false);
        Published.Clear();

        var error = await Assert.ThrowsAsync<DomainException>(() => NewService().SplitAsync(booking.Id, Nine.AddHours(3), K202.Id, "下午换场"));

        Assert.Contains("GC-2026-0050", error.Message);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(2, await db.RoomBookings.CountAsync());
        Assert.Equal(Nine.AddHours(6), (await db.RoomBookings.SingleAsync(b => b.Id == booking.Id)).EndsAt);
        Assert.False(await db.BookingChanges.AnyAsync(c => c.Kind == BookingChangeKind.Split));
        Assert.Empty(await db.OutboxMessages.Where(m => m.Kind == NotificationKind.BookingSplit).ToListAsync());
        Assert.Empty(Published.Events);
    }

    [Fact]
    public async Task A_split_in_the_same_room_keeps_both_parts_without_a_buffer_between_them()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(4));
        var (first, second) = await NewService().SplitAsync(booking.Id, Nine.AddHours(2), null, "分两场开标");
        Assert.Equal((K201.Id, 0, 0), (second.RoomId, first.CleanupMinutes, second.SetupMinutes));
        Assert.Empty(await NewService().PreviewChangeAsync(second.Id, second.StartsAt, second.EndsAt.AddMinutes(15)));
        Assert.Equal(second.Id, Assert.Single(await NewService().PreviewChangeAsync(first.Id, first.StartsAt, first.EndsAt.AddMinutes(15))).Id);
    }

    [Fact]
    public async Task An_extension_says_why_and_is_recorded_and_told_and_booking_and_confirming_are_in_the_history()
    {
        var booking = await BookedAsync("GC-2026-0001", Nine, Nine.AddHours(1));
        await NewService().SessionAsync(booking.Id, SessionCommand.Confirm);
        await NewService().ExtendAsync(booking.Id, Nine.AddMinutes(90), "投标文件较多，开标延长");
        var (_, history, messages) = await StoredAsync(booking.Id);
        Assert.Equal([BookingChangeKind.Created, BookingChangeKind.Confirmed, BookingChangeKind.Extended], history.Select(h => h.Kind));
        Assert.Equal(("投标文件较多，开标延长", Nine.AddHours(1), Nine.AddMinutes(90)), (history[2].Reason, history[2].FromEndsAt, history[2].EndsAt));
        Assert.All(messages, m => Assert.Equal(NotificationKind.BookingExtended, m.Kind));
        Assert.Equal(2, messages.Count);
    }

}

public sealed class SqliteBookingChangeTests : BookingChangeServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlBookingChangeTests(PostgreSqlServer server) : BookingChangeServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}
