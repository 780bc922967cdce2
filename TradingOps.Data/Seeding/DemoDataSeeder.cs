using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using static TradingOps.Data.Seeding.DemoNames;

namespace TradingOps.Data.Seeding;

/// <summary>
/// A fictional municipal center sized as DOMAIN.md describes: zones, rooms, windows, staff, a year of trading
/// projects, and today's bid-opening schedule. Deterministic (fixed Bogus seed); the year is laid out
/// relative to the current time, and today's schedule is added on every start-up of a new day.
/// </summary>
public sealed class DemoDataSeeder(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    TimeProvider clock,
    IOptions<DatabaseOptions> options,
    DemoHistory history,
    Core.Evaluation.IIdentityProtector protector,
    ILogger<DemoDataSeeder> logger)
{
    public const int Seed = 20260101;
    public const string CenterCode = "SFS-GGZY";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AuditDisabled = true;
        var now = clock.GetUtcNow();

        var firstSeed = !await db.Centers.AnyAsync(ct);
        Func<IDbContextFactory<TradingOpsDbContext>, CancellationToken, Task>? past = null;
        if (firstSeed)
        {
            var started = clock.GetTimestamp();
            var faker = new Faker("zh_CN") { Random = new Randomizer(Seed) };
            var staff = SeedOrganisation(db, faker);
            await db.SaveChangesAsync(ct);
            var today = CenterTime.Today(clock);
            // The same faker goes on to the year of projects, so the demo is the same whether the past is seeded now or later.
            past = (contexts, token) => SeedPastAsync(contexts, faker, staff, calendar, now, today, started, token);
        }
        else if (!await db.AuditEntries.AnyAsync(a => a.Entity == DemoDataEntity, ct))
        {
            logger.LogWarning("The demo center has no year of projects or history: the app stopped while seeding them. Delete the database file to seed the demo afresh.");
        }

        await EnsureTodayScheduleAsync(db, calendar, now, ct);
        await FloorDemoSeeder.SeedTodayAsync(db, now, ct);
        await OutageDemoSeeder.SeedAsync(db, calendar, now, ct);
        await new Queue.QueueDemoSeeder(factory, calendars, clock, logger).SeedTodayAsync(ct);
        await Registrations.RegistrationDemoSeeder.SeedAsync(db, calendar, now, ct);
        await Venue.VenueDemoSeeder.SeedAsync(db, calendar, now, ct);
        await EquipmentDemoSeeder.SeedAsync(db, calendar, now, ct);
        await SeedEvaluationAreaAsync(ct);

        // The past last, so today's floor and queue are laid out as on any other start; after the first page when so configured.
        if (past is null) return;
        if (options.Value.DemoHistoryInBackground)
            history.Start((services, token) => past(services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>(), token));
        else await past(factory, ct);
    }

    /// <summary>The local expert pool (a few thousand experts, 48 specialties) in a context of its own (change tracking on).</summary>
    private async Task SeedEvaluationAreaAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await Evaluation.ExpertPoolSeeder.SeedAsync(db, protector, DemoExperts, clock.GetUtcNow(), ct: ct);
    }

    /// <summary>The demo pool's size: a municipal center's local pool.</summary>
    public const int DemoExperts = 3000;

    /// <summary>Written with the year of projects: a demo center without it stopped while seeding its past.</summary>
    private const string DemoDataEntity = "DemoData";

    /// <summary>The year of trading projects, then the operations history of the past working days.</summary>
    private async Task SeedPastAsync(IDbContextFactory<TradingOpsDbContext> contexts, Faker faker, List<Staff> staff, WorkdayCalendar calendar,
        DateTimeOffset now, DateOnly today, long started, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AuditDisabled = true;
        var codes = ProjectCodes.LastNumbers(await db.TradingProjects.Select(p => p.Code).ToListAsync(ct)); // series continue after any project already there
        var projects = YearOfProjects(faker, calendar, staff, now, options.Value.DemoProjectsPerYear, codes);
        db.TradingProjects.AddRange(projects);
        db.AuditEntries.Add(new AuditEntry(now, Actor.System("demo-seed"), DemoDataEntity, CenterCode, AuditAction.Added,
            $$"""{"projects":{{projects.Count}},"staff":{{staff.Count}}}"""));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo center seeded: {Projects} projects, {Staff} staff in {Elapsed} ms",
            projects.Count, staff.Count, (int)clock.GetElapsedTime(started).TotalMilliseconds);

        if (options.Value.DemoHistoryDays > 0)
        {
            var history = await OperationsHistorySeeder.SeedAsync(db, calendar, today.AddDays(-options.Value.DemoHistoryDays), today.AddDays(-1),
                Math.Max(1, options.Value.DemoProjectsPerYear * 10 / 250), Seed, now, ct);
            logger.LogInformation("Demo history: {Tickets} tickets, {Ratings} ratings, {Bookings} room sessions", history.Tickets, history.Ratings, history.Bookings);
        }
    }

    private static List<Staff> SeedOrganisation(TradingOpsDbContext db, Faker faker)
    {
        var center = new Center(CenterCode, $"{City}公共资源交易中心", $"{City}高新区政务服务中心B座");
        var publicZone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
        var openingZone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        var evaluationZone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
        var negotiationZone = new Zone(center.Id, "述标谈判区", ZoneKind.Negotiation, "3F");
        var supervisionZone = new Zone(center.Id, "监督见证区", ZoneKind.Supervision, "2F");
        var officeZone = new Zone(center.Id, "办公区", ZoneKind.Office, "4F");
        db.Centers.Add(center);
        db.Zones.AddRange(publicZone, openingZone, evaluationZone, negotiationZone, supervisionZone, officeZone);

        var rooms = new List<Room>();
        int[] openingCapacity = [40, 40, 60, 60, 80, 50, 30, 30];
        for (var i = 0; i < openingCapacity.Length; i++)
            rooms.Add(new Room(openingZone.Id, $"K{201 + i}", $"第{ChineseNumber(i + 1)}开标室", RoomType.BidOpeningRoom, openingCapacity[i], 0));
        rooms.Add(new Room(openingZone.Id, "K209", "多功能交易室", RoomType.MultiFunctionRoom, 100, 0));
        rooms.Add(new Room(openingZone.Id, "K210", "拍卖厅", RoomType.AuctionHall, 120, 0));
        int[] seats = [5, 5, 7, 7, 7, 9, 9, 9, 11, 13, 15, 17, 21, 25, 30];
        for (var i = 0; i < seats.Length; i++)
            rooms.Add(new Room(evaluationZone.Id, $"P{301 + i}", $"第{ChineseNumber(i + 1)}评标室", RoomType.EvaluationRoom, seats[i] + 4, seats[i]));
        rooms.Add(new Room(negotiationZone.Id, "T321", "谈判室", RoomType.NegotiationRoom, 12, 0));
        rooms.Add(new Room(negotiationZone.Id, "T322", "磋商室", RoomType.ConsultationRoom, 12, 0));
        rooms.Add(new Room(negotiationZone.Id, "T323", "澄清室", RoomType.ClarificationRoom, 8, 0));
        rooms[5].TakeOutOfService("投影仪故障，等待厂家维修");
        rooms[20].TakeOutOfService("评标工位电脑升级");
        db.Rooms.AddRange(rooms);

        ServiceType[] types =
        [
            new("A", "项目登记受理", 1), new("B", "场地预约", 2), new("C", "专家抽取", 3), new("D", "数字证书(CA)", 4),
            new("E", "保证金/银行结算", 5), new("F", "咨询", 6), new("G", "档案查询", 7),
        ];
        db.ServiceTypes.AddRange(types);
        ServiceType[][] serves =
        [
            [types[0]], [types[0]], [types[0]], [types[1]], [types[2]], [types[3]], [types[3]], [types[4]],
            [types[4]], [types[5], types[6]], [types[0], types[1]], types,
        ];
        for (var i = 0; i < serves.Length; i++)
            db.ServiceWindows.Add(new ServiceWindow(publicZone.Id, i + 1, i == serves.Length - 1 ? "综合窗口" : $"{i + 1}号窗口", serves[i]));

        var staff = new List<Staff>();
        for (var i = 1; i <= 60; i++)
        {
            var department = i <= 20 ? Departments[0] : faker.PickRandom(Departments);
            staff.Add(new Staff($"SF{i:000}", faker.Name.LastName() + faker.Name.FirstName(), department,
                faker.PickRandom(Titles), $"1{faker.Random.Int(30, 99)}{faker.Random.Int(0, 99_999_999):00000000}"));
        }
        db.Staff.AddRange(staff);
        return staff;
    }

    private static List<TradingProject> YearOfProjects(Faker faker, WorkdayCalendar calendar, List<Staff> staff, DateTimeOffset now, int count,
        Dictionary<string, int> sequence)
    {
        var responsible = staff.Where(s => s.Department == Departments[0]).ToArray();
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var workingDays = Enumerable.Range(0, 366).Select(i => today.AddDays(-i)).Where(calendar.IsWorkingDay).ToArray();
        var projects = new List<TradingProject>(count);
        for (var i = 0; i < count; i++)
        {
            var day = faker.PickRandom(workingDays);
            var officeTime = new TimeOnly(8, 30).AddMinutes(faker.Random.Int(0, 8 * 60 + 59));
            if (CenterTime.At(day, officeTime) > now) day = calendar.AddWorkingDays(day, -1); // later today has not happened yet
            var registeredAt = CenterTime.At(day, officeTime);
            var project = NewProject(faker, responsible, registeredAt, sequence);
            var opensOn = calendar.NextWorkingDayOnOrAfter(day.AddDays(faker.Random.Int(20, 40)));
            if (opensOn == today) opensOn = calendar.AddWorkingDays(today, 1); // today has its own schedule
            project.ScheduleBidOpening(CenterTime.At(opensOn, new TimeOnly(9, 0).AddMinutes(30 * faker.Random.Int(0, 15))));
            projects.Add(project);
        }
        return projects;
    }

    /// <summary>
    /// Today's bid openings, every half hour of the office day, so the floor is busy whenever the app starts;
    /// outside office hours a few evening sessions (such as overnight evaluation) sit around the current time.
    /// </summary>
    private async Task EnsureTodayScheduleAsync(TradingOpsDbContext db, WorkdayCalendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var (start, end) = CenterTime.DayBounds(today);
        if (await db.TradingProjects.AnyAsync(p => p.BidOpeningAt >= start && p.BidOpeningAt < end, ct)) return;
        var responsible = await db.Staff.Where(s => s.Department == Departments[0]).ToArrayAsync(ct);
        if (responsible.Length == 0) return;

        var faker = new Faker("zh_CN") { Random = new Randomizer(Seed + today.DayNumber) };
        var slots = Enumerable.Range(0, 16).Select(i => CenterTime.At(today, new TimeOnly(9, 0).AddMinutes(30 * i))).ToList();
        var local = TimeOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        if (local < new TimeOnly(8, 30) || local > new TimeOnly(17, 30))
            slots.AddRange(new[] { -90, -30, 30 }.Select(m => now.AddMinutes(m)).Where(t => t >= start && t < end));

        var sequence = ProjectCodes.LastNumbers(await db.TradingProjects.Select(p => p.Code).ToListAsync(ct)); // today's projects continue their series
        var projects = new List<TradingProject>();
        foreach (var slot in slots)
        {
            for (var n = faker.Random.Int(1, 3); n > 0; n--)
            {
                var registeredOn = calendar.AddWorkingDays(today, -faker.Random.Int(15, 30));
                var project = NewProject(faker, responsible, CenterTime.At(registeredOn, new TimeOnly(9, 30)), sequence);
                project.ScheduleBidOpening(slot);
                projects.Add(project);
            }
        }
        db.TradingProjects.AddRange(projects);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo schedule for {Today}: {Count} bid openings", today, projects.Count);
    }

    private static TradingProject NewProject(Faker faker, Staff[] responsible, DateTimeOffset registeredAt,
        Dictionary<string, int> sequence)
    {
        var category = faker.Random.WeightedRandom(
            [TradingCategory.Engineering, TradingCategory.GovernmentProcurement, TradingCategory.LandAndMiningRights,
             TradingCategory.StateAssets, TradingCategory.MedicalProcurement, TradingCategory.Other],
            [0.35f, 0.35f, 0.08f, 0.12f, 0.05f, 0.05f]);
        var (subjects, method, amount) = category switch
        {
            TradingCategory.Engineering => (EngineeringSubjects,
                faker.Random.WeightedRandom([TradingMethod.OpenTender, TradingMethod.InvitedTender, TradingMethod.CompetitiveNegotiation], [0.8f, 0.1f, 0.1f]),
                faker.Random.Decimal(1_000_000, 300_000_000)),
            TradingCategory.GovernmentProcurement => (ProcurementSubjects,
                faker.Random.WeightedRandom([TradingMethod.OpenTender, TradingMethod.CompetitiveConsultation, TradingMethod.CompetitiveNegotiation, TradingMethod.Inquiry, TradingMethod.SingleSource],
                    [0.5f, 0.2f, 0.1f, 0.15f, 0.05f]),
                faker.Random.Decimal(100_000, 20_000_000)),
            TradingCategory.LandAndMiningRights => (LandSubjects,
                faker.Random.WeightedRandom([TradingMethod.Listing, TradingMethod.Auction], [0.7f, 0.3f]),
                faker.Random.Decimal(5_000_000, 800_000_000)),
            TradingCategory.StateAssets => (AssetSubjects,
                faker.Random.WeightedRandom([TradingMethod.Auction, TradingMethod.Listing, TradingMethod.Bidding], [0.4f, 0.5f, 0.1f]),
                faker.Random.Decimal(100_000, 50_000_000)),
            TradingCategory.MedicalProcurement => (MedicalSubjects, TradingMethod.OpenTender, faker.Random.Decimal(1_000_000, 80_000_000)),
            _ => (OtherSubjects, TradingMethod.Listing, faker.Random.Decimal(50_000, 10_000_000)),
        };
        var district = faker.PickRandom(Districts);
        var agency = category == TradingCategory.LandAndMiningRights && faker.Random.Bool(0.6f)
            ? null
            : faker.PickRandom(AgencyStems) + (method is TradingMethod.Auction or TradingMethod.Listing or TradingMethod.Bidding
                ? AuctionHouseSuffix
                : faker.PickRandom(AgencySuffixes));
        return new TradingProject(
            code: ProjectCodes.Next(category, registeredAt, sequence),
            name: $"{City}{district}{faker.PickRandom(subjects)}",
            category, method,
            initiator: $"{City}{district}{faker.PickRandom(InitiatorUnits)}",
            agency,
            amount: decimal.Round(amount / 100m) * 100m, // whole hundreds of yuan
            responsibleStaffId: faker.PickRandom(responsible).Id,
            registeredAt);
    }

    private static string ChineseNumber(int n)
    {
        string[] digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return n switch
        {
            < 10 => digits[n],
            10 => "十",
            < 20 => "十" + digits[n % 10],
            _ => digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]),
        };
    }
}
