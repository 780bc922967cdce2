using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Evaluation;

/// <summary>
/// Sessions of the evaluation area in a real database, with experts whose names and ID numbers the tests know (to prove
/// they never reach a screen), call outcomes, admissions and gate-log events written the way the draw and the gate do.
/// </summary>
internal sealed class EvaluationTestData(IServiceProvider services)
{
    public static readonly DateOnly Day = new(2026, 11, 23);
    public static DateTimeOffset At(string hhmm) => CenterTime.At(Day, TimeOnly.Parse(hhmm));

    /// <summary>Names the tests look for in markup, messages and events: none may ever be found.</summary>
    public static readonly string[] Names = ["王建国", "李秀英", "张伟明", "刘海燕", "陈志强", "杨丽华", "赵德胜", "孙美玲"];
    public const string Project = "GC-2026-0917";
    public const string ProjectName = "滇池北岸综合管廊工程施工";
    public const string Partner = "昆明市公共资源交易中心";

    private readonly Faker _faker = new("zh_CN") { Random = new Randomizer(1809) };
    private Zone? _zone;

    public sealed record Seeded(Room Room, RoomBooking Booking, DrawRequest Request, IReadOnlyList<CommitteeMember> Experts, IReadOnlyList<string> IdNumbers);

    public string NewIdNumber() => ExpertPoolSeeder.IdNumberFor(_faker, Day);

    private Task<TradingOpsDbContext> DbAsync() => services.NewContextAsync();

    /// <summary>
    /// An evaluation room and a session in it: <paramref name="wanted"/> experts asked for, the first
    /// <paramref name="accepted"/> of them confirmed by the call, the first <paramref name="admitted"/> inside.
    /// <paramref name="idNumbers"/> gives experts' ID numbers (the same person on two lists).
    /// </summary>
    public async Task<Seeded> SessionAsync(string roomCode, string starts, string ends, int wanted, int accepted, int admitted,
        IReadOnlyList<string>? idNumbers = null, RemoteRole remote = RemoteRole.None)
    {
        var protector = services.GetRequiredService<IIdentityProtector>();
        await using var db = await DbAsync();
        if (_zone is null)
        {
            await ExpertPoolSeeder.EnsureSpecialtiesAsync(db, CancellationToken.None);
            var center = new Center("E", "测试中心", null);
            _zone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
            db.AddRange(center, _zone);
        }
        var room = new Room(_zone.Id, roomCode, $"{roomCode} 评标室", RoomType.EvaluationRoom, 13, 9);
        var booking = new RoomBooking(room, null, Project, ProjectName, "华信招标代理有限公司", BookingPurpose.Evaluation, 9, At(starts), At(ends),
            TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "staff", At("07:00").AddDays(-3));
        booking.Confirm();
        var request = new DrawRequest(booking.Id, room.Id, Project, ProjectName, "云南示范建设集团", "华信招标代理有限公司", booking.StartsAt, booking.EndsAt,
            DrawSource.Local, 90, "staff", At("07:00").AddDays(-2));
        if (remote != RemoteRole.None) request.SetRemote(remote, Partner, 2, room.EvaluationSeats);
        db.AddRange(room, booking, request, new DrawQuota(request.Id, "A01", wanted));
        var ids = new List<string>();
        var experts = new List<CommitteeMember>();
        for (var i = 0; i < wanted; i++)
        {
            var id = idNumbers is not null && i < idNumbers.Count ? idNumbers[i] : NewIdNumber();
            ids.Add(id);
            var identity = ProtectedIdentity.Of(protector, Names[i % Names.Length], id, $"1390871{i:D4}", Day);
            var member = new CommitteeMember(request, MemberKind.Expert, null, $"E{i:D5}", "A01", null, i + 1, identity, "示范设计研究院", "staff", At("07:00").AddDays(-2));
            db.CommitteeMembers.Add(member);
            if (i < accepted) db.Entry(member).Property(m => m.Outcome).CurrentValue = CallOutcome.Accepted;
            if (i < admitted)
                db.GateAdmissions.Add(new GateAdmission(booking.Id, room.Id, Day, PersonKind.Expert, member.Id, null, identity.IdFingerprint,
                    identity.IdMasked, i + 1, null, null, "gate", At(starts).AddMinutes(-30)));
            experts.Add(member);
        }
        await db.SaveChangesAsync();
        return new Seeded(room, booking, request, experts, ids);
    }

    /// <summary>Agency staff admitted to prepare the room (as the gate admits them on a pass).</summary>
    public async Task<GateAdmission> AgencyInsideAsync(Seeded s, string at)
    {
        var protector = services.GetRequiredService<IIdentityProtector>();
        var identity = ProtectedIdentity.Of(protector, "周代理", NewIdNumber(), null, Day);
        await using var db = await DbAsync();
        var admission = new GateAdmission(s.Booking.Id, s.Room.Id, Day, PersonKind.AgencyStaff, null, null, identity.IdFingerprint, identity.IdMasked,
            null, null, null, "gate", At(at));
        db.GateAdmissions.Add(admission);
        await db.SaveChangesAsync();
        return admission;
    }

    /// <summary>Someone inside leaves (as the exit endpoint records it).</summary>
    public async Task ExitAsync(GateAdmission admission, string at)
    {
        await using var db = await DbAsync();
        db.Attach(admission);
        db.Entry(admission).Property(a => a.ExitedAt).CurrentValue = At(at);
        await db.SaveChangesAsync();
    }

    /// <summary>A gate-log event written as the gate and the doors write it: the reason starts with the refusal code.</summary>
    public async Task<GateEvent> GateEventAsync(Seeded s, GateEventKind kind, string code, string sentence, string at, bool withBooking = true)
    {
        await using var db = await DbAsync();
        var e = new GateEvent(kind, withBooking ? s.Booking.Id : null, s.Room.Id, PersonKind.Expert, new string('a', 64), "530102********0012",
            null, null, "gate", GateRefusal.Reason(code, sentence), At(at));
        db.GateEvents.Add(e);
        await db.SaveChangesAsync();
        return e;
    }

    /// <summary>A call outcome changed after the draw (declined, recused): the member leaves the list.</summary>
    public async Task OutcomeAsync(CommitteeMember member, CallOutcome outcome)
    {
        await using var db = await DbAsync();
        db.Attach(member);
        db.Entry(member).Property(m => m.Outcome).CurrentValue = outcome;
        await db.SaveChangesAsync();
    }
}
