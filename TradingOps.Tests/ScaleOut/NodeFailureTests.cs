using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TradingOps.Data.Scheduling;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Jobs;

namespace TradingOps.Tests.ScaleOut;

/// <summary>Two nodes with clustered Quartz on one PostgreSQL database; node A is a process of its own that the test kills.</summary>
[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class NodeFailureTests(PostgreSqlServer postgres)
{
    private static readonly string ProbeJob = ClusterProbeJob.Key.ToString();

    [Fact]
    public async Task A_job_running_on_a_node_that_is_killed_is_completed_by_the_other_node()
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["Database:ConnectionString"] = postgres.ConnectionString($"nodefailure_{Guid.NewGuid():N}"),
            ["Database:SeedDemoData"] = "true",
            ["Database:DemoProjectsPerYear"] = "100",
            ["Jobs:Enabled"] = "true",
            ["Jobs:StartupDelaySeconds"] = "3600", // no statistics run in the way
            ["Jobs:ClusterCheckinSeconds"] = "1",
            ["Jobs:IdleWaitSeconds"] = "1",
        };
        await using var a = new WebNodeProcess(settings);
        await a.StartedAsync(TimeSpan.FromMinutes(2));

        // Node B joins the same cluster; its scheduler is started by hand below (as its hosted service would), so
        // that the job is certainly picked up by node A first.
        using var b = new TradingOpsApp { Settings = new Dictionary<string, string>(settings) { ["Jobs:Enabled"] = "false" } };
        var scheduler = await b.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        try
        {
            var data = new JobDataMap();
            data[ClusterProbeJob.SecondsKey] = "6";
            await scheduler.TriggerJob(ClusterProbeJob.Key, data);

            var onA = await Eventually.FoundAsync(() => RunAsync(b, r => r.JobName == ProbeJob && r.Node != scheduler.SchedulerInstanceId),
                TimeSpan.FromSeconds(30), "node A starts the job");
            Assert.False(a.HasExited, a.Output);
            await a.KillAsync();

            await scheduler.Start();
            var onB = await Eventually.FoundAsync(
                () => RunAsync(b, r => r.JobName == ProbeJob && r.Node == scheduler.SchedulerInstanceId && r.FinishedAt != null),
                TimeSpan.FromSeconds(60), "node B completes the job node A was running");

            Assert.True(onB.Succeeded, onB.Result);
            Assert.Contains("接管", onB.Result);
            await using var db = await b.Services.NewContextAsync();
            var runs = await db.JobRuns.AsNoTracking().Where(r => r.JobName == ProbeJob).ToListAsync();
            Assert.Null(runs.Single(r => r.Id == onA.Id).FinishedAt); // node A died before finishing it
            Assert.Single(runs, r => r.Node == scheduler.SchedulerInstanceId); // and node B ran it once
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: false);
        }
    }

    private static async Task<JobRun?> RunAsync(TradingOpsApp node, System.Linq.Expressions.Expression<Func<JobRun, bool>> where)
    {
        await using var db = await node.Services.NewContextAsync();
        return await db.JobRuns.AsNoTracking().Where(where).OrderByDescending(r => r.Id).FirstOrDefaultAsync();
    }
}
