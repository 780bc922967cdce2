using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Venue;
using TradingOps.Data.Identity;

namespace TradingOps.Data.Venue;

/// <summary>One agency on the ledger page: its entries in the period, counted per kind, and its standing now.</summary>
public sealed record DisciplineLedgerRow(string Agency, int NoShows, int LateCancellations, int Overruns,
    AgencyStandingResult Standing, IReadOnlyList<DisciplineEntry> Entries);

/// <summary>The ledger for a period (local dates, inclusive).</summary>
public sealed record DisciplineLedger(DateOnly From, DateOnly To, IReadOnlyList<DisciplineLedgerRow> Rows);

/// <summary>
/// The agency discipline ledger read from the bookings (no table of its own: the bookings are the record). One
/// query per call: the closed bookings of agencies over the period and the rules' look-back; the rules in Core.
/// </summary>
public sealed class DisciplineQueries(IDbContextFactory<TradingOpsDbContext> factory, IOptions<DisciplineOptions> options, TimeProvider clock)
{
    public DisciplineOptions Options => options.Value;

    public async Task<DisciplineLedger> LedgerAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) throw new DomainException("Discipline.Period", "结束日期不能早于开始日期");
        var now = clock.GetUtcNow();
        var o = options.Value;
        var periodStart = CenterTime.DayBounds(from).Start;
        var periodEnd = CenterTime.DayBounds(to).End;
        var lookBack = now.AddMonths(-o.LookBackMonths);
        await using var db = await factory.CreateDbContextAsync(ct);
        var facts = await FactsAsync(db, periodStart < lookBack ? periodStart : lookBack, periodEnd > now ? periodEnd : now, null, ct);
        var entries = AgencyDiscipline.Entries(facts, o);
        var rows = entries.GroupBy(e => e.Agency)
            .Select(g =>
            {
                var inPeriod = g.Where(e => e.At >= periodStart && e.At < periodEnd).ToList();
                return new DisciplineLedgerRow(g.Key,
                    inPeriod.Count(e => e.Kind == DisciplineKind.NoShow),
                    inPeriod.Count(e => e.Kind == DisciplineKind.LateCancellation),
                    inPeriod.Count(e => e.Kind == DisciplineKind.Overrun),
                    AgencyDiscipline.Standing(g.Key, g, o, now), inPeriod);
            })
            .Where(r => r.Entries.Count > 0 || r.Standing.Level != StandingLevel.Good)
            .OrderByDescending(r => r.Standing.Level).ThenByDescending(r => r.NoShows + r.LateCancellations + r.Overruns)
            .ThenBy(r => r.Agency, StringComparer.Ordinal)
            .ToList();
        return new DisciplineLedger(from, to, rows);
    }

    /// <summary>The agency's standing now (the booking form's chip).</summary>
    public async Task<AgencyStandingResult> StandingAsync(string? agency, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await StandingAsync(db, agency, options.Value, clock.GetUtcNow(), ct);
    }

    /// <summary>The agency's standing, read in the caller's context (and transaction): the booking services' enforcement.</summary>
    internal static async Task<AgencyStandingResult> StandingAsync(TradingOpsDbContext db, string? agency, DisciplineOptions o,
        DateTimeOffset now, CancellationToken ct)
    {
        if (AgencyDiscipline.Normalize(agency) is not { } name) return AgencyStandingResult.Good(agency ?? "");
        var facts = await FactsAsync(db, now.AddMonths(-o.LookBackMonths), now, name, ct);
        return AgencyDiscipline.Standing(name, AgencyDiscipline.Entries(facts, o), o, now);
    }

    /// <summary>Whether the acting person may confirm a booking that needs approval (supervisor or admin).</summary>
    internal static Task<bool> IsApproverAsync(TradingOpsDbContext db, Actor who, CancellationToken ct) =>
        UserRoles.HasAnyAsync(db, who, [Roles.Supervisor, Roles.Admin], ct);

    private static async Task<List<BookingFacts>> FactsAsync(TradingOpsDbContext db, DateTimeOffset from, DateTimeOffset until, string? agency, CancellationToken ct)
    {
        // Closed bookings whose ledger moment (closed or ended) can fall in [from, until): the moment lies at most a
        // booking's length plus a day's grace from its start, so the start bounds the read.
        var startFrom = from.AddHours(-RoomBooking.MaxOvernightDuration.TotalHours - 24);
        var startUntil = until.AddDays(400); // a late cancellation closes before the start, up to far ahead
        BookingStatus[] closed = [BookingStatus.NoShow, BookingStatus.Cancelled, BookingStatus.Completed];
        var query = db.RoomBookings.AsNoTracking()
            .Where(b => b.Agency != null && closed.Contains(b.Status) && b.StartsAt >= startFrom && b.StartsAt < startUntil);
        if (agency is { Length: >= 2 } && agency[..2].All(c => c is >= '\u4E00' and <= '\u9FFF'))
        {
            // Names differ in spacing and width; two leading Chinese characters (the same in either width) narrow
            // the read, Core matches exactly.
            var head = agency[..2];
            query = query.Where(b => b.Agency!.Contains(head));
        }
        var rows = await query
            .Select(b => new BookingFacts(b.Id, b.Agency, b.ProjectCode, b.ProjectName, b.Status, b.StartsAt, b.EndsAt, b.ClosedAt, b.EndedAt, b.StatusReason))
            .ToListAsync(ct);
        return rows.Where(f => (f.ClosedAt ?? f.EndedAt ?? f.StartsAt) >= from && (f.ClosedAt ?? f.EndedAt ?? f.StartsAt) <= until
                               && (agency is null || AgencyDiscipline.Normalize(f.Agency) == agency)).ToList();
    }
}
