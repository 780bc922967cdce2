using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Calendar;
using TradingOps.Core.Duty;
using TradingOps.Core.Live;

namespace TradingOps.Data.Duty;

/// <summary>
/// The one way an operations alert is raised and cleared (issue 21): device silence, overdue inspections, faults that
/// take a room out, integrations down. Raising is idempotent per key (one open alert per condition, also across nodes:
/// the filtered unique index decides); a new alert is assigned to the first person on duty in its role. Every change is
/// published (<see cref="OpsAlertChanged"/>) after commit.
/// </summary>
public sealed class OpsAlertService(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    IOptions<DutyOptions> options,
    ILiveEventPublisher live,
    TimeProvider clock)
{
    /// <summary>Raises the alert for <paramref name="key"/>, or refreshes its text when it is already open. Returns the open alert.</summary>
    public async Task<OpsAlertRow> RaiseAsync(OpsAlertKind kind, string key, string title, string? detail, Guid? roomId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var open = await db.OpsAlerts.SingleOrDefaultAsync(a => a.Key == key && a.ClearedAt == null, ct);
        if (open is not null)
        {
            if (open.Title == title && open.Detail == detail) return open.ToRow();
            open.Refresh(title, detail);
            await db.SaveChangesAsync(ct);
            await live.PublishAsync(new OpsAlertChanged(now, open.ToRow()), ct);
            return open.ToRow();
        }
        var alert = new OpsAlert(kind, key, title, detail, roomId, now);
        var first = await OnDutyAsync(db, alert.Role, now, ct);
        var who = DutyRoster.AtLevel(first, 0);
        alert.Assign(who?.StaffId, who?.StaffName, 0, now);
        db.OpsAlerts.Add(alert);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node raised it a moment earlier: theirs is the alert.
            await using var again = await factory.CreateDbContextAsync(ct);
            var theirs = await again.OpsAlerts.AsNoTracking().SingleOrDefaultAsync(a => a.Key == key && a.ClearedAt == null, ct);
            if (theirs is null) throw;
            return theirs.ToRow();
        }
        await live.PublishAsync(new OpsAlertChanged(now, alert.ToRow()), ct);
        return alert.ToRow();
    }

    /// <summary>Clears the open alert for <paramref name="key"/> (the condition is gone); false when none was open.</summary>
    public async Task<bool> ClearAsync(string key, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var open = await db.OpsAlerts.SingleOrDefaultAsync(a => a.Key == key && a.ClearedAt == null, ct);
        if (open is null) return false;
        open.Clear(now);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new OpsAlertChanged(now, open.ToRow()), ct);
        return true;
    }

    /// <summary>The open alerts, oldest first.</summary>
    public async Task<IReadOnlyList<OpsAlertRow>> OpenAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var open = await db.OpsAlerts.AsNoTracking().Where(a => a.ClearedAt == null).ToListAsync(ct);
        return open.OrderBy(a => a.RaisedAt).Select(a => a.ToRow()).ToList();
    }

    /// <summary>Who is on duty in <paramref name="role"/> at <paramref name="at"/>, in calling order.</summary>
    public async Task<IReadOnlyList<DutyAssignment>> OnDutyAsync(TradingOpsDbContext db, DutyRole role, DateTimeOffset at, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        var (day, shift) = DutyRoster.ShiftAt(calendar, at, options.Value);
        var rows = await db.DutyAssignments.AsNoTracking().Where(a => a.Day == day && a.Shift == shift && a.Role == role).ToListAsync(ct);
        return DutyRoster.OnDuty(rows, day, shift, role);
    }
}
