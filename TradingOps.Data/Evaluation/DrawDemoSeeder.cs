using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data.Sqlite;

namespace TradingOps.Data.Evaluation;

/// <summary>
/// Draws for today's and tomorrow's evaluation sessions of the demo, made through <see cref="DrawService"/> itself: the
/// demo staff account requests and starts each draw, the demo supervisor or duty manager confirms it, calls are recorded,
/// gaps redrawn. Each command runs at the moment it would have happened (the afternoon before the session), on a clock of
/// its own. The picks come from a seeded source so the demo is the same on every start, and every demo round records
/// that source ("demo-seed:…") instead of "crypto": nobody can mistake a demo draw for a real one.
/// Runs after the demo accounts exist (the overseer check reads their roles); skips sessions that already have a request.
/// </summary>
public sealed class DrawDemoSeeder(IDbContextFactory<TradingOpsDbContext> factory, IIdentityProtector protector, TimeProvider clock,
    IOptions<EvaluationOptions> options, SqliteWriteTurns turns)
{
    public const int Seed = 20261203;

    private static readonly (string, int)[][] QuotaPlans =
    [
        [("A01", 3), ("A17", 1)],
        [("B03", 2), ("C04", 2)],
        [("A02", 4), ("A17", 2)],
        [("B04", 5), ("C02", 3)],
        [("A03", 6), ("A18", 2), ("C01", 2)],
    ];

    /// <summary>What happens to a session's draw: left as a draft, started and awaiting the second person, or drawn and called.</summary>
    private enum Stage { Draft, Awaiting, Drawn }

    public async Task<int> SeedAsync(string operatorUser, string confirmerUser, string secondConfirmerUser, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var users = await db.Users.Where(u => u.UserName == operatorUser || u.UserName == confirmerUser || u.UserName == secondConfirmerUser)
            .ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        if (users.Count < 3 || !await db.Experts.AnyAsync(ct)) return 0;
        var now = clock.GetUtcNow();
        var today = CenterTime.Today(clock);
        var (dayFrom, _) = CenterTime.DayBounds(today);
        var (_, dayUntil) = CenterTime.DayBounds(today.AddDays(1));
        var sessions = await (from b in db.RoomBookings.AsNoTracking()
                              join r in db.Rooms.AsNoTracking() on b.RoomId equals r.Id
                              // Today's and tomorrow's sessions, and the ones still running that began before midnight
                              // (after midnight the demo floor's running sessions began yesterday: they had no draw, so the
                              // watch and the desk had nothing to show for them).
                              where (b.StartsAt >= dayFrom || (b.StartsAt >= dayFrom.AddDays(-1) && b.EndsAt > now)) && b.StartsAt < dayUntil
                                    && (b.Purpose == BookingPurpose.Evaluation || b.Purpose == BookingPurpose.OvernightEvaluation)
                                    && !db.DrawRequests.Any(q => q.BookingId == b.Id)
                              orderby b.StartsAt, r.Code
                              select new { b.Id, b.StartsAt, b.Status, r.Type }).ToListAsync(ct);
        sessions = sessions.Where(s => s.Type.IsEvaluationArea() && RoomBooking.HoldingStatuses.Contains(s.Status)).ToList();

        var staff = Actor.User(users[operatorUser], operatorUser);
        var bosses = new[] { Actor.User(users[confirmerUser], confirmerUser), Actor.User(users[secondConfirmerUser], secondConfirmerUser) };
        var faker = new Faker("zh_CN") { Random = new Randomizer(Seed) };
        var random = new SeededDrawRandom(Seed);
        var done = 0;
        for (var i = 0; i < sessions.Count; i++)
        {
            var s = sessions[i];
            // The request the day before at 15:00, the draw at 16:00, calls from 16:30 (sessions are sealed until they start).
            var dayBefore = CenterTime.At(DateOnly.FromDateTime(CenterTime.ToLocal(s.StartsAt).DateTime).AddDays(-1), new TimeOnly(15, 0));
            var stage = s.StartsAt > now && i % 5 == 3 ? Stage.Draft : s.StartsAt > now && i % 5 == 4 ? Stage.Awaiting : Stage.Drawn;
            try
            {
                await SeedSessionAsync(s.Id, s.StartsAt, dayBefore, now, stage, QuotaPlans[i % QuotaPlans.Length], staff, bosses[i % 2], faker, random, i, ct);
                done++;
            }
            catch (DomainException)
            {
                // A demo session the pool cannot fill (its specialties taken by overlapping sessions): left without a draw.
            }
        }
        return done;
    }

    private async Task SeedSessionAsync(Guid bookingId, DateTimeOffset startsAt, DateTimeOffset dayBefore, DateTimeOffset now, Stage stage,
        (string Code, int Count)[] quotas, Actor staff, Actor boss, Faker faker, IDrawRandom random, int index, CancellationToken ct)
    {
        var at = new DemoClock(dayBefore);
        var actor = new DemoActor(staff);
        var ledger = new EvaluationLedger(factory, protector, actor, new NoLiveEvents(), at);
        var draws = new DrawService(factory, ledger, protector, actor, at, options, turns, random);

        var excluded = index % 2 == 0 ? "示范路桥集团有限公司\n示范建工集团有限公司" : "示范信息技术有限公司";
        await draws.SaveRequestAsync(bookingId, new DrawRequestForm(null, excluded, options.Value.RecentServiceDays,
            quotas.Select(q => new QuotaLine(q.Code, q.Count)).ToList()), ct);
        var first17 = ExpertPoolSeeder.IdNumberFor(faker, DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime))[..17];
        await draws.AddRepresentativeAsync(bookingId, new RepresentativeForm(faker.Name.LastName() + faker.Name.FirstName(),
            first17 + IdNumber.CheckCharacter(first17), "1" + faker.Random.ReplaceNumbers("3#########"), null), ct);
        if (stage == Stage.Draft) return;
        at.Set(dayBefore.AddHours(1));
        await draws.StartDrawAsync(bookingId, ct);
        if (stage == Stage.Awaiting) return;
        actor.Set(boss);
        await draws.ConfirmDrawAsync(bookingId, ct);

        // The calls: sessions already begun were fully called (one decline and one unreachable, both redrawn); later
        // ones are part-way: some confirmed, one declined still waiting for its redraw, the rest still to call.
        actor.Set(staff);
        at.Set(dayBefore.AddHours(1.5));
        var started = startsAt <= now;
        var members = await PendingAsync(bookingId, ct);
        for (var k = 0; k < members.Count; k++)
        {
            at.Set(at.GetUtcNow().AddMinutes(3));
            var outcome = k switch
            {
                1 => CallOutcome.Declined,
                3 when started => CallOutcome.NoAnswer,
                _ when started || k < members.Count / 2 => CallOutcome.Accepted,
                _ => CallOutcome.Pending,
            };
            if (outcome == CallOutcome.Pending) break;
            await draws.RecordCallAsync(bookingId, members[k], outcome, outcome == CallOutcome.Declined ? "当天另有安排" : null, ct);
            if (outcome == CallOutcome.Accepted || !started) continue;
            await draws.RequestRedrawAsync(bookingId, members[k], outcome == CallOutcome.Declined ? "专家拒绝参加" : "专家电话无法接通", ct);
            actor.Set(boss);
            await draws.ConfirmRedrawAsync(bookingId, members[k], ct);
            actor.Set(staff);
            foreach (var added in await PendingAsync(bookingId, ct))
                if (!members.Contains(added)) await draws.RecordCallAsync(bookingId, added, CallOutcome.Accepted, null, ct);
        }
    }

    private async Task<List<Guid>> PendingAsync(Guid bookingId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CommitteeMembers.Where(m => m.BookingId == bookingId && m.Kind == MemberKind.Expert && m.Outcome == CallOutcome.Pending)
            .OrderBy(m => m.Order).Select(m => m.Id).ToListAsync(ct);
    }

    /// <summary>The demo's pick source: deterministic, and it says so in every round it makes.</summary>
    private sealed class SeededDrawRandom(int seed) : IDrawRandom
    {
        private readonly Random _random = new(seed);
        public int Next(int exclusiveMax) => _random.Next(exclusiveMax);
        public string Source => $"demo-seed:{seed}";
    }

    private sealed class DemoClock(DateTimeOffset at) : TimeProvider
    {
        private DateTimeOffset _at = at;
        public void Set(DateTimeOffset value) => _at = value;
        public override DateTimeOffset GetUtcNow() => _at;
    }

    private sealed class DemoActor(Actor actor) : ICurrentActor
    {
        private Actor _actor = actor;
        public void Set(Actor value) => _actor = value;
        public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_actor);
    }
}
