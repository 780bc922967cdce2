using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TradingOps.Data.Scheduling;
using TradingOps.Tests.Fixtures;
using TradingOps.Tests.Registrations;
using TradingOps.Web.Identity;
using TradingOps.Web.Jobs;

namespace TradingOps.Tests.ScaleOut;

/// <summary>
/// The database (a PostgreSQL server of this test's own) stopped for 30 seconds under a running node with its
/// scheduler, then started again on the same data directory and port.
/// </summary>
[FullLane]
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private const string Message = "数据库暂时不可用，请稍后重试";

    private readonly LocalPostgres _postgres = new();
    private TradingOpsApp _app = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _app = new TradingOpsApp
        {
            RunJobs = true,
            Settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "PostgreSQL",
                ["Database:ConnectionString"] = _postgres.ConnectionString("outage"),
                ["Database:DemoProjectsPerYear"] = "100",
                ["Jobs:StartupDelaySeconds"] = "3600",
                ["Jobs:ClusterCheckinSeconds"] = "2",
                ["Jobs:IdleWaitSeconds"] = "1",
                ["Jobs:DatabaseRetrySeconds"] = "2",
            },
        };
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task While_the_database_is_down_pages_and_api_say_so_and_afterwards_everything_works_again_with_nothing_accepted_lost_and_jobs_completed()
    {
        using var staff = _app.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(staff, "staff", IdentitySeeder.DemoPassword)));
        // Accepted before the outage (201).
        var created = await staff.PostAsJsonAsync("/api/registrations", RegistrationTestData.ValidApiBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var registration = $"/api/registrations/{JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid()}";

        // A job under way when the database goes: it must finish once the database is back.
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var data = new JobDataMap { [ClusterProbeJob.SecondsKey] = "5" };
        await scheduler.TriggerJob(ClusterProbeJob.Key, data);
        var probe = await Eventually.FoundAsync(ProbeRunAsync, TimeSpan.FromSeconds(30), "the probe job starts");

        await _postgres.StopAsync();
        var down = Stopwatch.StartNew();

        var api = await staff.GetAsync(registration);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.True(api.Headers.RetryAfter is not null);
        Assert.Contains(Message, await api.Content.ReadAsStringAsync());

        var page = await staff.GetAsync("/venues"); // loads its rooms while rendering on the server
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(Message, html);
        Assert.Contains("不会丢失", html);

        var write = await staff.PostAsJsonAsync("/api/registrations", RegistrationTestData.ValidApiBody());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode); // refused outright, not half-saved

        var rest = Outage - down.Elapsed;
        if (rest > TimeSpan.Zero) await Task.Delay(rest);
        await _postgres.StartAsync();
        var back = DateTimeOffset.UtcNow;

        // Without a restart: the API and the pages answer again...
        await Eventually.FoundAsync(async () => (await staff.GetAsync(registration)).StatusCode == HttpStatusCode.OK ? "ok" : null,
            TimeSpan.FromSeconds(30), "the API answers again");
        var again = await staff.GetAsync("/venues");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.DoesNotContain(Message, await again.Content.ReadAsStringAsync());
        // ...the change accepted before the outage is there, the refused one is not...
        await using (var db = await _app.Services.NewContextAsync())
            Assert.Equal(1, await db.Registrations.CountAsync(r => r.ProjectName.StartsWith("市第三中学运动场改造工程")));
        // ...and the job that met the outage finished after it, on its own.
        var finished = await Eventually.FoundAsync(async () => await ProbeRunAsync() is { FinishedAt: not null } run ? run : null,
            TimeSpan.FromSeconds(60), "the probe job completes after the database is back");
        Assert.Equal(probe.Id, finished.Id);
        Assert.True(finished.Succeeded, finished.Result);
        Assert.True(finished.FinishedAt > back);
    }

    private async Task<JobRun?> ProbeRunAsync()
    {
        await using var db = await _app.Services.NewContextAsync();
        var name = ClusterProbeJob.Key.ToString();
        return await db.JobRuns.AsNoTracking().Where(r => r.JobName == name).OrderByDescending(r => r.Id).FirstOrDefaultAsync();
    }
}
