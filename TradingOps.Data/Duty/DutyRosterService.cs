using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Live;

namespace TradingOps.Data.Duty;

/// <summary>A person who can be put on the roster (active staff), as the picker lists them.</summary>
public sealed record RosterStaff(Guid Id, string Name, string Department, string? Phone);

/// <summary>The roster of a period on the calendar: its slots (day, shift), the rows, what keeps it from being complete.</summary>
public sealed record RosterPeriod(DateOnly From, DateOnly To, IReadOnlyList<RosterSlot> Slots, IReadOnlyList<DutyAssignment> Rows,
    IReadOnlyList<RosterProblem> Problems, WorkdayCalendar Calendar)
{
    /// <summary>The people of one slot and role in calling order.</summary>
    public IReadOnlyList<DutyAssignment> People(DateOnly day, DutyShift shift, DutyRole role) => DutyRoster.OnDuty(Rows, day, shift, role);
}

/// <summary>
/// 值班表 (issue 21): read on the holiday calendar (a working day has a day and an evening shift, any other day one holiday
/// shift: <see cref="DutyRoster.ShiftsOf"/>), edited by admins per day, shift and role in calling order, a week copied
/// onto another. Each edit is validated (<see cref="DutyRosterRules.CheckSet"/>, Chinese errors, nothing saved when
/// refused), audited by the interceptor and published (<see cref="DutyRosterChanged"/>) after commit.
/// </summary>
public sealed class DutyRosterService(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    IOptions<DutyOptions> options,
    ICurrentActor actor,
    ILiveEventPublisher live,
    TimeProvider clock)
{
    /// <summary>The roster of [<paramref name="from"/>, <paramref name="to"/>] with its slots on the calendar and its problems.</summary>
    public async Task<RosterPeriod> PeriodAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) throw new DomainException("Duty.Period", "结束日期不能早于开始日期");
        if (to.DayNumber - from.DayNumber > 62) throw new DomainException("Duty.Period", "一次最多查看两个月的值班表");
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DutyAssignments.AsNoTracking().Where(a => a.Day >= from && a.Day <= to).ToListAsync(ct);
        rows = rows.OrderBy(a => a.Day).ThenBy(a => a.Shift).ThenBy(a => a.Role).ThenBy(a => a.Order).ToList();
        return new RosterPeriod(from, to, DutyRosterRules.Slots(calendar, from, to), rows, DutyRosterRules.Problems(calendar, from, to, rows), calendar);
    }

    /// <summary>Who is on duty at <paramref name="at"/> (now when null), per role in calling order, with phones.</summary>
    public async Task<DutyNowView> NowAsync(DateTimeOffset? at = null, CancellationToken ct = default)
    {
        var when = at ?? clock.GetUtcNow();
        var calendar = await calendars.GetAsync(ct);
        var (day, shift) = DutyRoster.ShiftAt(calendar, when, options.Value);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DutyAssignments.AsNoTracking().Where(a => a.Day == day && a.Shift == shift).ToListAsync(ct);
        var ids = rows.Select(r => r.StaffId).Distinct().ToList();
        var phones = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Phone, ct);
        return DutyNowView.At(calendar, when, options.Value, rows, phones);
    }

    /// <summary>Active staff, by name (the people the roster may name).</summary>
    public async Task<IReadOnlyList<RosterStaff>> StaffAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var staff = await db.Staff.AsNoTracking().Where(s => s.IsActive).ToListAsync(ct);
        return staff.OrderBy(s => s.Department).ThenBy(s => s.Name).Select(s => new RosterStaff(s.Id, s.Name, s.Department, s.Phone)).ToList();
    }

    /// <summary>
    /// Sets the people of one shift and role, in calling order (empty clears it). Refused, with nothing saved, when the
    /// shift is not on the calendar that day, has already ended, names someone twice or someone inactive, or someone
    /// already in another role of the shift.
    /// </summary>
    public async Task SetAsync(DateOnly day, DutyShift shift, DutyRole role, IReadOnlyList<Guid> staffInOrder, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var now = clock.GetUtcNow();
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var shiftRows = await db.DutyAssignments.Where(a => a.Day == day && a.Shift == shift).ToListAsync(ct);
        if (DutyRosterRules.CheckSet(calendar, day, shift, role, staffInOrder, shiftRows) is { } error)
            throw new DomainException("Duty.Roster", error);
        if (DutyRosterRules.Ends(day, shift, options.Value) <= now)
            throw new DomainException("Duty.Past", $"{day:yyyy-MM-dd} {DutyRosterRules.ShiftName(shift)}已结束，不能再修改");
        var people = await ActiveStaffAsync(db, staffInOrder, ct);
        if (shiftRows.Where(a => a.Role == role).OrderBy(a => a.Order).Select(a => a.StaffId).SequenceEqual(staffInOrder)) return; // nothing changed
        // One transaction, under the provider's retry strategy (PostgreSQL, SQL Server): a retried attempt starts from the database.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(cancel);
            db.DutyAssignments.RemoveRange(await db.DutyAssignments.Where(a => a.Day == day && a.Shift == shift && a.Role == role).ToListAsync(cancel));
            await db.SaveChangesAsync(cancel); // the unique (day, shift, role, order) is free before the new order is written
            db.DutyAssignments.AddRange(staffInOrder.Select((id, i) => new DutyAssignment(day, shift, role, i + 1, id, people[id], who.Name, now)));
            await db.SaveChangesAsync(cancel);
            await tx.CommitAsync(cancel);
        }, ct);
        await live.PublishAsync(new DutyRosterChanged(now, day, day), ct);
    }

    /// <summary>
    /// Copies the week starting <paramref name="sourceMonday"/> onto the week starting <paramref name="targetMonday"/>, day by
    /// weekday, each target shift on the calendar taking the source's same shift (a holiday target takes the source's
    /// day shift; a working-day target of a holiday source takes its holiday shift). Slots of the target already filled,
    /// and shifts already over, are left as they are. Returns how many people were rostered.
    /// </summary>
    public async Task<int> CopyWeekAsync(DateOnly sourceMonday, DateOnly targetMonday, CancellationToken ct = default)
    {
        if (sourceMonday.DayOfWeek != DayOfWeek.Monday || targetMonday.DayOfWeek != DayOfWeek.Monday)
            throw new DomainException("Duty.Week", "请选择周一作为周的开始");
        if (sourceMonday == targetMonday) throw new DomainException("Duty.Week", "源周与目标周相同");
        var who = await actor.GetAsync(ct);
        var now = clock.GetUtcNow();
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var source = await db.DutyAssignments.AsNoTracking().Where(a => a.Day >= sourceMonday && a.Day <= sourceMonday.AddDays(6)).ToListAsync(ct);
        if (source.Count == 0) throw new DomainException("Duty.Week", $"{sourceMonday:yyyy-MM-dd} 起的一周没有排班可复制");
        var target = await db.DutyAssignments.AsNoTracking().Where(a => a.Day >= targetMonday && a.Day <= targetMonday.AddDays(6)).ToListAsync(ct);
        var active = (await db.Staff.AsNoTracking().Where(s => s.IsActive).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var added = new List<DutyAssignment>();
        for (var i = 0; i < 7; i++)
        {
            var from = sourceMonday.AddDays(i);
            var to = targetMonday.AddDays(i);
            var fromShifts = DutyRoster.ShiftsOf(calendar, from);
            foreach (var shift in DutyRoster.ShiftsOf(calendar, to))
            {
                if (DutyRosterRules.Ends(to, shift, options.Value) <= now) continue;
                var sourceShift = fromShifts.Contains(shift) ? shift : fromShifts[0];
                foreach (var role in DutyRosterRules.Roles)
                {
                    if (target.Any(a => a.Day == to && a.Shift == shift && a.Role == role)) continue;
                    var taken = added.Concat(target).Where(a => a.Day == to && a.Shift == shift).Select(a => a.StaffId).ToHashSet();
                    var order = 0;
                    foreach (var a in DutyRoster.OnDuty(source, from, sourceShift, role).Where(a => active.Contains(a.StaffId) && !taken.Contains(a.StaffId)))
                        added.Add(new DutyAssignment(to, shift, role, ++order, a.StaffId, a.StaffName, who.Name, now));
                }
            }
        }
        if (added.Count == 0) return 0;
        db.DutyAssignments.AddRange(added);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new DutyRosterChanged(now, targetMonday, targetMonday.AddDays(6)), ct);
        return added.Count;
    }

    private static async Task<Dictionary<Guid, string>> ActiveStaffAsync(TradingOpsDbContext db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var found = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        foreach (var id in ids)
        {
            var s = found.FirstOrDefault(x => x.Id == id) ?? throw new DomainException("Duty.Staff", "所选值班人不存在");
            if (!s.IsActive) throw new DomainException("Duty.Staff", $"{s.Name} 已离职，不能排班");
        }
        return found.ToDictionary(s => s.Id, s => s.Name);
    }
}
