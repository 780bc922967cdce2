using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Facilities;
using TradingOps.Data.Duty;

namespace TradingOps.Data.Facilities;

/// <summary>A task as the day's list shows it.</summary>
public sealed record InspectionRow(InspectionTask Task, string EquipmentCode, string EquipmentName, string ZoneName, string? RoomCode, string? RoomName,
    EquipmentState EquipmentState = EquipmentState.InService)
{
    public string Place => RoomCode is null ? ZoneName : $"{RoomCode} {RoomName}";
}

/// <summary>What the overdue check found: how many tasks are overdue, alerts raised and cleared.</summary>
public sealed record OverdueCheck(int Overdue, int Raised, int Cleared);

/// <summary>
/// 巡检: makes the day's tasks from the schedules (<see cref="InspectionPlan"/> decides what is due), raises the
/// overdue alert through <see cref="OpsAlertService"/> and clears it when nothing is overdue any more, and records a
/// person's results. Generation is idempotent: the unique (equipment, day) index keeps one task per item and day,
/// whichever node or run makes it first.
/// </summary>
public sealed class InspectionService(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    OpsAlertService alerts,
    ICurrentActor actor,
    IOptions<FacilityOptions> options,
    TimeProvider clock)
{
    /// <summary>Creates the missing tasks of <paramref name="day"/>: one per in-service item of each category due; returns how many were created.</summary>
    public async Task<int> GenerateAsync(DateOnly day, CancellationToken ct = default)
    {
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var missing = await MissingAsync(db, calendar, day, clock.GetUtcNow(), ct);
        if (missing.Count == 0) return 0;
        db.InspectionTasks.AddRange(missing);
        try
        {
            await db.SaveChangesAsync(ct);
            return missing.Count;
        }
        catch (DbUpdateException)
        {
            // Another node made some of them at the same moment: add what is still missing one by one.
            var created = 0;
            foreach (var task in missing)
            {
                await using var one = await factory.CreateDbContextAsync(ct);
                if (await one.InspectionTasks.AnyAsync(t => t.EquipmentId == task.EquipmentId && t.Day == day, ct)) continue;
                one.InspectionTasks.Add(task);
                try
                {
                    await one.SaveChangesAsync(ct);
                    created++;
                }
                catch (DbUpdateException) { }
            }
            return created;
        }
    }

    /// <summary>The tasks <paramref name="day"/> still lacks (made, not saved): the one place that says what a day's tasks are.</summary>
    public static async Task<List<InspectionTask>> MissingAsync(TradingOpsDbContext db, WorkdayCalendar calendar, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        var schedules = await db.InspectionSchedules.AsNoTracking().ToListAsync(ct);
        var due = InspectionPlan.DueOn(schedules, calendar, day);
        if (due.Count == 0) return [];
        var categories = due.Select(s => s.Category).ToList();
        var equipment = await db.Equipment.AsNoTracking()
            .Where(e => e.State == EquipmentState.InService && categories.Contains(e.Category)).ToListAsync(ct);
        var existing = (await db.InspectionTasks.AsNoTracking().Where(t => t.Day == day).Select(t => t.EquipmentId).ToListAsync(ct)).ToHashSet();
        var byCategory = due.ToDictionary(s => s.Category);
        return equipment.Where(e => !existing.Contains(e.Id)).OrderBy(e => e.Code)
            .Select(e =>
            {
                var schedule = byCategory[e.Category];
                return new InspectionTask(e, schedule, day, InspectionPlan.DueAt(day, schedule.DueBy), now);
            }).ToList();
    }

    /// <summary>
    /// Raises one alert per day with tasks open past due + grace (its text says how many and where) and clears the alert
    /// of every day that has none any more.
    /// </summary>
    public async Task<OverdueCheck> CheckOverdueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var grace = options.Value.InspectionGraceMinutes;
        List<InspectionRow> overdue;
        List<string> openKeys;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var tasks = await db.InspectionTasks.AsNoTracking().Where(InspectionPlan.Overdue(now, grace)).ToListAsync(ct);
            // Equipment retired since its task was made is not inspected any more: its open task does not alert.
            overdue = (await RowsAsync(db, tasks, ct)).Where(r => r.EquipmentState != EquipmentState.Retired).ToList();
            openKeys = await db.OpsAlerts.AsNoTracking()
                .Where(a => a.Kind == OpsAlertKind.InspectionOverdue && a.ClearedAt == null).Select(a => a.Key).ToListAsync(ct);
        }
        var raised = 0;
        var byDay = overdue.GroupBy(r => r.Task.Day).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (day, rows) in byDay.OrderBy(d => d.Key))
        {
            var key = InspectionPlan.AlertKey(day);
            var places = rows.Select(r => r.RoomCode ?? r.ZoneName).Distinct().Order().ToList();
            var detail = $"{day:M月d日}应完成的巡检尚有 {rows.Count} 项未完成：{string.Join("、", places.Take(12))}{(places.Count > 12 ? " 等" : "")}";
            await alerts.RaiseAsync(OpsAlertKind.InspectionOverdue, key, $"巡检逾期 {rows.Count} 项", Truncate(detail, OpsAlert.DetailMaxLength),
                places.Count == 1 ? rows[0].Task.RoomId : null, ct);
            if (!openKeys.Contains(key)) raised++;
        }
        var cleared = 0;
        foreach (var key in openKeys)
        {
            if (InspectionPlan.DayOfAlertKey(key) is { } day && byDay.ContainsKey(day)) continue;
            if (await alerts.ClearAsync(key, ct)) cleared++;
        }
        return new OverdueCheck(overdue.Count, raised, cleared);
    }

    /// <summary>
    /// Records the result of a task (every item pass or fail; notes required when any failed), then re-checks the
    /// overdue alert so completing the last overdue task clears it at once.
    /// </summary>
    public async Task<InspectionTask> CompleteAsync(Guid taskId, IReadOnlyList<bool> passed, string? notes, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var now = clock.GetUtcNow();
        InspectionTask task;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            task = await db.InspectionTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct)
                   ?? throw new DomainException("Inspection.NotFound", "巡检任务不存在");
            task.Complete(passed, notes, who.Name, now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new DomainException("Inspection.Done", "该巡检任务已经完成");
            }
        }
        await CheckOverdueAsync(now, ct);
        return task;
    }

    /// <summary>A day's tasks by place (room or zone), then equipment.</summary>
    public async Task<IReadOnlyList<InspectionRow>> DayAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var tasks = await db.InspectionTasks.AsNoTracking().Where(t => t.Day == day).ToListAsync(ct);
        return (await RowsAsync(db, tasks, ct)).OrderBy(r => r.ZoneName).ThenBy(r => r.RoomCode ?? "").ThenBy(r => r.EquipmentCode).ToList();
    }

    public async Task<InspectionRow?> TaskAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var task = await db.InspectionTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return task is null ? null : (await RowsAsync(db, [task], ct)).Single();
    }

    private static async Task<List<InspectionRow>> RowsAsync(TradingOpsDbContext db, List<InspectionTask> tasks, CancellationToken ct)
    {
        if (tasks.Count == 0) return [];
        var ids = tasks.Select(t => t.EquipmentId).Distinct().ToList();
        var equipment = await db.Equipment.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var (zones, rooms) = await EquipmentQueries.PlacesAsync(db, ct);
        return tasks.Select(t =>
        {
            var e = equipment[t.EquipmentId];
            var room = t.RoomId is { } r ? rooms.GetValueOrDefault(r) : null;
            return new InspectionRow(t, e.Code, e.Name, zones.GetValueOrDefault(e.ZoneId)?.Name ?? "", room?.Code, room?.Name, e.State);
        }).ToList();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
