using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;
using TradingOps.Data.Queries;
using TradingOps.Data.Statistics;

namespace TradingOps.Data.Reports;

/// <summary>
/// Every database read of the reports (detail exports, daily and monthly workbooks), returning rows; the Web layer
/// lays them out. Periods are center days, both inclusive. Detail rows are streamed (no tracking, no full list) so a
/// year of tickets takes bounded memory.
/// </summary>
public sealed class ReportQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    /// <summary>项目登记台账: projects registered in the period.</summary>
    public Task<int> ProjectCountAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => CountAsync(db => ProjectsIn(db, from, to), ct);

    /// <summary>Projects registered in the period, in registration order, with the responsible staff member's name.</summary>
    public IAsyncEnumerable<ProjectRow> ProjectsAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        StreamAsync(db => ProjectsIn(db, from, to)
            .OrderBy(p => p.RegisteredAt).ThenBy(p => p.Code)
            .Join(db.Staff, p => p.ResponsibleStaffId, s => s.Id, (p, s) => new ProjectRow(p.Id, p.Code, p.Name, p.Category,
                p.Method, p.Initiator, p.Agency, p.Amount, s.Name, p.RegisteredAt, p.BidOpeningAt)), ct);

    /// <summary>场地使用明细: bookings of a room starting in the period, cancelled ones left out.</summary>
    public Task<int> RoomSessionCountAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => CountAsync(db => SessionsIn(db, from, to), ct);

    public IAsyncEnumerable<RoomSessionRow> RoomSessionsAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        StreamAsync(db => SessionsIn(db, from, to)
            .Join(db.Rooms, b => b.RoomId, r => r.Id, (b, r) => new { b, r })
            .OrderBy(x => x.b.StartsAt).ThenBy(x => x.r.Code)
            .Select(x => new RoomSessionRow(x.r.Code, x.r.Name, x.r.Type, x.b.Purpose, x.b.ProjectCode, x.b.ProjectName, x.b.Agency,
                x.b.Status, x.b.Phase, x.b.StartsAt, x.b.EndsAt, x.b.StartedAt, x.b.EndedAt)), ct);

    /// <summary>票号明细: tickets of the period's service days.</summary>
    public Task<int> TicketCountAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => CountAsync(db => TicketsIn(db, from, to), ct);

    /// <summary>Tickets of the period with their service type, window and the clerk recorded when service started.</summary>
    public IAsyncEnumerable<TicketDetailRow> TicketsAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        StreamAsync(db =>
        {
            var tickets = TicketsIn(db, from, to);
            return from t in tickets
                join s in db.ServiceTypes on t.ServiceTypeId equals s.Id
                join w in db.ServiceWindows on t.WindowId equals (Guid?)w.Id into windows
                from w in windows.DefaultIfEmpty()
                orderby t.ServiceDate, t.IssuedAt, t.Code
                select new TicketDetailRow(t.Id, t.ServiceDate, t.Code, s.Name, t.Channel, t.IsPriority, w == null ? null : w.Name,
                    t.Status, t.IssuedAt, t.ArrivedAt, t.FirstCalledAt, t.ServingStartedAt, t.FinishedAt, t.Outcome, t.ServedByName);
        }, ct);

    /// <summary>满意度评价明细: ratings given in the period.</summary>
    public Task<int> RatingCountAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => CountAsync(db => RatingsIn(db, from, to), ct);

    /// <summary>Ratings of the period with ticket, window, service type and the follow-up a bad one opened.</summary>
    public IAsyncEnumerable<RatingDetailRow> RatingsAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        StreamAsync(db =>
        {
            var rated = RatingsIn(db, from, to);
            // One stream of 好差评: window ratings with their ticket and type, sessions' venue and witness ratings with their booking.
            return from r in rated
                join t in db.QueueTickets on r.TicketId equals (Guid?)t.Id into tickets
                from t in tickets.DefaultIfEmpty()
                join s in db.ServiceTypes on r.ServiceTypeId equals (Guid?)s.Id into types
                from s in types.DefaultIfEmpty()
                join b in db.RoomBookings on r.BookingId equals (Guid?)b.Id into bookings
                from b in bookings.DefaultIfEmpty()
                join w in db.ServiceWindows on r.WindowId equals (Guid?)w.Id into windows
                from w in windows.DefaultIfEmpty()
                join f in db.RatingFollowUps on r.Id equals f.RatingId into followUps
                from f in followUps.DefaultIfEmpty()
                orderby r.At, r.Id
                select new RatingDetailRow(r.At, t != null ? t.Code : b != null ? b.ProjectCode : "?",
                    t != null ? t.ServiceDate : b != null ? DayOf(b.StartsAt) : DayOf(r.At),
                    w == null ? null : w.Name, s != null ? s.Name : SatisfactionRating.ServiceText(r.Service), r.Level, r.Reasons, r.Comment,
                    r.Channel, f == null ? null : f.ContactDueAt, f == null ? null : f.ContactedAt, f == null ? null : f.ResolveDueAt,
                    f == null ? null : f.ClosedAt, f == null ? null : f.Resolution, r.Service);
        }, ct);

    /// <summary>开标安排: the day's bid openings in time order.</summary>
    public async Task<IReadOnlyList<OpeningRow>> OpeningsAsync(DateOnly day, CancellationToken ct = default)
    {
        var (start, end) = CenterTime.DayBounds(day);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.TradingProjects.AsNoTracking().Where(p => p.BidOpeningAt >= start && p.BidOpeningAt < end)
            .OrderBy(p => p.BidOpeningAt).ThenBy(p => p.Code)
            .Join(db.Staff, p => p.ResponsibleStaffId, s => s.Id, (p, s) => new OpeningRow(p.BidOpeningAt!.Value, p.Code, p.Name, p.Category, p.Method, p.Agency, s.Name))
            .ToListAsync(ct);
    }

    /// <summary>Each room's type by its code (the rooms sheet's 场地类型).</summary>
    public async Task<IReadOnlyDictionary<string, RoomType>> RoomTypesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Type, ct);
    }

    /// <summary>Every stored daily figure of [from, to]: one read for a whole workbook.</summary>
    public async Task<List<DailyStatistic>> FiguresAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DailyStatistics.AsNoTracking().Where(s => s.Day >= from && s.Day <= to).ToListAsync(ct);
    }

    /// <summary>The days of [from, to] the statistics have been computed for (each computed day stores its registered-projects total).</summary>
    public async Task<IReadOnlySet<DateOnly>> ComputedDaysAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.DailyStatistics.AsNoTracking()
            .Where(s => s.Day >= from && s.Day <= to && s.Metric == Metrics.ProjectsRegistered && s.Dimension == DailyStatistic.Total)
            .Select(s => s.Day).ToListAsync(ct)).ToHashSet();
    }

    private static (DateTimeOffset, DateTimeOffset) Bounds(DateOnly from, DateOnly to) =>
        (CenterTime.At(from, TimeOnly.MinValue), CenterTime.At(to.AddDays(1), TimeOnly.MinValue));

    private async Task<int> CountAsync<T>(Func<TradingOpsDbContext, IQueryable<T>> query, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await query(db).CountAsync(ct);
    }

    /// <summary>The query's rows as they are read (no tracking, no full list), the context open until the last one.</summary>
    private async IAsyncEnumerable<T> StreamAsync<T>(Func<TradingOpsDbContext, IQueryable<T>> query, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await foreach (var row in query(db).AsAsyncEnumerable().WithCancellation(ct)) yield return row;
    }

    private static IQueryable<TradingProject> ProjectsIn(TradingOpsDbContext db, DateOnly from, DateOnly to)
    {
        var (start, end) = Bounds(from, to);
        return db.TradingProjects.AsNoTracking().Where(p => p.RegisteredAt >= start && p.RegisteredAt < end);
    }

    private static IQueryable<QueueTicket> TicketsIn(TradingOpsDbContext db, DateOnly from, DateOnly to) =>
        db.QueueTickets.AsNoTracking().Where(t => t.ServiceDate >= from && t.ServiceDate <= to);

    private static IQueryable<RoomBooking> SessionsIn(TradingOpsDbContext db, DateOnly from, DateOnly to)
    {
        var (start, end) = Bounds(from, to);
        return db.RoomBookings.AsNoTracking().Where(b => b.StartsAt >= start && b.StartsAt < end && b.Status != BookingStatus.Cancelled);
    }

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(CenterTime.ToLocal(at).DateTime);

    private static IQueryable<SatisfactionRating> RatingsIn(TradingOpsDbContext db, DateOnly from, DateOnly to)
    {
        var (start, end) = Bounds(from, to);
        return db.SatisfactionRatings.AsNoTracking().Where(r => r.At >= start && r.At < end);
    }
}

