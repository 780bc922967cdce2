using TradingOps.Core.Common;

namespace TradingOps.Core.Organisation;

/// <summary>A member of the center's staff, linked to at most one sign-in account.</summary>
public sealed class Staff : Entity
{
    public const int NameMaxLength = 30;
    public const int EmployeeNoMaxLength = 20;
    public const int DepartmentMaxLength = 50;
    public const int PhoneMaxLength = 20;

    private Staff() { Name = EmployeeNo = Department = ""; }

    public Staff(string employeeNo, string name, string department, string? title, string? phone)
    {
        EmployeeNo = Guard.Text(employeeNo, EmployeeNoMaxLength, "工号");
        Name = Guard.Text(name, NameMaxLength, "姓名");
        Department = Guard.Text(department, DepartmentMaxLength, "部门");
        Title = Guard.OptionalText(title, 30, "职务");
        Phone = Guard.OptionalText(phone, PhoneMaxLength, "电话");
    }

    public string EmployeeNo { get; private set; }
    public string Name { get; private set; }
    public string Department { get; private set; }
    public string? Title { get; private set; }
    public string? Phone { get; private set; }
    public bool IsActive { get; private set; } = true;

    /// <summary>The Identity user id of this person's sign-in account.</summary>
    public string? UserId { get; private set; }

    public void LinkAccount(string userId)
    {
        if (UserId is not null && UserId != userId)
            throw new DomainException("Staff.AccountLinked", $"{Name} 已关联其他登录账号");
        UserId = Guard.Text(userId, 450, "账号");
    }

    public void UnlinkAccount() => UserId = null;

    public void Leave()
    {
        IsActive = false;
        UserId = null;
    }
}
