using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Registrations;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Registrations;

/// <summary>POST /api/registrations (网上登记) and the resubmission endpoint on the real app over SQLite.</summary>
[FullLane]
public sealed class RegistrationApiTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private async Task<HttpClient> StaffAsync()
    {
        var client = app.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, "staff", IdentitySeeder.DemoPassword)));
        return client;
    }

    private static Dictionary<string, object?> Valid() => RegistrationTestData.ValidApiBody();

    private async Task<int> CountAsync()
    {
        await using var db = await app.Services.NewContextAsync();
        return await db.Registrations.CountAsync();
    }

    [Fact]
    public async Task A_valid_online_registration_is_created_with_its_deadline()
    {
        var client = await StaffAsync();
        var response = await client.PostAsJsonAsync("/api/registrations", Valid());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Submitted", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("dueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        var id = body.GetProperty("id").GetGuid();
        await using var db = await app.Services.NewContextAsync();
        var r = await db.Registrations.SingleAsync(x => x.Id == id);
        Assert.Equal(RegistrationChannel.Online, r.Channel);
        Assert.Equal(response.Headers.Location!.OriginalString, $"/api/registrations/{id}");
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "amount", "-1", "金额不能为负数" },
        { "amount", "5000000000000", "金额不能超过 1 万亿元" },
        { "amount", "\"十万\"", "格式不正确" },
        { "category", "\"Roads\"", "未知的交易类别“Roads”" },
        { "category", "\"7\"", "未知的交易类别" },
        { "method", "\"Lottery\"", "未知的交易方式" },
        { "projectName", "null", "请填写项目名称" },
        { "initiator", "\"  \"", "请填写招标人/采购人" },
        { "contactPhone", "null", "请填写联系电话" },
        { "bidOpeningAt", "\"2020-01-01T09:00:00+08:00\"", "计划开标时间不能早于现在" },
        { "slots[0].roomId", "\"00000000-0000-0000-0000-000000000000\"", "请选择场地" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_400_with_a_Chinese_message_on_the_field_and_saves_nothing(string field, string json, string message)
    {
        var client = await StaffAsync();
        var body = Valid();
        if (field.StartsWith("slots", StringComparison.Ordinal))
            body["slots"] = new[] { new Dictionary<string, object?> { ["roomId"] = Guid.Empty, ["start"] = DateTimeOffset.UtcNow.AddDays(3), ["end"] = DateTimeOffset.UtcNow.AddDays(3).AddHours(2), ["purpose"] = "开标" } };
        var text = JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        if (!field.StartsWith("slots", StringComparison.Ordinal))
        {
            var doc = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text)!;
            doc[field] = JsonDocument.Parse(json).RootElement;
            text = JsonSerializer.Serialize(doc);
        }
        var before = await CountAsync();

        var response = await client.PostAsync("/api/registrations", new StringContent(text, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("登记信息有误", problem.GetProperty("title").GetString());
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Several_mistakes_are_all_reported_at_once()
    {
        var client = await StaffAsync();
        var response = await client.PostAsJsonAsync("/api/registrations", new { category = "Roads", amount = -3 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "projectName", "category", "method", "initiator", "contactName", "contactPhone", "amount" })
            Assert.True(errors.TryGetProperty(field, out _), $"error on {field}");
    }

    [Theory]
    [InlineData("", "application/json")]
    [InlineData("{not json", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("projectName=x", "application/x-www-form-urlencoded")]
    public async Task Malformed_requests_get_4xx_problem_details_never_5xx(string content, string type)
    {
        var client = await StaffAsync();
        var response = await client.PostAsync("/api/registrations", new StringContent(content, Encoding.UTF8, type));
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_resubmission_of_a_registration_that_was_not_returned_is_refused_with_409()
    {
        var client = await StaffAsync();
        var created = await client.PostAsJsonAsync("/api/registrations", Valid());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        var response = await client.PostAsJsonAsync($"/api/registrations/{id}/resubmission", new { materials = new[] { "省招标投标监管网项目备案表" } });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("当前状态为“已提交”，不能补正提交", await response.Content.ReadAsStringAsync());

        var unknown = await client.PostAsJsonAsync($"/api/registrations/{Guid.NewGuid()}/resubmission", new { materials = new[] { "x" } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var empty = await client.PostAsJsonAsync($"/api/registrations/{id}/resubmission", new { materials = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Without_signing_in_nothing_is_accepted()
    {
        var before = await CountAsync();
        var response = await app.NewClient().PostAsJsonAsync("/api/registrations", Valid());
        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(before, await CountAsync());
    }
}
