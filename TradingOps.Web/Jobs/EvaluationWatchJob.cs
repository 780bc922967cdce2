using Microsoft.Extensions.Options;
using Quartz;
using TradingOps.Data.Evaluation;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Jobs;

/// <summary>
/// 评标区实时核查: every minute evaluates today's sessions of the evaluation area (committee incomplete, experts not
/// checked in, agency staff still inside, one expert in two sessions, wrong-room and recused presentations in the gate
/// log) and raises each alert once; one node of the cluster at a time, and a second node at the same moment raises
/// nothing twice. A run that raised or changed nothing leaves no run record.
/// </summary>
[DisallowConcurrentExecution, QuietWhenIdle]
public sealed class EvaluationWatchJob(EvaluationWatch watch, WebCurrentActor actor, IOptions<JobsOptions> options, ILogger<EvaluationWatchJob> logger)
    : AuditedJob(actor, options, logger)
{
    public static readonly JobKey Key = new("evaluation-watch", "evaluation");

    protected override async Task<string?> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await watch.RunAsync(cancellationToken);
        return run.Idle ? null : run.ToString();
    }
}
