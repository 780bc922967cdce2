using Microsoft.AspNetCore.Http.HttpResults;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;
using TradingOps.Core.Evaluation;
using TradingOps.Data.Devices;
using TradingOps.Data.Evaluation;
using TradingOps.Web.Devices;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Evaluation;

/// <summary>
/// A call of the gate's ID reader and device detector, of the exit reader, or of a room door's reader
/// (docs/EVALUATION-API.md "## Gate"). <paramref name="At"/> is the device's clock; <paramref name="RequestId"/> is
/// unique per device (a resent call is refused as a replay).
/// </summary>
public sealed record GateCall(string? RequestId, DateTimeOffset? At, string? IdNumber, bool? DeviceCheckPassed = null, string? PersonKind = null);

/// <summary>
/// The answer a gate device shows: admitted with room, seat and locker, or refused with the code and the reason.
/// The person's kind and masked ID only, never a name.
/// </summary>
public sealed record GateReply(bool Admitted, string Outcome, string? Code, string? Reason, string? Person, string IdMasked, string? RoomCode,
    string? RoomName, int? Seat, string? Locker, string? StartsAt, Guid EventId);

/// <summary>
/// The device endpoints of the evaluation area: <c>POST /api/evaluation/gate</c> (EvaluationGate), <c>/exit</c>
/// (EvaluationGate) and <c>/door</c> (RoomDoor bound to a room). Devices authenticate with
/// <c>Authorization: Device &lt;secret&gt;</c>, under the public rate limit with a partition of their own; an unpaired
/// or revoked secret is 401, another kind of device 403, a malformed call or a wrong ID number 400 (nothing saved).
/// </summary>
public static class GateApi
{
    public static IEndpointRouteBuilder MapGateApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/evaluation").AllowAnonymous().RequireRateLimiting(SecuritySetup.PublicPolicy).DisableAntiforgery();
        group.MapPost("/gate", (GateCall? call, HttpContext http, GateService gate, ICurrentActor actor, CancellationToken ct) =>
            HandleAsync(call, http, actor, DeviceKind.EvaluationGate, requireCheck: true,
                (p, c) => gate.AdmitAsync(p, c), ct));
        group.MapPost("/exit", (GateCall? call, HttpContext http, GateService gate, ICurrentActor actor, CancellationToken ct) =>
            HandleAsync(call, http, actor, DeviceKind.EvaluationGate, requireCheck: false,
                (p, c) => gate.ExitAsync(p, c), ct));
        group.MapPost("/door", (GateCall? call, HttpContext http, GateService gate, ICurrentActor actor, CancellationToken ct) =>
            HandleAsync(call, http, actor, DeviceKind.RoomDoor, requireCheck: false,
                (p, c) => gate.DoorAsync(p, c), ct));
        return endpoints;
    }

    private static async Task<Results<Ok<GateReply>, ProblemHttpResult>> HandleAsync(GateCall? call, HttpContext http, ICurrentActor actor,
        DeviceKind kind, bool requireCheck, Func<GatePresentation, CancellationToken, Task<GateAnswer>> act, CancellationToken ct)
    {
        if (http.PairedDevice() is not { } device)
        {
            http.Response.Headers.WWWAuthenticate = DeviceWebSetup.AuthorizationScheme;
            return Problem(StatusCodes.Status401Unauthorized, "设备未配对或已撤销", "请求须带有已配对设备的密钥：Authorization: Device <密钥>");
        }
        if (device.Kind != kind)
            return Problem(StatusCodes.Status403Forbidden, "设备类型不符",
                kind == DeviceKind.RoomDoor ? "该接口只接受评标室门禁设备的请求" : "该接口只接受评标区门禁设备的请求");
        if (call is null || PlainText.IsBlank(call.RequestId) || call.At is null)
            return Problem(StatusCodes.Status400BadRequest, "请求不完整", "须提供 requestId（请求编号）、at（设备时间）和 idNumber（身份证号码）");
        if (requireCheck && call.DeviceCheckPassed is null)
            return Problem(StatusCodes.Status400BadRequest, "请求不完整", "须提供 deviceCheckPassed（通讯检测结果）");
        PersonKind? person = null;
        if (!PlainText.IsBlank(call.PersonKind))
        {
            if (!Enum.TryParse<PersonKind>(call.PersonKind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Problem(StatusCodes.Status400BadRequest, "人员类别无效", "personKind 须为 Expert、InitiatorRepresentative 或 AgencyStaff");
            person = parsed;
        }
        // The device is the actor of what it records (audit trail, the events' "by").
        if (actor is WebCurrentActor web) web.ActAs(Actor.System($"device:{device.Name}"));
        try
        {
            var answer = await act(new GatePresentation(call.IdNumber, call.DeviceCheckPassed ?? true, person, null, device, call.RequestId, call.At), ct);
            return TypedResults.Ok(Reply(answer));
        }
        catch (DomainException e)
        {
            return Problem(StatusCodes.Status400BadRequest, e.Code == "Gate.InvalidIdentity" ? "身份证号码无效" : "请求无效", e.Message);
        }
    }

    public static GateReply Reply(GateAnswer a) =>
        new(a.Admitted, a.Kind.ToString(), a.Code, a.Reason, a.Person?.ToString(), a.IdMasked, a.RoomCode, a.RoomName, a.Seat, a.Locker,
            a.StartsAt is { } s ? CenterTime.ToLocal(s).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null, a.EventId);

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
