using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Facilities;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Facilities;

/// <summary>A small center on a fresh SQLite file: a bid-opening zone with two rooms, the evaluation zone, the default schedules.</summary>
public sealed class FacilityTestData : IAsyncDisposable
{
    public readonly DatabaseProvider Provider;
    public readonly string ConnectionString;
    public readonly FakeTimeProvider Clock;
    /// <summary>The duty manager who keeps the register (the service refuses anyone without a facility manager's role).</summary>
    public readonly Actor Person = Actor.User("u-zhang", "张工");
    public ServiceProvider Services { get; private set; } = null!;
    public Zone Opening { get; private set; } = null!;
    public Zone Evaluation { get; private set; } = null!;
    public Room K201 { get; private set; } = null!;
    public Room K202 { get; private set; } = null!;

    public FacilityTestData(DateOnly day, TimeOnly time, DatabaseProvider provider, string connectionString)
    {
        Clock = new FakeTimeProvider(CenterTime.At(day, time));
        (Provider, ConnectionString) = (provider, connectionString);
    }

    /// <summary>On a fresh SQLite file, or on the database given.</summary>
    public static async Task<FacilityTestData> CreateAsync(DateOnly day, TimeOnly time, DatabaseProvider provider = DatabaseProvider.Sqlite, string? connectionString = null)
    {
        var data = new FacilityTestData(day, time, provider, connectionString ?? DataServices.TempSqlite());
        data.Services = data.Node();
        await using (var scope = data.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await data.Services.NewContextAsync();
        var center = new Center("TEST", "测试中心", "测试地址");
        data.Opening = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        data.Evaluation = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
        data.K201 = new Room(data.Opening.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        data.K202 = new Room(data.Opening.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        db.AddRange(center, data.Opening, data.Evaluation, data.K201, data.K202);
        await TestUsers.AddAsync(db, data.Person, TradingOps.Data.Identity.Roles.DutyManager);
        await db.SaveChangesAsync();
        return data;
    }

    /// <summary>Another app node on the same database (its own services, same clock).</summary>
    public ServiceProvider Node() => DataServices.Build(Provider, ConnectionString, Person, clock: Clock);

    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public EquipmentInput Input(string code, EquipmentCategory category, Room? room, bool critical = false, string? name = null) =>
        new(code, name ?? $"{room?.Name ?? "评标区"}{category}", category, room?.ZoneId ?? Evaluation.Id, room?.Id, critical,
            "SN-" + code, "海康威视", "DS-1", new DateOnly(2024, 3, 1), new DateOnly(2027, 2, 28), null);

    public Task<Equipment> AddAsync(string code, EquipmentCategory category, Room? room, bool critical = false) =>
        Get<EquipmentService>().AddAsync(Input(code, category, room, critical));

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
