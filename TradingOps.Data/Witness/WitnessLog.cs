using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>
/// THE way an entry gets into a witness log (every part that writes one calls this): appends to the project's chain
/// inside the caller's transaction, so the entry commits or rolls back with the change it records (a session
/// suspended and its entry, an incident and its entry). The caller saves and commits.
/// </summary>
/// <remarks>
/// Appends to one chain are serialised by the database: the chain's head row is created if missing and then
/// written (a no-op update) before it is read, which holds its row lock until commit on PostgreSQL and SQL Server
/// and the single write lock on SQLite (transactions there begin IMMEDIATE); a second node appending to the same
/// project waits, then reads the head the first one left. The unique (ChainKey, Sequence) index is the backstop.
/// </remarks>
public static class WitnessLog
{
    public static async Task<WitnessEntry> AppendAsync(TradingOpsDbContext db, WitnessDraft draft, DateTimeOffset now, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Witness entries are appended inside the transaction of the change they record (see WitnessLedger.RecordAsync).");
        var key = WitnessChain.KeyOf(draft.ProjectCode);
        var head = db.WitnessChainHeads.Local.FirstOrDefault(h => h.ChainKey == key);
        if (head is null)
        {
            await LockHeadAsync(db, key, ct);
            head = await db.WitnessChainHeads.SingleAsync(h => h.ChainKey == key, ct);
        }
        var entry = new WitnessEntry(draft, head.Sequence + 1, head.Hash, now);
        head.Advance(entry);
        db.WitnessEntries.Add(entry);
        return entry;
    }

    /// <summary>Creates the chain's head row when it is the project's first entry, then takes its lock.</summary>
    private static async Task LockHeadAsync(TradingOpsDbContext db, string key, CancellationToken ct)
    {
        var genesis = WitnessChain.Genesis;
        if (db.Database.IsSqlServer())
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"IF NOT EXISTS (SELECT 1 FROM [WitnessChainHeads] WITH (UPDLOCK, HOLDLOCK) WHERE [ChainKey] = {key}) INSERT INTO [WitnessChainHeads] ([ChainKey], [Sequence], [Hash]) VALUES ({key}, 0, {genesis})", ct);
        else
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO \"WitnessChainHeads\" (\"ChainKey\", \"Sequence\", \"Hash\") VALUES ({key}, 0, {genesis}) ON CONFLICT (\"ChainKey\") DO NOTHING", ct);
        await db.WitnessChainHeads.Where(h => h.ChainKey == key).ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence), ct);
    }

    /// <summary>A project's chain in sequence order (what verification recomputes).</summary>
    public static Task<List<WitnessEntry>> ChainAsync(TradingOpsDbContext db, string projectCode, CancellationToken ct = default)
    {
        var key = WitnessChain.KeyOf(projectCode);
        return db.WitnessEntries.AsNoTracking().Where(e => e.ChainKey == key).OrderBy(e => e.Sequence).ToListAsync(ct);
    }
}

/// <summary>
/// Records witness entries that are not part of another change (a step ticked, an observation, a recording
/// reference): its own transaction, retried whole by the provider's execution strategy, audited as the current actor.
/// </summary>
public sealed class WitnessLedger(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<WitnessEntry>> RecordAsync(IReadOnlyList<WitnessDraft> drafts, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InTransactionAsync(db, async () =>
        {
            var entries = new List<WitnessEntry>();
            foreach (var draft in drafts) entries.Add(await WitnessLog.AppendAsync(db, draft, clock.GetUtcNow(), ct));
            return entries;
        }, ct);
    }

    public async Task<WitnessEntry> RecordAsync(WitnessDraft draft, CancellationToken ct = default) =>
        (await RecordAsync([draft], ct))[0];

    /// <summary>Runs the work in one transaction (retried whole), saves and commits: for a change that also appends entries.</summary>
    public static async Task<T> InTransactionAsync<T>(TradingOpsDbContext db, Func<Task<T>> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        });
    }
}
