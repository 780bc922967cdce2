using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Reports;

public static class ReportEndpoints
{
    public const int MaxDays = 400;
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The detail exports, each at GET /reports/{key}: registration ledger, room usage, tickets, ratings.</summary>
    public static readonly IReadOnlyList<string> DetailKeys = ["ledger", "rooms", "tickets", "ratings"];

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

    /// <summary>
    /// GET /reports/{ledger|rooms|tickets|ratings}?from=yyyy-MM-dd&amp;to=yyyy-MM-dd: a detail workbook of a period of
    /// center days (both inclusive), named after it (票号明细_2026-11-01_2026-11-30.xlsx). Each export is audited.
    /// </summary>
    public static void MapDetailExports(this IEndpointRouteBuilder endpoints)
    {
        foreach (var key in DetailKeys)
            endpoints.MapGet($"/reports/{key}", (string? from, string? to, IEnumerable<IDetailReport> reports, ICurrentActor actor,
                    IDbContextFactory<TradingOps.Data.TradingOpsDbContext> factory, TimeProvider clock, CancellationToken ct) =>
                    ExportAsync(reports.Single(r => r.Key == key), from, to, actor, factory, clock, ct))
                .RequireAuthorization(p => p.RequireRole(RoleSets.Supervisors.Split(',')));
    }

    private static async Task<IResult> ExportAsync(IDetailReport report, string? from, string? to, ICurrentActor actor,
        IDbContextFactory<TradingOps.Data.TradingOpsDbContext> factory, TimeProvider clock, CancellationToken ct)
    {
        if (Infrastructure.ExportPeriod.IsInvalid(from, to, MaxDays, out var start, out var end, out var problem)) return problem;

        // Built in a temporary file (deleted on close), then sent: bounded memory either way.
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            var export = await report.WriteAsync(temp, start, end, ct);
            await AuditAsync(report, start, end, export, actor, factory, clock, ct);
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
    private static async Task AuditAsync(IDetailReport report, DateOnly from, DateOnly to, DetailExport export, ICurrentActor actor,
        IDbContextFactory<TradingOps.Data.TradingOpsDbContext> factory, TimeProvider clock, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var details = JsonSerializer.Serialize(new { report = report.Title, from = $"{from:yyyy-MM-dd}", to = $"{to:yyyy-MM-dd}", rows = export.Rows, file = export.FileName },
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who, ReportExportEntity, report.Key, AuditAction.Exported, details));
        await db.SaveChangesAsync(ct);
    }

    public const string ReportExportEntity = "ReportExport";
}
