using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Live;
using TradingOps.Core.Notifications;

namespace TradingOps.Data.Duty;

/// <summary>
/// The one way an operations alert is raised and cleared (issue 21): device silence, overdue inspections, faults that
/// take a room out, integrations down. Raising is idempotent per key (one open alert per condition, also across nodes:
/// the filtered unique index decides); a new alert is assigned to the first person on duty in its role. Every change is
/// published (<see cref="OpsAlertChanged"/>) after commit. The assignee is told by SMS through the outbox in the same
/// transaction (<see cref="DutyNotices"/>); an alert nobody acknowledged within Duty:EscalateAfterMinutes goes to the next
/// on the roster (<see cref="EscalateAsync"/>, the escalation job every minute), told again; the assignee (or a duty
/// manager) acknowledges it (<see cref="AcknowledgeAsync"/>). Every change is audited by the interceptor (who, when).
/// </summary>
public sealed class OpsAlertService(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    IOptions<DutyOptions> options,
    ILiveEventPublisher live,
    TimeProvider clock,
    ICurrentActor? actor = null) // optional so code that builds the service with the foundation's five arguments still compiles; DI always supplies it
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
        if (who is not null && await NoticeAsync(db, alert, who, now, ct) is { } sms) db.OutboxMessages.Add(sms);
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

    /// <summary>
    /// Escalates every open alert nobody acknowledged within Duty:EscalateAfterMinutes of its assignee being told: it goes
    /// to the next person on the roster for its role now (<see cref="DutyRoster.AtLevel"/>), who is told by SMS. Past the
    /// last person, the last is reminded. An alert raised when nobody was rostered goes to the first on duty once someone
    /// is. Returns the alerts escalated (idempotent: an alert just escalated waits its full time again).
    /// </summary>
    public async Task<IReadOnlyList<OpsAlertRow>> EscalateAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var due = now.ToUniversalTime().AddMinutes(-options.Value.EscalateAfterMinutes);
        await using var db = await factory.CreateDbContextAsync(ct);
        var waiting = await db.OpsAlerts.Where(a => a.ClearedAt == null && a.AcknowledgedAt == null && a.LastNotifiedAt <= due).ToListAsync(ct);
        var unassigned = await db.OpsAlerts.Where(a => a.ClearedAt == null && a.AcknowledgedAt == null && a.AssignedStaffId == null).ToListAsync(ct);
        var changed = new List<OpsAlert>();
        foreach (var alert in waiting.Concat(unassigned.Where(u => waiting.All(w => w.Id != u.Id))).OrderBy(a => a.RaisedAt))
        {
            var onDuty = await OnDutyAsync(db, alert.Role, now, ct);
            if (onDuty.Count == 0) continue; // nobody rostered: the alert stays on the wall unassigned
            // Nobody was rostered when it was raised: the first on duty now gets it; otherwise the next in the calling order.
            var level = alert.AssignedStaffId is null ? alert.EscalationLevel : alert.EscalationLevel + 1;
            var who = DutyRoster.AtLevel(onDuty, level)!;
            alert.Assign(who.StaffId, who.StaffName, level, now);
            if (await NoticeAsync(db, alert, who, now, ct) is { } sms) db.OutboxMessages.Add(sms);
            changed.Add(alert);
        }
        if (changed.Count == 0) return [];
        await db.SaveChangesAsync(ct);
        var rows = changed.Select(a => a.ToRow()).ToList();
        foreach (var row in rows) await live.PublishAsync(new OpsAlertChanged(now, row), ct);
        return rows;
    }

    /// <summary>
    /// The person acknowledges the alert (who and when recorded, audited): only its assignee, or a duty manager/admin acting
    /// for the roster (<paramref name="mayActForOthers"/>, which the page sets from the user's roles). Refused in Chinese
    /// when it is cleared, already acknowledged, or not the caller's.
    /// </summary>
    public async Task<OpsAlertRow> AcknowledgeAsync(Guid alertId, bool mayActForOthers = false, CancellationToken ct = default)
    {
        var who = actor is null ? Actor.Anonymous : await actor.GetAsync(ct);
        if (who.Kind != ActorKind.User) throw new DomainException("Alert.NotAPerson", "告警须由值班人员本人确认");
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var alert = await db.OpsAlerts.SingleOrDefaultAsync(a => a.Id == alertId, ct)
                    ?? throw new DomainException("Alert.NotFound", "找不到该告警");
        var staff = await db.Staff.AsNoTracking().Where(s => s.UserId == who.UserId).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
        if (!mayActForOthers && (staff is null || staff.Id != alert.AssignedStaffId))
            throw new DomainException("Alert.NotYours", alert.AssignedName is null ? "该告警尚未分派，只有值班主任可以确认" : $"该告警由 {alert.AssignedName} 负责，只有本人或值班主任可以确认");
        // Recorded under the person's name as the roster knows it (the account name when the account is no staff member's).
        alert.Acknowledge(staff?.Name ?? who.Name, now);
        await db.SaveChangesAsync(ct);
        var row = alert.ToRow();
        await live.PublishAsync(new OpsAlertChanged(now, row), ct);
        return row;
    }

    /// <summary>Alerts cleared in the last <paramref name="hours"/> hours, latest first (at most 50).</summary>
    public async Task<IReadOnlyList<OpsAlertRow>> RecentlyClearedAsync(int hours = 24, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().AddHours(-Math.Clamp(hours, 1, 24 * 31));
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.OpsAlerts.AsNoTracking().Where(a => a.ClearedAt != null && a.ClearedAt >= since).ToListAsync(ct);
        return rows.OrderByDescending(a => a.ClearedAt).Take(50).Select(a => a.ToRow()).ToList();
    }

    /// <summary>The call list of <paramref name="role"/> now: who is on duty in calling order, with their phones (staff screens only).</summary>
    public async Task<IReadOnlyList<DutyNowPerson>> CallListAsync(DutyRole role, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var onDuty = await OnDutyAsync(db, role, now, ct);
        var ids = onDuty.Select(a => a.StaffId).ToList();
        var phones = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Phone, ct);
        return onDuty.Select(a => new DutyNowPerson(a.Role, a.Order, a.StaffId, a.StaffName, phones.GetValueOrDefault(a.StaffId))).ToList();
    }

    /// <summary>The SMS telling <paramref name="who"/> about the alert (null: no phone on record).</summary>
    private static async Task<OutboxMessage?> NoticeAsync(TradingOpsDbContext db, OpsAlert alert, DutyAssignment who, DateTimeOffset now, CancellationToken ct)
    {
        var phone = await db.Staff.AsNoTracking().Where(s => s.Id == who.StaffId).Select(s => s.Phone).FirstOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var center = await db.Centers.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "公共资源交易中心";
        return DutyNotices.For(alert, who.StaffName, phone, center, now);
    }
}
