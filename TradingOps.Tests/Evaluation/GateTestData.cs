using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;

namespace TradingOps.Tests.Evaluation;

/// <summary>Evaluation-area sessions with lists and passes for the gate's tests: rooms, bookings, requests, members.</summary>
public static class GateTestData
{
    public static DateTimeOffset At(string local) => CenterTime.At(DateOnly.Parse(local[..10]), TimeOnly.Parse(local[11..]));

    /// <summary>A valid 居民身份证号码 (checksum right), distinct per <paramref name="n"/>.</summary>
    public static string Id(int n)
    {
        var first17 = $"11010119800101{n % 1000:D3}";
        if (n >= 1000) first17 = $"110101{1970 + n / 1000:D4}0101{n % 1000:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string WrongChecksum(int n)
    {
        var id = Id(n);
        return id[..17] + (id[17] == '1' ? '2' : '1');
    }

    public sealed record Site(Center Center, Zone Zone, Room P301, Room P302);

    public static async Task<Site> SiteAsync(TradingOpsDbContext db, int seats = 25, string codePrefix = "P3")
    {
        var center = await db.Centers.FirstOrDefaultAsync() ?? new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, codePrefix == "P3" ? "评标区" : $"评标区（{codePrefix}）", ZoneKind.Evaluation, "3F");
        var p301 = new Room(zone.Id, $"{codePrefix}01", "第一评标室", RoomType.EvaluationRoom, 40, seats);
        var p302 = new Room(zone.Id, $"{codePrefix}02", "第二评标室", RoomType.EvaluationRoom, 40, seats);
        if (db.Entry(center).State == EntityState.Detached) db.Centers.Add(center);
        db.AddRange(zone, p301, p302);
        await db.SaveChangesAsync();
        return new Site(center, zone, p301, p302);
    }

    public sealed record Session(RoomBooking Booking, DrawRequest Request);

    public static async Task<Session> SessionAsync(TradingOpsDbContext db, Room room, DateTimeOffset startsAt, int remoteSeats = 0, int hours = 4)
    {
        var booking = new RoomBooking(room, null, $"GC-{Guid.NewGuid():N}"[..12], "示范工程施工评标", "华信招标代理有限公司", BookingPurpose.Evaluation, 5,
            startsAt, startsAt.AddHours(hours), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15), "李娜", startsAt.AddDays(-7));
        booking.Confirm();
        var request = new DrawRequest(booking.Id, room.Id, booking.ProjectCode, booking.ProjectName, "某市城市建设投资集团", booking.Agency,
            booking.StartsAt, booking.EndsAt, DrawSource.Local, 90, "李娜", startsAt.AddDays(-2));
        if (remoteSeats > 0) request.SetRemote(RemoteRole.Host, "某省公共资源交易中心", remoteSeats, room.EvaluationSeats);
        db.AddRange(booking, request);
        await db.SaveChangesAsync();
        return new Session(booking, request);
    }

    /// <summary>A member on the session's list with the given call outcome (representatives are accepted when added).</summary>
    public static async Task<CommitteeMember> MemberAsync(TradingOpsDbContext db, IIdentityProtector protector, Session session, int idNumber,
        CallOutcome outcome = CallOutcome.Accepted, MemberKind kind = MemberKind.Expert, int order = 1)
    {
        var identity = ProtectedIdentity.Of(protector, $"专家{idNumber}", Id(idNumber), "13800138000", DateOnly.FromDateTime(DateTime.UtcNow));
        var member = new CommitteeMember(session.Request, kind, null, kind == MemberKind.Expert ? $"E{idNumber:D5}" : null,
            kind == MemberKind.Expert ? "A01" : null, null, order, identity, "某设计研究院", "李娜", session.Request.RequestedAt);
        db.CommitteeMembers.Add(member);
        if (outcome != member.Outcome) db.Entry(member).Property(m => m.Outcome).CurrentValue = outcome;
        await db.SaveChangesAsync();
        return member;
    }
}
