using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using TradingOps.Data;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>
/// Cluster self-check: occupies the node that picked it up for a while ("seconds" in the job data, default 30,
/// at most 600), then reads the database. Run from the jobs page, its result says which node ran it and whether
/// that run took over from a node that died; with a node stopped mid-run, another node runs it to the end.
/// </summary>
public sealed class ClusterProbeJob(IDbContextFactory<TradingOpsDbContext> factory, WebCurrentActor actor, IOptions<JobsOptions> options, ILogger<ClusterProbeJob> logger)
    : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("cluster-probe", "diagnostics");

    public const string SecondsKey = "seconds";

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var seconds = context.MergedJobDataMap.TryGetString(SecondsKey, out var text) && int.TryParse(text, out var s) ? Math.Clamp(s, 1, 600) : 30;
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rooms = await db.Rooms.CountAsync(cancellationToken);
        var node = context.Scheduler.SchedulerInstanceId;
        return context.Recovering
            ? $"集群自检：节点 {node} 接管了中断节点的运行，运行 {seconds} 秒后完成，数据库可读（{rooms} 个场地）"
            : $"集群自检：节点 {node} 运行 {seconds} 秒后完成，数据库可读（{rooms} 个场地）";
    }
}
