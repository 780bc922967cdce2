using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;

namespace TradingOps.Data.Queries;

public sealed record AuditFilter(
    DateTimeOffset? From = null, DateTimeOffset? To = null, string? Entity = null, string? Key = null,
    string? Actor = null, AuditAction? Action = null);

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

public sealed class AuditQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    public const int MaxPageSize = 200;

    /// <summary>Newest first.</summary>
    public async Task<Page<AuditEntry>> SearchAsync(AuditFilter filter, int skip, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        skip = Math.Max(0, skip);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking().AsQueryable();
        if (filter.From is { } from) query = query.Where(e => e.At >= from.ToUniversalTime());
        if (filter.To is { } to) query = query.Where(e => e.At < to.ToUniversalTime());
        if (!string.IsNullOrWhiteSpace(filter.Entity)) query = query.Where(e => e.Entity == filter.Entity.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Key)) query = query.Where(e => e.Key == filter.Key.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(e => e.ActorName.Contains(filter.Actor.Trim()));
        if (filter.Action is { } action) query = query.Where(e => e.Action == action);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new Page<AuditEntry>(items, total);
    }

    public async Task<IReadOnlyList<string>> EntitiesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.Select(e => e.Entity).Distinct().OrderBy(e => e).ToListAsync(ct);
    }
}
