using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// The real web app over a fresh SQLite file with the demo center seeded (a smaller year of projects to keep the
/// run short). Environment "Testing", so the developer's settings file is not read.
/// </summary>
public class TradingOpsApp : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tradingops-web-{Guid.NewGuid():N}");

    public const int DemoProjects = 1500;

    public string DatabasePath => DatabasePathOverride ?? Path.Combine(_directory, "tradingops.db");

    /// <summary>Start over an existing database file (a restart of the same installation).</summary>
    public string? DatabasePathOverride { get; init; }

    /// <summary>Settings applied over the defaults above (another provider, Redis, ...).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Run the Quartz scheduler (off by default: most tests do not need a year of statistics computed behind them).</summary>
    public bool RunJobs { get; init; }

    /// <summary>Leave the database file behind on dispose, for a second start over it.</summary>
    public bool KeepDatabase { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Lanes.RequireFullLane("the web app over a seeded demo center");
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.UseSetting("Database:DemoProjectsPerYear", DemoProjects.ToString());
        builder.UseSetting("Jobs:Enabled", RunJobs ? "true" : "false");
        builder.UseSetting("Jobs:StartupDelaySeconds", "1");
        builder.UseSetting("Witness:AnchorFolder", Path.Combine(_directory, "witness-anchors")); // this run's own anchor files
        builder.UseSetting("Security:RequireHttps", "false"); // TestServer and the loopback Kestrel speak plain HTTP
        builder.UseSetting("Security:SignInPerMinute", "100"); // many sign-ins from one test address
        builder.UseSetting("Security:PublicPerMinute", "1000"); // every public page and feed of a test class from one address (limit tests set their own)
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests book around the real clock at any hour of the run, so the test center's rooms are open all day
        // (the opening-hours rule has its own tests with a fixed clock).
        builder.UseSetting("Floor:OpensAt", "00:00");
        builder.UseSetting("Floor:ClosesAt", "23:59");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(ConfigureServices);
    }

    /// <summary>Settings and services a specialised fixture changes (runs after the app's own registrations).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form as a browser would, with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-in form carries an antiforgery token");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    public static bool SetsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("TradingOps.Auth=", StringComparison.Ordinal));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!KeepDatabase)
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The same app on a real Kestrel port, for the browser tests.</summary>
public class TradingOpsServer : TradingOpsApp
{
    public TradingOpsServer() : this(null)
    {
    }

    /// <summary>A server with settings of its own (they must be known before it starts).</summary>
    protected TradingOpsServer(IReadOnlyDictionary<string, string>? settings) : this(settings, 0)
    {
    }

    /// <summary>A server on a port chosen before it starts (its public address can then be configured; 0 = any free port).</summary>
    protected TradingOpsServer(IReadOnlyDictionary<string, string>? settings, int port)
    {
        if (settings is not null) Settings = settings;
        UseKestrel(port);
        StartServer();
    }

    /// <summary>A port free right now on the loopback interface.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try { return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    public Uri BaseAddress => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
}

public static class HttpStatus
{
    public static bool IsRedirect(HttpStatusCode code) => (int)code is >= 300 and < 400;
}
