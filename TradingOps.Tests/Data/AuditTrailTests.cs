using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Data;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private static readonly Actor Alice = Actor.User("user-alice", "alice");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;
    private Guid _zoneId;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Alice, clock: _clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        db.AddRange(center, zone);
        await db.SaveChangesAsync();
        _zoneId = zone.Id;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private Task<TradingOpsDbContext> NewContextAsync() => _services.NewContextAsync();

    private async Task<List<AuditEntry>> TrailAsync(string entity)
    {
        await using var db = await NewContextAsync();
        return await db.AuditEntries.Where(e => e.Entity == entity).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Every_change_writes_exactly_one_audit_entry_with_the_acting_user_time_and_changed_values()
    {
        var room = new Room(_zoneId, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        await using (var db = await NewContextAsync())
        {
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
        }
        _clock.Advance(TimeSpan.FromMinutes(5));
        await using (var db = await NewContextAsync())
        {
            var stored = await db.Rooms.SingleAsync(r => r.Id == room.Id);
            stored.TakeOutOfService("投影仪故障");
            await db.SaveChangesAsync();
        }
        _clock.Advance(TimeSpan.FromMinutes(5));
        await using (var db = await NewContextAsync())
        {
            db.Rooms.Remove(await db.Rooms.SingleAsync(r => r.Id == room.Id));
            await db.SaveChangesAsync();
        }

        var trail = await TrailAsync(nameof(Room));
        Assert.Equal([AuditAction.Added, AuditAction.Modified, AuditAction.Deleted], trail.Select(e => e.Action));
        Assert.All(trail, e =>
        {
            Assert.Equal(room.Id.ToString(), e.Key);
            Assert.Equal("user-alice", e.ActorId);
            Assert.Equal("alice", e.ActorName);
            Assert.Equal(ActorKind.User, e.ActorKind);
        });
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 5, 0, TimeSpan.Zero), trail[1].At);

        using var modified = JsonDocument.Parse(trail[1].Changes);
        var changed = modified.RootElement.EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["InService", "OutOfServiceReason"], changed);
        Assert.True(modified.RootElement.GetProperty("InService").GetProperty("old").GetBoolean());
        Assert.False(modified.RootElement.GetProperty("InService").GetProperty("new").GetBoolean());
        Assert.Equal("投影仪故障", modified.RootElement.GetProperty("OutOfServiceReason").GetProperty("new").GetString());
    }

    [Fact]
    public async Task Saving_without_any_real_change_writes_no_audit_entry()
    {
        var room = new Room(_zoneId, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        await using (var db = await NewContextAsync())
        {
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
        }
        await using (var db = await NewContextAsync())
        {
            var stored = await db.Rooms.SingleAsync(r => r.Id == room.Id);
            stored.Rename(stored.Name);
            await db.SaveChangesAsync();
        }
        Assert.Single(await TrailAsync(nameof(Room)), e => e.Key == room.Id.ToString());
    }

    [Fact]
    public async Task A_change_that_fails_to_save_leaves_no_audit_entry_behind()
    {
        await using (var db = await NewContextAsync())
        {
            db.Rooms.Add(new Room(_zoneId, "K203", "第三开标室", RoomType.BidOpeningRoom, 40, 0));
            await db.SaveChangesAsync();
        }
        await using (var db = await NewContextAsync())
        {
            db.Rooms.Add(new Room(_zoneId, "K203", "重复编号", RoomType.BidOpeningRoom, 40, 0)); // unique code
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        Assert.Single(await TrailAsync(nameof(Room)));
    }
}
