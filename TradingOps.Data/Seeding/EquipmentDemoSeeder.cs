using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Core.Organisation;
using TradingOps.Data.Facilities;

namespace TradingOps.Data.Seeding;

/// <summary>
/// The demo's equipment register (设备台账): each bid-opening room's projector, recorder, standard clock, decryption
/// terminal and door-plate screen, the evaluation rooms' recorders and door plates, the evaluation area's gates, detectors
/// and locker banks, the hall's screens and the machine room, with serials, vendors, install dates and warranties (some
/// lapsed, some about to). The recorder and the decryptor are what a room cannot run without. Seeded once; today's
/// inspection tasks are made on every start (a new day gets its round, none twice).
/// </summary>
public static class EquipmentDemoSeeder
{
    private sealed record Kind(EquipmentCategory Category, string Name, string Vendor, string Model, string Serial, bool Critical, int WarrantyYears);

    private static readonly Kind Projector = new(EquipmentCategory.Projector, "投影仪", "爱普生", "CB-2265U", "EP", false, 3);
    private static readonly Kind Recorder = new(EquipmentCategory.Recorder, "录音录像系统", "海康威视", "DS-8632N-I8", "HK", true, 3);
    private static readonly Kind Clock = new(EquipmentCategory.TimeDisplay, "标准时钟", "康巴斯", "KBS-NTP-T12", "KB", false, 2);
    private static readonly Kind Decryptor = new(EquipmentCategory.Decryptor, "开标解密终端", "CFCA", "KB-DT200", "CF", true, 3);
    private static readonly Kind DoorPlate = new(EquipmentCategory.Screen, "门牌屏", "视源 MAXHUB", "W21PA", "MX", false, 2);
    private static readonly Kind Audio = new(EquipmentCategory.Audio, "扩声系统", "雅马哈", "MG16XU", "YM", false, 2);
    private static readonly Kind Gate = new(EquipmentCategory.Gate, "评标区通道闸机", "中控智慧", "FBM2011", "ZK", false, 3);
    private static readonly Kind Detector = new(EquipmentCategory.Detector, "电子设备探测门", "同方威视", "THSCAN-MD600", "NT", false, 3);
    private static readonly Kind Lockers = new(EquipmentCategory.LockerBank, "专家储物柜（36门）", "中科鼎盛", "ZK-CG36", "DS", false, 2);
    private static readonly Kind HallLockers = new(EquipmentCategory.LockerBank, "大厅寄存柜（24门）", "中科鼎盛", "ZK-CG24", "DS", false, 2);
    private static readonly Kind HallScreen = new(EquipmentCategory.Screen, "大厅信息屏", "利亚德", "VS-P2.5", "LY", false, 3);
    private static readonly Kind CallScreen = new(EquipmentCategory.Screen, "叫号屏", "视源 MAXHUB", "C43", "MX", false, 2);
    private static readonly Kind Switch = new(EquipmentCategory.Network, "核心交换机", "华为", "S5735-L48T4X", "HW", false, 5);
    private static readonly Kind Terminal = new(EquipmentCategory.Computer, "评标工位电脑", "联想", "启天 M437", "LN", false, 3);

