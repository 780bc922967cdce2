using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using Microsoft.Extensions.Localization;
using TradingOps.Data.Auditing;
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
        endpoints.MapGet("/admin/audit/export", async (DateOnly? from, DateOnly? to, AuditQueries audit, HttpContext http,
            IStringLocalizer<AuditResource> a, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (ExportPeriod.IsInvalid(from, to, MaxDays, out var problem)) return problem;

            var filter = new AuditFilter(CenterTime.At(from.Value, TimeOnly.MinValue), CenterTime.At(to.Value.AddDays(1), TimeOnly.MinValue));
            var text = new AuditText(a, l); // the page's names: 操作, 对象, 字段
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{from:yyyyMMdd}-{to:yyyyMMdd}.csv\"";
            var rows = 0;
            await using (var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true))
            {
                await writer.WriteLineAsync("时间,操作人,操作人类型,操作,对象,记录,主键,变更内容");
                var batch = new List<AuditEntry>(500);
                async Task FlushAsync()
                {
                    var names = await audit.DisplayNamesAsync(batch, ct);
                    foreach (var e in batch)
                        await writer.WriteLineAsync(string.Join(",",
                            Csv(CenterTime.ToLocal(e.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                            Csv(e.ActorName), Csv(e.ActorKind.ToString()), Csv(text.Action(e.Action)), Csv(text.Entity(e.Entity)),
                            Csv(names.GetValueOrDefault(e.Id) ?? ""), Csv(e.Key), Csv(Changes(text, e.Changes))));
                    rows += batch.Count;
                    batch.Clear();
                }
                await foreach (var e in audit.StreamAsync(filter, ct))
                {
                    batch.Add(e);
                    if (batch.Count == 500) await FlushAsync();
                }
                await FlushAsync();
            }
            await audit.RecordAccessAsync(AuditAction.Exported, filter, rows, ct);
            return Results.Empty;
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin));

    /// <summary>"状态：Booked → Held；结束时间：— → 2026-11-20 10:00:00": the changes field by field, as the page's table shows them.</summary>
    public static string Changes(AuditText text, string changes)
    {
        var fields = AuditChanges.Parse(changes);
        return fields.Count == 0 ? changes
            : string.Join("；", fields.Select(f => $"{text.Field(f.Field)}：{Line(f.Before)} → {Line(f.After)}"));
        // One record a line: a value's own line breaks become spaces (the JSON this replaces had them escaped).
        static string Line(string? value) => value is null ? "—" : value.ReplaceLineEndings(" ");
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.</summary>
    public static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
