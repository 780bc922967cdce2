using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Core.Floor;
using TradingOps.Core.Statistics;
using TradingOps.Data;
using TradingOps.Data.Facilities;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Facilities;

/// <summary>The demo's faults on a real demo database (SQLite), with and without the equipment register's demo.</summary>
public sealed class FaultDemoSeederTests
{
    private static async Task<ServiceProvider> DemoAsync()
    {
        var services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), seedDemo: true, demoProjects: 200);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return services;
    }

    private static async Task<string> FloorAsync(ServiceProvider services)
    {
        await using var db = await services.NewContextAsync();
        var bookings = await db.RoomBookings.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.RoomId, b.Phase, b.Status }).ToListAsync();
        var outages = await db.RoomOutages.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.From, o.Until, o.EndedAt }).ToListAsync();
        return string.Join("|", bookings) + "#" + string.Join("|", outages);
    }

    [Fact]
    public async Task The_demo_has_repaired_faults_last_month_for_mttr_and_one_open_minor_fault_and_takes_no_room_out_of_service()
    {
        await using var services = await DemoAsync();
        var floorBefore = await FloorAsync(services);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        await using (var db = await services.NewContextAsync())
            await FaultDemoSeeder.SeedAsync(db, now);

        await using (var db = await services.NewContextAsync())
        {
            var faults = await db.Faults.AsNoTracking().ToListAsync();
            Assert.Equal(4, faults.Count);
            Assert.DoesNotContain(faults, f => f.TakesRoomOut || f.OutageId is not null);
            var open = Assert.Single(faults, f => f.Status == FaultStatus.Open);
            Assert.Equal(FaultSeverity.Minor, open.Severity);
            Assert.Equal(EquipmentState.Faulty, (await db.Equipment.SingleAsync(e => e.Id == open.EquipmentId)).State);
            // Each number is of the local day the fault was reported on.
            Assert.All(faults, f => Assert.True(FaultNumber.TryParse(f.Number, out var n) && n.Day == FaultNumber.DayOf(f.ReportedAt), f.Number));
        }
        // The floor's demo (running sessions, the outage demo) is as it was.
        Assert.Equal(floorBefore, await FloorAsync(services));

        var today = CenterTime.Today(services.GetRequiredService<TimeProvider>());
        var lastMonth = Period.Containing(PeriodKind.Month, new DateOnly(today.Year, today.Month, 1).AddDays(-1));
        var figures = await services.CreateScope().ServiceProvider.GetRequiredService<FaultQueries>().PeriodAsync(lastMonth);
        Assert.Equal([(EquipmentCategory.Projector, 5.5m), (EquipmentCategory.Recorder, 26m), (EquipmentCategory.Decryptor, 2m)],
            figures.PerCategory.Select(r => (r.Category, r.MeanHours!.Value)));
        Assert.Equal(3, figures.Faults.Count);

        // Starting again adds nothing.
        await using (var db = await services.NewContextAsync())
        {
            await FaultDemoSeeder.SeedAsync(db, now);
            Assert.Equal(4, await db.Faults.CountAsync());
        }
    }

    [Fact]
    public async Task The_demo_uses_the_registers_equipment_when_there_is_some_and_creates_only_what_is_missing()
    {
        await using var services = await DemoAsync();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        HashSet<Guid> existing;
        await using (var db = await services.NewContextAsync())
        {
            var k201 = await db.Rooms.SingleAsync(r => r.Code == "K201");
            db.Equipment.Add(new Equipment("SB-K201-P9", "第一开标室投影仪", EquipmentCategory.Projector, k201.ZoneId, k201.Id, false, "EP2401-00001",
                "爱普生", null, new DateOnly(2024, 1, 1), null, "system:demo-seed", now));
            await db.SaveChangesAsync();
            existing = (await db.Equipment.Select(e => e.Id).ToListAsync()).ToHashSet();
            await FaultDemoSeeder.SeedAsync(db, now);
        }

        await using (var db = await services.NewContextAsync())
        {
            var projectorFault = await db.Faults.SingleAsync(f => f.Category == EquipmentCategory.Projector);
            Assert.Contains(projectorFault.EquipmentId, existing); // the register's, not a second projector
            Assert.False(await db.Equipment.AnyAsync(e => e.Serial == "DEMO-GZ-EP-0001"));
            var created = (await db.Equipment.AsNoTracking().ToListAsync()).Where(e => !existing.Contains(e.Id)).ToList();
            Assert.InRange(created.Count, 0, 3);
            Assert.All(created, e => Assert.StartsWith("DEMO-GZ-", e.Serial));
            var faultEquipment = await db.Faults.Select(f => f.EquipmentId).Distinct().CountAsync();
            Assert.Equal(4, faultEquipment);
        }
    }
}
