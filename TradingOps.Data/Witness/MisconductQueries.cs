using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;
using TradingOps.Data.Queries;

namespace TradingOps.Data.Witness;

/// <summary>Which records the register shows: a state, or <see cref="Overdue"/> (recorded and not reported by its due time).</summary>
public enum MisconductStateFilter { Recorded, Reported, FeedbackReceived, Closed, Overdue }

/// <summary>The register's filters: party kind, category, state (incl. overdue), project code (part of it), days found (center days, both inclusive).</summary>
public sealed record MisconductFilter(
    MisconductParty? Party = null,
    MisconductCategory? Category = null,
    MisconductStateFilter? State = null,
    string? Project = null,
    DateOnly? From = null,
    DateOnly? To = null);

/// <summary>The register's reads (the page, the home panel, the export), and the audited read of one record.</summary>
public sealed class MisconductQueries(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    public const int MaxExportRows = 50_000;

    /// <summary>Latest found first.</summary>
    public async Task<Page<MisconductRecord>> SearchAsync(MisconductFilter filter, int skip, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter, clock.GetUtcNow());
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.FoundAt).ThenByDescending(r => r.Id).Skip(Math.Max(0, skip)).Take(take).ToListAsync(ct);
        return new Page<MisconductRecord>(items, total);
    }

    /// <summary>Every matching record, oldest first (the export), at most <see cref="MaxExportRows"/>.</summary>
    public async Task<IReadOnlyList<MisconductRecord>> ListAsync(MisconductFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Filtered(db, filter, clock.GetUtcNow()).OrderBy(r => r.FoundAt).ThenBy(r => r.Id).Take(MaxExportRows).ToListAsync(ct);
    }

    /// <summary>Open work for the oversight panel: recorded and not yet reported, of which overdue; reported and waiting for feedback.</summary>
    public async Task<MisconductCounts> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var byState = await db.MisconductRecords.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var overdue = await db.MisconductRecords.Where(MisconductRules.OverdueAt(now)).CountAsync(ct);
        int Of(MisconductState s) => byState.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        return new MisconductCounts(Of(MisconductState.Recorded), overdue, Of(MisconductState.Reported), byState.Sum(x => x.Count));
    }

    /// <summary>One record for its page; the view is audited (who read which record), as every oversight read is.</summary>
    public async Task<MisconductRecord?> ViewAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await db.MisconductRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (record is null) return null;
        var who = await actor.GetAsync(ct);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who, nameof(MisconductRecord), id.ToString(), AuditAction.Read,
            JsonSerializer.Serialize(new { project = record.ProjectCode, state = record.State.ToString() })));
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>The record's witness entries (its steps in the project's tamper-evident log), by sequence.</summary>
    public async Task<IReadOnlyList<WitnessEntry>> EntriesAsync(MisconductRecord record, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = WitnessChain.KeyOf(record.ProjectCode);
        var marker = $"\"misconduct\":\"{record.Id:D}\"";
        return await db.WitnessEntries.AsNoTracking()
            .Where(e => e.ChainKey == key && e.Kind == WitnessEntryKind.Misconduct && e.Data != null && e.Data.Contains(marker))
            .OrderBy(e => e.Sequence).ToListAsync(ct);
    }

    /// <summary>The session a record is made in (the form's ?booking=): its project and a label (room, time).</summary>
    public async Task<MisconductSession?> SessionAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var b = await (from booking in db.RoomBookings.AsNoTracking()
                       join room in db.Rooms.AsNoTracking() on booking.RoomId equals room.Id
                       where booking.Id == bookingId
                       select new { booking.ProjectCode, booking.ProjectName, room.Name, booking.StartsAt, booking.EndsAt }).SingleOrDefaultAsync(ct);
        return b is null ? null
            : new MisconductSession(bookingId, b.ProjectCode, b.ProjectName, $"{b.Name} {CenterTime.ToLocal(b.StartsAt):yyyy-MM-dd HH:mm}–{CenterTime.ToLocal(b.EndsAt):HH:mm}");
    }

    private static IQueryable<MisconductRecord> Filtered(TradingOpsDbContext db, MisconductFilter f, DateTimeOffset now)
    {
        var q = db.MisconductRecords.AsNoTracking().AsQueryable();
        if (f.Party is { } party) q = q.Where(r => r.Party == party);
        if (f.Category is { } category) q = q.Where(r => r.Category == category);
        q = f.State switch
        {
            MisconductStateFilter.Overdue => q.Where(MisconductRules.OverdueAt(now)),
            MisconductStateFilter.Recorded => q.Where(r => r.State == MisconductState.Recorded),
            MisconductStateFilter.Reported => q.Where(r => r.State == MisconductState.Reported),
            MisconductStateFilter.FeedbackReceived => q.Where(r => r.State == MisconductState.FeedbackReceived),
            MisconductStateFilter.Closed => q.Where(r => r.State == MisconductState.Closed),
            _ => q,
        };
        if (!PlainText.IsBlank(f.Project))
        {
            var code = f.Project.Trim().ToUpperInvariant();
            q = q.Where(r => r.ProjectCode.Contains(code));
        }
        if (f.From is { } from) { var start = CenterTime.At(from, TimeOnly.MinValue); q = q.Where(r => r.FoundAt >= start); }
        if (f.To is { } to) { var end = CenterTime.At(to.AddDays(1), TimeOnly.MinValue); q = q.Where(r => r.FoundAt < end); }
        return q;
    }
}

public sealed record MisconductSession(Guid BookingId, string ProjectCode, string ProjectName, string Label);

public sealed record MisconductCounts(int NotReported, int Overdue, int AwaitingFeedback, int Total);
