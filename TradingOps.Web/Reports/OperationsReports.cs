using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Core.Statistics;
using TradingOps.Data;
using TradingOps.Data.Queries;
using TradingOps.Data.Statistics;

namespace TradingOps.Web.Reports;

/// <summary>
/// The daily operations workbook (运营日报) and the monthly workbook (运营月报), built from the day's stored
/// figures and raw rows, kept in the database for download. Regenerating a period replaces its file.
/// </summary>
public sealed class OperationsReports(
    IDbContextFactory<TradingOpsDbContext> factory,
    DailyStatisticsService statistics,
    ProjectLedger ledger,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    ICurrentActor actor)
{
    private sealed record CategoryRow(TradingCategory Category, decimal Registered, decimal AmountWan, decimal Openings,
        decimal PreviousRegistered = 0);

    private sealed record DayRow(DateOnly Day, decimal Registered, decimal AmountWan, decimal Openings);

    private sealed record OpeningRow(DateTimeOffset At, string Code, string Name, string Category, string Method, string? Agency, string Staff);

    public async Task<StoredReport> GenerateDailyAsync(DateOnly day, CancellationToken ct = default)
    {
        await statistics.RecomputeAsync(day, ct);
        using var workbook = new XLWorkbook();
        var figures = await FiguresAsync(day, day, ct);
        FormattedWorkbook.AddSheet(workbook, CategorySpec($"运营日报 {day:yyyy-MM-dd}", withPrevious: false), ByCategory(figures, []));
        FormattedWorkbook.AddSheet(workbook, ledger.Spec(day, day) with { Name = "当日登记项目" }, await ledger.RowsAsync(day, day, ct).ToListAsync(ct));
        FormattedWorkbook.AddSheet(workbook, OpeningSpec(day), await OpeningsAsync(day, ct));
        return await StoreAsync(ReportKind.DailyOperations, day, day, $"运营日报_{day:yyyyMMdd}.xlsx", workbook, ct);
    }

    public async Task<StoredReport> GenerateMonthlyAsync(DateOnly anyDay, CancellationToken ct = default)
    {
        var first = new DateOnly(anyDay.Year, anyDay.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        for (var d = first; d <= last && d <= CenterTime.Today(clock); d = d.AddDays(1))
            await statistics.RecomputeAsync(d, ct);
        var figures = await FiguresAsync(first.AddMonths(-1), last, ct);
        var thisMonth = figures.Where(f => f.Day >= first).ToList();
        var previousMonth = figures.Where(f => f.Day < first).ToList();

        using var workbook = new XLWorkbook();
        var days = Enumerable.Range(0, last.Day).Select(i => first.AddDays(i)).Select(d => new DayRow(d,
            Value(thisMonth, d, Metrics.ProjectsRegistered), Value(thisMonth, d, Metrics.ProjectsAmount) / 10_000m,
            Value(thisMonth, d, Metrics.BidOpenings))).ToList();
        FormattedWorkbook.AddSheet(workbook, new SheetSpec<DayRow>("月度汇总", $"运营月报 {first:yyyy年M月}",
        [
            new("日期", 14, CellKind.Date, r => r.Day, TotalKind.Label),
            new("进场登记项目（个）", 18, CellKind.Integer, r => r.Registered, TotalKind.Sum),
            new("登记金额（万元）", 20, CellKind.Money, r => decimal.Round(r.AmountWan, 2), TotalKind.Sum),
            new("开标场次", 12, CellKind.Integer, r => r.Openings, TotalKind.Sum),
        ]), days);
        FormattedWorkbook.AddSheet(workbook, CategorySpec($"运营月报 {first:yyyy年M月}", withPrevious: true), ByCategory(thisMonth, previousMonth));
        FormattedWorkbook.AddSheet(workbook, ledger.Spec(first, last), await ledger.RowsAsync(first, last, ct).ToListAsync(ct));
        return await StoreAsync(ReportKind.MonthlyOperations, first, last, $"运营月报_{first:yyyyMM}.xlsx", workbook, ct);
    }

    private SheetSpec<CategoryRow> CategorySpec(string title, bool withPrevious)
    {
        List<Column<CategoryRow>> columns =
        [
            new("交易类别", 24, CellKind.Text, r => l[$"TradingCategory.{r.Category}"].Value, TotalKind.Label),
            new("进场登记项目（个）", 18, CellKind.Integer, r => r.Registered, TotalKind.Sum),
            new("登记金额（万元）", 20, CellKind.Money, r => decimal.Round(r.AmountWan, 2), TotalKind.Sum),
            new("开标场次", 12, CellKind.Integer, r => r.Openings, TotalKind.Sum),
        ];
        if (withPrevious)
        {
            columns.Add(new("上月登记项目（个）", 18, CellKind.Integer, r => r.PreviousRegistered, TotalKind.Sum));
            columns.Add(new("环比", 10, CellKind.Percent, r => r.PreviousRegistered == 0 ? null : (r.Registered - r.PreviousRegistered) / r.PreviousRegistered));
        }
        return new SheetSpec<CategoryRow>("分类统计", title, columns);
    }

    private static IReadOnlyList<CategoryRow> ByCategory(IReadOnlyList<DailyStatistic> figures, IReadOnlyList<DailyStatistic> previous) =>
        Enum.GetValues<TradingCategory>().Select(c => new CategoryRow(c,
            Sum(figures, Metrics.ProjectsRegistered, c), Sum(figures, Metrics.ProjectsAmount, c) / 10_000m,
            Sum(figures, Metrics.BidOpenings, c), Sum(previous, Metrics.ProjectsRegistered, c))).ToList();

    private static decimal Sum(IEnumerable<DailyStatistic> figures, string metric, TradingCategory category) =>
        figures.Where(f => f.Metric == metric && f.Dimension == Metrics.ByCategory && f.Key == category.ToString()).Sum(f => f.Value);

    private static decimal Value(IEnumerable<DailyStatistic> figures, DateOnly day, string metric) =>
        figures.Where(f => f.Day == day && f.Metric == metric && f.Dimension == DailyStatistic.Total).Sum(f => f.Value);

    private async Task<List<DailyStatistic>> FiguresAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DailyStatistics.AsNoTracking().Where(s => s.Day >= from && s.Day <= to).ToListAsync(ct);
    }

    private SheetSpec<OpeningRow> OpeningSpec(DateOnly day) => new("开标安排", $"开标安排 {day:yyyy-MM-dd}",
    [
        new("开标时间", 18, CellKind.DateTime, r => r.At, TotalKind.Label),
        new("项目编号", 20, CellKind.Text, r => r.Code, TotalKind.Count),
        new("项目名称", 44, CellKind.Text, r => r.Name),
        new("交易类别", 16, CellKind.Text, r => r.Category),
        new("交易方式", 12, CellKind.Text, r => r.Method),
        new("代理机构", 26, CellKind.Text, r => r.Agency ?? "自行组织"),
        new("服务责任人", 12, CellKind.Text, r => r.Staff),
    ]);

    private async Task<List<OpeningRow>> OpeningsAsync(DateOnly day, CancellationToken ct)
    {
        var (start, end) = CenterTime.DayBounds(day);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.TradingProjects.AsNoTracking().Where(p => p.BidOpeningAt >= start && p.BidOpeningAt < end)
            .OrderBy(p => p.BidOpeningAt).ThenBy(p => p.Code)
            .Join(db.Staff, p => p.ResponsibleStaffId, s => s.Id, (p, s) => new { At = p.BidOpeningAt!.Value, p.Code, p.Name, p.Category, p.Method, p.Agency, Staff = s.Name })
            .ToListAsync(ct);
        return rows.Select(r => new OpeningRow(r.At, r.Code, r.Name, l[$"TradingCategory.{r.Category}"], l[$"TradingMethod.{r.Method}"], r.Agency, r.Staff)).ToList();
    }

    private async Task<StoredReport> StoreAsync(ReportKind kind, DateOnly start, DateOnly end, string fileName, XLWorkbook workbook, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var report = await db.StoredReports.SingleOrDefaultAsync(r => r.Kind == kind && r.PeriodStart == start, ct);
        if (report is null) db.StoredReports.Add(report = new StoredReport { Kind = kind, PeriodStart = start });
        report.PeriodEnd = end;
        report.FileName = fileName;
        report.Content = buffer.ToArray();
        report.SizeBytes = buffer.Length;
        report.CreatedAt = clock.GetUtcNow();
        report.CreatedBy = who.Name;
        await db.SaveChangesAsync(ct);
        return report;
    }
}
