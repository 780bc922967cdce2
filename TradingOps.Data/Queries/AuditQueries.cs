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

    /// <summary>
    /// The display names of the records a page of entries is about, by entry id: a booking as its project code and room, a
    /// registration or project as its code and name, a ticket as its number, a room, window, service type or zone by name;
    /// otherwise the name the entry's own changes carry (an added or deleted row). An entry without one is not in the result
    /// (the page shows its key). At most one read per entity type on the page.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> DisplayNamesAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct = default)
    {
        var names = new Dictionary<long, string>();
        var ids = entries.Where(e => Guid.TryParse(e.Key, out _)).GroupBy(e => e.Entity)
            .ToDictionary(g => g.Key, g => g.Select(e => Guid.Parse(e.Key)).Distinct().ToList());
        var found = new Dictionary<(string, Guid), string>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            async Task Look(string entity, Func<List<Guid>, Task<Dictionary<Guid, string>>> read)
            {
                if (!ids.TryGetValue(entity, out var keys)) return;
                foreach (var (id, name) in await read(keys)) found[(entity, id)] = name;
            }
            await Look(nameof(Core.Floor.RoomBooking), keys => (from b in db.RoomBookings.AsNoTracking()
                                                                  join r in db.Rooms on b.RoomId equals r.Id
                                                                  where keys.Contains(b.Id)
                                                                  select new { b.Id, b.ProjectCode, r.Code, r.Name })
                .ToDictionaryAsync(x => x.Id, x => $"{x.ProjectCode} · {x.Code} {x.Name}", ct));
            await Look(nameof(Core.Registrations.Registration), keys => db.Registrations.AsNoTracking().Where(r => keys.Contains(r.Id))
                .ToDictionaryAsync(r => r.Id, r => $"{r.Code} {r.ProjectName}", ct));
            await Look(nameof(Core.Projects.TradingProject), keys => db.TradingProjects.AsNoTracking().Where(p => keys.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => $"{p.Code} {p.Name}", ct));
            await Look(nameof(Core.Queue.QueueTicket), keys => db.QueueTickets.AsNoTracking().Where(t => keys.Contains(t.Id))
                .ToDictionaryAsync(t => t.Id, t => $"{t.Code}（{t.ServiceDate:yyyy-MM-dd}）", ct));
            await Look(nameof(Core.Organisation.Room), keys => db.Rooms.AsNoTracking().Where(r => keys.Contains(r.Id))
                .ToDictionaryAsync(r => r.Id, r => $"{r.Code} {r.Name}", ct));
            await Look(nameof(Core.Organisation.ServiceWindow), keys => db.ServiceWindows.AsNoTracking().Where(w => keys.Contains(w.Id))
                .ToDictionaryAsync(w => w.Id, w => w.Name, ct));
            await Look(nameof(Core.Organisation.ServiceType), keys => db.ServiceTypes.AsNoTracking().Where(t => keys.Contains(t.Id))
                .ToDictionaryAsync(t => t.Id, t => $"{t.Prefix} {t.Name}", ct));
            await Look(nameof(Core.Facilities.Equipment), keys => db.Equipment.AsNoTracking().Where(e => keys.Contains(e.Id))
                .ToDictionaryAsync(e => e.Id, e => $"{e.Code} {e.Name}", ct));
            await Look(nameof(Core.Duty.DutyAssignment), keys => db.DutyAssignments.AsNoTracking().Where(d => keys.Contains(d.Id))
                .ToDictionaryAsync(d => d.Id, d => $"{d.Day:yyyy-MM-dd} {d.StaffName}", ct));
            await Look(nameof(Core.Organisation.Zone), keys => db.Zones.AsNoTracking().Where(z => keys.Contains(z.Id))
                .ToDictionaryAsync(z => z.Id, z => z.Name, ct));
        }
        foreach (var e in entries)
        {
            if (Guid.TryParse(e.Key, out var id) && found.TryGetValue((e.Entity, id), out var name)) names[e.Id] = name;
            else if (Auditing.AuditChanges.NameFrom(Auditing.AuditChanges.Parse(e.Changes)) is { } own) names[e.Id] = own;
        }
        return names;
    }

    public async Task<IReadOnlyList<string>> EntitiesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.Select(e => e.Entity).Distinct().OrderBy(e => e).ToListAsync(ct);
    }
}
