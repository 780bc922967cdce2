using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Floor;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>One line of the chains list: the chain, its length and head (from the head row), its last entry's time.</summary>
public sealed record ChainRow(string ChainKey, long Entries, string HeadHash, DateTimeOffset? LastRecordedAt);

/// <summary>A session witnessed on a day: where and when, the project, who recorded, how many steps, the incidents.</summary>
public sealed record WitnessedSession(Guid BookingId, string RoomCode, string RoomName, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string ProjectCode, string ProjectName, BookingPurpose Purpose, IReadOnlyList<string> Witnesses, int StepsTicked, int Entries,
    IReadOnlyList<IncidentCategory> Incidents);

/// <summary>见证日报: the sessions witnessed on a day and the day's anchor (listed row and the file's check).</summary>
public sealed record WitnessDailyReport(DateOnly Day, IReadOnlyList<WitnessedSession> Sessions, WitnessAnchor? Anchor, AnchorFileCheck? AnchorFile)
{
    /// <summary>The digest to print: only a listed anchor whose file is there and trusted and says the same.</summary>
    public string? Digest => Anchor is { } a && AnchorFile is { Trusted: true } f && f.Digest == a.Digest ? a.Digest : null;
}

/// <summary>Reads for the chain pages and the daily witness report.</summary>
public sealed class WitnessChainQueries(IDbContextFactory<TradingOpsDbContext> factory, WitnessAnchorService anchors)
{
    public const int ListLimit = 200;

    /// <summary>Chains by last activity (most recent first), optionally those whose key contains <paramref name="filter"/>.</summary>
    public async Task<IReadOnlyList<ChainRow>> ChainsAsync(string? filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var heads = db.WitnessChainHeads.AsNoTracking().Where(h => h.Sequence > 0);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var key = WitnessChain.KeyOf(filter);
            heads = heads.Where(h => h.ChainKey.Contains(key));
        }
        var last = db.WitnessEntries.GroupBy(e => e.ChainKey).Select(g => new { g.Key, Last = g.Max(e => e.RecordedAt) });
        var rows = await (from h in heads
                          join l in last on h.ChainKey equals l.Key into ls
                          from l in ls.DefaultIfEmpty()
                          select new { h.ChainKey, h.Sequence, h.Hash, Last = (DateTimeOffset?)l.Last })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.Last).ThenBy(r => r.ChainKey, StringComparer.Ordinal).Take(ListLimit)
            .Select(r => new ChainRow(r.ChainKey, r.Sequence, r.Hash, r.Last)).ToList();
    }

    /// <summary>The anchors listed in the database, newest first.</summary>
    public async Task<IReadOnlyList<WitnessAnchor>> AnchorsAsync(int take = 31, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.WitnessAnchors.AsNoTracking().OrderByDescending(a => a.Day).Take(take).ToListAsync(ct);
    }

    public async Task<WitnessDailyReport> DailyAsync(DateOnly day, CancellationToken ct = default)
    {
        var (start, end) = Core.Common.CenterTime.DayBounds(day);
        await using var db = await factory.CreateDbContextAsync(ct);
        var entries = await db.WitnessEntries.AsNoTracking()
            .Where(e => e.BookingId != null && e.OccurredAt >= start && e.OccurredAt < end)
            .Select(e => new { BookingId = e.BookingId!.Value, e.Kind, e.Code, e.Actor })
            .ToListAsync(ct);
        var ids = entries.Select(e => e.BookingId).Distinct().ToList();
        var bookings = await (from b in db.RoomBookings.AsNoTracking()
                              join r in db.Rooms.AsNoTracking() on b.RoomId equals r.Id
                              where ids.Contains(b.Id)
                              select new { b.Id, RoomCode = r.Code, RoomName = r.Name, b.StartsAt, b.EndsAt, b.ProjectCode, b.ProjectName, b.Purpose })
            .ToListAsync(ct);
        var codes = bookings.Select(b => b.ProjectCode).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.OpenedAt >= start && i.OpenedAt < end
                        && ((i.BookingId != null && ids.Contains(i.BookingId.Value)) || (i.Scope == IncidentScope.Project && codes.Contains(i.ProjectCode))))
            .Select(i => new { i.BookingId, i.ProjectCode, i.Scope, i.Category })
            .ToListAsync(ct);

        var sessions = bookings.Select(b =>
        {
            var mine = entries.Where(e => e.BookingId == b.Id).ToList();
            return new WitnessedSession(b.Id, b.RoomCode, b.RoomName, b.StartsAt, b.EndsAt, b.ProjectCode, b.ProjectName, b.Purpose,
                mine.Where(e => e.Kind != WitnessEntryKind.System).Select(e => e.Actor).Distinct().Order(StringComparer.Ordinal).ToList(),
                mine.Where(e => e.Kind == WitnessEntryKind.Step && e.Code != null).Select(e => e.Code).Distinct().Count(),
                mine.Count,
                incidents.Where(i => i.BookingId == b.Id || (i.Scope == IncidentScope.Project && i.ProjectCode == b.ProjectCode))
                    .Select(i => i.Category).ToList());
        }).OrderBy(s => s.StartsAt).ThenBy(s => s.RoomCode, StringComparer.Ordinal).ToList();

        var anchor = await db.WitnessAnchors.AsNoTracking().SingleOrDefaultAsync(a => a.Day == day, ct);
        return new WitnessDailyReport(day, sessions, anchor, anchors.ReadAnchor(day));
    }
}
