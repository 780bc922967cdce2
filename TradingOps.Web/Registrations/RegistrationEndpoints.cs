using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;
using TradingOps.Data.Registrations;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Registrations;

/// <summary>One requested room in an API registration.</summary>
public sealed record RegistrationSlotRequest(Guid? RoomId, DateTimeOffset? Start, DateTimeOffset? End, string? Purpose);

/// <summary>POST /api/registrations body. Category and method are names (e.g. "Engineering", "OpenTender").</summary>
public sealed record RegistrationRequest(
    string? ProjectName, string? Category, string? Method, string? Initiator, string? Agency, string? ContactName,
    string? ContactPhone, decimal? Amount, DateTimeOffset? BidOpeningAt, IReadOnlyList<string?>? Materials,
    IReadOnlyList<RegistrationSlotRequest?>? Slots, string? GreenChannelReason, string? ContactIdNumber = null);

/// <summary>POST /api/registrations/{id}/resubmission body: the materials handed in with the correction.</summary>
public sealed record ResubmissionRequest(IReadOnlyList<string?>? Materials);

public sealed record RegistrationStatusResponse(Guid Id, string Code, string Status, string StatusText, DateTimeOffset? DueAt,
    IReadOnlyList<DeficiencyLine> Deficiencies);

public sealed record DeficiencyLine(string Material, string Kind, string? Note);