/// <summary>A stored workbook as the reports page lists it (without its content).</summary>
public sealed record StoredReportRow(Guid Id, ReportKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, string FileName, long SizeBytes,
    DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>The daily and monthly workbooks kept for download: regenerating a period replaces its file.</summary>
public sealed class StoredReports(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, ICurrentActor actor)
{
    public async Task<IReadOnlyList<StoredReportRow>> ListAsync(int take = 200, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.StoredReports.AsNoTracking().OrderByDescending(r => r.PeriodStart).ThenBy(r => r.Kind)
            .Select(r => new StoredReportRow(r.Id, r.Kind, r.PeriodStart, r.PeriodEnd, r.FileName, r.SizeBytes, r.CreatedAt, r.CreatedBy))
            .Take(take).ToListAsync(ct);
    }

    public async Task<StoredReport?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.StoredReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Keeps the workbook of a period, replacing the one generated before; made by whoever acts now.</summary>
    public async Task<StoredReport> SaveAsync(ReportKind kind, DateOnly start, DateOnly end, string fileName, byte[] content, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var report = await db.StoredReports.SingleOrDefaultAsync(r => r.Kind == kind && r.PeriodStart == start, ct);
        if (report is null) db.StoredReports.Add(report = new StoredReport { Kind = kind, PeriodStart = start });
        report.PeriodEnd = end;
        report.FileName = fileName;
        report.Content = content;
        report.SizeBytes = content.LongLength;
        report.CreatedAt = clock.GetUtcNow();
        report.CreatedBy = who.Name;
        await db.SaveChangesAsync(ct);
        return report;
    }
}

/// <summary>
/// Who took which report of which period away: one audit line per download (Entity <see cref="Entity"/>, key = the
/// report), for the detail exports and the stored daily and monthly workbooks alike.
/// </summary>
public sealed class ReportDownloadAudit(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock, ICurrentActor actor)
{
    public const string Entity = "ReportExport";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task RecordAsync(string key, string report, DateOnly from, DateOnly to, string file, int? rows, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var details = rows is { } n
            ? JsonSerializer.Serialize(new { report, from = $"{from:yyyy-MM-dd}", to = $"{to:yyyy-MM-dd}", rows = n, file }, Json)
            : JsonSerializer.Serialize(new { report, from = $"{from:yyyy-MM-dd}", to = $"{to:yyyy-MM-dd}", file }, Json);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who, Entity, key, AuditAction.Exported, details));
        await db.SaveChangesAsync(ct);
    }
}
