using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Facilities;

/// <summary>The inspection job as the app schedules it: stored in the database with its 06:00, start-up and five-minute triggers.</summary>
[FullLane]
public sealed class InspectionJobScheduleTests
{
    [Fact]
    public async Task The_app_schedules_generation_at_six_center_time_and_at_start_and_the_overdue_check_every_five_minutes()
    {
        using var app = new TradingOpsApp { RunJobs = true };
        _ = app.Server;
        await using var db = await app.Services.NewContextAsync();
        var triggers = await db.Database.SqlQueryRaw<string>("SELECT TRIGGER_NAME AS \"Value\" FROM QRTZ_TRIGGERS WHERE JOB_NAME = 'inspections'").ToListAsync();
        Assert.Equal(["inspections-generate-0600", "inspections-generate-at-start", "inspections-overdue-every-5-minutes"], triggers.Order());

        var next = await db.Database.SqlQueryRaw<long?>("SELECT NEXT_FIRE_TIME AS \"Value\" FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'inspections-generate-0600'").SingleAsync();
        Assert.Equal(new TimeOnly(6, 0), TimeOnly.FromDateTime(CenterTime.ToLocal(new DateTimeOffset(next!.Value, TimeSpan.Zero)).DateTime));
        var every = await db.Database.SqlQueryRaw<long>("SELECT REPEAT_INTERVAL AS \"Value\" FROM QRTZ_SIMPLE_TRIGGERS WHERE TRIGGER_NAME = 'inspections-overdue-every-5-minutes'").SingleAsync();
        Assert.Equal(TimeSpan.FromMinutes(5).TotalMilliseconds, every);
        SqliteConnection.ClearAllPools();
    }
}
