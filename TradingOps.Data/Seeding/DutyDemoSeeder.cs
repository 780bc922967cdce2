using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Seeding;

/// <summary>
/// The demo's duty roster (issue 21): from the Monday of last week for five weeks, every shift on the holiday calendar
/// (a working day's day and evening shifts, any other day's holiday shift) with a duty manager, technicians (three in
/// calling order, so an alert has somewhere to escalate) and security. The demo accounts are on it: "duty" and
/// "supervisor" lead as duty manager in turn, "staff" is the first technician every other day, so signing in as them
/// shows alerts of one's own. One security slot on the last weekend is left empty to show a gap. Seeded once (while the
/// roster is empty).
/// </summary>
public static class DutyDemoSeeder
{
    public static async Task SeedAsync(TradingOpsDbContext db, WorkdayCalendar calendar, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.DutyAssignments.AnyAsync(ct)) return;
        var staff = await db.Staff.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.EmployeeNo).ToListAsync(ct);
        var accounts = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName }).ToListAsync(ct);
        Staff? Of(string userName) => accounts.FirstOrDefault(a => a.UserName == userName) is { } a ? staff.FirstOrDefault(s => s.UserId == a.Id) : null;
        var duty = Of("duty");
        var supervisor = Of("supervisor");
        var clerk = Of("staff");
        var linked = new[] { duty, supervisor, clerk, Of("admin") }.Where(s => s is not null).Select(s => s!.Id).ToHashSet();
        var others = staff.Where(s => !linked.Contains(s.Id)).ToList();
        if (others.Count < 7) return; // not the demo center
        var managers = new[] { duty ?? others[5], supervisor ?? others[6] };
        var technicians = others.Take(3).ToList();
        var security = others.Skip(3).Take(2).ToList();

        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var from = today.AddDays(-7 - ((int)today.DayOfWeek + 6) % 7);
        var to = from.AddDays(5 * 7 - 1);
        var rows = new List<DutyAssignment>();
        var index = 0;
        foreach (var slot in DutyRosterRules.Slots(calendar, from, to))
        {
            var n = index++;
            Add(rows, slot, DutyRole.DutyManager, [managers[n % 2], managers[(n + 1) % 2]], now);
            var techs = Enumerable.Range(0, 3).Select(i => technicians[(n + i) % 3]).ToList();
            if (clerk is not null && n % 2 == 0) techs = [clerk, .. techs.Take(2)];
            Add(rows, slot, DutyRole.Technician, techs, now);
            if (slot.Day > to.AddDays(-2) && slot.Shift == DutyShift.Holiday) continue; // the demo's gap
            Add(rows, slot, DutyRole.Security, [security[n % 2]], now);
        }
        db.DutyAssignments.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    private static void Add(List<DutyAssignment> rows, RosterSlot slot, DutyRole role, IReadOnlyList<Staff> people, DateTimeOffset now)
    {
        for (var i = 0; i < people.Count; i++)
            rows.Add(new DutyAssignment(slot.Day, slot.Shift, role, i + 1, people[i].Id, people[i].Name, "system:demo-seed", now));
    }
}
