using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;

namespace TradingOps.Tests.Evaluation;

/// <summary>A person with a known name, ID number and phone (valid checksums), to look for where it must not be.</summary>
public sealed record KnownPerson(string Name, string IdNumber, string Phone)
{
    public string[] Secrets => [Name, IdNumber, Phone];
}

/// <summary>A seeded evaluation session: its booking, request, members (in order) and the people behind them.</summary>
public sealed record SeededSession(Guid BookingId, Guid RoomId, Guid RequestId, IReadOnlyList<Guid> MemberIds, IReadOnlyList<KnownPerson> People);

/// <summary>
/// Test-data builder for the sealed list: an evaluation session with a drawn committee of known people, created
/// directly (as a draw or an import leaves it), some of them admitted at the gate with a seat and a locker.
/// </summary>
public static class SealedSessions
{
    /// <summary>A fictional person; <paramref name="n"/> (1–999) makes the ID number and the phone distinct.</summary>
    public static KnownPerson Person(int n, string name)
    {
        var first17 = $"530102{1960 + n % 30}{n % 12 + 1:D2}{10 + n % 18:D2}{n:D3}";
        return new KnownPerson(name, first17 + IdNumber.CheckCharacter(first17), $"1371234{n:D4}");
    }

    public static readonly KnownPerson[] Experts =
        [Person(101, "甄秘密"), Person(102, "贾保密"), Person(103, "郝机要"), Person(104, "封缄言"), Person(105, "严守口")];

    public static readonly KnownPerson Representative = Person(106, "代表钱守信");

    /// <summary>Adds the session: booking (in <paramref name="room"/>), request, experts and one representative; the first <paramref name="seated"/> members admitted.</summary>
    public static async Task<SeededSession> SeedAsync(TradingOpsDbContext db, IIdentityProtector protector, Room room, DateTimeOffset startsAt,
        DateTimeOffset endsAt, IReadOnlyList<KnownPerson> experts, KnownPerson? representative, int seated, string code = "PB-SEAL-0001",
        bool started = false)
    {
        var booking = new RoomBooking(room, null, code, "保密评标测试项目", "测试招标代理有限公司", BookingPurpose.Evaluation,
            Math.Min(experts.Count, room.EvaluationSeats), startsAt, endsAt, TimeSpan.Zero, TimeSpan.Zero, "test", startsAt.AddDays(-2));
        booking.Confirm();
        if (started)
        {
            booking.CheckIn(startsAt.AddMinutes(-10));
            booking.Start(startsAt);
        }
        return await SeedAsync(db, protector, booking, room, experts, representative, seated, addBooking: true);
    }

    /// <summary>Adds the request and the committee to an existing booking (<paramref name="addBooking"/> false: it is already stored); lockers from <paramref name="firstLocker"/> (unique per day).</summary>
    public static async Task<SeededSession> SeedAsync(TradingOpsDbContext db, IIdentityProtector protector, RoomBooking booking, Room room,
        IReadOnlyList<KnownPerson> experts, KnownPerson? representative, int seated, bool addBooking = false, int firstLocker = 1)
    {
        var at = booking.StartsAt.AddDays(-1);
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(booking.StartsAt).DateTime);
        var request = new DrawRequest(booking.Id, room.Id, booking.ProjectCode, booking.ProjectName, "示范市测试局", booking.Agency,
            booking.StartsAt, booking.EndsAt, DrawSource.Local, 90, "test", at);
        var members = experts.Select((p, i) => new CommitteeMember(request, MemberKind.Expert, null, $"E9{i + 1:D4}", "A01", null, i + 1,
                ProtectedIdentity.Of(protector, p.Name, p.IdNumber, p.Phone, today), "示范测试设计研究院", "test", at))
            .ToList();
        var people = experts.ToList();
        if (representative is not null)
        {
            members.Add(new CommitteeMember(request, MemberKind.InitiatorRepresentative, null, null, null, null, members.Count + 1,
                ProtectedIdentity.Of(protector, representative.Name, representative.IdNumber, representative.Phone, today), "示范市测试局", "test", at));
            people.Add(representative);
        }
        if (addBooking) db.Add(booking);
        db.Add(request);
        db.AddRange(members);
        db.AddRange(members.SelectMany(ExpertEngagement.For));
        for (var i = 0; i < Math.Min(seated, members.Count); i++)
        {
            var m = members[i];
            db.Add(new GateAdmission(booking.Id, room.Id, today, m.Kind == MemberKind.Expert ? PersonKind.Expert : PersonKind.InitiatorRepresentative,
                m.Id, null, m.IdFingerprint, m.IdMasked, i + 1, $"A-{firstLocker + i:D3}", null, "gate", booking.StartsAt.AddMinutes(-30 + i)));
        }
        await db.SaveChangesAsync();
        return new SeededSession(booking.Id, room.Id, request.Id, members.Select(m => m.Id).ToList(), people);
    }
}
