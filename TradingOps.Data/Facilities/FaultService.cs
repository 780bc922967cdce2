using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Facilities;
using TradingOps.Core.Floor;
using TradingOps.Data.Duty;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;

namespace TradingOps.Data.Facilities;

/// <summary>A fault as reported: on a piece of equipment, from its page, its room's page or a failed inspection.</summary>
public sealed record FaultReport(Guid EquipmentId, FaultSource Source, FaultSeverity Severity, string? Description, Guid? InspectionTaskId = null);

/// <summary>The fault saved, and when it took the room out, the venue desk's outage with the bookings it hits and their proposals.</summary>
public sealed record FaultReported(Fault Fault, OutageImpact? Outage);

/// <summary>
/// 故障报修与维修 (issue 21 item 3). A fault is checked whole before anything is saved. When it takes the room out
/// (<see cref="FaultRules.TakesRoomOut"/>) the room goes out of service through the venue desk's own mechanism
/// (<see cref="OutageService.CreateAsync"/>: impacted bookings, relocation proposals offered to the agencies) for
/// Facilities:FaultOutageHours, the fault is linked to that outage, the equipment marked Faulty and an operations alert
/// raised (<see cref="OpsAlertService"/>, key <c>fault:{id}</c>). The repair ends the outage (the room back in service),
/// puts the equipment back in service when no other fault of it is open, and clears the alert. The outage and the
/// fault are two transactions: should saving the fault fail after the outage was registered, the outage is ended again.
/// </summary>
public sealed class FaultService(
    IDbContextFactory<TradingOpsDbContext> factory,
    OutageService outages,
    OpsAlertService alerts,
    ICurrentActor actor,
    TimeProvider clock,
    IOptions<FacilityOptions> options)
{
    /// <summary>Who reports faults: the console's operators (and the system and jobs).</summary>
    public static readonly string[] ReporterRoles = [Roles.Staff, Roles.DutyManager, Roles.Supervisor, Roles.Admin];

    /// <summary>Who records repairs: duty managers and admins (and the system and jobs).</summary>
    public static readonly string[] RepairerRoles = [Roles.DutyManager, Roles.Admin];

    /// <summary>The alert key of a fault that took its room out.</summary>
    public static string AlertKey(Guid faultId) => $"fault:{faultId}";

    private const int NumberAttempts = 5;

    public async Task<FaultReported> ReportAsync(FaultReport report, CancellationToken ct = default)
    {
        var who = await AuthorizedAsync(ReporterRoles, "当前账号不能报修设备故障", ct);
        var now = clock.GetUtcNow();
        Equipment equipment;
        Core.Organisation.Room? room = null;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            equipment = await db.Equipment.AsNoTracking().SingleOrDefaultAsync(e => e.Id == report.EquipmentId, ct)
                ?? throw new DomainException("Fault.EquipmentNotFound", "请选择报修的设备");
            if (equipment.RoomId is { } roomId) room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct);
            if (report.InspectionTaskId is { } taskId)
            {
                var task = await db.InspectionTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, ct)
                    ?? throw new DomainException("Fault.InspectionNotFound", "巡检任务不存在");
                if (task.EquipmentId != equipment.Id)
                    throw new DomainException("Fault.InspectionOtherEquipment", "巡检任务与报修设备不一致");
                if (task.Status != InspectionStatus.Failed)
                    throw new DomainException("Fault.InspectionNotFailed", "只有不合格的巡检才能报修");
                var earlier = await db.Faults.AsNoTracking().Where(f => f.InspectionTaskId == taskId).Select(f => f.Number).FirstOrDefaultAsync(ct);
                if (task.FaultId is not null || earlier is not null)
                    throw new DomainException("Fault.InspectionReported", $"该巡检已报修{(earlier is null ? "" : $"（{earlier}）")}");
            }
            if (report.Source != FaultSource.Inspection && report.InspectionTaskId is not null)
                throw new DomainException("Fault.SourceMismatch", "关联巡检任务的报修来源应为巡检");
            if (report.Source == FaultSource.Room && equipment.RoomId is null)
                throw new DomainException("Fault.NotARoomsEquipment", $"设备「{equipment.Name}」不属于某个场地");
        }
        if (!Enum.IsDefined(report.Source)) throw new DomainException("Fault.Source", "报修来源无效");

        // Everything the fault checks is checked here, before the room is touched (a placeholder number: the real one is taken at save).
        var probe = new Fault(new FaultNumber(FaultNumber.DayOf(now), 1).ToString(), equipment, report.Source, report.InspectionTaskId,
            report.Severity, report.Description ?? "", who.Name, now);

        (OutageImpact? Impact, bool Created) outage = (null, false);
        if (probe.TakesRoomOut && room is not null)
            outage = await TakeRoomOutAsync(room, equipment, probe, now, ct);
        var impact = outage.Impact;

        Fault saved;
        try
        {
            saved = await SaveAsync(report, equipment, impact, who, now, ct);
        }
        catch
        {
            if (outage.Created) await outages.ReturnToServiceAsync(impact!.Outage.Id, CancellationToken.None);
            throw;
        }
        if (saved.OutageId is not null && room is not null)
            await alerts.RaiseAsync(OpsAlertKind.EquipmentFault, AlertKey(saved.Id), AlertTitle(room, equipment),
                $"{saved.Number} · {SeverityText(saved.Severity)}", room.Id, ct);
        return new FaultReported(saved, impact);
    }

    /// <summary>
    /// Records the repair (notes, who, when). The outage the fault opened ends now, the room back in service; the
    /// equipment is back in service unless another of its faults is still open; the fault's alert is cleared.
    /// </summary>
    public async Task<Fault> RepairAsync(Guid faultId, string? notes, CancellationToken ct = default)
    {
        var who = await AuthorizedAsync(RepairerRoles, "只有值班主任或管理员可以登记维修", ct);
        var now = clock.GetUtcNow();
        Guid? outageToEnd = null;
        await using (var check = await factory.CreateDbContextAsync(ct))
        {
            var fault = await check.Faults.AsNoTracking().SingleOrDefaultAsync(f => f.Id == faultId, ct)
                ?? throw new DomainException("Fault.NotFound", "报修单不存在");
            // Checked on a copy first: a refused repair leaves the room as it is.
            fault.Repair(notes ?? "", who.Name, now, false);
            if (fault.OutageId is { } outageId)
            {
                var outage = await check.RoomOutages.AsNoTracking().SingleAsync(o => o.Id == outageId, ct);
                // Another open fault holding the same outage keeps the room out until it is repaired too.
                var shared = await check.Faults.AnyAsync(f => f.OutageId == outageId && f.Id != faultId && f.Status == FaultStatus.Open, ct);
                if (!shared && outage.EndedAt is null && outage.Until > now) outageToEnd = outageId;
            }
        }
        if (outageToEnd is { } id) await outages.ReturnToServiceAsync(id, ct);

        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.Faults.SingleAsync(f => f.Id == faultId, ct);
        stored.Repair(notes ?? "", who.Name, now, returnedToService: outageToEnd is not null);
        var equipment = await db.Equipment.SingleAsync(e => e.Id == stored.EquipmentId, ct);
        var othersOpen = await db.Faults.AnyAsync(f => f.EquipmentId == equipment.Id && f.Id != faultId && f.Status == FaultStatus.Open, ct);
        if (!othersOpen && equipment.State == EquipmentState.Faulty) equipment.MarkInService();
        await db.SaveChangesAsync(ct);
        await alerts.ClearAsync(AlertKey(faultId), ct);
        return stored;
    }

    /// <summary>
    /// The venue desk's outage for the fault: from now for Facilities:FaultOutageHours, ending where a later outage of the
    /// room already begins. When the room is out already by another open fault's outage, the fault shares that outage
    /// (the room returns when the last of them is repaired); when it is out by an outage of the desk's own (maintenance),
    /// none: the room is out of service already and that outage is not the fault's to end.
    /// </summary>
    private async Task<(OutageImpact? Impact, bool Created)> TakeRoomOutAsync(Core.Organisation.Room room, Equipment equipment, Fault fault,
        DateTimeOffset now, CancellationToken ct)
    {
        var until = now.AddHours(options.Value.FaultOutageHours);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var around = (await db.RoomOutages.AsNoTracking().Where(o => o.RoomId == room.Id && o.Until > now && o.From < until).ToListAsync(ct))
                .Where(o => o.EffectiveUntil > now).ToList();
            if (RoomOutage.TakingRoomAt(around, now) is { } active)
            {
                var byFault = await db.Faults.AnyAsync(f => f.OutageId == active.Id && f.Status == FaultStatus.Open, ct);
                return (byFault ? await outages.ImpactAsync(active.Id, ct) : null, false);
            }
            var later = around.Where(o => o.From > now).ToList();
            if (later.Count > 0) until = later.Min(o => o.From);
        }
        var reason = $"设备故障：{equipment.Name}（{SeverityText(fault.Severity)}）";
        return (await outages.CreateAsync(new OutageRequest(room.Id, now, until, null, reason), ct), true);
    }

    private async Task<Fault> SaveAsync(FaultReport report, Equipment snapshot, OutageImpact? impact, Actor who, DateTimeOffset now, CancellationToken ct)
    {
        var day = FaultNumber.DayOf(now);
        var prefix = FaultNumber.DayPrefix(day);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var numbers = await db.Faults.AsNoTracking().Where(f => f.Number.StartsWith(prefix)).Select(f => f.Number).ToListAsync(ct);
            var equipment = await db.Equipment.SingleAsync(e => e.Id == snapshot.Id, ct);
            var fault = new Fault(FaultNumber.Next(day, numbers).ToString(), equipment, report.Source, report.InspectionTaskId,
                report.Severity, report.Description ?? "", who.Name, now);
            if (impact is not null) fault.LinkOutage(impact.Outage.Id);
            equipment.MarkFaulty();
            if (report.InspectionTaskId is { } taskId)
                (await db.InspectionTasks.SingleAsync(t => t.Id == taskId, ct)).LinkFault(fault.Id);
            db.Faults.Add(fault);
            try
            {
                await db.SaveChangesAsync(ct);
                return fault;
            }
            catch (DbUpdateException)
            {
                // Another desk reported the same failed inspection a moment earlier (the unique index decides): say so.
                if (report.InspectionTaskId is { } reported)
                {
                    await using var again = await factory.CreateDbContextAsync(ct);
                    if (await again.Faults.AsNoTracking().Where(f => f.InspectionTaskId == reported).Select(f => f.Number).FirstOrDefaultAsync(ct) is { } number)
                        throw new DomainException("Fault.InspectionReported", $"该巡检已报修（{number}）");
                }
                // Another desk took the number a moment earlier: take the next one.
                if (attempt >= NumberAttempts) throw;
            }
        }
    }

    private Task<Actor> AuthorizedAsync(IReadOnlyCollection<string> roles, string refusal, CancellationToken ct) =>
        UserRoles.RequireAnyAsync(factory, actor, roles, "Fault.NotAllowed", refusal, ct);

    /// <summary>The alert's title as the wall shows it (room and equipment names only).</summary>
    public static string AlertTitle(Core.Organisation.Room room, Equipment equipment) => $"{room.Name} 停用：{equipment.Name}故障";

    public static string SeverityText(FaultSeverity severity) => severity switch
    {
        FaultSeverity.Minor => "一般",
        FaultSeverity.Major => "严重",
        _ => "紧急",
    };
}
