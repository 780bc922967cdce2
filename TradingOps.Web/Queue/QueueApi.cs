using Microsoft.AspNetCore.Http.HttpResults;
using TradingOps.Data.Queue;

namespace TradingOps.Web.Queue;

/// <summary>The hall display's JSON feed (anonymous, read-only: ticket and window numbers, the calling clerk's 工号 / 姓名; no visitor data).</summary>
public static class QueueApi
{
    public static IEndpointRouteBuilder MapQueueApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/queue/hall", Hall).AllowAnonymous().RequireRateLimiting(Infrastructure.SecuritySetup.PublicPolicy);
        endpoints.MapGet("/api/queue/hall/{zoneId:guid}", Hall).AllowAnonymous().RequireRateLimiting(Infrastructure.SecuritySetup.PublicPolicy);
        return endpoints;
    }

    private static async Task<Results<Ok<HallFeed>, ProblemHttpResult>> Hall(Guid? zoneId, QueueQueries queries, CancellationToken ct)
    {
        var hall = await queries.HallAsync(zoneId, 8, ct);
        if (hall is null)
            return TypedResults.Problem(title: "没有这个大厅", detail: "找不到该区域或该区域没有服务窗口", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(new HallFeed(hall.ZoneId, hall.ZoneName,
            hall.Calls.Select(c => new HallFeedCall(c.Code, c.WindowNumber, c.WindowName, Fmt.Seconds(c.At), c.IsRecall, c.Clerk)).ToList(),
            hall.Waiting.Select(w => new HallFeedType(w.Prefix, w.Name, w.WaitingNow)).ToList()));
    }
}

public sealed record HallFeed(Guid ZoneId, string ZoneName, IReadOnlyList<HallFeedCall> Calls, IReadOnlyList<HallFeedType> Waiting);
/// <param name="Clerk">Who called, 工号 / 姓名: the clerk at work, which the service standards want shown at the window.</param>
public sealed record HallFeedCall(string Code, int Window, string WindowName, string Time, bool Recall, string? Clerk = null);
public sealed record HallFeedType(string Prefix, string Name, int Waiting);
