using System.Globalization;
using TradingOps.Core.Floor;
using TradingOps.Data.Floor;
using TradingOps.Data.Reports;
using TradingOps.Web.Identity;
using TradingOps.Web.Reports;

namespace TradingOps.Web.Venue;

/// <summary>
/// The venue desk (场地安排岗): schedule grids of any day and week, every booking change from the screen, rooms and
/// seats out of service with proposals, requests with their clocks, the agency discipline ledger and the
/// notifications outbox.
/// </summary>
public static class VenueWebSetup
{
    public static IServiceCollection AddVenue(this IServiceCollection services)
    {
        services.AddSingleton<VenueRequestBoard>();
        return services;
    }

    public static IEndpointRouteBuilder MapVenue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapScheduleExport();
        endpoints.MapDisciplineExport();
        return endpoints;
    }

    /// <summary>
    /// GET /venue/schedule/export?week=yyyy-MM-dd (any day of the week): the week's schedule workbook, one sheet per day.
    /// Whoever may look at the schedule may take it; each download is audited like the other report downloads.
    /// </summary>
    public static void MapScheduleExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/venue/schedule/export", async (string? week, ScheduleQueries queries, ReportDownloadAudit audit, CancellationToken ct) =>
        {
            if (!DateOnly.TryParseExact(week?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return Results.Problem(title: $"周“{week}”无效：请给出该周任一天的日期（格式 yyyy-MM-dd）", statusCode: StatusCodes.Status400BadRequest);
            var schedule = await queries.WeekAsync(day, ct: ct);
            var monday = schedule.From;
            var file = ScheduleWorkbook.FileName(monday);
            var buffer = new MemoryStream();
            using (var workbook = ScheduleWorkbook.Build(schedule)) FormattedWorkbook.Save(workbook, buffer);
            await audit.RecordAsync("schedule-week", ScheduleWorkbook.Title, monday, monday.AddDays(6), file, ScheduleWorkbook.Count(schedule), ct);
            buffer.Position = 0;
            return Results.File(buffer, ReportEndpoints.XlsxType, file);
        }).RequireAuthorization(p => p.RequireRole(RoleSets.Operators.Split(',')));
}
