using Microsoft.AspNetCore.Http.HttpResults;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data.Floor;

namespace TradingOps.Web.Floor;

/// <summary>One booking of a room. For a room of the evaluation area the project is withheld (null) and
/// <c>Use</c> says what the room is used for ("评标使用中"): which project is evaluated where is not public.
/// <c>ProjectSuspended</c>: the booking's project is suspended (项目暂停), never why.</summary>
public sealed record OccupancySlot(string? ProjectCode, string? ProjectName, DateTimeOffset From, DateTimeOffset To, string Status,
    bool Withheld, string? Use, bool ProjectSuspended = false);

public sealed record RoomOccupancy(string Code, string Name, string Zone, string Type, int Capacity, bool EvaluationArea, string State,
    string StateText, OccupancySlot? Now, OccupancySlot? Next, IReadOnlyList<OccupancySlot> Today);

public sealed record OccupancyFeed(DateTimeOffset AsOf, string Day, IReadOnlyList<RoomOccupancy> Rooms);

/// <summary>
/// 场地使用情况公开 (Yunnan 5.2.1): every room's state now and today's occupancy, anonymous and read-only.
/// Only what a public notice shows: no people, no phone numbers, and for rooms of the evaluation area no project
/// or agency either. Built from <see cref="PublicProjection"/> only.
/// </summary>
public static class PublicOccupancyApi
{
    public const string FeedPath = "/api/public/occupancy";

    public static IEndpointRouteBuilder MapPublicOccupancyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").AllowAnonymous().RequireRateLimiting(Infrastructure.SecuritySetup.PublicPolicy);
        // Both read the node's floor read model (through the public projection): no database read per request.
        group.MapGet("/occupancy", async (TradingOps.Web.Floor.PublicFloorModel floor) =>
            TypedResults.Ok(ToFeed(await floor.TodayAsync())));
        group.MapGet("/rooms/{code}", async Task<Results<Ok<RoomOccupancy>, ProblemHttpResult>> (string code, TradingOps.Web.Floor.PublicFloorModel floor) =>
        {
            if (string.IsNullOrWhiteSpace(code) || code.Length > TradingOps.Core.Organisation.Room.CodeMaxLength)
                return TypedResults.Problem(statusCode: 400, title: "场地编号无效", detail: $"场地编号应为 1 到 {TradingOps.Core.Organisation.Room.CodeMaxLength} 个字符");
            var room = await floor.RoomAsync(code);
            return room is null
                ? TypedResults.Problem(statusCode: 404, title: "场地不存在", detail: $"没有编号为 {code} 的场地")
                : TypedResults.Ok(ToRoom(room));
        });
        return app;
    }

    public static OccupancyFeed ToFeed(PublicFloor floor) =>
        new(floor.At, floor.Day.ToString("yyyy-MM-dd"), floor.Rooms.Select(ToRoom).ToList());

    public static RoomOccupancy ToRoom(PublicRoom room)
    {
        var shown = room.Shown;
        return new RoomOccupancy(room.Code, room.Name, room.ZoneName, room.Type.ToString(), room.Capacity, room.Type.IsEvaluationArea(),
            shown.State.ToString(), FloorView.StateText(shown.State),
            shown.Running && shown.Current is { } c ? Slot(c) : null,
            shown.Next is { } n ? Slot(n) : null,
            shown.Today.Select(Slot).ToList());
    }

    private static OccupancySlot Slot(ShownBooking b) =>
        new(b.ProjectCode, b.ProjectName, b.StartsAt, b.EndsAt, b.Status.ToString(), b.Withheld, b.Withheld ? FloorView.WithheldUseText(b) : null, b.ProjectSuspended);
}
