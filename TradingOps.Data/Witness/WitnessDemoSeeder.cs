using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Projects;
using TradingOps.Core.Witness;
using TradingOps.Data.Seeding;

namespace TradingOps.Data.Witness;

/// <summary>
/// The demo's witnessed sessions, written through <see cref="WitnessLog"/> at the moments they would have happened (so
/// every chain verifies): today's sessions assigned to the demo accounts (staff, duty) and ticked as far as each has
/// got, the ended ones closed; and, once the demo's past is in the database, the last ten days with sessions: three
/// sessions a day witnessed end to end with an observation and a recording reference, closed. Deterministic (no
/// randomness: the choices follow each session's place in the day); sessions already assigned are left alone.
/// </summary>
public sealed class WitnessDemoSeeder(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, IOptions<WitnessOptions> options,
    DemoHistory history, IServiceScopeFactory scopes, ILogger<WitnessDemoSeeder> logger)
{
    public const int PastDays = 10;
    public const int PastPerDay = 3;

    private static readonly string[] Observations =
    [
        "投标人代表均已到场，身份核验无异常",
        "开标过程有序，唱标内容与投标文件一致",
        "评标专家按时进场，通讯工具已统一封存",
        "现场无人提出异议",
        "代理机构按程序宣读开标纪律",
    ];

    /// <summary>Today's sessions now; the past when the demo history has landed (at once, or in the background).</summary>
    public async Task SeedAsync(string witnessUser, string dutyUser, CancellationToken ct = default)
    {
        var witnesses = await WitnessesAsync(witnessUser, dutyUser, ct);
        if (witnesses.Count < 2) return;
        var today = CenterTime.Today(clock);
        await SeedDayAsync(today, witnesses, past: false, ct);
        if (history.IsLoading)
            _ = Task.Run(async () =>
            {
                try
                {
                    await history.Completed;
                    // The start-up scope is gone by then: a scope of its own, as the history seeding has.
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<WitnessDemoSeeder>().SeedPastAsync(today, witnesses, CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The demo's past witness logs could not be seeded");
                }
            }, CancellationToken.None);
        else await SeedPastAsync(today, witnesses, ct);
    }

    /// <summary>The last <see cref="PastDays"/> days with ended sessions before <paramref name="today"/>.</summary>
    public async Task SeedPastAsync(DateOnly today, List<(string User, string Display)> witnesses, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (from, _) = CenterTime.DayBounds(today.AddDays(-3 * PastDays));
        var (todayStart, _) = CenterTime.DayBounds(today);
        var starts = await db.RoomBookings.AsNoTracking().Where(b => b.StartsAt >= from && b.StartsAt < todayStart && b.Phase == SessionPhase.Ended)
            .Select(b => b.StartsAt).ToListAsync(ct);
        var days = starts.Select(s => DateOnly.FromDateTime(CenterTime.ToLocal(s).DateTime)).Distinct().OrderDescending().Take(PastDays).Order();
        foreach (var day in days) await SeedDayAsync(day, witnesses, past: true, ct);
    }

    private async Task SeedDayAsync(DateOnly day, List<(string User, string Display)> witnesses, bool past, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (start, end) = CenterTime.DayBounds(day);
        var statuses = RoomBooking.SessionStatuses;
        var bookings = await (from b in db.RoomBookings.AsNoTracking()
                              join r in db.Rooms.AsNoTracking() on b.RoomId equals r.Id
                              where b.StartsAt >= start && b.StartsAt < end && statuses.Contains(b.Status)
                                    && !db.WitnessAssignments.Any(a => a.BookingId == b.Id)
                              orderby b.StartsAt, r.Code
                              select b).ToListAsync(ct);
        if (past) bookings = bookings.Where(b => b.Phase == SessionPhase.Ended && b.StartedAt is not null && b.EndedAt is not null).Take(PastPerDay).ToList();
        var methods = await db.TradingProjects.AsNoTracking().Where(p => bookings.Select(b => b.ProjectCode).Contains(p.Code))
            .Select(p => new { p.Code, p.Method }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        for (var i = 0; i < bookings.Count; i++)
        {
            var b = bookings[i];
            var method = methods.FirstOrDefault(m => m.Code == b.ProjectCode)?.Method;
            var steps = WitnessChecklist.Steps(WitnessChecklist.KindOf(b.Purpose, method), options.Value);
            var (user, display) = witnesses[i % witnesses.Count];
            var drafts = Plan(b, steps, user, display, i, now).Where(d => d.At <= now).OrderBy(d => d.At).ToList();
            db.ChangeTracker.Clear();
            await WitnessLedger.InTransactionAsync(db, async () =>
            {
                var assignedAt = drafts.Count > 0 ? drafts[0].At : now;
                db.WitnessAssignments.Add(new WitnessAssignment(b.Id, user, display, "duty", assignedAt));
                foreach (var (draft, at) in drafts) await WitnessLog.AppendAsync(db, draft, at, ct);
                return 0;
            }, ct);
        }
    }

    /// <summary>What the witness of one session did, and when: assigned, steps as far as the session has got, notes, closing.</summary>
    private static IEnumerable<(WitnessDraft Draft, DateTimeOffset At)> Plan(RoomBooking b, IReadOnlyList<ChecklistStep> steps, string user, string display,
        int index, DateTimeOffset now)
    {
        WitnessDraft Draft(WitnessEntryKind kind, string? code, string text, DateTimeOffset at, string actor = "", string? data = null, string? flag = null) =>
            new(b.ProjectCode, b.ProjectId, b.Id, kind, code, text, data, at, actor == "" ? user : actor, null, flag);

        var assigned = b.StartsAt.AddHours(-2) < now ? b.StartsAt.AddHours(-2) : now;
        yield return (Draft(WitnessEntryKind.System, WitnessCodes.WitnessAssigned, $"指派见证人：{display}", assigned, "duty"), assigned);
        if (b.Phase == SessionPhase.NotStarted) yield break;

        var from = (b.CheckedInAt ?? b.StartsAt).AddMinutes(-5);
        var until = b.EndedAt ?? b.EndsAt;
        var span = until - from;
        // How far the session has got: all of it when ended, otherwise the share of its time gone by (at least the first step).
        var reached = b.Phase == SessionPhase.Ended ? steps.Count
            : Math.Clamp((int)Math.Floor(steps.Count * (now - from) / span), 1, steps.Count - 1);
        if (b.Phase == SessionPhase.CheckedIn) reached = Math.Min(reached, 2);
        for (var s = 0; s < reached; s++)
        {
            var at = from + span * s / Math.Max(1, steps.Count - 1);
            if (b.Phase == SessionPhase.Ended && s == steps.Count - 1) at = until;
            // One session in four has its first step entered late (补记), as happens when the witness arrives from another room.
            var late = index % 4 == 1 && s == 0;
            var recorded = late ? at.AddMinutes(25) : at;
            yield return (Draft(WitnessEntryKind.Step, steps[s].Code, steps[s].Name, at, flag: late ? $"补记（{CenterTime.ToLocal(recorded):HH:mm} 记录）" : null), recorded);
            if (s == 1)
            {
                var seen = at.AddMinutes(3);
                yield return (Draft(WitnessEntryKind.Observation, null, Observations[index % Observations.Length], seen), seen);
            }
        }
        if (b.Phase == SessionPhase.Suspended && b.SuspendedAt is { } suspended)
        {
            var noted = suspended.AddMinutes(2);
            yield return (Draft(WitnessEntryKind.Observation, null, $"会议暂停，见证人在场：{b.SuspendReason}", noted), noted);
        }
        if (b.Phase != SessionPhase.Ended) yield break;

        var channel = $"{(b.Purpose == BookingPurpose.BidOpening ? "KB" : "PB")}-{index % 4 + 1:D2}";
        var reference = new RecordingReference(channel, WitnessChain.Instant(b.StartedAt ?? b.StartsAt), WitnessChain.Instant(until));
        var referenced = until.AddMinutes(5);
        yield return (Draft(WitnessEntryKind.Recording, null, $"{reference.Describe()}；全程录像", referenced, data: reference.ToJson()), referenced);
        var closed = until.AddMinutes(10);
        yield return (Draft(WitnessEntryKind.System, WitnessCodes.LogClosed, $"见证记录已签署关闭（{steps.Count}/{steps.Count} 步）", closed), closed);
    }

    private async Task<List<(string User, string Display)>> WitnessesAsync(string witnessUser, string dutyUser, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.UserName == witnessUser || u.UserName == dutyUser)
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return users.OrderBy(u => u.UserName == witnessUser ? 0 : 1)
            .Select(u => (u.UserName!, string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName! : u.DisplayName)).ToList();
    }
}
