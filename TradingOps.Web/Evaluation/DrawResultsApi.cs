using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Devices;
using TradingOps.Core.Evaluation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Web.Devices;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Evaluation;

/// <summary>
/// POST /api/evaluation/draw-results (docs/EVALUATION-API.md): the provincial extraction terminal, a paired
/// <see cref="DeviceKind.DrawTerminal"/> presenting <c>Authorization: Device &lt;secret&gt;</c>, sends a draw made in the
/// provincial system; it lands in the same records as a local draw (<see cref="ProvincialImportService"/>). Answers are
/// ProblemDetails with Chinese titles; a refused call saves nothing; a refused device is written to the audit trail.
/// The answer carries expert codes and masked ID numbers, never a name.
/// </summary>
public static class DrawResultsApi
{
    public const string Route = "/api/evaluation/draw-results";

    /// <summary>The largest body accepted (60 experts take about 15 KB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IEndpointRouteBuilder MapDrawResultsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, ImportAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.PublicPolicy);
        return endpoints;
    }

    public sealed record ImportAnswer(Guid ImportId, Guid DrawRequestId, Guid RoundId, IReadOnlyList<ImportedMember> Members);

    private static async Task<IResult> ImportAsync(HttpContext http, CancellationToken ct)
    {
        var device = http.PairedDevice();
        if (device is null)
        {
            await AuditRefusedAsync(http, Actor.Anonymous, "unpaired", ct);
            http.Response.Headers.WWWAuthenticate = DeviceWebSetup.AuthorizationScheme;
            return Results.Problem(title: "设备未配对或已撤销：请使用已配对的专家抽取终端（Authorization: Device <配对码>）",
                statusCode: StatusCodes.Status401Unauthorized);
        }
        var actor = new Actor(ActorKind.System, null, $"device:{device.Name}");
        if (device.Kind != DeviceKind.DrawTerminal)
        {
            await AuditRefusedAsync(http, actor, $"kind:{device.Kind}", ct);
            return Results.Problem(title: "该设备不是专家抽取终端，不能导入抽取结果", statusCode: StatusCodes.Status403Forbidden);
        }
        http.RequestServices.GetRequiredService<WebCurrentActor>().ActAs(actor);

        if (!http.Request.HasJsonContentType())
            return Results.Problem(title: "请求内容必须是 JSON（Content-Type: application/json）", statusCode: StatusCodes.Status415UnsupportedMediaType);
        ProvincialDrawResult? body;
        try
        {
            if (http.Request.ContentLength > MaxBodyBytes) return TooLarge();
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return TooLarge();
                buffer.Write(chunk, 0, read);
            }
            buffer.Position = 0;
            body = buffer.Length == 0 ? null : await JsonSerializer.DeserializeAsync<ProvincialDrawResult>(buffer, Json, ct);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "";
            return Invalid("请求内容不是有效的 JSON", new Dictionary<string, string[]> { [field] = [field.Length > 0 ? "格式不正确" : "请求内容不是有效的 JSON"] });
        }
        if (body is null) return Invalid("请求内容不能为空", new Dictionary<string, string[]> { [""] = ["请求内容不能为空"] });

        var outcome = await http.RequestServices.GetRequiredService<ProvincialImportService>().ImportAsync(device.Id, body, ct);
        return outcome.Refusal switch
        {
            null => Results.Ok(new ImportAnswer(outcome.ImportId!.Value, outcome.DrawRequestId!.Value, outcome.RoundId!.Value, outcome.Members!)),
            ImportRefusal.Invalid => Invalid(outcome.Title, outcome.Errors),
            ImportRefusal.UnknownBooking => Problem(outcome, StatusCodes.Status404NotFound),
            ImportRefusal.NotAllowed => Problem(outcome, StatusCodes.Status422UnprocessableEntity),
            ImportRefusal.Replay => Problem(outcome, StatusCodes.Status409Conflict, outcome.ImportId),
            _ => Problem(outcome, StatusCodes.Status409Conflict),
        };
    }

    private static IResult Problem(DrawImportOutcome outcome, int status, Guid? existing = null)
    {
        var extensions = new Dictionary<string, object?> { ["errors"] = outcome.Errors };
        if (existing is { } id) extensions["existingImportId"] = id;
        return Results.Problem(title: outcome.Title, statusCode: status, extensions: extensions);
    }

    private static IResult Invalid(string title, IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: title, statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge() =>
        Results.Problem(title: $"请求内容过大：不能超过 {MaxBodyBytes / 1024} KB", statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>A refused device call, in the audit trail: who (the device, or anonymous), from where, why.</summary>
    private static async Task AuditRefusedAsync(HttpContext http, Actor actor, string reason, CancellationToken ct)
    {
        var services = http.RequestServices;
        await using var db = await services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry(services.GetRequiredService<TimeProvider>().GetUtcNow(), actor, nameof(DrawImport), Route,
            AuditAction.SignInFailed, JsonSerializer.Serialize(new { refused = reason, address = http.Connection.RemoteIpAddress?.ToString() })));
        await db.SaveChangesAsync(ct);
    }
}
