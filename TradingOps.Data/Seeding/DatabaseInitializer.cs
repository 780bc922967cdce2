using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingOps.Data.Calendar;

namespace TradingOps.Data.Seeding;

/// <summary>Start-up: migrations, the shipped holiday schedules, and demo data when configured.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<TradingOpsDbContext> factory,
    IOptions<DatabaseOptions> options,
    DemoDataSeeder demo,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (options.Value.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migrations on {Provider}: {Migrations}",
                    pending.Count, options.Value.Provider, pending);
                await db.Database.MigrateAsync(ct);
            }
        }
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); // readers never wait for the writer

        await CalendarAdminService.ImportShippedAsync(db, ct);
        await Cases.CaseSetup.SeedPresetsAsync(db, ct);
        await Registrations.OpenKeyBackfill.RunAsync(db, logger, ct);
        await Facilities.InspectionScheduleService.SeedDefaultsAsync(db, clock.GetUtcNow(), ct);
        if (options.Value.SeedDemoData)
            await demo.SeedAsync(ct);
    }
}
