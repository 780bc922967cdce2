using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Queue;
using TradingOps.Core.Registrations;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Cases;
using TradingOps.Data.Identity;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Archives;

/// <summary>
/// A project with a record in every section of its archive, written as the services write them: a registration with its
/// materials, a bid opening and an evaluation session (ended), witness entries (steps, a recording reference), a booking
/// message, a project incident, a draw with two experts whose names, ID numbers and phones the tests know, a case,
/// a certificate, a rating.
/// </summary>
internal sealed class ArchiveTestData(IServiceProvider services, TimeProvider clock, string tag = "")
{
    public const string DefaultProject = "ZJ2026-0815";
    public string Project { get; } = DefaultProject + tag;
    public const string ProjectName = "示范市滨河路改造工程施工";
    public static readonly string[] ExpertNames = ["欧阳明哲", "司马晓燕"];
    public static readonly string[] ExpertPhones = ["13988776655", "13911223344"];
    public const string RaiserPhone = "13712345678";
    public const string RaiserEmail = "zhangsan@example.com";
    public const string ContactIdNumber = "110101199003074514";

    public Room BidRoom = null!, EvalRoom = null!;
    public RoomBooking Opening = null!, Evaluation = null!;
    public List<string> ExpertIdNumbers = [];
    public Guid ProjectId;

