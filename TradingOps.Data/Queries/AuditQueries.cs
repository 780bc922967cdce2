using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;

namespace TradingOps.Data.Queries;

public sealed record AuditFilter(
    DateTimeOffset? From = null, DateTimeOffset? To = null, string? Entity = null, string? Key = null,
    string? Actor = null, AuditAction? Action = null, bool ReadsOnly = false);

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

public sealed class AuditQueries(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>Newest first.</summary>
    public async Task<Page<AuditEntry>> SearchAsync(AuditFilter filter, int skip, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        skip = Math.Max(0, skip);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new Page<AuditEntry>(items, total);
    }

    private static IQueryable<AuditEntry> Filtered(TradingOpsDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking().AsQueryable();
        if (filter.From is { } from) query = query.Where(e => e.At >= from.ToUniversalTime());
        if (filter.To is { } to) query = query.Where(e => e.At < to.ToUniversalTime());
        if (!string.IsNullOrWhiteSpace(filter.Entity)) query = query.Where(e => e.Entity == filter.Entity.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Key)) query = query.Where(e => e.Key == filter.Key.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(e => e.ActorName.Contains(filter.Actor.Trim()));
        if (filter.Action is { } action) query = query.Where(e => e.Action == action);
        // The audit of who viewed what (/oversight/access): reads and exports, not changes.
        if (filter.ReadsOnly) query = query.Where(e => e.Action == AuditAction.Read || e.Action == AuditAction.Exported);
        return query;
    }

    /// <summary>
    /// Reading or exporting the trail is itself traced (Liaoning 8.2.3): who looked, when, with which filter.
    /// </summary>
    public async Task RecordAccessAsync(AuditAction action, AuditFilter filter, int rows, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var details = System.Text.Json.JsonSerializer.Serialize(new
        {
            filter = new { from = filter.From, to = filter.To, filter.Entity, filter.Key, filter.Actor, action = filter.Action?.ToString(), reads = filter.ReadsOnly ? true : (bool?)null },
            rows,
        });
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who, "AuditTrail", "-", action, details));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every matching entry, oldest first, read in pages so an export of a year stays small in memory.</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        long after = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var page = await Filtered(db, filter).Where(e => e.Id > after).OrderBy(e => e.Id).Take(2000).ToListAsync(ct);
            foreach (var entry in page) yield return entry;
            if (page.Count < 2000) yield break;
            after = page[^1].Id;
        }
    }

    public async Task<IReadOnlyList<string>> EntitiesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.Select(e => e.Entity).Distinct().OrderBy(e => e).ToListAsync(ct);
    }
}
