namespace TradingOps.Core.Calendar;

/// <summary>Port: the current working-day calendar (official schedules as maintained by admins).</summary>
public interface IWorkdayCalendarProvider
{
    ValueTask<WorkdayCalendar> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Drop the cached calendar after admins changed the schedule.</summary>
    void Invalidate();
}
