using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Data;
using TradingOps.Data.Archives;
using TradingOps.Data.Seeding;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Archives;

/// <summary>
/// The demo's locked archives: once the demo's past and its witnessed sessions are in, the demo account "staff" closes
/// the two past projects (witnessed before the demo started) whose archives are the most complete (nothing pending: sessions ended, incidents and cases
/// done), through <see cref="ArchiveService"/> — so /archives shows locked archives beside the open ones.
/// Deterministic (completeness, then project code); nothing happens when a locked archive exists already.
/// </summary>
public static class ArchiveDemoSeeder
{
    public const int Closed = 2;
    public const int Candidates = 60;

    public static Task SeedAsync(IServiceProvider services)
    {
        var history = services.GetRequiredService<DemoHistory>();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ArchiveDemoSeeder));
        var startedAt = services.GetRequiredService<TimeProvider>().GetUtcNow();
        _ = Task.Run(async () =>
        {
            try
            {
                await history.Completed;
                await WitnessedPastAsync(scopes);
                await CloseAsync(scopes, startedAt);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The demo's locked archives could not be seeded");
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>Waits (two minutes at most) until the witness demo's past sessions are written and no more arrive.</summary>
    private static async Task WitnessedPastAsync(IServiceScopeFactory scopes)
    {
        long last = -1;
        for (var i = 0; i < 60; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
            var start = CenterTime.DayBounds(CenterTime.Today(clock)).Start;
            var count = await db.WitnessEntries.LongCountAsync(e => e.OccurredAt < start);
            if (count > 0 && count == last) return;
            last = count;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Only the demo's own past: projects whose witness log was all written before the seeder started (not what people or tests add later).</summary>
    private static async Task CloseAsync(IServiceScopeFactory scopes, DateTimeOffset startedAt)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await using var db = await sp.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        if (await db.ProjectArchives.AnyAsync(a => a.State != ArchiveState.Open)) return;
        var staff = await db.Users.Where(u => u.UserName == "staff").Select(u => u.Id).FirstOrDefaultAsync();
        if (staff is null) return;
        sp.GetRequiredService<WebCurrentActor>().ActAs(Actor.User(staff, "staff"));
        var today = CenterTime.DayBounds(CenterTime.Today(sp.GetRequiredService<TimeProvider>())).Start;
        var keys = await db.WitnessEntries.GroupBy(e => e.ChainKey).Where(g => g.Max(e => e.RecordedAt) < startedAt && g.Max(e => e.OccurredAt) < today)
            .Select(g => g.Key).ToListAsync();
        var projects = await db.TradingProjects.AsNoTracking()
            .Where(p => p.ClosedAt == null && keys.Contains(p.Code) && p.RegisteredAt < today)
            .OrderBy(p => p.Code).Take(Candidates).ToListAsync();
        var assembler = sp.GetRequiredService<ArchiveAssembler>();
        var ranked = new List<(string Code, int Present)>();
        foreach (var p in projects)
        {
            if ((await ArchiveService.BlockersAsync(db, p, CancellationToken.None)).Count > 0) continue;
            if (await assembler.ReadAsync(db, p.Code) is { } contents)
                ranked.Add((p.Code, contents.Checklist.Count(c => c.Present)));
        }
        var archives = sp.GetRequiredService<ArchiveService>();
        foreach (var (code, _) in ranked.OrderByDescending(r => r.Present).ThenBy(r => r.Code, StringComparer.Ordinal).Take(Closed))
            await archives.CloseProjectAsync(code);
    }
}
