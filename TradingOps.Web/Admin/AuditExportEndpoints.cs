using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Data.Identity;
using TradingOps.Data.Queries;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Admin;

public static class AuditExportEndpoints
{
    public const int MaxDays = 366;

    /// <summary>
    /// GET /admin/audit/export?from=2026-11-01&amp;to=2026-11-30 (center days, both inclusive): the trail of a
    /// period as CSV (UTF-8 with BOM so Excel opens the Chinese correctly), streamed, and the export is traced.
    /// </summary>
    public static void MapAuditExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/admin/audit/export", async (DateOnly? from, DateOnly? to, AuditQueries audit, HttpContext http, CancellationToken ct) =>
        {
            if (ExportPeriod.IsInvalid(from, to, MaxDays, out var problem)) return problem;

            var filter = new AuditFilter(CenterTime.At(from.Value, TimeOnly.MinValue), CenterTime.At(to.Value.AddDays(1), TimeOnly.MinValue));
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{from:yyyyMMdd}-{to:yyyyMMdd}.csv\"";
            var rows = 0;
            await using (var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true))
            {
                await writer.WriteLineAsync("时间,操作人,操作人类型,操作,对象,主键,变更内容");
                await foreach (var e in audit.StreamAsync(filter, ct))
                {
                    await writer.WriteLineAsync(string.Join(",",
                        Csv(CenterTime.ToLocal(e.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                        Csv(e.ActorName), Csv(e.ActorKind.ToString()), Csv(e.Action.ToString()), Csv(e.Entity), Csv(e.Key), Csv(e.Changes)));
                    rows++;
                }
            }
            await audit.RecordAccessAsync(AuditAction.Exported, filter, rows, ct);
            return Results.Empty;
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin));

    /// <summary>RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.</summary>
    public static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