/// <summary>
/// 网上登记 (national 6.2.1): registrations and resubmissions through the API. Authenticated with the signed-in
/// staff cookie for now (RoleSets.Operators; an agency-facing credential comes with the agency portal). Input is
/// validated field by field; answers are 4xx ProblemDetails with Chinese messages, never 5xx, and a refused
/// request saves nothing.
/// </summary>
public static class RegistrationEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static void MapRegistrationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/registrations").RequireAuthorization(p => p.RequireRole(RoleSets.Operators.Split(',')));

        api.MapPost("", async (HttpRequest http, RegistrationService desk, TimeProvider clock, CancellationToken ct) =>
        {
            var key = http.Headers[IdempotencyKeyHeader].ToString();
            if (http.Headers.ContainsKey(IdempotencyKeyHeader) && !IdempotentRequest.IsWellFormed(key))
                return Results.Problem(title: $"Idempotency-Key 格式不正确：应为 1–{IdempotentRequest.KeyMaxLength} 个可见 ASCII 字符（例如一个 UUID）",
                    statusCode: StatusCodes.Status400BadRequest);
            var (body, problem, hash) = await ReadAsync<RegistrationRequest>(http, ct);
            if (problem is not null) return problem;
            var errors = new Dictionary<string, string[]>();
            var category = ParseEnum<TradingCategory>(body!.Category, "category", "交易类别", errors);
            var method = ParseEnum<TradingMethod>(body.Method, "method", "交易方式", errors);
            var draft = new RegistrationDraft
            {
                ProjectName = body.ProjectName, Category = category, Method = method, Initiator = body.Initiator,
                Agency = body.Agency, ContactName = body.ContactName, ContactPhone = body.ContactPhone,
                ContactIdNumber = body.ContactIdNumber, Amount = body.Amount,
                BidOpeningAt = body.BidOpeningAt, Materials = (body.Materials ?? []).OfType<string>().ToList(),
                Slots = (body.Slots ?? []).Select(s => new SlotDraft(s?.RoomId, s?.Start, s?.End, s?.Purpose)).ToList(),
                GreenChannelReason = body.GreenChannelReason,
            };
            if (errors.Count == 0)
            {
                var claim = key.Length > 0 && http.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
                    ? new IdempotencyClaim(userId, key, hash) : null;
                var outcome = await desk.SubmitAsync(draft, RegistrationChannel.Online, ct, claim);
                if (outcome.Succeeded)
                {
                    if (outcome.Replayed) http.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                    return Results.Created($"/api/registrations/{outcome.Id}", await StatusAsync(http.HttpContext, outcome.Id!.Value, ct));
                }
                if (outcome.KeyReused)
                    return Results.Problem(title: outcome.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
                if (outcome.DuplicateOf is { } existing)
                {
                    var location = $"/api/registrations/{existing}";
                    http.HttpContext.Response.Headers.Location = location;
                    return Results.Problem(title: outcome.Message, statusCode: StatusCodes.Status409Conflict,
                        extensions: new Dictionary<string, object?> { ["existing"] = location, ["existingId"] = existing });
                }
                errors = outcome.Errors.ToDictionary();
            }
            else
            {
                // Unknown names are reported together with everything else wrong in the request.
                foreach (var (field, messages) in draft.Validate(clock.GetUtcNow())) errors.TryAdd(field, messages);
            }
            return Invalid(errors);
        });

        api.MapPost("/{id:guid}/resubmission", async (Guid id, HttpRequest http, RegistrationService desk, RegistrationQueries queries, CancellationToken ct) =>
        {
            var (body, problem, _) = await ReadAsync<ResubmissionRequest>(http, ct);
            if (problem is not null) return problem;
            var materials = (body!.Materials ?? []).OfType<string>().Where(m => !TradingOps.Core.Common.PlainText.IsBlank(m)).ToList();
            if (materials.Count == 0)
                return Invalid(new Dictionary<string, string[]> { ["materials"] = ["请列出补正提交的材料"] });
            if (await queries.DetailAsync(id, ct) is null)
                return Results.Problem(title: "登记不存在", statusCode: StatusCodes.Status404NotFound);
            var outcome = await desk.ResubmitAsync(id, materials, ct);
            return outcome.Succeeded
                ? Results.Ok(await StatusAsync(http.HttpContext, id, ct))
                : Results.Problem(title: outcome.Message, statusCode: StatusCodes.Status409Conflict);
        });

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, CancellationToken ct) =>
            await StatusAsync(http, id, ct) is { } status ? Results.Ok(status) : Results.Problem(title: "登记不存在", statusCode: StatusCodes.Status404NotFound));
    }

    private static async Task<RegistrationStatusResponse?> StatusAsync(HttpContext http, Guid id, CancellationToken ct)
    {
        var detail = await http.RequestServices.GetRequiredService<RegistrationQueries>().DetailAsync(id, ct);
        if (detail is null) return null;
        var r = detail.Registration;
        var notice = r.Status == RegistrationStatus.Returned ? r.LatestNotice : null;
        return new RegistrationStatusResponse(r.Id, r.Code, r.Status.ToString(), r.Status.Chinese(), r.DueAt,
            notice?.Items.Select(i => new DeficiencyLine(i.Material, i.Kind.ToString(), i.Note)).ToList() ?? []);
    }

    private static T? ParseEnum<T>(string? text, string field, string label, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (TradingOps.Core.Common.PlainText.IsBlank(text)) return null;
        // Exactly one name: "Engineering,GovernmentProcurement" or "3" is not a choice (EnumNames, in Core).
        if (TradingOps.Core.Common.EnumNames.TryParseSingle<T>(text, out var value)) return value;
        errors[field] = [$"未知的{label}“{TradingOps.Core.Common.PlainText.Truncate(text!, 40)}”，可选值：{string.Join("、", Enum.GetNames<T>())}"];
        return null;
    }

    /// <summary>Header by which a client makes a POST safe to repeat (the same key returns the first result).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The body, or a problem to answer with; and the SHA-256 (hex) of the body as sent.</summary>
    private static async Task<(T? Body, IResult? Problem, string Hash)> ReadAsync<T>(HttpRequest http, CancellationToken ct) where T : class
    {
        if (!http.HasJsonContentType())
            return (null, Results.Problem(title: "请求内容必须是 JSON（Content-Type: application/json）", statusCode: StatusCodes.Status415UnsupportedMediaType), "");
        var limit = http.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Infrastructure.SecurityOptions>>().Value.MaxRequestBodyBytes;
        if (http.ContentLength > limit) return (null, TooLarge(limit), "");
        // Read at most the limit (a chunked body has no length up front; Kestrel also stops at the limit, by an exception).
        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await http.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) return (null, TooLarge(limit), "");
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit), "");
        }
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        buffer.Position = 0;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(buffer, Json, ct);
            return body is null ? (null, Invalid(new Dictionary<string, string[]> { [""] = ["请求内容不能为空"] }), hash) : (body, null, hash);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "";
            return (null, Invalid(new Dictionary<string, string[]> { [field] = [field.Length > 0 ? "格式不正确" : "请求内容不是有效的 JSON"] }), hash);
        }
    }

    private static IResult TooLarge(long limit) =>
        Results.Problem(title: $"请求内容过大：登记内容不能超过 {limit / 1024} KB，请精简后重新提交（材料文件请在窗口提交，不要放入登记内容）",
            statusCode: StatusCodes.Status413PayloadTooLarge);

    private static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "登记信息有误，请按提示修正后重新提交", statusCode: StatusCodes.Status400BadRequest);
}
