using TradingOps.Core.Common;

namespace TradingOps.Core.Organisation;

/// <summary>
/// The staff member bound to a window by signing on: who may act there, and who is credited with what is done
/// there (ticket events, the ticket's server, ratings, statistics). <see cref="Label"/> is how the console, the
/// hall display, the rating pad and the workbooks name them: 工号 / 姓名 (e.g. "0123 / 张三"), which names the
/// person unambiguously where two people share a name.
/// </summary>
public sealed record WindowClerk(Guid StaffId, string Label)
{
    /// <summary>工号 (≤ 20) + " / " + 姓名 (≤ 30).</summary>
    public const int LabelMaxLength = Staff.EmployeeNoMaxLength + 3 + Staff.NameMaxLength;

    public static string LabelOf(string employeeNo, string name) => $"{employeeNo} / {name}";

    /// <summary>A staff member still employed; someone who left cannot sign on.</summary>
    public static WindowClerk Of(Staff staff) => staff.IsActive
        ? new(staff.Id, LabelOf(staff.EmployeeNo, staff.Name))
        : throw new DomainException("Staff.Left", $"{staff.Name} 已离职，不能签到窗口");
}
