using Quartz;
using TradingOps.Core.Common;
using TradingOps.Data;

namespace TradingOps.Web.Jobs;

/// <summary>Section "Jobs".</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the scheduler in this process (off for tools and some tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The catch-up run after a start waits this long, so start-up itself stays quick.</summary>
    public int StartupDelaySeconds { get; set; } = 15;

    /// <summary>
    /// Clustered store (PostgreSQL, SQL Server): how often each node reports in. A node silent for twice this
    /// long is taken for dead, and the jobs it was running are run again by another node.
    /// </summary>
    public int ClusterCheckinSeconds { get; set; } = 10;

    /// <summary>
    /// While the database cannot be reached: how long the scheduler waits before trying the database again, and
    /// how long a running job waits before it retries the step that found the database gone.
    /// </summary>
    public int DatabaseRetrySeconds { get; set; } = 15;

    /// <summary>
    /// How long an idle node waits before it looks in the store for work again; a job started from the jobs page
    /// on another node is picked up within this time.
    /// </summary>
    public int IdleWaitSeconds { get; set; } = 30;

    /// <summary>A job gives up (and is recorded as failed) once the database has been away this long.</summary>
    public int DatabaseRetryMinutes { get; set; } = 30;

    /// <summary>This node's id in the cluster: unique per process (host, process id, a random part).</summary>
    public static string NewInstanceId() =>
        $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>
