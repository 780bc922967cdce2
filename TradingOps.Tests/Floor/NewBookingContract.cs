using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
/// A new booking on any day through the database, the same on every provider: each bad input of issue 17 refused
/// with a message naming its reason and nothing saved; the agency's messages written to the outbox with the booking
/// (and with the confirmation), and gone with it when the transaction fails.
/// </summary>
public abstract class NewBookingContract : IAsyncLifetime
{
    private ServiceProvider _services = default!;
    private readonly FailingCommit _commit = new();
    protected readonly FakeTimeProvider Clock = new(Nine.AddHours(-2)); // 07:00 on 2026-11-23
    protected Room Opening = default!, Evaluation = default!, Closed = default!;

    private static readonly DateOnly Tomorrow = new(2026, 11, 24);
    private static DateTimeOffset At(int h, int m = 0, int days = 1) => CenterTime.At(Tomorrow.AddDays(days - 1), new(h, m));

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Actor.User("u1", "desk"), clock: Clock, configure: s => s.AddDbInterceptors(_commit));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("TEST", "示例市公共资源交易中心", "测试地址");
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        Opening = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        Evaluation = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 12, 7);
        Closed = new Room(zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        Closed.TakeOutOfService("音响系统改造");
        var outage = new RoomOutage(Opening, At(14), At(16), null, "空调维修", "desk", Clock.GetUtcNow());
        db.AddRange(center, zone, Opening, Evaluation, Closed, outage);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private BookingService NewService()
    {
        var scope = _services.CreateScope().ServiceProvider;
        return new BookingService(scope.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>(), scope.GetRequiredService<ICurrentActor>(),
            new NoLiveEvents(), Clock, Options.Create(new FloorOptions()), Options.Create(new BookingChangeOptions()));
    }

    private BookingRequest Request(Room room, DateTimeOffset from, DateTimeOffset to, string code = "GC-2026-0001",
        BookingPurpose purpose = BookingPurpose.BidOpening, int people = 20, string? phone = "13812345678", string? email = "limin@example.cn") =>
        new(room.Id, null, code, "示范工程施工", "华信招标代理有限公司", purpose, people, from, to, "李敏", phone, email);

    private async Task<(int Bookings, int Messages)> RowsAsync()
    {
        await using var db = await _services.NewContextAsync();
        return (await db.RoomBookings.CountAsync(), await db.OutboxMessages.CountAsync());
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "past date", "Booking.PastDate", "不能预约过去的日期（2026-11-22" },
        { "end before start", "Booking.EndBeforeStart", "结束时间必须晚于开始时间" },
        { "outside opening hours", "Booking.OutsideOpeningHours", "场地开放时间为 07:30-21:30" },
        { "room out of service", "Booking.RoomOutOfService", "第二开标室 已停用：音响系统改造" },
        { "room out of service for a period", "Booking.RoomOutOfService", "第一开标室 在 11-24 14:00 至 11-24 16:00 停用：空调维修" },
        { "attendees over capacity", "Booking.Capacity", "第一开标室 最多容纳 40 人，申请 41 人" },
        { "experts over the seats", "Booking.Seats", "第一评标室 只有 7 个评标工位，申请 8 名专家" },
        { "conflict", "Booking.Conflict", "与 GC-2026-0001（09:00-10:00，清场至 10:15）冲突（本预约布场 15 分钟，最早 10:30 开始）" },
        { "bad phone", "Booking.ContactPhone", "联系电话格式不正确" },
        { "bad e-mail", "Booking.ContactEmail", "电子邮箱“limin.example.cn”格式不正确" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Each_bad_input_of_a_new_booking_is_refused_naming_its_reason_and_nothing_is_saved(string input, string code, string message)
    {
        var service = NewService();
        await service.BookAsync(Request(Opening, At(9), At(10))); // the booking the conflict hits
        var before = await RowsAsync();
        Assert.Equal((1, 2), before);

        var request = input switch
        {
            "past date" => Request(Opening, At(9, days: -1), At(10, days: -1), "GC-2026-0002"),
            "end before start" => Request(Opening, At(12), At(11), "GC-2026-0002"),
            "outside opening hours" => Request(Opening, At(20, 30), At(22), "GC-2026-0002"),
            "room out of service" => Request(Closed, At(9), At(10), "GC-2026-0002"),
            "room out of service for a period" => Request(Opening, At(13), At(14, 30), "GC-2026-0002"),
            "attendees over capacity" => Request(Opening, At(11), At(12), "GC-2026-0002", people: 41),
            "experts over the seats" => Request(Evaluation, At(11), At(12), "GC-2026-0002", BookingPurpose.Evaluation, people: 8),
            "conflict" => Request(Opening, At(10, 20), At(11, 20), "GC-2026-0002"),
            "bad phone" => Request(Opening, At(11), At(12), "GC-2026-0002", phone: "12345"),
            "bad e-mail" => Request(Opening, At(11), At(12), "GC-2026-0002", email: "limin.example.cn"),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };
        var error = await Assert.ThrowsAsync<DomainException>(() => service.BookAsync(request));

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message);
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task A_booking_on_a_later_day_writes_the_agencys_sms_and_email_with_it_and_confirming_writes_the_confirmation()
    {
        var service = NewService();
        var booking = await service.BookAsync(Request(Opening, At(9), At(10, 30)));

        await using (var db = await _services.NewContextAsync())
        {
            var stored = await db.RoomBookings.SingleAsync();
            Assert.Equal(("李敏", "13812345678", "limin@example.cn"), (stored.ContactName, stored.ContactPhone, stored.ContactEmail));
            var messages = await db.OutboxMessages.ToListAsync();
            Assert.Equal([NotificationChannel.Sms, NotificationChannel.Email], messages.Select(m => m.Channel).Order());
            Assert.All(messages, m => Assert.Equal((NotificationKind.BookingReceived, booking.Id, DeliveryState.Pending), (m.Kind, m.BookingId, m.State)));
            var sms = messages.Single(m => m.Channel == NotificationChannel.Sms);
            Assert.Equal("13812345678", sms.Address);
            Assert.Contains("【示例市公共资源交易中心】", sms.Body);
            Assert.Contains("第一开标室 2026-11-24 09:00-10:30", sms.Body);
            Assert.Equal("limin@example.cn", messages.Single(m => m.Channel == NotificationChannel.Email).Address);
        }

        await service.SessionAsync(booking.Id, SessionCommand.Confirm);
        await using (var db = await _services.NewContextAsync())
        {
            Assert.Equal(BookingStatus.Confirmed, (await db.RoomBookings.SingleAsync()).Status);
            var confirmations = await db.OutboxMessages.Where(m => m.Kind == NotificationKind.BookingConfirmed).ToListAsync();
            Assert.Equal(2, confirmations.Count);
            Assert.All(confirmations, m => Assert.Contains("已确认", m.Subject));
        }
    }

    [Fact]
    public async Task A_booking_without_a_contact_is_saved_with_no_message()
    {
        await NewService().BookAsync(Request(Opening, At(9), At(10), phone: null, email: null));
        Assert.Equal((1, 0), await RowsAsync());
    }

    [Fact]
    public async Task When_the_commit_fails_the_outbox_messages_are_rolled_back_with_the_booking_and_so_is_a_confirmation()
    {
        var service = NewService();
        _commit.FailNext = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.BookAsync(Request(Opening, At(9), At(10))));
        Assert.True(_commit.WritesBeforeFailure > 0); // the rows were sent, then the commit failed
        Assert.Equal((0, 0), await RowsAsync());

        var booking = await service.BookAsync(Request(Opening, At(9), At(10)));
        _commit.FailNext = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.SessionAsync(booking.Id, SessionCommand.Confirm));
        Assert.Equal((1, 2), await RowsAsync());
        await using var db = await _services.NewContextAsync();
        Assert.Equal(BookingStatus.Requested, (await db.RoomBookings.SingleAsync()).Status);
    }

    /// <summary>Fails the next commit after its writes went to the database (counting the write commands sent before it).</summary>
    private sealed class FailingCommit : DbTransactionInterceptor, IDbCommandInterceptor
    {
        public volatile bool FailNext;
        private int _writes;
        public int WritesBeforeFailure { get; private set; }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase) || command.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase))
                Interlocked.Increment(ref _writes);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (FailNext)
            {
                FailNext = false;
                WritesBeforeFailure = Interlocked.Exchange(ref _writes, 0);
                throw new InvalidOperationException("commit refused by the test");
            }
            Interlocked.Exchange(ref _writes, 0);
            return ValueTask.FromResult(result);
        }
    }
}

public sealed class SqliteNewBookingTests : NewBookingContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlNewBookingTests(PostgreSqlServer server) : NewBookingContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}
