using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Registrations;

/// <summary>
/// POST /api/registrations sent twenty times at once, as a client that retries on a timeout or a double click
/// does: one registration, on SQLite and on PostgreSQL. Rests on unique indexes, so the requests really race.
/// </summary>
public abstract class RegistrationIdempotencyHttpContract
{
    protected abstract TradingOpsApp App { get; }

    private async Task<HttpClient> StaffAsync(string user = "staff")
    {
        var client = App.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, user, IdentitySeeder.DemoPassword)));
        return client;
    }

    private static string Body() => JsonSerializer.Serialize(RegistrationTestData.ValidApiBody(), new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static HttpRequestMessage Post(string body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<HttpResponseMessage[]> TwentyAtOnceAsync(HttpClient client, string body, string? key)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await client.SendAsync(Post(body, key));
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    private async Task<int> CountAsync(string body)
    {
        var name = JsonDocument.Parse(body).RootElement.GetProperty("projectName").GetString();
        await using var db = await App.Services.NewContextAsync();
        return await db.Registrations.CountAsync(r => r.ProjectName == name);
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

    [Fact]
    public async Task Twenty_identical_parallel_posts_with_one_Idempotency_Key_create_one_registration_and_each_gets_it()
    {
        var client = await StaffAsync();
        var body = Body();

        var responses = await TwentyAtOnceAsync(client, body, Guid.NewGuid().ToString());

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(IdOf));
        Assert.Single(ids.Distinct());
        Assert.All(responses, r => Assert.Equal($"/api/registrations/{ids[0]}", r.Headers.Location?.OriginalString));
        Assert.Equal(19, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, await CountAsync(body));
    }

    [Fact]
    public async Task Twenty_identical_parallel_posts_without_a_key_create_one_registration_and_the_rest_get_409_with_a_link_to_it()
    {
        var client = await StaffAsync();
        var body = Body();

        var responses = await TwentyAtOnceAsync(client, body, key: null);

        var created = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var id = await IdOf(created);
        foreach (var refused in responses.Where(r => r != created))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"/api/registrations/{id}", refused.Headers.Location?.OriginalString);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains("不能重复登记", problem.GetProperty("title").GetString());
            Assert.Equal($"/api/registrations/{id}", problem.GetProperty("existing").GetString());
        }
        Assert.Equal(1, await CountAsync(body));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_with_a_different_body_gets_422_and_saves_nothing()
    {
        var client = await StaffAsync();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(Body(), key))).StatusCode);
        var other = Body();

        var response = await client.SendAsync(Post(other, key));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync(other));
    }

    [Theory]
    [InlineData("键")]
    [InlineData("with space")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x")]
    public async Task A_malformed_Idempotency_Key_gets_400_in_Chinese(string key)
    {
        var client = await StaffAsync();
        var body = Body();
        var request = Post(body, null);
        Assert.True(request.Headers.TryAddWithoutValidation("Idempotency-Key", key));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key 格式不正确", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync(body));
    }
}

[FullLane]
public sealed class SqliteRegistrationIdempotencyHttpTests(TradingOpsApp app) : RegistrationIdempotencyHttpContract, IClassFixture<TradingOpsApp>
{
    protected override TradingOpsApp App => app;
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlRegistrationIdempotencyHttpTests : RegistrationIdempotencyHttpContract, IDisposable
{
    private readonly TradingOpsApp _app;

    public PostgreSqlRegistrationIdempotencyHttpTests(PostgreSqlServer server) => _app = new TradingOpsApp
    {
        Settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["Database:ConnectionString"] = server.ConnectionString($"tradingops_idem_{Guid.NewGuid():N}"),
            ["Database:DemoProjectsPerYear"] = "100",
        },
    };

    protected override TradingOpsApp App => _app;

    public void Dispose() => _app.Dispose();
}
