using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using static TradingOps.Data.Identity.Roles;
using static TradingOps.Tests.Fixtures.PageCatalog;

namespace TradingOps.Tests.Security;

/// <summary>
/// Who may reach what, checked on the server for every page, endpoint and hub method against every role and
/// anonymous. The pages, endpoints and hubs are discovered from the app: a new one fails this test until it is
/// given a row here, so nothing ships without a decision about who may use it.
/// </summary>
[FullLane]
public sealed class AuthorizationMatrixTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private static readonly IReadOnlyDictionary<string, (string Url, string[] Allowed)> PageMatrix = PageCatalog.Pages;

    /// <summary>"METHOD /pattern" → the request to send and who may use it.</summary>
    private static readonly Dictionary<string, (string Method, string Url, string[] Allowed)> EndpointMatrix = new()
    {
        ["ANY /health/live"] = ("GET", "/health/live", Everyone),
        ["ANY /health/ready"] = ("GET", "/health/ready", Everyone),
        ["GET /culture"] = ("GET", "/culture?culture=zh-CN&redirectUri=%2F", Everyone),
        ["POST /account/logout"] = ("POST", "/account/logout", SignedIn),
        ["POST /account/activity"] = ("POST", "/account/activity", SignedIn),
        ["GET /admin/audit/export"] = ("GET", "/admin/audit/export?from=2026-11-01&to=2026-11-02", AdminOnly),
        ["GET /admin/diagnostics"] = ("GET", "/admin/diagnostics", AdminOnly),
        ["GET /reports/ledger"] = ("GET", "/reports/ledger?from=2026-11-01&to=2026-11-02", Supervisors),
        ["GET /reports/rooms"] = ("GET", "/reports/rooms?from=2026-11-01&to=2026-11-02", Supervisors),
        ["GET /reports/tickets"] = ("GET", "/reports/tickets?from=2026-11-01&to=2026-11-02", Supervisors),
        ["GET /reports/ratings"] = ("GET", "/reports/ratings?from=2026-11-01&to=2026-11-02", Supervisors),
        // Issue 22: the statistics pages' own exports, for whoever may open those pages (audited downloads).
        ["GET /statistics/operations/export"] = ("GET", "/statistics/operations/export?kind=Month&day=2026-11-02", Supervisors),
        ["GET /statistics/satisfaction/export"] = ("GET", "/statistics/satisfaction/export?kind=Month&day=2026-11-02", Supervisors),
        ["GET /reports/files/{id:guid}"] = ("GET", $"/reports/files/{Guid.Empty}", Supervisors),
        ["GET /venue/schedule/export"] = ("GET", "/venue/schedule/export?week=2026-11-23", Operators), // whoever may see the schedule takes it away (audited)
        ["POST /api/evaluation/gate"] = ("POST", "/api/evaluation/gate", PairedDevicesOnly),
        ["POST /api/evaluation/exit"] = ("POST", "/api/evaluation/exit", PairedDevicesOnly),
        ["POST /api/evaluation/door"] = ("POST", "/api/evaluation/door", PairedDevicesOnly),
        ["GET /venue/discipline/export"] = ("GET", "/venue/discipline/export?from=2026-11-01&to=2026-11-02", Supervisors),
        ["GET /api/public/occupancy"] = ("GET", "/api/public/occupancy", Everyone),
        ["GET /api/public/rooms/{code}"] = ("GET", "/api/public/rooms/K201", Everyone),
        ["ANY /hubs/floor"] = ("GET", "/hubs/floor", Everyone),
        ["ANY /hubs/floor/negotiate"] = ("POST", "/hubs/floor/negotiate?negotiateVersion=1", Everyone),
        ["GET /api/queue/hall"] = ("GET", "/api/queue/hall", Everyone),
        ["GET /api/queue/hall/{zoneId:guid}"] = ("GET", $"/api/queue/hall/{Guid.Empty}", Everyone),
        ["ANY /hubs/queue-hall"] = ("GET", "/hubs/queue-hall", Everyone),
        ["ANY /hubs/queue-hall/negotiate"] = ("POST", "/hubs/queue-hall/negotiate?negotiateVersion=1", Everyone),
        ["POST /api/registrations/"] = ("POST", "/api/registrations", Operators),
        ["POST /api/registrations/{id:guid}/resubmission"] = ("POST", "/api/registrations/0199f3a0-0000-7000-8000-000000000001/resubmission", Operators),
        ["GET /api/registrations/{id:guid}"] = ("GET", "/api/registrations/0199f3a0-0000-7000-8000-000000000001", Operators),
        ["POST /api/evaluation/draw-results"] = ("POST", "/api/evaluation/draw-results", DevicesOnly), // a paired draw terminal, never a person
        ["GET /witness/daily/{day}/pdf"] = ("GET", "/witness/daily/2026-12-01/pdf", ChainReaders), // audited download
        ["GET /witness/misconduct/export"] = ("GET", "/witness/misconduct/export?from=2026-11-01&to=2026-11-02", WitnessReaders), // audited download
        ["GET /witness/certificates/{id:guid}/pdf"] = ("GET", $"/witness/certificates/{Guid.Empty}/pdf", CertificateReaders), // each download audited
        ["GET /archives/{code}/export"] = ("GET", "/archives/NO-SUCH-PROJECT/export", [.. Operators, Observer]), // a locked archive needs an approved request too; audited
        ["POST /devices/heartbeat"] = ("POST", "/devices/heartbeat", PairedDevicesOnly), // issue 21: a paired device's page, never a person's sign-in
        // Issue 21: the Prometheus scrape, for the configured scraper addresses or the token only, never a person's sign-in (none configured here).
        ["ANY /metrics"] = ("GET", "/metrics", []),
    };

    /// <summary>"Hub.Method" → who may call it.</summary>
    private static readonly Dictionary<string, string[]> HubMatrix = new()
    {
        // Read-only: a screen joins the groups it shows (door plates and the public page are anonymous).
        ["FloorHub.JoinFloor"] = Everyone,
        ["FloorHub.JoinRoom"] = Everyone,
        ["FloorHub.LeaveRoom"] = Everyone,
        ["QueueHallHub.JoinHall"] = Everyone,
    };

    public static TheoryData<string, string> PageCases() => Cases(PageMatrix.Keys);
    public static TheoryData<string, string> EndpointCases() => Cases(EndpointMatrix.Keys);
    public static TheoryData<string, string> HubCases() => Cases(HubMatrix.Keys);

    private static TheoryData<string, string> Cases(IEnumerable<string> keys)
    {
        var data = new TheoryData<string, string>();
        foreach (var key in keys)
            foreach (var who in Everyone)
                data.Add(key, who);
        return data;
    }

    [Fact]
    public void Every_page_has_a_row_in_the_matrix()
    {
        var missing = EndpointInventory.Pages().Except(PageMatrix.Keys).ToList();
        Assert.True(missing.Count == 0, $"pages without a decision: {string.Join(", ", missing)}");
        Assert.Empty(PageMatrix.Keys.Except(EndpointInventory.Pages()));
    }

    [Fact]
    public void Every_endpoint_has_a_row_in_the_matrix()
    {
        var found = EndpointInventory.Endpoints(app.Services);
        var missing = found.Except(EndpointMatrix.Keys).ToList();
        Assert.True(missing.Count == 0, $"endpoints without a decision: {string.Join(", ", missing)}");
        Assert.Empty(EndpointMatrix.Keys.Except(found));
    }

    [Fact]
    public void Every_hub_method_has_a_row_in_the_matrix()
    {
        var missing = EndpointInventory.HubMethods().Except(HubMatrix.Keys).ToList();
        Assert.True(missing.Count == 0, $"hub methods without a decision: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(PageCases))]
    public async Task A_page_opens_only_for_the_roles_allowed_to_see_it(string page, string who)
    {
        var (url, allowed) = PageMatrix[page];
        var response = await (await ClientAsync(who)).GetAsync(url);
        AssertOutcome(allowed.Contains(who), response, $"{who} → {url}");
    }

    [Theory]
    [MemberData(nameof(EndpointCases))]
    public async Task An_endpoint_answers_only_the_roles_allowed_to_use_it(string endpoint, string who)
    {
        var (method, url, allowed) = EndpointMatrix[endpoint];
        var response = await (await ClientAsync(who)).SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        AssertOutcome(allowed.Contains(who), response, $"{who} → {method} {url}");
    }

    [Theory]
    [MemberData(nameof(HubCases))]
    public async Task A_hub_method_runs_only_for_the_roles_allowed_to_call_it(string hubMethod, string who)
    {
        var allowed = HubMatrix[hubMethod].Contains(who);
        var (hub, method) = EndpointInventory.HubMethod(hubMethod);
        await ClientAsync(who); // signs the role in once and keeps its cookie
        await using var caller = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, EndpointInventory.HubPath(hub)), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                if (_cookies.TryGetValue(who, out var cookie)) o.Headers["Cookie"] = cookie;
            })
            .Build();

        Exception? refused = null;
        try
        {
            await caller.StartAsync();
            await caller.InvokeCoreAsync(method.Name, method.GetParameters().Select(p => SampleArgument(p.ParameterType)).ToArray());
        }
        catch (Exception e) when (e is HttpRequestException or HubException)
        {
            refused = e;
        }
        Assert.True(allowed == (refused is null), $"{who} → {hubMethod}: expected {(allowed ? "allowed" : "refused")}, got {refused?.Message ?? "allowed"}");
    }

    [Fact]
    public async Task The_Blazor_circuit_hub_refuses_anonymous_connections()
    {
        var response = await app.NewClient().PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        AssertOutcome(false, response, "anonymous → /_blazor/negotiate");
    }

    private static object SampleArgument(Type type) =>
        type == typeof(Guid) ? Guid.CreateVersion7()
        : type == typeof(int) ? 1
        : type == typeof(string) ? "K201"
        : throw new NotSupportedException($"no sample argument for {type.Name}: add one here");

    private static void AssertOutcome(bool shouldBeAllowed, HttpResponseMessage response, string what)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        var denied = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                     || (HttpStatus.IsRedirect(response.StatusCode)
                         && (location.Contains("/account/login", StringComparison.OrdinalIgnoreCase)
                             || location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase)));
        Assert.True(shouldBeAllowed != denied,
            $"{what}: expected {(shouldBeAllowed ? "allowed" : "denied")}, got {(int)response.StatusCode} {location}");
        Assert.True((int)response.StatusCode < 500, $"{what}: server error {(int)response.StatusCode}");
    }

    // One signed-in client per role for the whole class (xunit builds a new instance for every case).
    private static readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _clients = new();
    private static readonly ConcurrentDictionary<string, string> _cookies = new();

    private Task<HttpClient> ClientAsync(string who) =>
        _clients.GetOrAdd(who, w => new Lazy<Task<HttpClient>>(async () =>
        {
            var client = app.NewClient();
            if (w == Anonymous) return client;
            var account = IdentitySeeder.DemoAccounts.Single(a => a.Role == w).UserName;
            var response = await TradingOpsApp.SignInAsync(client, account, IdentitySeeder.DemoPassword);
            Assert.True(TradingOpsApp.SetsAuthCookie(response), $"{account} signs in");
            _cookies[w] = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            return client;
        })).Value;
}
