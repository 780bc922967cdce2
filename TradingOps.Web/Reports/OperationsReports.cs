using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;
using TradingOps.Data.Reports;
using TradingOps.Data.Statistics;

namespace TradingOps.Web.Reports;

/// <summary>
/// The daily operations workbook (运营日报) and the monthly workbook (运营月报), built by their jobs from the stored
/// daily figures (<see cref="DailyStatistic"/>, read once per workbook) and the few raw rows figures cannot give
/// (the ledger, the day's openings, wait percentiles, bad ratings), kept in the database for download.
/// Regenerating a period replaces its file.
/// </summary>
public sealed class OperationsReports(
    ReportQueries reports,
    StoredReports stored,
    DailyStatisticsService statistics,
    StatisticsQueries queries,
    SatisfactionQueries satisfaction,
    ProjectLedger ledger,
    Data.Facilities.FaultQueries faults,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<QueueOptions> queueOptions)
{
    private sealed record CategoryRow(TradingCategory Category, decimal Registered, decimal AmountWan, decimal Openings,
        decimal PreviousRegistered = 0, decimal Accepted = 0, decimal Completed = 0, decimal OnTime = 0);

    private sealed record DayRow(DateOnly Day, decimal Registered, decimal AmountWan, decimal Openings, decimal Accepted, QueueKpi Queue,
        decimal OpenHours, decimal UsedHours, LevelCounts Ratings);

    private sealed record RoomRow(string Room, string Type, MetricSums Sums);

    private sealed record QueueRow(string Key, QueueKpi Kpi, decimal? P90, QueueKpi Previous);

    private sealed record RatingRow(string Key, LevelCounts Counts, LevelCounts Previous);

    private static readonly string[] RoomMetrics = [Metrics.RoomOpenHours, Metrics.RoomBookings, Metrics.RoomBookedHours, Metrics.RoomUsedHours,
        Metrics.RoomOverruns, Metrics.RoomOverrunMinutes];
    private static readonly string[] QueueMetrics = [Metrics.QueueTickets, Metrics.QueueCalled, Metrics.QueueWaitMinutes, Metrics.QueueWithinTarget,
        Metrics.QueueNoShows, Metrics.QueueServed, Metrics.QueueServiceMinutes];

    private static readonly string[] QueueDimensions = [Metrics.ByWindow, Metrics.ByClerk, DailyStatistic.Total];

    /// <summary>What every sheet of a workbook reads: the stored figures of the period and the one before it, wait percentiles.</summary>
    private sealed record Source(Period Period, IReadOnlyList<DailyStatistic> Figures, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> WaitP90);

    private async Task<Source> SourceAsync(Period period, CancellationToken ct) =>
        new(period, await reports.FiguresAsync(period.Previous.Start, period.End, ct), await queries.WaitP90Async(period, QueueDimensions, ct));

    public async Task<StoredReport> GenerateDailyAsync(DateOnly day, CancellationToken ct = default)
    {
        // The day's figures are computed now: the workbook is of the day so far.
        await statistics.RecomputeAsync(day, ct);
        using var workbook = new XLWorkbook();
        var source = await SourceAsync(new Period(PeriodKind.Day, day, day), ct);
        AddSheet(workbook, CategorySpec($"运营日报 {day:yyyy-MM-dd}", withPrevious: false), ByCategory(source.Figures.Where(f => f.Day == day).ToList(), []));
        AddSheet(workbook, ledger.Spec(day, day) with { Name = "当日登记项目" }, await ledger.RowsAsync(day, day, ct).ToListAsync(ct));
        AddSheet(workbook, OpeningSpec(day), await OpeningsAsync(day, ct));
        await AddRoomsSheetAsync(workbook, source, $"场地使用 {day:yyyy-MM-dd}", ct);
        AddQueueSheet(workbook, source, $"窗口排队 {day:yyyy-MM-dd}");
        AddQueueByStaffSheet(workbook, source, $"窗口排队（人员） {day:yyyy-MM-dd}");
        return await StoreAsync(ReportKind.DailyOperations, day, day, $"运营日报_{day:yyyyMMdd}.xlsx", workbook, ct);
    }

    public async Task<StoredReport> GenerateMonthlyAsync(DateOnly anyDay, CancellationToken ct = default)
    {
        var first = new DateOnly(anyDay.Year, anyDay.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var month = new Period(PeriodKind.Month, first, last);
        await EnsureFiguresAsync(month, ct);
        var source = await SourceAsync(month, ct);
        var thisMonth = source.Figures.Where(f => f.Day >= first).ToList();
        var previousMonth = source.Figures.Where(f => f.Day < first).ToList();

        using var workbook = new XLWorkbook();
        var title = $"运营月报 {first:yyyy年M月}";
        var days = Enumerable.Range(0, last.Day).Select(i => first.AddDays(i)).Select(d => new DayRow(d,
            Value(thisMonth, d, Metrics.ProjectsRegistered), Value(thisMonth, d, Metrics.ProjectsAmount) / 10_000m,
            Value(thisMonth, d, Metrics.BidOpenings), Value(thisMonth, d, Metrics.ProjectsAccepted), QueueOn(thisMonth, d),
            Value(thisMonth, d, Metrics.RoomOpenHours), Value(thisMonth, d, Metrics.RoomUsedHours), LevelsOn(thisMonth, d))).ToList();
        var summary = AddSheet(workbook, new SheetSpec<DayRow>("汇总", title,
        [
            new("日期", 12, CellKind.Date, r => r.Day, TotalKind.Label),
            new("进场登记项目（个）", 12, CellKind.Integer, r => r.Registered, TotalKind.Sum),
            new("登记金额（万元）", 16, CellKind.Money, r => r.AmountWan, TotalKind.Sum),
            new("开标场次", 10, CellKind.Integer, r => r.Openings, TotalKind.Sum),
            new("受理办结（个）", 12, CellKind.Integer, r => r.Accepted, TotalKind.Sum),
            new("取号数", 10, CellKind.Integer, r => r.Queue.Tickets, TotalKind.Sum),
            new("已叫号", 10, CellKind.Integer, r => r.Queue.Called, TotalKind.Sum),
            new("等候合计（分钟）", 14, CellKind.Money, r => r.Queue.WaitMinutes, TotalKind.Sum),
            new("平均等候（分钟）", 12, CellKind.Money, r => r.Queue.AverageWait),
            new("办结", 8, CellKind.Integer, r => r.Queue.Served, TotalKind.Sum),
            new("过号", 8, CellKind.Integer, r => r.Queue.NoShows, TotalKind.Sum),
            new("过号率", 9, CellKind.Percent, r => r.Queue.NoShowRate),
            new("场地开放（小时）", 12, CellKind.Money, r => r.OpenHours, TotalKind.Sum),
            new("场地使用（小时）", 12, CellKind.Money, r => r.UsedHours, TotalKind.Sum),
            new("场地使用率", 10, CellKind.Percent, r => RoomFigures.Utilization(r.UsedHours, r.OpenHours)),
            new("评价数", 10, CellKind.Integer, r => r.Ratings.Total, TotalKind.Sum),
            new("基本满意及以上（个）", 14, CellKind.Integer, r => r.Ratings.SatisfiedTotal, TotalKind.Sum),
            new("满意率", 10, CellKind.Percent, r => r.Ratings.Rate),
        ]), days);
        Ratio(summary, days.Count, 9, 8, 7);    // average wait = wait minutes ÷ called
        Ratio(summary, days.Count, 12, 11, 7);  // no-show rate = no-shows ÷ called
        Ratio(summary, days.Count, 15, 14, 13); // utilization = used ÷ open hours
        Ratio(summary, days.Count, 18, 17, 16); // satisfaction rate = satisfied ÷ ratings
        Note(summary, days.Count, SatisfactionRules.Formula + "；过号率 = 过号 ÷ 已叫号；场地使用率 = 实际使用时长 ÷ 开放时长");
        await AddRoomsSheetAsync(workbook, source, title, ct);
        AddQueueSheet(workbook, source, title);
        AddQueueByStaffSheet(workbook, source, title);
        AddSheet(workbook, CategorySpec(title, withPrevious: true) with { Name = "登记受理" }, ByCategory(thisMonth, previousMonth));
        await AddSatisfactionSheetsAsync(workbook, source, title, ct);
        AddSheet(workbook, ledger.Spec(first, last), await ledger.RowsAsync(first, last, ct).ToListAsync(ct));
        await AddFaultSheetAsync(workbook, month, title, ct);
        return await StoreAsync(ReportKind.MonthlyOperations, first, last, $"运营月报_{first:yyyyMM}.xlsx", workbook, ct);
    }

    /// <summary>One figure of a statistics page's overview: this period, the comparison period, how it is formatted.</summary>
    private sealed record OverviewRow(string Figure, decimal? Now, decimal? Before, CellKind Kind, bool Points = false);

    /// <summary>
    /// The operations statistics page (/statistics/operations) as a workbook: what it shows for the chosen period (to
    /// today when still running) against its comparison period (<see cref="Period.Previous"/>): the overview cards, the
    /// queue per window, staff and service type, the rooms, the faults. Built from the same stored figures and sums.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> OperationsStatisticsAsync(Period period, CancellationToken ct = default)
    {
        var source = await SourceAsync(period, ct);
        var title = $"运营统计 {period.Label}（对比 {period.Previous.DayRange}）";
        var total = StatisticsQueries.Sums(source.Figures, [.. QueueMetrics, .. RoomMetrics, Metrics.ProjectsAccepted, Metrics.RegistrationsCompleted,
                Metrics.RegistrationsOnTime, Metrics.Consultations], DailyStatistic.Total, period).SingleOrDefault()
            ?? new MetricSums(DailyStatistic.Total, new Dictionary<string, decimal>(), new Dictionary<string, decimal>());
        var (q, qp) = (total.Queue(), total.Queue(previous: true));
        static decimal? Share(decimal part, decimal whole) => whole == 0 ? null : part / whole;
        var target = queueOptions.Value.TargetWaitMinutes;
        using var workbook = new XLWorkbook();
        AddOverviewSheet(workbook, title, period,
        [
            new("取号数", q.Tickets, qp.Tickets, CellKind.Integer),
            new("平均等候（分钟）", q.AverageWait, qp.AverageWait, CellKind.Decimal),
            new($"{target}分钟内叫号占比", q.WithinTargetShare, qp.WithinTargetShare, CellKind.Percent, Points: true),
            new("场地使用率", total.Utilization(), total.Utilization(previous: true), CellKind.Percent, Points: true),
            new("受理办结（个）", total[Metrics.ProjectsAccepted], total.Before(Metrics.ProjectsAccepted), CellKind.Integer),
            new("按时办结率", Share(total[Metrics.RegistrationsOnTime], total[Metrics.RegistrationsCompleted]),
                Share(total.Before(Metrics.RegistrationsOnTime), total.Before(Metrics.RegistrationsCompleted)), CellKind.Percent, Points: true),
            new("咨询（次）", total[Metrics.Consultations], total.Before(Metrics.Consultations), CellKind.Integer),
        ]);
        AddQueueSheet(workbook, source, title);
        AddQueueByStaffSheet(workbook, source, title);
        AddQueueSheet(workbook, source, "窗口排队（业务）", title, Metrics.ByServiceType, ("业务类型", 16), rows => rows, QueueFigures.Note);
        await AddRoomsSheetAsync(workbook, source, title, ct);
        await AddFaultSheetAsync(workbook, period, title, ct);
        return (Save(workbook), $"运营统计_{period.Start:yyyyMMdd}_{period.End:yyyyMMdd}.xlsx");
    }

    /// <summary>
    /// The satisfaction results page (/statistics/satisfaction) as a workbook: the overview (rate, ratings, bad ratings
    /// against the comparison period), the counts per window, staff and service type, and the bad ratings with their follow-ups.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> SatisfactionStatisticsAsync(Period period, CancellationToken ct = default)
    {
        var source = await SourceAsync(period, ct);
        var title = $"满意度结果 {period.Label}（对比 {period.Previous.DayRange}）";
        var total = SatisfactionQueries.ByDimension(source.Figures, period, DailyStatistic.Total).SingleOrDefault()
            ?? new SatisfactionRow(DailyStatistic.Total, default, default);
        using var workbook = new XLWorkbook();
        AddOverviewSheet(workbook, title, period,
        [
            new("满意率", total.Counts.Rate, total.Previous.Rate, CellKind.Percent, Points: true),
            new("评价总数", total.Counts.Total, total.Previous.Total, CellKind.Integer),
            new("差评数", total.Counts.Bad, total.Previous.Bad, CellKind.Integer),
        ]);
        await AddSatisfactionSheetsAsync(workbook, source, title, ct);
        return (Save(workbook), $"满意度结果_{period.Start:yyyyMMdd}_{period.End:yyyyMMdd}.xlsx");
    }

    /// <summary>概览: one row per figure of the page: 本期, 对比期, 变化 (a rate's change in percentage points, a count's in percent).</summary>
    private static void AddOverviewSheet(XLWorkbook workbook, string title, Period period, IReadOnlyList<OverviewRow> rows)
    {
        var sheet = AddSheet(workbook, new SheetSpec<OverviewRow>("概览", title,
        [
            new("指标", 22, CellKind.Text, r => r.Figure),
            new($"本期（{period.DayRange}）", 18, CellKind.Text, r => r.Now),
            new($"对比期（{period.Previous.DayRange}）", 18, CellKind.Text, r => r.Before),
            new("变化", 12, CellKind.Text, r => r.Points ? Statistics.StatText.PointsChange(r.Now, r.Before)
                : r.Now is { } now && r.Before is { } before ? Statistics.StatText.Change(now, before) : "—"), // as the page writes it
        ]), rows);
        for (var i = 0; i < rows.Count; i++)
            foreach (var c in new[] { 2, 3 })
                sheet.Cell(i + 2, c).Style.NumberFormat.Format = SheetSpec<object>.Format(rows[i].Kind);
        Note(sheet, rows.Count, $"本期 {period.Start:yyyy-MM-dd} 至 {period.End:yyyy-MM-dd}；对比期 {period.Previous.Start:yyyy-MM-dd} 至 {period.Previous.End:yyyy-MM-dd}"
            + (period.IsWhole ? "（上一整期）" : "（上期同期：同样的日数）"));
    }

    private static byte[] Save(XLWorkbook workbook)
    {
        using var buffer = new MemoryStream();
        FormattedWorkbook.Save(workbook, buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// The stored figures are the statistics job's: a month is built from them as they are. Days of the month and the
    /// month before that have none yet (a fresh install, days before the job first ran) are computed once, and today,
    /// when the month holds it, again (its figures change all day).
    /// </summary>
    private async Task EnsureFiguresAsync(Period month, CancellationToken ct)
    {
        var today = CenterTime.Today(clock);
        var computed = await reports.ComputedDaysAsync(month.Previous.Start, month.End, ct);
        for (var d = month.Previous.Start; d <= month.End && d <= today; d = d.AddDays(1))
            if (!computed.Contains(d) || d == today) await statistics.RecomputeAsync(d, ct);
    }

    private SheetSpec<CategoryRow> CategorySpec(string title, bool withPrevious)
    {
        List<Column<CategoryRow>> columns =
        [
            new("交易类别", 24, CellKind.Text, r => l[$"TradingCategory.{r.Category}"].Value, TotalKind.Label),
            new("进场登记项目（个）", 18, CellKind.Integer, r => r.Registered, TotalKind.Sum),
            new("登记金额（万元）", 20, CellKind.Money, r => r.AmountWan, TotalKind.Sum),
            new("开标场次", 12, CellKind.Integer, r => r.Openings, TotalKind.Sum),
        ];
        if (withPrevious)
        {
            columns.Add(new("受理办结（个）", 14, CellKind.Integer, r => r.Accepted, TotalKind.Sum));
            columns.Add(new("登记办结（含不予受理）", 16, CellKind.Integer, r => r.Completed, TotalKind.Sum));
            columns.Add(new("按时办结（个）", 14, CellKind.Integer, r => r.OnTime, TotalKind.Sum));
            columns.Add(new("按时办结率", 12, CellKind.Percent, r => r.Completed == 0 ? null : r.OnTime / r.Completed));
        }
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
            Sum(figures, Metrics.BidOpenings, c), Sum(previous, Metrics.ProjectsRegistered, c), Sum(figures, Metrics.ProjectsAccepted, c),
            Sum(figures, Metrics.RegistrationsCompleted, c), Sum(figures, Metrics.RegistrationsOnTime, c))).ToList();

    private static decimal Sum(IEnumerable<DailyStatistic> figures, string metric, TradingCategory category) =>
        figures.Where(f => f.Metric == metric && f.Dimension == Metrics.ByCategory && f.Key == category.ToString()).Sum(f => f.Value);

    private static decimal Value(IEnumerable<DailyStatistic> figures, DateOnly day, string metric) =>
        figures.Where(f => f.Day == day && f.Metric == metric && f.Dimension == DailyStatistic.Total).Sum(f => f.Value);

    private static QueueKpi QueueOn(IEnumerable<DailyStatistic> figures, DateOnly day) =>
        new MetricSums(DailyStatistic.Total, QueueMetrics.ToDictionary(m => m, m => Value(figures, day, m)), new Dictionary<string, decimal>()).Queue();

    private static LevelCounts LevelsOn(IEnumerable<DailyStatistic> figures, DateOnly day)
    {
        var n = SatisfactionRules.Levels.Select(level => (int)Value(figures, day, SatisfactionRules.MetricOf(level))).ToArray();
        return new(n[0], n[1], n[2], n[3], n[4]);
    }

    /// <summary>A ratio column's total is the ratio of the totals (not a sum of ratios): =IF(den=0,"",num/den).</summary>
    private static void Ratio(IXLWorksheet sheet, int rows, int column, int numerator, int denominator)
    {
        var r = rows + 2;
        var num = sheet.Cell(r, numerator).Address.ToString();
        var den = sheet.Cell(r, denominator).Address.ToString();
        sheet.Cell(r, column).FormulaA1 = $"IF({den}=0,\"\",{num}/{den})";
    }

    /// <summary>A note under the totals row saying how the ratios are computed.</summary>
    private static void Note(IXLWorksheet sheet, int rows, string text)
    {
        var cell = sheet.Cell(rows + 4, 1);
        cell.Value = "说明：" + text;
        cell.Style.Font.Italic = true;
    }

    private async Task AddRoomsSheetAsync(XLWorkbook workbook, Source source, string title, CancellationToken ct)
    {
        var types = await reports.RoomTypesAsync(ct);
        var rows = StatisticsQueries.Sums(source.Figures, RoomMetrics, Metrics.ByRoom, source.Period)
            .Select(s => new RoomRow(s.Key, types.TryGetValue(s.Key, out var type) ? ReportLabels.Of(type) : "", s)).ToList();
        var sheet = AddSheet(workbook, new SheetSpec<RoomRow>("场地使用", title,
        [
            new("场地", 10, CellKind.Text, r => r.Room, TotalKind.Label),
            new("场地类型", 14, CellKind.Text, r => r.Type),
            new("使用场次", 10, CellKind.Integer, r => r.Sums[Metrics.RoomBookings], TotalKind.Sum),
            new("开放时长（小时）", 14, CellKind.Money, r => r.Sums[Metrics.RoomOpenHours], TotalKind.Sum),
            new("预约时长（小时）", 14, CellKind.Money, r => r.Sums[Metrics.RoomBookedHours], TotalKind.Sum),
            new("实际使用（小时）", 14, CellKind.Money, r => r.Sums[Metrics.RoomUsedHours], TotalKind.Sum),
            new("使用率", 10, CellKind.Percent, r => r.Sums.Utilization()),
            new("上期使用率", 10, CellKind.Percent, r => r.Sums.Utilization(previous: true)),
            new("超时场次", 10, CellKind.Integer, r => r.Sums[Metrics.RoomOverruns], TotalKind.Sum),
            new("超时分钟", 10, CellKind.Money, r => r.Sums[Metrics.RoomOverrunMinutes], TotalKind.Sum),
        ]), rows);
        Ratio(sheet, rows.Count, 7, 6, 4);
        Note(sheet, rows.Count, RoomFigures.Note);
    }

    /// <summary>The queue per window (窗口排队).</summary>
    private void AddQueueSheet(XLWorkbook workbook, Source source, string title) =>
        AddQueueSheet(workbook, source, "窗口排队", title, Metrics.ByWindow, ("窗口", 12), rows => rows, QueueFigures.Note);

    /// <summary>
    /// The queue per staff member (工号 / 姓名): the same stored daily figures and columns as the per-window sheet
    /// (<see cref="DayFigures.Queue"/>, dimension <see cref="Metrics.ByClerk"/>: a ticket counts for the clerk
    /// credited on it), so the clerk rows, with the row of tickets no clerk handled, add up to the summary.
    /// </summary>
    private void AddQueueByStaffSheet(XLWorkbook workbook, Source source, string title) =>
        AddQueueSheet(workbook, source, "窗口排队（人员）", title, Metrics.ByClerk, ("工作人员（工号 / 姓名）", 20),
            rows => rows.OrderBy(r => r.Key == DayFigures.NoClerk).ThenBy(r => r.Key, StringComparer.Ordinal),
            $"工作人员 = 在窗口签到并叫号、办理或办结该号的人员；{DayFigures.NoClerk} = 尚未被叫号的号码。{QueueFigures.Note}");

    private void AddQueueSheet(XLWorkbook workbook, Source source, string name, string title, string dimension,
        (string Header, double Width) key, Func<IEnumerable<QueueRow>, IEnumerable<QueueRow>> order, string note)
    {
        var p90 = source.WaitP90[dimension];
        var rows = order(StatisticsQueries.Sums(source.Figures, QueueMetrics, dimension, source.Period)
            .Select(s => new QueueRow(s.Key, s.Queue(), p90.TryGetValue(s.Key, out var p) ? p : null, s.Queue(previous: true)))).ToList();
        var target = queueOptions.Value.TargetWaitMinutes;
        var sheet = AddSheet(workbook, new SheetSpec<QueueRow>(name, title,
        [
            new(key.Header, key.Width, CellKind.Text, r => r.Key, TotalKind.Label),
            new("取号数", 9, CellKind.Integer, r => r.Kpi.Tickets, TotalKind.Sum),
            new("已叫号", 9, CellKind.Integer, r => r.Kpi.Called, TotalKind.Sum),
            new("过号", 8, CellKind.Integer, r => r.Kpi.NoShows, TotalKind.Sum),
            new("办结", 8, CellKind.Integer, r => r.Kpi.Served, TotalKind.Sum),
            new("等候合计（分钟）", 13, CellKind.Money, r => r.Kpi.WaitMinutes, TotalKind.Sum),
            new("平均等候（分钟）", 12, CellKind.Money, r => r.Kpi.AverageWait),
            new("90%等候（分钟）", 12, CellKind.Money, r => r.P90),
            new("办理合计（分钟）", 13, CellKind.Money, r => r.Kpi.ServiceMinutes, TotalKind.Sum),
            new("平均办理（分钟）", 12, CellKind.Money, r => r.Kpi.AverageService),
            new("过号率", 9, CellKind.Percent, r => r.Kpi.NoShowRate),
            new($"{target}分钟内叫号", 12, CellKind.Integer, r => r.Kpi.WithinTarget, TotalKind.Sum),
            new($"{target}分钟内占比", 12, CellKind.Percent, r => r.Kpi.WithinTargetShare),
            new("上期平均等候（分钟）", 14, CellKind.Money, r => r.Previous.AverageWait),
        ]), rows);
        Ratio(sheet, rows.Count, 7, 6, 3);
        if (source.WaitP90[DailyStatistic.Total].TryGetValue(DailyStatistic.Total, out var allP90))
            sheet.Cell(rows.Count + 2, 8).Value = allP90; // the period's 90th percentile over all rows
        Ratio(sheet, rows.Count, 10, 9, 5);
        Ratio(sheet, rows.Count, 11, 4, 3);
        Ratio(sheet, rows.Count, 13, 12, 3);
        Note(sheet, rows.Count, note);
    }

    private async Task AddSatisfactionSheetsAsync(XLWorkbook workbook, Source source, string title, CancellationToken ct)
    {
        foreach (var (dimension, name, header) in new[] { (Metrics.ByWindow, "满意度", "窗口"), (Metrics.ByClerk, "满意度（人员）", "工作人员"),
                     (Metrics.ByServiceType, "满意度（业务）", "业务类型") })
        {
            var rows = SatisfactionQueries.ByDimension(source.Figures, source.Period, dimension).Select(r => new RatingRow(r.Key, r.Counts, r.Previous)).ToList();
            var sheet = AddSheet(workbook, new SheetSpec<RatingRow>(name, $"{title} 满意度",
            [
                new(header, 14, CellKind.Text, r => r.Key, TotalKind.Label),
                new("非常满意", 10, CellKind.Integer, r => r.Counts.VerySatisfied, TotalKind.Sum),
                new("满意", 10, CellKind.Integer, r => r.Counts.Satisfied, TotalKind.Sum),
                new("基本满意", 10, CellKind.Integer, r => r.Counts.Acceptable, TotalKind.Sum),
                new("不满意", 10, CellKind.Integer, r => r.Counts.Dissatisfied, TotalKind.Sum),
                new("非常不满意", 10, CellKind.Integer, r => r.Counts.VeryDissatisfied, TotalKind.Sum),
                new("评价总数", 10, CellKind.Integer, r => r.Counts.Total, TotalKind.Sum),
                new("满意率", 10, CellKind.Percent, r => r.Counts.Rate),
                new("上期评价数", 10, CellKind.Integer, r => r.Previous.Total, TotalKind.Sum),
                new("上期满意率", 10, CellKind.Percent, r => r.Previous.Rate),
            ]), rows);
            var t = rows.Count + 2;
            sheet.Cell(t, 8).FormulaA1 = $"IF(G{t}=0,\"\",(B{t}+C{t}+D{t})/G{t})";
            if (rows.Aggregate(default(LevelCounts), (sum, r) => sum + r.Previous).Rate is { } previousRate)
                sheet.Cell(t, 10).Value = previousRate; // the previous period's overall rate
            Note(sheet, rows.Count, SatisfactionRules.Formula + "；无评价时满意率留空");
        }
        var bad = await satisfaction.BadRatingsAsync(source.Period, ct);
        AddSheet(workbook, new SheetSpec<BadRatingRow>("差评整改", $"{title} 差评整改",
        [
            new("评价时间", 17, CellKind.DateTime, r => r.At, TotalKind.Label),
            new("号码", 8, CellKind.Text, r => r.TicketCode, TotalKind.Count),
            new("评价", 10, CellKind.Text, r => SatisfactionRating.LevelText(r.Level)),
            new("业务类型", 14, CellKind.Text, r => r.ServiceType),
            new("窗口", 10, CellKind.Text, r => r.Window ?? "—"),
            new("工作人员", 10, CellKind.Text, r => r.Clerk ?? "—"),
            new("原因", 18, CellKind.Text, r => r.Reasons),
            new("整改状态", 10, CellKind.Text, r => SatisfactionRules.StateText(r.State)),
            new("整改期限", 17, CellKind.DateTime, r => r.ResolveDueAt),
        ]), bad);
    }

    /// <summary>
    /// 故障统计: per equipment category the faults reported in the month, repaired, still open, and the mean time to
    /// repair in hours (<see cref="Core.Facilities.FaultStatistics"/>); under it the month's faults one per row.
    /// One query (the month's faults with their equipment and rooms).
    /// </summary>
    private async Task AddFaultSheetAsync(XLWorkbook workbook, Period month, string title, CancellationToken ct)
    {
        var figures = await faults.PeriodAsync(month, ct);
        var sheet = AddSheet(workbook, new SheetSpec<Core.Facilities.FaultCategoryFigures>("故障统计", $"{title} 故障统计",
        [
            new("设备类别", 16, CellKind.Text, r => ReportLabels.Of(r.Category), TotalKind.Label),
            new("报修数", 10, CellKind.Integer, r => r.Reported, TotalKind.Sum),
            new("已修复", 10, CellKind.Integer, r => r.Repaired, TotalKind.Sum),
            new("待修", 10, CellKind.Integer, r => r.Open, TotalKind.Sum),
            new("致场地停用", 12, CellKind.Integer, r => r.TookRoomOut, TotalKind.Sum),
            new("平均修复时长（小时）", 14, CellKind.Decimal, r => r.MeanHours),
        ]), figures.PerCategory);
        var totalRow = figures.PerCategory.Count + 2;
        if (figures.Total.MeanHours is { } all) sheet.Cell(totalRow, 6).Value = all; // the month's MTTR over every category
        Note(sheet, figures.PerCategory.Count, "平均修复时长 = 本月报修且已修复的故障自报修至修复的平均小时数；待修故障不计入");

        // The month's faults, under the summary.
        var start = totalRow + 6;
        string[] headers = ["报修单号", "报修时间", "设备类别", "设备", "场地", "故障等级", "致场地停用", "状态", "修复时间", "修复用时（小时）"];
        for (var c = 0; c < headers.Length; c++)
        {
            var cell = sheet.Cell(start, c + 1);
            cell.Value = headers[c];
            cell.Style.Font.Bold = true;
        }
        sheet.Cell(start - 1, 1).Value = "本月报修明细";
        sheet.Cell(start - 1, 1).Style.Font.Bold = true;
        var r = start;
        foreach (var row in figures.Faults)
        {
            r++;
            var f = row.Fault;
            sheet.Cell(r, 1).Value = f.Number;
            sheet.Cell(r, 2).Value = CenterTime.ToLocal(f.ReportedAt).DateTime;
            sheet.Cell(r, 2).Style.NumberFormat.Format = SheetSpec<object>.Format(CellKind.DateTime);
            sheet.Cell(r, 3).Value = ReportLabels.Of(f.Category);
            sheet.Cell(r, 4).Value = $"{row.EquipmentCode} {row.EquipmentName}";
            sheet.Cell(r, 5).Value = row.RoomCode is null ? "—" : $"{row.RoomCode} {row.RoomName}";
            sheet.Cell(r, 6).Value = Data.Facilities.FaultService.SeverityText(f.Severity);
            sheet.Cell(r, 7).Value = f.TakesRoomOut ? "是" : "否";
            sheet.Cell(r, 8).Value = f.Status == Core.Facilities.FaultStatus.Repaired ? "已修复" : "待修";
            if (f.RepairedAt is { } repaired)
            {
                sheet.Cell(r, 9).Value = CenterTime.ToLocal(repaired).DateTime;
                sheet.Cell(r, 9).Style.NumberFormat.Format = SheetSpec<object>.Format(CellKind.DateTime);
            }
            if (f.TimeToRepair is { } ttr)
            {
                sheet.Cell(r, 10).Value = Math.Round(ttr.TotalHours, 1);
                sheet.Cell(r, 10).Style.NumberFormat.Format = SheetSpec<object>.Format(CellKind.Decimal);
            }
        }
        foreach (var (column, width) in new[] { (7, 12.0), (8, 8.0), (9, 17.0), (10, 14.0) })
            if (sheet.Column(column).Width < width) sheet.Column(column).Width = width;
        if (sheet.Column(4).Width < 28) sheet.Column(4).Width = 28;
        if (sheet.Column(2).Width < 17) sheet.Column(2).Width = 17;
    }

    /// <summary>A formatted sheet whose header row is tall enough for the wrapped two-line headers to print whole.</summary>
    private static IXLWorksheet AddSheet<T>(XLWorkbook workbook, SheetSpec<T> spec, IEnumerable<T> rows)
    {
        var sheet = FormattedWorkbook.AddSheet(workbook, spec, rows);
        sheet.Row(1).Height = 32;
        sheet.Row(1).Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        return sheet;
    }

    private sealed record OpeningLine(DateTimeOffset At, string Code, string Name, string Category, string Method, string? Agency, string Staff);

    private SheetSpec<OpeningLine> OpeningSpec(DateOnly day) => new("开标安排", $"开标安排 {day:yyyy-MM-dd}",
    [
        new("开标时间", 18, CellKind.DateTime, r => r.At, TotalKind.Label),
        new("项目编号", 20, CellKind.Text, r => r.Code, TotalKind.Count),
        new("项目名称", 44, CellKind.Text, r => r.Name),
        new("交易类别", 16, CellKind.Text, r => r.Category),
        new("交易方式", 12, CellKind.Text, r => r.Method),
        new("代理机构", 26, CellKind.Text, r => r.Agency ?? "自行组织"),
        new("服务责任人", 12, CellKind.Text, r => r.Staff),
    ]);

    private async Task<List<OpeningLine>> OpeningsAsync(DateOnly day, CancellationToken ct) =>
        (await reports.OpeningsAsync(day, ct))
            .Select(r => new OpeningLine(r.At, r.Code, r.Name, l[$"TradingCategory.{r.Category}"], l[$"TradingMethod.{r.Method}"], r.Agency, r.Staff)).ToList();

    private async Task<StoredReport> StoreAsync(ReportKind kind, DateOnly start, DateOnly end, string fileName, XLWorkbook workbook, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        FormattedWorkbook.Save(workbook, buffer);
        return await stored.SaveAsync(kind, start, end, fileName, buffer.ToArray(), ct);
    }
}
