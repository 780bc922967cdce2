using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Reports;

public static class ReportEndpoints
{
    public const int MaxDays = 400;
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddScoped<ProjectLedger>().AddScoped<OperationsReports>();

    /// <summary>GET /reports/files/{id}: a stored daily or monthly workbook.</summary>
    public static void MapStoredReports(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/reports/files/{id:guid}", async (Guid id, IDbContextFactory<TradingOps.Data.TradingOpsDbContext> factory, CancellationToken ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var report = await db.StoredReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
            return report is null
                ? Results.Problem(title: "报表不存在或已被重新生成", statusCode: StatusCodes.Status404NotFound)
                : Results.File(report.Content, XlsxType, report.FileName);
        }).RequireAuthorization(p => p.RequireRole(RoleSets.Supervisors.Split(',')));

    /// <summary>GET /reports/ledger?from=yyyy-MM-dd&amp;to=yyyy-MM-dd: the registration ledger of a period.</summary>
    public static void MapReports(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/reports/ledger", async (DateOnly? from, DateOnly? to, ProjectLedger ledger, HttpContext http, CancellationToken ct) =>
        {
            if (Api.Period.IsInvalid(from, to, MaxDays, out var problem)) return problem;

            var spec = ledger.Spec(from.Value, to.Value);
            var fileName = $"项目登记台账_{from:yyyyMMdd}-{to:yyyyMMdd}.xlsx";
            // Built in a temporary file (deleted on close), then sent: bounded memory either way.
            var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            if (await ledger.CountAsync(from.Value, to.Value, ct) > ProjectLedger.StreamAbove)
                await StreamingWorkbook.WriteAsync(temp, spec, ledger.RowsAsync(from.Value, to.Value, ct), ct);
            else
            {
                using var workbook = new XLWorkbook();
                FormattedWorkbook.AddSheet(workbook, spec, await ledger.RowsAsync(from.Value, to.Value, ct).ToListAsync(ct));
                workbook.SaveAs(temp);
            }
            temp.Position = 0;
            return Results.File(temp, XlsxType, fileName);
        }).RequireAuthorization(p => p.RequireRole(RoleSets.Supervisors.Split(',')));
}
