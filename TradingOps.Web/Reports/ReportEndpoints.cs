using TradingOps.Data.Reports;
using TradingOps.Data.Statistics;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Reports;

public static class ReportEndpoints
{
    public const int MaxDays = 400;
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The detail exports, each at GET /reports/{key}: registration ledger, room usage, tickets, ratings.</summary>
    public static readonly IReadOnlyList<string> DetailKeys = ["ledger", "rooms", "tickets", "ratings"];

    /// <summary>
    /// GET /reports/files/{id}: a stored daily or monthly workbook. Each download is audited like a detail export
    /// (who, which report, which period).
    /// </summary>
    public static void MapStoredReports(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/reports/files/{id:guid}", async (Guid id, StoredReports stored, ReportDownloadAudit audit, CancellationToken ct) =>
        {
            var report = await stored.GetAsync(id, ct);
            if (report is null) return Results.Problem(title: "报表不存在或已被重新生成", statusCode: StatusCodes.Status404NotFound);
            await audit.RecordAsync(StoredKey(report.Kind), StoredTitle(report.Kind), report.PeriodStart, report.PeriodEnd, report.FileName, rows: null, ct);
            return Results.File(report.Content, XlsxType, report.FileName);
        }).RequireAuthorization(p => p.RequireRole(RoleSets.Supervisors.Split(',')));

    /// <summary>The audit key of a stored workbook's downloads (the detail exports use their URL segment).</summary>
    public static string StoredKey(ReportKind kind) => kind switch
    {
        ReportKind.DailyOperations => "daily",
        ReportKind.MonthlyOperations => "monthly",
        _ => kind.ToString(),
    };

    private static string StoredTitle(ReportKind kind) => kind switch
    {
        ReportKind.DailyOperations => "运营日报",
        ReportKind.MonthlyOperations => "运营月报",
        _ => kind.ToString(),
    };

    /// <summary>
    /// GET /reports/{ledger|rooms|tickets|ratings}?from=yyyy-MM-dd&amp;to=yyyy-MM-dd: a detail workbook of a period of
    /// center days (both inclusive), named after it (票号明细_2026-11-01_2026-11-30.xlsx). Each export is audited.
    /// </summary>
    public static void MapDetailExports(this IEndpointRouteBuilder endpoints)
    {
        foreach (var key in DetailKeys)
            endpoints.MapGet($"/reports/{key}", (string? from, string? to, IEnumerable<IDetailReport> reports, ReportDownloadAudit audit, CancellationToken ct) =>
                    ExportAsync(reports.Single(r => r.Key == key), from, to, audit, ct))
                .RequireAuthorization(p => p.RequireRole(RoleSets.Supervisors.Split(',')));
    }

    private static async Task<IResult> ExportAsync(IDetailReport report, string? from, string? to, ReportDownloadAudit audit, CancellationToken ct)
    {
        if (Infrastructure.ExportPeriod.IsInvalid(from, to, MaxDays, out var start, out var end, out var problem)) return problem;

        // Built in a temporary file (deleted on close), then sent: bounded memory either way.
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            var export = await report.WriteAsync(temp, start, end, ct);
            await audit.RecordAsync(report.Key, report.Title, start, end, export.FileName, export.Rows, ct);
            temp.Position = 0;
            return Results.File(temp, XlsxType, export.FileName);
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }

    /// <summary>Who took which report of which period away (Entity "ReportExport", key = the report).</summary>
    public const string ReportExportEntity = ReportDownloadAudit.Entity;
}
