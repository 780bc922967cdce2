using Bogus;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Data.Seeding;

namespace TradingOps.Data.Evaluation;

/// <summary>
/// The specialty catalogue (after the 评标专家专业分类标准: 工程 A, 货物 B, 服务 C) and a demo expert pool of realistic
/// size with fictional people: valid-checksum ID numbers, mainland mobiles, employers from the demo's initiator and
/// agency names and others, 1–3 specialties each, a few suspended, some unavailable periods.
/// </summary>
public static class ExpertPoolSeeder
{
    public static readonly (string Code, string Name, string Category)[] Specialties =
    [
        ("A01", "房屋建筑工程", "工程类"), ("A02", "市政公用工程", "工程类"), ("A03", "公路工程", "工程类"), ("A04", "水利水电工程", "工程类"),
        ("A05", "铁路工程", "工程类"), ("A06", "港口与航道工程", "工程类"), ("A07", "电力工程", "工程类"), ("A08", "通信工程", "工程类"),
        ("A09", "机电安装工程", "工程类"), ("A10", "装饰装修工程", "工程类"), ("A11", "园林绿化工程", "工程类"), ("A12", "矿山工程", "工程类"),
        ("A13", "石油化工工程", "工程类"), ("A14", "冶金工程", "工程类"), ("A15", "环保工程", "工程类"), ("A16", "地质勘查", "工程类"),
        ("A17", "工程造价", "工程类"), ("A18", "工程监理", "工程类"), ("A19", "勘察设计", "工程类"), ("A20", "消防工程", "工程类"),
        ("A21", "建筑智能化工程", "工程类"), ("A22", "土地整治", "工程类"),
        ("B01", "通用设备", "货物类"), ("B02", "专用设备", "货物类"), ("B03", "电子信息设备", "货物类"), ("B04", "医疗设备", "货物类"),
        ("B05", "教学仪器设备", "货物类"), ("B06", "交通运输设备", "货物类"), ("B07", "电气设备", "货物类"), ("B08", "仪器仪表", "货物类"),
        ("B09", "办公设备及家具", "货物类"), ("B10", "建筑材料", "货物类"), ("B11", "药品", "货物类"), ("B12", "医用耗材", "货物类"),
        ("B13", "软件产品", "货物类"), ("B14", "农业机械", "货物类"),
        ("C01", "法律服务", "服务类"), ("C02", "财务会计", "服务类"), ("C03", "工程咨询", "服务类"), ("C04", "信息技术服务", "服务类"),
        ("C05", "物业管理", "服务类"), ("C06", "保险服务", "服务类"), ("C07", "金融服务", "服务类"), ("C08", "广告宣传", "服务类"),
        ("C09", "印刷出版", "服务类"), ("C10", "餐饮服务", "服务类"), ("C11", "培训服务", "服务类"), ("C12", "运输服务", "服务类"),
    ];

    private static readonly string[] EmployerStems =
        ["示范市建筑设计研究院", "示范大学", "示范理工学院", "示范市政工程设计院", "示范交通规划设计院", "示范水利勘测设计院",
         "示范电力设计院", "示范市人民医院", "示范市中心医院", "示范会计师事务所", "示范律师事务所", "示范工程造价咨询公司",
         "示范信息技术研究所", "示范建设监理公司", "示范地质勘查院", "示范环境科学研究院", "示范职业技术学院", "示范测绘院"];

    /// <summary>The specialty catalogue, once.</summary>
    public static async Task EnsureSpecialtiesAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var known = await db.ExpertSpecialties.Select(s => s.Code).ToListAsync(ct);
        foreach (var (code, name, category) in Specialties.Where(s => !known.Contains(s.Code)))
            db.ExpertSpecialties.Add(new ExpertSpecialty(code, name, category));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds <paramref name="count"/> demo experts when the pool is empty (deterministic for a seed). Audit is off for the
    /// bulk load, as for the other demo data. Returns how many were added.
    /// </summary>
    public static async Task<int> SeedAsync(TradingOpsDbContext db, IIdentityProtector protector, int count, DateTimeOffset now,
        int seed = 20261203, CancellationToken ct = default)
    {
        await EnsureSpecialtiesAsync(db, ct);
        if (await db.Experts.AnyAsync(ct)) return 0;
        var faker = new Faker("zh_CN") { Random = new Randomizer(seed) };
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var employers = EmployerStems.Concat(DemoNames.InitiatorUnits).Concat(DemoNames.AgencyStems.Select(s => s + DemoNames.AgencySuffixes[0]))
            .Select(e => e.StartsWith(DemoNames.City, StringComparison.Ordinal) || e.StartsWith("示范", StringComparison.Ordinal) ? e : DemoNames.City + e)
            .Distinct().ToArray();
        var usedIds = new HashSet<string>();
        var wasDisabled = db.AuditDisabled;
        db.AuditDisabled = true;
        try
        {
            for (var i = 1; i <= count; i++)
            {
                string id;
                do id = IdNumberFor(faker, today); while (!usedIds.Add(id));
                var phone = "1" + faker.PickRandom("3", "5", "7", "8", "9") + faker.Random.ReplaceNumbers("#########");
                var name = faker.Name.LastName() + faker.Name.FirstName();
                var identity = ProtectedIdentity.Of(protector, name, id, phone, today);
                var specialties = faker.PickRandom(Specialties.Select(s => s.Code), faker.Random.Int(1, 3));
                var expert = new Expert($"E{i:D5}", identity, faker.PickRandom(employers), faker.PickRandom(DemoNames.Districts),
                    specialties, ExpertSource.LocalPool, "system:demo", now.AddDays(-faker.Random.Int(30, 2000)));
                if (faker.Random.Int(1, 100) <= 2) expert.SetStatus(ExpertStatus.Suspended, "年度考核暂停抽取");
                db.Experts.Add(expert);
                if (faker.Random.Int(1, 100) <= 4)
                {
                    var from = now.Date.AddDays(faker.Random.Int(-3, 20));
                    db.ExpertUnavailabilities.Add(new ExpertUnavailability(expert.Id, new DateTimeOffset(from, TimeSpan.Zero),
                        new DateTimeOffset(from.AddDays(faker.Random.Int(1, 7)), TimeSpan.Zero), faker.PickRandom("出差", "休假", "培训", "身体原因"), "system:demo"));
                }
                if (i % 500 == 0) { await db.SaveChangesAsync(ct); db.ChangeTracker.Clear(); }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        finally { db.AuditDisabled = wasDisabled; }
        return count;
    }

    /// <summary>A fictional ID number with a valid area prefix, birth date (age 30–65) and check character.</summary>
    public static string IdNumberFor(Faker faker, DateOnly today)
    {
        var area = faker.PickRandom("110101", "310104", "320102", "330106", "370102", "420102", "440106", "510104", "530102", "210102");
        var birth = today.AddYears(-faker.Random.Int(30, 65)).AddDays(-faker.Random.Int(0, 364));
        var first17 = area + birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + faker.Random.ReplaceNumbers("###");
        return first17 + IdNumber.CheckCharacter(first17);
    }
}
