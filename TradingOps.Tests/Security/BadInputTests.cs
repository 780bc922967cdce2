using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Security;

/// <summary>
/// Malformed, oversized, boundary and wrong-type payloads sent to every write API endpoint: each is refused with a
/// 4xx ProblemDetails (never a 5xx), and nothing is written.
/// </summary>
[FullLane]
public sealed class BadInputTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    public sealed record Case(string Name, string Path, string Body, string ContentType = "application/json");

    private const string Create = "/api/registrations";
    private static readonly string Long = new('长', 5_000);

    private static JsonObject Valid() =>
        JsonSerializer.SerializeToNode(Registrations.RegistrationTestData.ValidApiBody())!.AsObject();

    private static readonly JsonNode? Missing = JsonValue.Create("__missing__");

    /// <summary>One wrong value per field: (field, label, value); <see cref="Missing"/> removes the field.</summary>
    private static IEnumerable<(string Field, string Label, JsonNode? Value)> SingleFaults()
    {
        JsonNode?[] wrongTypes = [JsonValue.Create(123), JsonValue.Create(true), new JsonArray(), new JsonObject()];
        foreach (var field in new[] { "projectName", "initiator", "contactName", "contactPhone" })
        {
            yield return (field, "missing", Missing);
            yield return (field, "null", null);
            yield return (field, "empty", JsonValue.Create(""));
            yield return (field, "blank", JsonValue.Create("   "));
            yield return (field, "oversized", JsonValue.Create(Long));
            foreach (var w in wrongTypes) yield return (field, $"type-{w!.GetValueKind()}", w.DeepClone());
        }
        // Required text that is only invisible characters is empty (zero-width, BOM, no-break and ideographic spaces).
        foreach (var field in new[] { "projectName", "initiator", "contactName", "contactPhone" })
        {
            yield return (field, "zero-width", JsonValue.Create("\u200B\u200C\u200D"));
            yield return (field, "bom", JsonValue.Create("\uFEFF"));
            yield return (field, "nbsp", JsonValue.Create("\u00A0\u00A0"));
            yield return (field, "ideographic-space", JsonValue.Create("\u3000"));
        }
        yield return ("contactPhone", "too-few-digits", JsonValue.Create("12345"));
        yield return ("contactPhone", "letters", JsonValue.Create("电话打不通"));
        yield return ("contactPhone", "mobile-12-digits", JsonValue.Create("138123456789"));
        yield return ("contactPhone", "mobile-bad-prefix", JsonValue.Create("12812345678"));
        yield return ("contactPhone", "landline-without-area-code", JsonValue.Create("63612345"));
        yield return ("contactPhone", "landline-local-starting-0", JsonValue.Create("0871-03612345"));
        foreach (var field in new[] { "agency", "greenChannelReason" })
        {
            yield return (field, "oversized", JsonValue.Create(Long));
            foreach (var w in wrongTypes) yield return (field, $"type-{w!.GetValueKind()}", w.DeepClone());
        }
        foreach (var field in new[] { "category", "method" })
        {
            yield return (field, "missing", Missing);
            yield return (field, "null", null);
            yield return (field, "empty", JsonValue.Create(""));
            yield return (field, "unknown", JsonValue.Create("Roads"));
            yield return (field, "digits", JsonValue.Create("999"));
            yield return (field, "number", JsonValue.Create(5));
            yield return (field, "injection", JsonValue.Create("Engineering'; DROP TABLE Registrations;--"));
            yield return (field, "oversized", JsonValue.Create(Long));
            foreach (var w in wrongTypes.Skip(1)) yield return (field, $"type-{w!.GetValueKind()}", w.DeepClone());
        }
        // Several values of an enum where one is allowed (the framework's parser ORs them into another value).
        yield return ("category", "two-values", JsonValue.Create("Engineering,GovernmentProcurement"));
        yield return ("category", "two-values-spaced", JsonValue.Create("StateAssets, GovernmentProcurement"));
        yield return ("method", "two-values", JsonValue.Create("OpenTender,InvitedTender"));
        yield return ("method", "pipe", JsonValue.Create("OpenTender|InvitedTender"));
        // 经办人身份证号 (optional): 18 characters, a real date of birth, the GB 11643 check character.
        yield return ("contactIdNumber", "too-short", JsonValue.Create("11010519491231"));
        yield return ("contactIdNumber", "too-long", JsonValue.Create("11010519491231002X1"));
        yield return ("contactIdNumber", "letters", JsonValue.Create("11010519491231ABCX"));
        yield return ("contactIdNumber", "wrong-check-character", JsonValue.Create("110105194912310021"));
        yield return ("contactIdNumber", "impossible-birth-date", JsonValue.Create("110105194913310028"));
        yield return ("contactIdNumber", "full-width-digits", JsonValue.Create("１１０１０５１９４９１２３１００２Ｘ"));
        yield return ("contactIdNumber", "oversized", JsonValue.Create(Long));
        yield return ("contactIdNumber", "future-birth-date", JsonValue.Create(WithCheck($"110105{DateTime.UtcNow.Year + 1}0101002")));
        yield return ("contactIdNumber", "unknown-area-code", JsonValue.Create(WithCheck("99010519491231002")));
        yield return ("contactIdNumber", "area-code-00", JsonValue.Create(WithCheck("00010519491231002")));
        foreach (var w in wrongTypes) yield return ("contactIdNumber", $"type-{w!.GetValueKind()}", w.DeepClone());
        yield return ("amount", "missing", Missing);
        yield return ("amount", "null", null);
        yield return ("amount", "negative", JsonValue.Create(-1m));
        yield return ("amount", "negative-cent", JsonValue.Create(-0.01m));
        yield return ("amount", "over-a-trillion", JsonValue.Create(1_000_000_000_001m));
        yield return ("amount", "absurd", JsonValue.Create(1e300));
        yield return ("amount", "text", JsonValue.Create("三百万"));
        yield return ("amount", "thousands-separator", JsonValue.Create("3,600,000"));
        yield return ("amount", "nan", JsonValue.Create("NaN"));
        foreach (var w in wrongTypes.Skip(1)) yield return ("amount", $"type-{w!.GetValueKind()}", w.DeepClone());
        yield return ("bidOpeningAt", "not-a-date", JsonValue.Create("not-a-date"));
        yield return ("bidOpeningAt", "past", JsonValue.Create("2019-01-01T09:00:00+08:00"));
        yield return ("bidOpeningAt", "impossible", JsonValue.Create("2026-13-45T09:00:00+08:00"));
        yield return ("bidOpeningAt", "empty", JsonValue.Create(""));
        yield return ("bidOpeningAt", "year-9999", JsonValue.Create("9999-12-31T09:00:00+08:00"));
        yield return ("bidOpeningAt", "ten-years-ahead", JsonValue.Create(DateTimeOffset.UtcNow.AddYears(10)));
        yield return ("bidOpeningAt", "number", JsonValue.Create(12345));
        foreach (var w in wrongTypes.Skip(1)) yield return ("bidOpeningAt", $"type-{w!.GetValueKind()}", w.DeepClone());
        yield return ("materials", "string", JsonValue.Create("申请表"));
        yield return ("materials", "number", JsonValue.Create(5));
        yield return ("materials", "object", new JsonObject());
        yield return ("materials", "numbers", new JsonArray(1, 2));
        yield return ("materials", "nested", new JsonArray(new JsonArray()));
        yield return ("materials", "too-many", new JsonArray(Enumerable.Range(0, 500).Select(i => (JsonNode?)JsonValue.Create($"材料{i}")).ToArray()));
        yield return ("slots", "string", JsonValue.Create("K201"));
        yield return ("slots", "number", JsonValue.Create(5));
        yield return ("slots", "object", new JsonObject());
        yield return ("slots", "numbers", new JsonArray(5));
        yield return ("slots", "bad-room-id", new JsonArray(Slot("not-a-guid", 3, 2)));
        yield return ("slots", "empty-room-id", new JsonArray(Slot(Guid.Empty.ToString(), 3, 2)));
        yield return ("slots", "unknown-room", new JsonArray(Slot(Guid.NewGuid().ToString(), 3, 2)));
        yield return ("slots", "end-before-start", new JsonArray(Slot(Guid.NewGuid().ToString(), 3, -2)));
        yield return ("slots", "too-long", new JsonArray(Slot(Guid.NewGuid().ToString(), 3, 30)));
        yield return ("slots", "too-many", new JsonArray(Enumerable.Range(0, 60).Select(_ => (JsonNode?)Slot(Guid.NewGuid().ToString(), 3, 2)).ToArray()));
    }

    private static string WithCheck(string first17) => first17 + TradingOps.Core.Common.IdNumber.CheckCharacter(first17);

    private static JsonObject Slot(string roomId, int inDays, int hours)
    {
        var start = DateTimeOffset.UtcNow.AddDays(inDays);
        return new JsonObject { ["roomId"] = roomId, ["start"] = start, ["end"] = start.AddHours(hours), ["purpose"] = "开标" };
    }

    private static string With(params (string Field, JsonNode? Value)[] faults)
    {
        var body = Valid();
        foreach (var (field, value) in faults)
        {
            if (ReferenceEquals(value, Missing)) body.Remove(field);
            else body[field] = value?.DeepClone();
        }
        return body.ToJsonString();
    }

    public static IReadOnlyList<Case> All()
    {
        var cases = new List<Case>();
        var singles = SingleFaults().ToList();
        cases.AddRange(singles.Select(f => new Case($"create:{f.Field}:{f.Label}", Create, With((f.Field, f.Value)))));

        // Two faults at once, each in a different field: both must be caught, neither may slip through.
        var representatives = singles.GroupBy(f => f.Field).Select(g => g.First()).ToList();
        for (var i = 0; i < representatives.Count; i++)
            for (var j = i + 1; j < representatives.Count; j++)
                cases.Add(new Case($"create:{representatives[i].Field}+{representatives[j].Field}", Create,
                    With((representatives[i].Field, representatives[i].Value), (representatives[j].Field, representatives[j].Value))));

        foreach (var path in new[] { Create, $"{Create}/{Guid.NewGuid()}/resubmission" })
        {
            var name = path == Create ? "create" : "resubmission";
            cases.Add(new Case($"{name}:body-empty", path, ""));
            cases.Add(new Case($"{name}:body-null", path, "null"));
            cases.Add(new Case($"{name}:body-array", path, "[]"));
            cases.Add(new Case($"{name}:body-string", path, "\"登记\""));
            cases.Add(new Case($"{name}:body-number", path, "42"));
            cases.Add(new Case($"{name}:body-bool", path, "true"));
            cases.Add(new Case($"{name}:body-truncated", path, "{\"projectName\": \"市第三"));
            cases.Add(new Case($"{name}:body-not-json", path, "projectName=市第三中学"));
            cases.Add(new Case($"{name}:body-deeply-nested", path, new string('[', 5_000) + new string(']', 5_000)));
            cases.Add(new Case($"{name}:body-huge", path, JsonSerializer.Serialize(new { projectName = new string('大', 1_500_000) })));
            cases.Add(new Case($"{name}:content-type-text", path, Valid().ToJsonString(), "text/plain"));
            cases.Add(new Case($"{name}:content-type-xml", path, "<registration/>", "application/xml"));
            cases.Add(new Case($"{name}:content-type-form", path, "projectName=x", "application/x-www-form-urlencoded"));
        }
        var resubmission = $"{Create}/{Guid.NewGuid()}/resubmission";
        cases.Add(new Case("resubmission:unknown-registration", resubmission, "{\"materials\":[\"申请表\"]}"));
        cases.Add(new Case("resubmission:materials-string", resubmission, "{\"materials\":\"申请表\"}"));
        cases.Add(new Case("resubmission:materials-numbers", resubmission, "{\"materials\":[1,2]}"));
        cases.Add(new Case("create:only-unknown-fields", Create, "{\"foo\":1,\"bar\":\"x\"}"));
        cases.Add(new Case("create:unknown-route", $"{Create}/nothing/here", Valid().ToJsonString()));
        cases.Add(new Case("resubmission:not-a-guid", $"{Create}/not-a-guid/resubmission", "{\"materials\":[\"申请表\"]}"));
        return cases;
    }

    public static TheoryData<string> Names => [.. All().Select(c => c.Name)];

    [Fact]
    public void The_battery_holds_at_least_two_hundred_distinct_cases()
    {
        var names = All().Select(c => c.Name).ToList();
        Assert.True(names.Count >= 200, $"{names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_malformed_write_gets_a_4xx_problem_in_Chinese_and_writes_nothing(string name)
    {
        var c = All().Single(x => x.Name == name);
        var client = await StaffAsync();
        var before = await WrittenAsync();

        var response = await client.PostAsync(c.Path, new StringContent(c.Body, Encoding.UTF8, c.ContentType));

        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{name}: {status} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem);
        Assert.Equal(before, await WrittenAsync());
    }

    public static TheoryData<string, string, string> ExtremePeriods()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var path in new[] { "/admin/audit/export", "/reports/ledger", "/reports/rooms", "/reports/tickets", "/reports/ratings" })
        {
            data.Add(path, "0001-01-01", "0001-01-02");
            data.Add(path, "0001-01-01", "0001-01-01");
            data.Add(path, "9999-12-30", "9999-12-31");
            data.Add(path, "9999-12-31", "9999-12-31");
            data.Add(path, "1899-12-31", "1900-01-01");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExtremePeriods))]
    public async Task An_export_of_an_extreme_period_gets_a_400_problem_in_Chinese_never_a_500(string path, string from, string to)
    {
        var client = await AdminAsync();

        var response = await client.GetAsync($"{path}?from={from}&to={to}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("日期超出可查询范围", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("/\\\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("\\evil.example")]
    public async Task The_language_switch_never_redirects_to_another_site(string redirectUri)
    {
        using var client = app.NewClient();

        var response = await client.GetAsync($"/culture?culture=en&redirectUri={Uri.EscapeDataString(redirectUri)}");

        Assert.True(HttpStatus.IsRedirect(response.StatusCode), $"{(int)response.StatusCode}");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_language_switch_still_returns_to_a_page_of_the_console()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync($"/culture?culture=en&redirectUri={Uri.EscapeDataString("/queue/hall?zone=1")}");
        Assert.Equal("/queue/hall?zone=1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_registration_body_over_1_MB_gets_a_413_problem_in_Chinese_and_saves_nothing(bool chunked)
    {
        var client = await StaffAsync();
        var before = await WrittenAsync();
        // A valid registration padded with white space past 1 MB: well-formed JSON, too large all the same.
        var body = Encoding.UTF8.GetBytes(Valid().ToJsonString() + new string(' ', 1_100_000));
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (chunked) content.Headers.ContentLength = null;

        var response = await client.PostAsync(Create, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请求内容过大", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await WrittenAsync());
    }

    [Theory]
    [InlineData("GET", "/api/registrations/0199f3a0-0000-7000-8000-000000000001")]
    [InlineData("POST", "/api/registrations")]
    [InlineData("POST", "/api/registrations/0199f3a0-0000-7000-8000-000000000001/resubmission")]
    public async Task An_API_call_without_a_session_gets_401_not_a_redirect_to_the_sign_in_page(string method, string path)
    {
        using var client = app.NewClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new StringContent("{}", Encoding.UTF8, "application/json") : null });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请先登录", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_API_call_without_the_role_gets_403_not_a_redirect_to_the_access_denied_page()
    {
        using var client = app.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, "display", IdentitySeeder.DemoPassword)));

        var response = await client.PostAsync(Create, new StringContent(Valid().ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("没有权限", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_without_a_session_still_redirects_people_to_the_sign_in_page()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/registrations");
        Assert.True(HttpStatus.IsRedirect(response.StatusCode));
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/hubs/floor", "JoinRoom")]
    [InlineData("/hubs/queue-hall", "JoinHall")]
    public async Task An_anonymous_hub_connection_cannot_join_more_than_eight_groups(string path, string join)
    {
        await using var connection = new Microsoft.AspNetCore.SignalR.Client.HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, path), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            })
            .Build();
        await connection.StartAsync();
        var groups = Enumerable.Range(0, TradingOps.Web.Live.HubGroupLimit.AnonymousMax).Select(_ => Guid.NewGuid()).ToList();
        foreach (var group in groups) await connection.InvokeAsync(join, group);
        await connection.InvokeAsync(join, groups[0]); // joining a group it is in already costs nothing

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync(join, Guid.NewGuid()));

        Assert.Contains("最多订阅 8 个", refused.Message);
    }

    private async Task<(int, int, int)> WrittenAsync()
    {
        await using var db = await app.Services.NewContextAsync();
        return (await db.Registrations.CountAsync(), await db.TradingProjects.CountAsync(),
            await db.AuditEntries.CountAsync(e => e.Entity != "SignIn" && e.Entity != "AuditTrail"));
    }

    private static HttpClient? _admin;

    private async Task<HttpClient> AdminAsync()
    {
        if (_admin is not null) return _admin;
        var client = app.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, "admin", IdentitySeeder.DemoPassword)));
        return _admin = client;
    }

    private static HttpClient? _staff;

    private async Task<HttpClient> StaffAsync()
    {
        if (_staff is not null) return _staff;
        var client = app.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, "staff", IdentitySeeder.DemoPassword)));
        return _staff = client;
    }
}
