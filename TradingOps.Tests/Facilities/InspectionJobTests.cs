using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Facilities;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Facilities;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Jobs;

namespace TradingOps.Tests.Facilities;

/// <summary>
/// The inspection job run by Quartz over a real SQLite database, with the web host's actor: a generating firing makes the
/// day's tasks (audited under the job), an ordinary firing only checks overdue and raises the alert.
/// </summary>
public sealed class InspectionJobTests : IAsyncLifetime
{
    private static readonly DateOnly MakeUpSaturday = new(2026, 10, 10);
    private readonly FakeTimeProvider _clock = new(CenterTime.At(MakeUpSaturday, new TimeOnly(6, 0)));
    private ServiceProvider _services = null!;
    private bool _started;

    private sealed class NobodySignedIn : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(new ClaimsPrincipal()));
    }

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), clock: _clock, configure: services =>
        {
            // As the web host registers the actor: the job acts through WebCurrentActor.
            services.AddHttpContextAccessor();
            services.AddScoped<AuthenticationStateProvider, NobodySignedIn>();
            services.AddScoped<WebCurrentActor>();
            services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<WebCurrentActor>());
            services.AddOptions<JobsOptions>();
            services.AddQuartz(q =>
            {
                q.ConfigureScheduler(s => s.InstanceName = $"inspection-job-test-{Guid.NewGuid():N}");
                q.UseInMemoryStore();
                q.UseDefaultThreadPool(maxConcurrency: 1);
                q.AddJob<InspectionJob>(j => j.WithIdentity(InspectionJob.Key).StoreDurably());
            });
        });
        await using (var scope = _services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test"));
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        await using var db = await _services.NewContextAsync();
        var center = new Center("TEST", "测试中心", "测试地址");
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        var room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        db.AddRange(center, zone, room);
        db.Equipment.AddRange(
            new Equipment("SB-K201-01", "第一开标室录音录像系统", EquipmentCategory.Recorder, zone.Id, room.Id, true, null, null, null, new DateOnly(2024, 1, 1), null, "test", _clock.GetUtcNow()),
            new Equipment("SB-K201-02", "第一开标室开标解密终端", EquipmentCategory.Decryptor, zone.Id, room.Id, true, null, null, null, new DateOnly(2024, 1, 1), null, "test", _clock.GetUtcNow()),
            new Equipment("SB-K201-03", "第一开标室投影仪", EquipmentCategory.Projector, zone.Id, room.Id, false, null, null, null, new DateOnly(2024, 1, 1), null, "test", _clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_started) await (await _services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Shutdown(waitForJobsToComplete: true);
        await _services.DisposeAsync();
    }

    private async Task FireAsync(bool generate)
    {
        var scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var done = new TaskCompletionSource<JobExecutionException?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new Done(done);
        scheduler.ListenerManager.AddJobListener(listener);
        if (!_started) await scheduler.Start();
        _started = true;
        var data = new JobDataMap();
        if (generate) data[InspectionJob.Generate] = "true";
        await scheduler.TriggerJob(InspectionJob.Key, data);
        var failure = await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        scheduler.ListenerManager.RemoveJobListener(listener.Name);
        Assert.Null(failure);
    }

    private sealed class Done(TaskCompletionSource<JobExecutionException?> done) : IJobListener
    {
        public string Name { get; } = $"done-{Guid.NewGuid():N}";
        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;
        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;
        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            done.TrySetResult(jobException);
            return default;
        }
    }

    [Fact]
    public async Task The_generating_firing_makes_the_days_tasks_once_and_the_five_minute_firing_raises_the_overdue_alert()
    {
        await FireAsync(generate: false); // the five-minute check alone makes no task
        await using (var db = await _services.NewContextAsync())
            Assert.Equal(0, await db.InspectionTasks.CountAsync());

        await FireAsync(generate: true);
        await FireAsync(generate: true); // at start and at 06:00 on the same day: nothing twice
        await using (var db = await _services.NewContextAsync())
        {
            var tasks = await db.InspectionTasks.ToListAsync();
            // A make-up Saturday has the daily round: the recorder and the decryptor, not the weekly projector.
            Assert.Equal([EquipmentCategory.Recorder, EquipmentCategory.Decryptor], tasks.Select(t => t.Category).Order());
            Assert.All(tasks, t => Assert.Equal(MakeUpSaturday, t.Day));
            var ids = tasks.Select(t => t.Id.ToString()).ToList();
            var audit = await db.AuditEntries.Where(a => a.Entity == nameof(InspectionTask)).ToListAsync();
            Assert.Equal(2, audit.Count(a => ids.Contains(a.Key) && a.ActorName == "job:inspections"));
        }

        _clock.SetUtcNow(CenterTime.At(MakeUpSaturday, new TimeOnly(9, 30)));
        await FireAsync(generate: false);
        await using (var db = await _services.NewContextAsync())
        {
            var alert = await db.OpsAlerts.SingleAsync(a => a.ClearedAt == null);
            Assert.Equal((OpsAlertKind.InspectionOverdue, InspectionPlan.AlertKey(MakeUpSaturday)), (alert.Kind, alert.Key));
        }
    }
}
