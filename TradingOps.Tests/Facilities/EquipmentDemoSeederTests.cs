using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Facilities;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Facilities;

/// <summary>The demo's register and its morning round, seeded once on SQLite; the overdue alert names the rooms not yet inspected.</summary>
public sealed class EquipmentDemoSeederTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7); // daily and weekly rounds

    [Fact]
    public async Task The_demo_register_has_each_rooms_equipment_and_the_morning_round_leaves_two_rooms_overdue()
    {
        var clock = new FakeTimeProvider(CenterTime.At(Monday, new TimeOnly(10, 0)));
        await using var services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), seedDemo: true, demoProjects: 100, clock: clock);
        async Task InitializeAsync()
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        await InitializeAsync();

        await using (var db = await services.NewContextAsync())
        {
            Assert.Equal(Enum.GetValues<EquipmentCategory>().Length, await db.InspectionSchedules.CountAsync());
            var rooms = await db.Rooms.ToDictionaryAsync(r => r.Id);
            var equipment = await db.Equipment.ToListAsync();
            foreach (var room in rooms.Values.Where(r => r.Type == RoomType.BidOpeningRoom))
            {
                var mine = equipment.Where(e => e.RoomId == room.Id).ToList();
                Assert.Equal([EquipmentCategory.Recorder, EquipmentCategory.Decryptor], mine.Where(e => e.RoomCritical).Select(e => e.Category).Order());
                Assert.Contains(mine, e => e.Category == EquipmentCategory.Projector);
                Assert.Contains(mine, e => e.Category == EquipmentCategory.Screen);
            }
            foreach (var category in new[] { EquipmentCategory.Gate, EquipmentCategory.Detector, EquipmentCategory.LockerBank })
                Assert.Contains(equipment, e => e.Category == category && e.RoomId == null);
            Assert.All(equipment, e => Assert.True(e.Serial is not null && e.Vendor is not null && e.WarrantyUntil > e.InstalledOn));
            Assert.Equal(equipment.Count, equipment.Select(e => e.Code).Distinct().Count());

            var tasks = await db.InspectionTasks.Where(t => t.Day == Monday).ToListAsync();
            var due = equipment.Count(e => InspectionPlan.DefaultFrequency(e.Category) is InspectionFrequency.Daily or InspectionFrequency.Weekly);
            Assert.Equal(due, tasks.Count);
            string? Room(InspectionTask t) => t.RoomId is { } id ? rooms[id].Code : null;
            Assert.All(tasks.Where(t => Room(t) is "K201" or "K202"), t => Assert.Equal(InspectionStatus.Open, t.Status));
            var failed = Assert.Single(tasks, t => t.Status == InspectionStatus.Failed);
            Assert.Equal(("K205", EquipmentCategory.Screen), (Room(failed), failed.Category));
            Assert.Contains("黑屏", failed.Notes);
            // Due at 08:45 and done, except the two rooms not reached; the weekly ones are due at noon and still open.
            Assert.All(tasks.Where(t => t.DueAt < clock.GetUtcNow() && Room(t) is not ("K201" or "K202")), t => Assert.NotEqual(InspectionStatus.Open, t.Status));
            Assert.Contains(tasks, t => t.Category == EquipmentCategory.Projector && t.Status == InspectionStatus.Open);
        }

        var check = await services.CreateScope().ServiceProvider.GetRequiredService<InspectionService>().CheckOverdueAsync(clock.GetUtcNow());
        Assert.Equal(1, check.Raised);
        await using (var db = await services.NewContextAsync())
        {
            var alert = await db.OpsAlerts.SingleAsync();
            Assert.Contains("K201、K202", alert.Detail);
            Assert.DoesNotContain("K203", alert.Detail);
        }

        // Starting again the same day adds nothing.
        int equipmentBefore, tasksBefore;
        await using (var db = await services.NewContextAsync())
            (equipmentBefore, tasksBefore) = (await db.Equipment.CountAsync(), await db.InspectionTasks.CountAsync());
        await InitializeAsync();
        await using (var db = await services.NewContextAsync())
            Assert.Equal((equipmentBefore, tasksBefore), (await db.Equipment.CountAsync(), await db.InspectionTasks.CountAsync()));
    }
}
