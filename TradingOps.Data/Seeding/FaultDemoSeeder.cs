using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Seeding;

/// <summary>
/// The demo's faults (issue 21 item 3): three repaired last month, so the statistics and the monthly workbook have a mean
/// time to repair per category, and one open minor fault on a standard clock today. None takes a room out: a demo room
/// with running sessions must keep them (the floor's demo states), and the outage demo is <see cref="OutageDemoSeeder"/>'s.
/// The equipment is found by its serial number, else the room's equipment of that category (the equipment register's
/// demo), else created here, so the faults seed with or without the register's demo. Seeded once (skipped when a fault exists).
/// </summary>
public static class FaultDemoSeeder
{
    private sealed record Need(string RoomCode, EquipmentCategory Category, string Name, bool Critical, string Serial);

    private static readonly Need Projector = new("K201", EquipmentCategory.Projector, "投影仪", false, "DEMO-GZ-EP-0001");
    private static readonly Need Recorder = new("K202", EquipmentCategory.Recorder, "录音录像系统", true, "DEMO-GZ-HK-0002");
    private static readonly Need Decryptor = new("K203", EquipmentCategory.Decryptor, "开标解密终端", true, "DEMO-GZ-CF-0003");
    private static readonly Need Clock = new("K204", EquipmentCategory.TimeDisplay, "标准时钟", false, "DEMO-GZ-KB-0004");

    public static async Task SeedAsync(TradingOpsDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.Faults.AnyAsync(ct)) return;
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Code, ct);
        if (new[] { Projector, Recorder, Decryptor, Clock }.Any(n => !rooms.ContainsKey(n.RoomCode))) return;

        var today = FaultNumber.DayOf(now);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        DateTimeOffset On(int day, int hour, int minute = 0) => CenterTime.At(lastMonth.AddDays(day - 1), new TimeOnly(hour, minute));

        var projector = await FindOrCreateAsync(db, rooms[Projector.RoomCode], Projector, now, ct);
        var recorder = await FindOrCreateAsync(db, rooms[Recorder.RoomCode], Recorder, now, ct);
        var decryptor = await FindOrCreateAsync(db, rooms[Decryptor.RoomCode], Decryptor, now, ct);
        var clock = await FindOrCreateAsync(db, rooms[Clock.RoomCode], Clock, now, ct);

        // Repaired last month: 5.5 h for the projector, 26 h and 2 h for the room's essential kit (minor faults: the rooms stayed in use).
        Repaired(db, projector, FaultSeverity.Major, "投影画面偏色，开标时无法看清报价表", On(5, 9, 30), On(5, 15), "更换灯泡并重新校色", "duty");
        Repaired(db, recorder, FaultSeverity.Minor, "第3路摄像头画面间歇性黑屏（录像未中断）", On(12, 14), On(13, 16), "更换摄像头电源适配器，回放检查录像完整", "duty");
        Repaired(db, decryptor, FaultSeverity.Minor, "读卡器偶发识别不到CA锁", On(20, 10), On(20, 12), "清洁读卡器触点并升级驱动", "duty");

        // Open: the clock runs two minutes fast (a minor fault, the room in use), reported earlier today (this month's, even just after midnight).
        var reportedAt = now.AddHours(-2) > CenterTime.DayBounds(today).Start ? now.AddHours(-2) : now;
        var open = new Fault(Number(reportedAt, 1), clock, FaultSource.Room, null, FaultSeverity.Minor, "标准时钟比北京时间快约2分钟，未能自动校时",
            "staff", reportedAt);
        clock.MarkFaulty();
        db.Faults.Add(open);
        await db.SaveChangesAsync(ct);
    }

    private static void Repaired(TradingOpsDbContext db, Equipment equipment, FaultSeverity severity, string description,
        DateTimeOffset reported, DateTimeOffset repaired, string notes, string by)
    {
        var fault = new Fault(Number(reported, 1), equipment, FaultSource.Equipment, null, severity, description, "staff", reported);
        fault.Repair(notes, by, repaired, returnedToService: false);
        db.Faults.Add(fault);
    }

    private static string Number(DateTimeOffset at, int serial) => new FaultNumber(FaultNumber.DayOf(at), serial).ToString();

    private static async Task<Equipment> FindOrCreateAsync(TradingOpsDbContext db, Room room, Need need, DateTimeOffset now, CancellationToken ct)
    {
        var found = await db.Equipment.FirstOrDefaultAsync(e => e.Serial == need.Serial, ct)
                    ?? await db.Equipment.Where(e => e.RoomId == room.Id && e.Category == need.Category && e.State != EquipmentState.Retired)
                        .OrderBy(e => e.Code).FirstOrDefaultAsync(ct);
        if (found is not null) return found;
        var code = $"SB-{room.Code}-9{(int)need.Category:0}";
        var installed = FaultNumber.DayOf(now).AddYears(-2);
        var equipment = new Equipment(code, $"{room.Name}{need.Name}", need.Category, room.ZoneId, room.Id, need.Critical, need.Serial,
            null, null, installed, installed.AddYears(3), "system:demo-seed", now);
        db.Equipment.Add(equipment);
        return equipment;
    }
}
