using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Live;

namespace TradingOps.Data.Calendar;

public sealed record CalendarYearSummary(int Year, string? Source, int Holidays, int AdjustedWorkdays, bool Official);

/// <summary>Admins maintain the yearly holiday schedules; every change is audited and refreshes the calendar.</summary>
public sealed class CalendarAdminService(
    IDbContextFactory<TradingOpsDbContext> factory, IWorkdayCalendarProvider calendar, ILiveEventPublisher live, TimeProvider clock)
{
    public async Task<IReadOnlyList<CalendarYearSummary>> YearsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var years = await db.CalendarYears.AsNoTracking().ToListAsync(ct);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        return years.Select(y => y.Year).Union(days.Select(d => d.Date.Year)).Order()
            .Select(year => new CalendarYearSummary(year,
                years.FirstOrDefault(y => y.Year == year)?.Source,
                days.Count(d => d.Date.Year == year && d.Kind == CalendarDayKind.Holiday),
                days.Count(d => d.Date.Year == year && d.Kind == CalendarDayKind.AdjustedWorkday),
                years.Any(y => y.Year == year)))
            .ToList();
    }

    public async Task<IReadOnlyList<CalendarDay>> DaysAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date).ToListAsync(ct);
    }

    /// <summary>Marks a year's official schedule as entered (its source: the State Council notice).</summary>
    public async Task SaveYearAsync(int year, string source, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.CalendarYears.FindAsync([year], ct);
        if (existing is null) db.CalendarYears.Add(new CalendarYear(year, source));
        else existing.ChangeSource(source);
        await db.SaveChangesAsync(ct);
        await ChangedAsync(year, ct);
    }

    /// <summary>Adds or changes one holiday or adjusted workday.</summary>
    public async Task SaveDayAsync(DateOnly date, CalendarDayKind kind, string name, CancellationToken ct = default)
    {
        if (kind == CalendarDayKind.AdjustedWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            throw new DomainException("Calendar.AdjustedWorkdayOnWeekday", $"{date:yyyy-MM-dd} 是工作日，无需设为调休上班日");
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.CalendarDays.FindAsync([date], ct);
        if (existing is null) db.CalendarDays.Add(new CalendarDay(date, kind, name));
        else existing.Change(kind, name);
        await db.SaveChangesAsync(ct);
        await ChangedAsync(date.Year, ct);
    }

    public async Task DeleteDayAsync(DateOnly date, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.CalendarDays.FindAsync([date], ct)
                       ?? throw new DomainException("Calendar.DayNotFound", $"{date:yyyy-MM-dd} 不在节假日安排中");
        db.CalendarDays.Remove(existing);
        await db.SaveChangesAsync(ct);
        await ChangedAsync(date.Year, ct);
    }

    /// <summary>This node drops its cached calendar now; the event tells the other nodes and open screens.</summary>
    private async Task ChangedAsync(int year, CancellationToken ct)
    {
        calendar.Invalidate();
        await live.PublishAsync(new WorkCalendarChanged(clock.GetUtcNow(), year), ct);
    }

    /// <summary>Loads the official schedules shipped with the app for years not in the database yet.</summary>
    public static async Task ImportShippedAsync(TradingOpsDbContext db, CancellationToken ct = default)
    {
        var known = await db.CalendarYears.Select(y => y.Year).ToListAsync(ct);
        foreach (var schedule in OfficialSchedule.Shipped().Where(s => !known.Contains(s.Year)))
        {
            var from = new DateOnly(schedule.Year, 1, 1);
            var to = new DateOnly(schedule.Year, 12, 31);
            var existing = await db.CalendarDays.Where(d => d.Date >= from && d.Date <= to).Select(d => d.Date).ToListAsync(ct);
            db.CalendarYears.Add(new CalendarYear(schedule.Year, schedule.Source));
            db.CalendarDays.AddRange(schedule.Days.Where(d => !existing.Contains(d.Date)));
        }
        await db.SaveChangesAsync(ct);
    }
}