    public static async Task SeedAsync(TradingOpsDbContext db, WorkdayCalendar calendar, DateTimeOffset now, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        if (!await db.Equipment.AnyAsync(ct))
        {
            var zones = await db.Zones.AsNoTracking().ToListAsync(ct);
            var rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
            if (zones.Count == 0 || rooms.Count == 0) return;
            db.Equipment.AddRange(Register(zones, rooms, today, now));
            await db.SaveChangesAsync(ct);
        }
        var tasks = await InspectionService.MissingAsync(db, calendar, today, now, ct);
        if (tasks.Count == 0) return;
        await MorningRoundAsync(db, tasks, now, ct);
        db.InspectionTasks.AddRange(tasks);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Rooms the demo's morning round has not reached yet: their tasks stay open, so past due time the wall shows the overdue alert.</summary>
    public static readonly string[] NotYetInspected = ["K201", "K202"];

    /// <summary>
    /// The round so far: every task already due is done (by one of the center's staff, shortly before its due time) but
    /// those of <see cref="NotYetInspected"/>; 第五开标室's door plate failed (black screen), to be reported as a fault.
    /// </summary>
    private static async Task MorningRoundAsync(TradingOpsDbContext db, List<InspectionTask> tasks, DateTimeOffset now, CancellationToken ct)
    {
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Code, ct);
        var inspector = await db.Staff.AsNoTracking().OrderBy(s => s.EmployeeNo).Skip(20).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "巡检员";
        var i = 0;
        foreach (var task in tasks.Where(t => t.DueAt < now))
        {
            var room = task.RoomId is { } id ? rooms.GetValueOrDefault(id) : null;
            if (room is not null && NotYetInspected.Contains(room)) continue;
            var at = task.DueAt.AddMinutes(-(5 + i++ % 40));
            if (room == "K205" && task.Category == EquipmentCategory.Screen)
                task.Complete(task.Items.Select((_, n) => n != 0).ToList(), "门牌屏黑屏，重启后仍无显示，已联系厂家", inspector, at);
            else
                task.Complete(task.Items.Select(_ => true).ToList(), null, inspector, at);
        }
    }

    private static List<Equipment> Register(List<Zone> zones, List<Room> rooms, DateOnly today, DateTimeOffset now)
    {
        var list = new List<Equipment>();
        var n = 0;
        void Add(Kind kind, Guid zoneId, Room? room, string place)
        {
            n++;
            // Installed between about one and five years ago, so warranties run from long lapsed to several years ahead.
            var installed = today.AddDays(-(200 + (n * 137) % 1500));
            var code = $"SB-{place}-{list.Count(e => e.Code.StartsWith($"SB-{place}-", StringComparison.Ordinal)) + 1:00}";
            list.Add(new Equipment(code, room is null ? kind.Name : $"{room.Name}{kind.Name}", kind.Category, zoneId, room?.Id, kind.Critical && room is not null,
                $"{kind.Serial}{installed:yyMM}{n * 7919 % 100000:00000}", kind.Vendor, kind.Model, installed, installed.AddYears(kind.WarrantyYears),
                "system:demo-seed", now));
        }

        foreach (var room in rooms)
        {
            switch (room.Type)
            {
                case RoomType.BidOpeningRoom:
                    foreach (var kind in new[] { Projector, Recorder, Clock, Decryptor, DoorPlate }) Add(kind, room.ZoneId, room, room.Code);
                    break;
                case RoomType.MultiFunctionRoom or RoomType.AuctionHall:
                    foreach (var kind in new[] { Projector, Recorder, Clock, Audio, DoorPlate }) Add(kind, room.ZoneId, room, room.Code);
                    break;
                case RoomType.EvaluationRoom:
                    foreach (var kind in new[] { Recorder, DoorPlate }) Add(kind, room.ZoneId, room, room.Code);
                    if (room.EvaluationSeats >= 15) Add(Terminal, room.ZoneId, room, room.Code);
                    break;
                default:
                    foreach (var kind in new[] { Recorder, DoorPlate }) Add(kind, room.ZoneId, room, room.Code);
                    break;
            }
        }
        if (zones.FirstOrDefault(z => z.Kind == ZoneKind.Evaluation) is { } evaluation)
        {
            for (var i = 0; i < 2; i++) Add(Gate, evaluation.Id, null, "PJQ");
            for (var i = 0; i < 2; i++) Add(Detector, evaluation.Id, null, "PJQ");
            for (var i = 0; i < 3; i++) Add(Lockers, evaluation.Id, null, "PJQ");
            Add(Clock, evaluation.Id, null, "PJQ");
        }
        if (zones.FirstOrDefault(z => z.Kind == ZoneKind.PublicService) is { } hall)
        {
            Add(HallScreen, hall.Id, null, "DT");
            Add(CallScreen, hall.Id, null, "DT");
            Add(HallLockers, hall.Id, null, "DT");
        }
        if (zones.FirstOrDefault(z => z.Kind == ZoneKind.Office) is { } office)
            Add(Switch, office.Id, null, "JF");
        return list;
    }
}
