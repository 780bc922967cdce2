using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Data;

namespace TradingOps.Web.Identity;

/// <summary>
/// Which staff record (工号) each sign-in account belongs to. A window is bound to the staff record of the person
/// who signs on, so an account must be linked to be used at a window; admins link it on the accounts page.
/// Every change is audited (the staff row's UserId, old → new).
/// </summary>
public sealed class StaffAccountLinks(IDbContextFactory<TradingOpsDbContext> factory)
{
    /// <summary>Account id → the linked staff member as shown (工号 / 姓名).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var linked = await db.Staff.AsNoTracking().Where(s => s.UserId != null)
            .Select(s => new { s.UserId, s.EmployeeNo, s.Name }).ToListAsync(ct);
        return linked.ToDictionary(s => s.UserId!, s => WindowClerk.LabelOf(s.EmployeeNo, s.Name));
    }

    /// <summary>Links the account to the active staff member with this 工号 (moving it from any staff record it had).</summary>
    public async Task LinkAsync(string userId, string employeeNo, CancellationToken ct = default)
    {
        var number = employeeNo?.Trim() ?? "";
        if (number.Length == 0) throw new DomainException("Staff.EmployeeNo", "请填写工号");
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw new DomainException("Account.NotFound", "账号不存在");
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.EmployeeNo == number, ct)
                    ?? throw new DomainException("Staff.Unknown", $"没有工号为 {number} 的工作人员");
        if (!staff.IsActive) throw new DomainException("Staff.Left", $"{staff.Name} 已离职，不能关联账号");
        if (staff.UserId == userId) return;
        foreach (var previous in await db.Staff.Where(s => s.UserId == userId).ToListAsync(ct)) previous.UnlinkAccount();
        staff.LinkAccount(userId); // refuses a staff member already linked to another account
        await db.SaveChangesAsync(ct);
    }

    public async Task UnlinkAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var staff in await db.Staff.Where(s => s.UserId == userId).ToListAsync(ct)) staff.UnlinkAccount();
        await db.SaveChangesAsync(ct);
    }
}