    public static async Task UserAsync(TradingOpsDbContext db, Actor who, string role)
    {
        db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.Name, NormalizedUserName = who.Name.ToUpperInvariant(), DisplayName = who.Name });
        var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role)
                ?? db.Roles.Local.SingleOrDefault(x => x.Name == role)
                ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
    }

    /// <summary>The project, its staff, rooms, an accepted registration with every required material, two ended sessions.</summary>
    public async Task ProjectAsync(TradingCategory category = TradingCategory.Engineering, TradingMethod method = TradingMethod.OpenTender, bool endSessions = true)
    {
        var now = clock.GetUtcNow();
        await using var db = await services.NewContextAsync();
        var center = new Center("A" + tag, "档案测试中心" + tag, null);
        var zone = new Zone(center.Id, "开评标区", ZoneKind.BidOpening, "2F");
        BidRoom = new Room(zone.Id, "K301" + tag, "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        EvalRoom = new Room(zone.Id, "P301" + tag, "第一评标室", RoomType.EvaluationRoom, 13, 9);
        var staff = new Staff("S101" + tag, "钱档案", "交易服务部", null, "13600002222");
        var project = new TradingProject(Project, ProjectName, category, method, "示范市城市建设局", "某招标代理有限公司", 2_000_000m, staff.Id, now.AddDays(-30));
        ProjectId = project.Id;
        db.AddRange(center, zone, BidRoom, EvalRoom, staff, project);

        var materials = await db.MaterialChecklistItems.Where(i => i.Category == category && i.Required).Select(i => i.Name).ToListAsync();
        var registration = new Registration("DJ2026-0815" + tag, new RegistrationDraft
        {
            ProjectName = ProjectName, Category = category, Method = method, Initiator = "示范市城市建设局", Agency = "某招标代理有限公司",
            ContactName = "王经理", ContactPhone = "13912345678", ContactIdNumber = ContactIdNumber, Amount = 2_000_000m, Materials = materials,
        }, RegistrationChannel.Window, "clerk", now.AddDays(-31), now.AddDays(-30));
        registration.StartReview("clerk", now.AddDays(-31));
        registration.Accept(staff.Id, null, null, now.AddDays(-30));
        registration.LinkProject(project.Id);
        db.Registrations.Add(registration);

        Opening = new RoomBooking(BidRoom, project.Id, Project, ProjectName, "某招标代理有限公司", BookingPurpose.BidOpening, 20,
            now.AddDays(-10), now.AddDays(-10).AddHours(2), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "staff", now.AddDays(-20));
        Opening.SetContact("王经理", "13912345678", "wang@example.com");
        Opening.Confirm();
        Evaluation = new RoomBooking(EvalRoom, project.Id, Project, ProjectName, "某招标代理有限公司", BookingPurpose.Evaluation, 9,
            now.AddDays(-10).AddHours(3), now.AddDays(-10).AddHours(8), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "staff", now.AddDays(-20));
        Evaluation.Confirm();
        if (endSessions)
            foreach (var b in new[] { Opening, Evaluation })
            {
                b.CheckIn(b.StartsAt.AddMinutes(-10));
                b.Start(b.StartsAt);
                b.End(b.EndsAt);
            }
        db.AddRange(Opening, Evaluation);
        db.OutboxMessages.Add(new OutboxMessage(NotificationKind.BookingConfirmed, NotificationChannel.Sms, "王经理", "13912345678",
            "预约已确认", $"{Project} 开标室 K301 已确认", Opening.Id, "某招标代理有限公司", now.AddDays(-20)));
        await db.SaveChangesAsync();
    }

    /// <summary>Witness entries on both sessions: steps, an observation on the evaluation, a recording reference.</summary>
    public async Task WitnessAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<WitnessLedger>();
        var at = Opening.StartsAt;
        await ledger.RecordAsync([
            new WitnessDraft(Project, ProjectId, Opening.Id, WitnessEntryKind.Step, "open.start", "开标开始", null, at, "witness"),
            new WitnessDraft(Project, ProjectId, Opening.Id, WitnessEntryKind.Recording, null, "录像：K301 通道 1",
                "{\"channel\":\"K301-1\",\"from\":\"09:00\",\"until\":\"11:00\"}", at.AddHours(2), "witness"),
            new WitnessDraft(Project, ProjectId, Evaluation.Id, WitnessEntryKind.Step, "eval.start", "评标开始", null, Evaluation.StartsAt, "witness"),
            new WitnessDraft(Project, ProjectId, Evaluation.Id, WitnessEntryKind.Step, "eval.end", "评标结束", null, Evaluation.EndsAt, "witness"),
        ]);
    }

    /// <summary>A draw for the evaluation session: one round, two experts on the list (codes E90001, E90002).</summary>
    public async Task DrawAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<IIdentityProtector>();
        var now = clock.GetUtcNow();
        var day = CenterTime.Today(clock);
        await using var db = await services.NewContextAsync();
        var request = new DrawRequest(Evaluation.Id, EvalRoom.Id, Project, ProjectName, "示范市城市建设局", "某招标代理有限公司",
            Evaluation.StartsAt, Evaluation.EndsAt, DrawSource.Local, 90, "staff", now.AddDays(-12));
        var candidates = "[\"E90001\",\"E90002\",\"E90003\"]";
        var round = new DrawRound(request.Id, Evaluation.Id, DrawRoundKind.Initial, "A01", 2, null, null, "operator", "supervisor", now.AddDays(-11),
            3, candidates, TradingOps.Core.Archives.ArchiveHash.Of(candidates), "{\"E90009\":\"engaged\"}", "[0.25,0.75]", "[\"E90001\",\"E90002\"]");
        db.AddRange(request, round);
        for (var i = 0; i < 2; i++)
        {
            var id = TradingOps.Data.Evaluation.ExpertPoolSeeder.IdNumberFor(new Bogus.Faker("zh_CN") { Random = new Bogus.Randomizer(4711 + i) }, day);
            ExpertIdNumbers.Add(id);
            var identity = ProtectedIdentity.Of(protector, ExpertNames[i], id, ExpertPhones[i], day);
            db.CommitteeMembers.Add(new CommitteeMember(request, MemberKind.Expert, null, $"E9000{i + 1}", "A01", round.Id, i + 1, identity, "示范设计研究院", "staff", now.AddDays(-11)));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A project incident, closed unless <paramref name="leaveOpen"/>.</summary>
    public async Task<Incident> IncidentAsync(bool leaveOpen = false)
    {
        var now = clock.GetUtcNow();
        await using var db = await services.NewContextAsync();
        var incident = Incident.Raise(Project, ProjectId, null, IncidentCategory.SystemFailure, IncidentScope.Project, "开标系统短时无法登录",
            "witness", Opening.StartsAt.AddMinutes(5), TimeSpan.FromHours(24));
        if (!leaveOpen) incident.Close("五分钟后恢复，未影响开标", "witness", Opening.StartsAt.AddMinutes(20), 0);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident;
    }

    /// <summary>An objection on the project, received through the one intake path; withdrawn unless <paramref name="leaveOpen"/>.</summary>
    public async Task<Case> CaseAsync(bool leaveOpen = false)
    {
        await using var scope = services.CreateAsyncScope();
        var kase = await scope.ServiceProvider.GetRequiredService<CaseIntakeService>().ReceiveAsync(new CaseIntake(CaseKind.Objection, CaseChannel.Window,
            CaseStage.CandidatePublicity, Project, "对中标候选人公示有异议", "第一中标候选人业绩不符合要求", "张三", RaiserPhone, "某建设公司", RaiserEmail, null), "clerk", "clerk");
        if (leaveOpen) return kase;
        await using var db = await services.NewContextAsync();
        var saved = await db.Cases.SingleAsync(c => c.Id == kase.Id);
        saved.Withdraw("异议人撤回", "clerk", clock.GetUtcNow());
        await db.SaveChangesAsync();
        return saved;
    }

    public async Task<WitnessCertificate> CertificateAsync(int serial = 1)
    {
        await using var db = await services.NewContextAsync();
        var head = await db.WitnessChainHeads.AsNoTracking().SingleAsync(h => h.ChainKey == Project);
        var certificate = new WitnessCertificate(new CertificateNumber(2026, serial + (tag.Length == 0 ? 0 : 900)), Project, ProjectId, ProjectName, "工程建设", "示范市城市建设局",
            "某招标代理有限公司",
            [new CertificateSession(Opening.Id, "K301", "开标", Opening.StartsAt, Opening.EndsAt, Opening.StartsAt, Opening.EndsAt, [], ["witness"], null)],
            head.Sequence, head.Hash, "witness", clock.GetUtcNow());
        db.WitnessCertificates.Add(certificate);
        await db.SaveChangesAsync();
        return certificate;
    }

    /// <summary>A rating of one session's venue or witness service (one of each per session).</summary>
    public async Task RatingAsync(RatingLevel level = RatingLevel.Satisfied, string? comment = "场地整洁", RatedService service = RatedService.Venue, bool evaluation = false)
    {
        await using var db = await services.NewContextAsync();
        db.SatisfactionRatings.Add(new SatisfactionRating(evaluation ? Evaluation.Id : Opening.Id, service, level, null, comment, clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    /// <summary>Everything above: a project whose archive is complete.</summary>
    public async Task CompleteAsync()
    {
        await ProjectAsync();
        await WitnessAsync();
        await DrawAsync();
        await IncidentAsync();
        await CaseAsync();
        await CertificateAsync();
        await RatingAsync();
    }
}
