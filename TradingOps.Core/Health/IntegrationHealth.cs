namespace TradingOps.Core.Health;

/// <summary>What the console depends on besides its devices (issue 21): each shows a state and its last success.</summary>
public enum IntegrationKind
{
    Database,           // 数据库
    RedisBus,           // Redis 总线（多节点时）
    Scheduler,          // Quartz 定时任务
    NotificationSender, // 通知发送（发件箱）
    Node,               // 本节点
}

/// <summary>What one probe found.</summary>
public enum ProbeOutcome
{
    /// <summary>Answered as it should.</summary>
    Ok,
    /// <summary>Answers, but falls behind (e.g. the outbox has messages waiting past the threshold).</summary>
    Degraded,
    /// <summary>Did not answer (error, timeout, disconnected).</summary>
    Failed,
    /// <summary>Not run by this node by configuration (jobs off, no Redis): nothing to watch here.</summary>
    NotRunning,
}

/// <summary>正常 / 降级 / 故障, and not running on this node.</summary>
public enum IntegrationState { Green, Amber, Red, NotRunning }

/// <summary>One probe of one integration: its outcome, what it saw (Chinese, for the board and the alert) and when.</summary>
public sealed record IntegrationProbe(IntegrationKind Kind, ProbeOutcome Outcome, string? Detail, DateTimeOffset At);

/// <summary>One integration as the board shows it.</summary>
public sealed record IntegrationStatus(IntegrationKind Kind, IntegrationState State, string Detail, DateTimeOffset CheckedAt,
    DateTimeOffset? LastSuccessAt, DateTimeOffset? UnhealthySince)
{
    public bool IsUnhealthy => State is IntegrationState.Amber or IntegrationState.Red;
}

/// <summary>The outbox as the notification sender's probe reads it: messages due and not sent, and the oldest of them.</summary>
public sealed record OutboxBacklog(int Due, DateTimeOffset? OldestDueSince, int GivenUp, DateTimeOffset? LastSentAt);

/// <summary>
/// The one rule that turns a probe and the last success into green / amber / red (the board, the alert and the
/// metrics all read it from here). A failure right after a success (within two probe intervals: one missed probe) is
/// amber, longer (or never succeeded) red; a degraded answer is amber; not run on this node is neither.
/// </summary>
public static class IntegrationHealth
{
    public static IntegrationState Classify(ProbeOutcome outcome, DateTimeOffset? lastSuccess, DateTimeOffset now, HealthOptions options) => outcome switch
    {
        ProbeOutcome.Ok => IntegrationState.Green,
        ProbeOutcome.Degraded => IntegrationState.Amber,
        ProbeOutcome.NotRunning => IntegrationState.NotRunning,
        _ when lastSuccess is { } ok && now - ok <= Grace(options) => IntegrationState.Amber,
        _ => IntegrationState.Red,
    };

    /// <summary>How long a failure after a success still reads amber: two probe intervals.</summary>
    public static TimeSpan Grace(HealthOptions options) => TimeSpan.FromSeconds(2 * Math.Max(1, options.IntegrationProbeSeconds));

    /// <summary>The next status of an integration after <paramref name="probe"/>: state, last success, since when unhealthy.</summary>
    public static IntegrationStatus Next(IntegrationStatus? previous, IntegrationProbe probe, HealthOptions options)
    {
        var lastSuccess = probe.Outcome == ProbeOutcome.Ok ? probe.At : previous?.LastSuccessAt;
        var state = Classify(probe.Outcome, previous?.LastSuccessAt, probe.At, options);
        var unhealthy = state is IntegrationState.Amber or IntegrationState.Red;
        DateTimeOffset? since = unhealthy ? previous?.UnhealthySince ?? probe.At : null;
        return new IntegrationStatus(probe.Kind, state, probe.Detail ?? DefaultDetail(probe.Kind, state), probe.At, lastSuccess, since);
    }

    /// <summary>Unhealthy (amber or red) for at least Health:IntegrationDegradedAlertMinutes: the condition of the alert.</summary>
    public static bool ShouldAlert(IntegrationStatus status, DateTimeOffset now, HealthOptions options) =>
        status.UnhealthySince is { } since && now - since >= TimeSpan.FromMinutes(options.IntegrationDegradedAlertMinutes);

    /// <summary>
    /// The outbox's probe: messages due and waiting longer than Health:OutboxStaleMinutes mean the sender is not
    /// keeping up (degraded); a message merely waiting for its next retry is not late.
    /// </summary>
    public static (ProbeOutcome Outcome, string Detail) Outbox(OutboxBacklog backlog, DateTimeOffset now, HealthOptions options)
    {
        var waited = backlog.OldestDueSince is { } oldest ? now - oldest : TimeSpan.Zero;
        var late = backlog.Due > 0 && waited > TimeSpan.FromMinutes(options.OutboxStaleMinutes);
        var detail = backlog.Due == 0
            ? "发件箱无待发消息"
            : $"待发 {backlog.Due} 条，最早已等待 {Minutes(waited)}";
        if (backlog.GivenUp > 0) detail += $"；已放弃 {backlog.GivenUp} 条（请到通知管理页处理）";
        return (late ? ProbeOutcome.Degraded : ProbeOutcome.Ok, late ? $"发送滞后：{detail}" : detail);
    }

    /// <summary>The alert key of an integration (one open alert per integration, see OpsAlertService).</summary>
    public static string AlertKey(IntegrationKind kind) => $"integration:{Code(kind)}";

    /// <summary>A stable lower-case name (alert keys, metric labels).</summary>
    public static string Code(IntegrationKind kind) => kind switch
    {
        IntegrationKind.Database => "database",
        IntegrationKind.RedisBus => "redis",
        IntegrationKind.Scheduler => "scheduler",
        IntegrationKind.NotificationSender => "notifications",
        IntegrationKind.Node => "node",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>中文名称, for the alert's title (the board uses the resources).</summary>
    public static string Name(IntegrationKind kind) => kind switch
    {
        IntegrationKind.Database => "数据库",
        IntegrationKind.RedisBus => "Redis 总线",
        IntegrationKind.Scheduler => "定时任务（Quartz）",
        IntegrationKind.NotificationSender => "通知发送",
        IntegrationKind.Node => "本节点",
        _ => kind.ToString(),
    };

    public static string StateText(IntegrationState state) => state switch
    {
        IntegrationState.Green => "正常",
        IntegrationState.Amber => "降级",
        IntegrationState.Red => "故障",
        _ => "本节点未运行",
    };

    /// <summary>The alert's title and detail (wall text: no personal data).</summary>
    public static (string Title, string Detail) AlertText(IntegrationStatus status, string node)
    {
        var title = $"外部接口异常：{Name(status.Kind)}{StateText(status.State)}";
        var since = status.UnhealthySince is { } s ? CenterTimeText(s) : "";
        var last = status.LastSuccessAt is { } ok ? $"，上次正常 {CenterTimeText(ok)}" : "，启动以来未成功";
        var detail = $"节点 {node}：{status.Detail}（自 {since} 起{last}）";
        return (title, detail.Length > 300 ? detail[..300] : detail);
    }

    private static string CenterTimeText(DateTimeOffset at) => Common.CenterTime.ToLocal(at).ToString("MM-dd HH:mm:ss");

    private static string Minutes(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} 分钟" : $"{Math.Max(0, (int)t.TotalSeconds)} 秒";

    private static string DefaultDetail(IntegrationKind kind, IntegrationState state) => $"{Name(kind)}{StateText(state)}";
}