/// Quartz.NET on the application database: the job store's tables come with the migrations (Quartz only
/// validates them), clustered on PostgreSQL and SQL Server so each firing runs on one node, one node on SQLite.
/// Every job and trigger is named; times are Asia/Shanghai; missed firings run once when the app is back
/// (and the statistics job itself fills every day it missed).
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddTradingOpsJobs(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section));
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddScoped<JobRunRecorder>();
        services.AddScoped<JobAdminService>();

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "TradingOps";
                // Each node needs its own id, or nodes take each other's check-ins for their own and a dead node
                // is never noticed: set here, per process, rather than left to a literal shared by all nodes.
                s.InstanceId = JobsOptions.NewInstanceId();
                s.IdleWaitTime = TimeSpan.FromSeconds(Math.Max(1, jobs.IdleWaitSeconds));
            });
            var checkin = TimeSpan.FromSeconds(Math.Max(1, jobs.ClusterCheckinSeconds));
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = Data.Scheduling.QuartzSchema.TablePrefix;
                    o.StoreJobDataAsStrings = true;
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                    // Database gone: the scheduler tries the database again after this long, and fires again once it is back.
                    o.DbRetryInterval = TimeSpan.FromSeconds(Math.Max(1, jobs.DatabaseRetrySeconds));
                });
                switch (database.Provider)
                {
                    case DatabaseProvider.Sqlite:
                        store.UseSqlite(DependencyInjection.SqliteConnectionString(database.ConnectionString, contentRoot));
                        break;
                    case DatabaseProvider.PostgreSQL:
                        store.UsePostgres(database.ConnectionString);
                        store.UseClustering(c =>
                        {
                            c.CheckinInterval = checkin;
                            c.CheckinMisfireThreshold = 2 * checkin;
                        });
                        break;
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(database.ConnectionString);
                        store.UseClustering(c =>
                        {
                            c.CheckinInterval = checkin;
                            c.CheckinMisfireThreshold = 2 * checkin;
                        });
                        break;
                }
            });
            q.AddJobListener<JobRunListener>();

            q.AddJob<DailyStatisticsJob>(j => j.WithIdentity(DailyStatisticsJob.Key).StoreDurably().RequestRecovery()
                .WithDescription("每日统计：计算当日及遗漏日期的统计数据"));
            q.AddTrigger(t => t.ForJob(DailyStatisticsJob.Key).WithIdentity("daily-statistics-nightly")
                .WithDescription("每天 00:10 计算前一日统计")
                .WithCronSchedule("0 10 0 * * ?", c => c.InTimeZone(CenterTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            // After downtime: once at every start, so missed days are filled without waiting for the night.
            q.AddTrigger(t => t.ForJob(DailyStatisticsJob.Key).WithIdentity("daily-statistics-at-start")
                .WithDescription("启动时补算遗漏的统计").StartAt(DateTimeOffset.UtcNow.AddSeconds(jobs.StartupDelaySeconds)));
            q.AddTrigger(t => t.ForJob(DailyStatisticsJob.Key).WithIdentity("daily-statistics-hourly")
                .WithDescription("工作时间每小时刷新当日统计")
                .WithCronSchedule("0 0 8-18 * * ?", c => c.InTimeZone(CenterTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));

            q.AddJob<SatisfactionDisclosureJob>(j => j.WithIdentity(SatisfactionDisclosureJob.Key).StoreDurably().RequestRecovery()
                .WithDescription("满意度定期公示：上周、上月的评价结果快照"));
            q.AddTrigger(t => t.ForJob(SatisfactionDisclosureJob.Key).WithIdentity("satisfaction-disclosure-weekly")
                .WithDescription("每周一 01:00 公示上周结果")
                .WithCronSchedule("0 0 1 ? * MON", c => c.InTimeZone(CenterTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger(t => t.ForJob(SatisfactionDisclosureJob.Key).WithIdentity("satisfaction-disclosure-monthly")
                .WithDescription("每月 1 日 01:00 公示上月结果")
                .WithCronSchedule("0 0 1 1 * ?", c => c.InTimeZone(CenterTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            // After downtime: a missed Monday or 1st fires once when the scheduler is back (misfire), and the
            // start-up run fills anything older.
            q.AddTrigger(t => t.ForJob(SatisfactionDisclosureJob.Key).WithIdentity("satisfaction-disclosure-at-start")
                .WithDescription("启动时补发遗漏的公示").StartAt(DateTimeOffset.UtcNow.AddSeconds(jobs.StartupDelaySeconds + 10)));

            // Diagnostic, no trigger: run from the jobs page to see which node takes work and that another node
            // finishes it when that node dies.
            q.AddJob<ClusterProbeJob>(j => j.WithIdentity(ClusterProbeJob.Key).StoreDurably().RequestRecovery()
                .WithDescription("集群自检：在一个节点上运行一段时间（默认 30 秒）并访问数据库；节点中断时由其他节点接管完成"));

            var delivery = configuration.GetSection(Data.Notifications.NotificationOptions.Section).Get<Data.Notifications.NotificationOptions>()
                           ?? new Data.Notifications.NotificationOptions();
            q.AddJob<OutboxDeliveryJob>(j => j.WithIdentity(OutboxDeliveryJob.Key).StoreDurably()
                .WithDescription("通知发送：发送待发的短信和邮件，失败的按间隔重试"));
            q.AddTrigger(t => t.ForJob(OutboxDeliveryJob.Key).WithIdentity("outbox-delivery-every")
                .WithDescription($"每 {delivery.DeliverySeconds} 秒")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(jobs.StartupDelaySeconds))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Clamp(delivery.DeliverySeconds, 5, 3600))).RepeatForever()));

            q.AddJob<EvaluationWatchJob>(j => j.WithIdentity(EvaluationWatchJob.Key).StoreDurably().WithDescription("评标区实时核查：评委会不足额、专家未签到、代理机构人员未离场、同一专家两场、错误评标室、已回避专家到门禁"));
            q.AddTrigger(t => t.ForJob(EvaluationWatchJob.Key).WithIdentity("evaluation-watch-every-minute").WithDescription("每分钟")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(jobs.StartupDelaySeconds))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));

            q.AddJob<AlertEscalationJob>(j => j.WithIdentity(AlertEscalationJob.Key).StoreDurably().WithDescription("运维告警升级：超时未确认的告警转给值班表上的下一位，并发短信"));
            q.AddTrigger(t => t.ForJob(AlertEscalationJob.Key).WithIdentity("alert-escalation-every-minute").WithDescription("每分钟")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(jobs.StartupDelaySeconds))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));

            q.AddJob<WitnessAnchorJob>(j => j.WithIdentity(WitnessAnchorJob.Key).StoreDurably().RequestRecovery()
                .WithDescription("见证每日锚定：把每条见证链截至前一日结束的链头写入签名的摘要文件（数据库之外）"));
            q.AddTrigger(t => t.ForJob(WitnessAnchorJob.Key).WithIdentity("witness-anchor-nightly").WithDescription("每天 00:10 锚定前一日")
                .WithCronSchedule("0 10 0 * * ?", c => c.InTimeZone(CenterTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger(t => t.ForJob(WitnessAnchorJob.Key).WithIdentity("witness-anchor-at-start")
                .WithDescription("启动时补写遗漏的锚定").StartAt(DateTimeOffset.UtcNow.AddSeconds(jobs.StartupDelaySeconds + 20)));

            q.AddJob<DailyReportJob>(j => j.WithIdentity(DailyReportJob.Key).StoreDurably().RequestRecovery().WithDescription("运营日报：每天 18:00 生成当日工作簿"));
            q.AddTrigger(t => t.ForJob(DailyReportJob.Key).WithIdentity("daily-report-1800").WithDescription("每天 18:00")
                .WithCronSchedule("0 0 18 * * ?", c => c.InTimeZone(CenterTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<MonthlyReportJob>(j => j.WithIdentity(MonthlyReportJob.Key).StoreDurably().RequestRecovery().WithDescription("运营月报：每月 1 日 08:00 生成上月工作簿"));
            q.AddTrigger(t => t.ForJob(MonthlyReportJob.Key).WithIdentity("monthly-report-0800").WithDescription("每月 1 日 08:00")
                .WithCronSchedule("0 0 8 1 * ?", c => c.InTimeZone(CenterTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<DeviceSilenceJob>(j => j.WithIdentity(DeviceSilenceJob.Key).StoreDurably().WithDescription("设备失联巡检：超过阈值未发心跳的设备告警，恢复后解除"));
            q.AddTrigger(t => t.ForJob(DeviceSilenceJob.Key).WithIdentity("device-silence-every-30s").WithDescription("每 30 秒")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(jobs.StartupDelaySeconds))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(30)).RepeatForever()));

            q.AddJob<InspectionJob>(j => j.WithIdentity(InspectionJob.Key).StoreDurably().WithDescription("设备巡检：每天 06:00 和启动时生成当日巡检任务，每 5 分钟检查逾期巡检并告警"));
            q.AddTrigger(t => t.ForJob(InspectionJob.Key).WithIdentity("inspections-generate-0600").WithDescription("每天 06:00 生成当日巡检任务")
                .UsingJobData(InspectionJob.Generate, "true")
                .WithCronSchedule("0 0 6 * * ?", c => c.InTimeZone(CenterTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger(t => t.ForJob(InspectionJob.Key).WithIdentity("inspections-generate-at-start").WithDescription("启动时补生成当日巡检任务")
                .UsingJobData(InspectionJob.Generate, "true").StartAt(DateTimeOffset.UtcNow.AddSeconds(jobs.StartupDelaySeconds + 5)));
            q.AddTrigger(t => t.ForJob(InspectionJob.Key).WithIdentity("inspections-overdue-every-5-minutes").WithDescription("每 5 分钟检查逾期巡检")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(jobs.StartupDelaySeconds + 30))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(5)).RepeatForever()));
        });
        if (jobs.Enabled)
            services.AddQuartzHostedService(o =>
            {
                o.WaitForJobsToComplete = true;
                o.AwaitApplicationStarted = true;
            });
        return services;
    }
}
