using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Data.Identity;

namespace TradingOps.Data.Facilities;

/// <summary>What a person enters for a piece of equipment (new or edited).</summary>
public sealed record EquipmentInput(string Code, string Name, EquipmentCategory Category, Guid ZoneId, Guid? RoomId, bool RoomCritical,
    string? Serial, string? Vendor, string? Model, DateOnly InstalledOn, DateOnly? WarrantyUntil, string? Notes);

/// <summary>
/// 设备台账 changes: register, edit and retire equipment. Every input is checked before anything is saved (a clear Chinese
/// message, nothing half-saved); every change is audited by the interceptor under the person acting.
/// </summary>
public sealed class EquipmentService(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock)
{
    /// <summary>Who keeps the register: duty managers and admins (the pages hide the forms from others; this refuses them on the server).</summary>
    public static readonly string[] EditorRoles = [Roles.DutyManager, Roles.Admin];

    private Task<Actor> EditorAsync(CancellationToken ct) =>
        UserRoles.RequireAnyAsync(factory, actor, EditorRoles, "Equipment.NotAllowed", "只有值班经理和系统管理员可以修改设备台账", ct);

    public async Task<Equipment> AddAsync(EquipmentInput input, CancellationToken ct = default)
    {
        var who = await EditorAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await CheckPlaceAsync(db, input, ct);
        var code = (input.Code ?? "").Trim();
        if (code.Length > 0 && await db.Equipment.AnyAsync(e => e.Code == code, ct))
            throw new DomainException("Equipment.CodeTaken", $"设备编号 {code} 已被使用");
        var equipment = new Equipment(code, input.Name, input.Category, input.ZoneId, input.RoomId, input.RoomCritical, input.Serial, input.Vendor,
            input.Model, input.InstalledOn, input.WarrantyUntil, who.Name, clock.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(input.Notes))
            equipment.Update(input.Name, input.Category, input.ZoneId, input.RoomId, input.RoomCritical, input.Serial, input.Vendor, input.Model,
                input.InstalledOn, input.WarrantyUntil, input.Notes);
        db.Equipment.Add(equipment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another desk registered the same code a moment earlier: the unique index decided.
            if (await CodeTakenAsync(code, ct)) throw new DomainException("Equipment.CodeTaken", $"设备编号 {code} 已被使用");
            throw;
        }
        return equipment;
    }

    /// <summary>Edits everything but the code (the asset tag stays); a retired item is not edited.</summary>
    public async Task<Equipment> UpdateAsync(Guid id, EquipmentInput input, CancellationToken ct = default)
    {
        await EditorAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var equipment = await db.Equipment.SingleOrDefaultAsync(e => e.Id == id, ct)
                        ?? throw new DomainException("Equipment.NotFound", "设备不存在");
        if (equipment.State == EquipmentState.Retired) throw new DomainException("Equipment.Retired", $"设备「{equipment.Name}」已报废，不能修改");
        await CheckPlaceAsync(db, input, ct);
        equipment.Update(input.Name, input.Category, input.ZoneId, input.RoomId, input.RoomCritical, input.Serial, input.Vendor, input.Model,
            input.InstalledOn, input.WarrantyUntil, input.Notes);
        await db.SaveChangesAsync(ct);
        return equipment;
    }

    /// <summary>报废: stays in the register with its history; no more inspection tasks are made for it (today's open one is left as it is).</summary>
    public async Task<Equipment> RetireAsync(Guid id, CancellationToken ct = default)
    {
        await EditorAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var equipment = await db.Equipment.SingleOrDefaultAsync(e => e.Id == id, ct)
                        ?? throw new DomainException("Equipment.NotFound", "设备不存在");
        equipment.Retire(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return equipment;
    }

    private static async Task CheckPlaceAsync(TradingOpsDbContext db, EquipmentInput input, CancellationToken ct)
    {
        if (!await db.Zones.AnyAsync(z => z.Id == input.ZoneId, ct)) throw new DomainException("Equipment.ZoneMissing", "请选择设备所在区域");
        if (input.RoomId is { } roomId)
        {
            var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct)
                       ?? throw new DomainException("Equipment.RoomMissing", "所选场地不存在");
            if (room.ZoneId != input.ZoneId) throw new DomainException("Equipment.RoomZone", $"场地 {room.Code} {room.Name} 不在所选区域内");
        }
    }

    private async Task<bool> CodeTakenAsync(string code, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Equipment.AnyAsync(e => e.Code == code, ct);
    }
}
