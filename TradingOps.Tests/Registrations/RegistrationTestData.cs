using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;

namespace TradingOps.Tests.Registrations;

/// <summary>Builders shared by the registration tests.</summary>
internal static class RegistrationTestData
{
    public static WorkdayCalendar Calendar2026 { get; } = Official2026();

    private static WorkdayCalendar Official2026()
    {
        var schedule = OfficialSchedule.Shipped().Single(s => s.Year == 2026);
        return new WorkdayCalendar(schedule.Days, [schedule.Year]);
    }

    /// <summary>"2026-11-23 10:30" in center time.</summary>
    public static DateTimeOffset At(string local) => CenterTime.At(DateOnly.Parse(local[..10]), TimeOnly.Parse(local[11..]));

    public static string Local(DateTimeOffset instant) => CenterTime.ToLocal(instant).ToString("yyyy-MM-dd HH:mm");

    private static int _serial;

    private static int Next() => Interlocked.Increment(ref _serial);

    public static RegistrationDraft Draft(DateTimeOffset now, TradingCategory category = TradingCategory.StateAssets, params string[] materials) => new()
    {
        ProjectName = $"市公交集团报废车辆资产处置（第{Next()}批）", // each draft a project of its own: an open duplicate is refused
        Category = category,
        Method = TradingMethod.Auction,
        Initiator = "市公交集团",
        Agency = "恒远拍卖有限公司",
        ContactName = "张三",
        ContactPhone = "0411-88886612",
        Amount = 1_450_000m,
        BidOpeningAt = now.AddDays(20),
        Materials = materials,
    };

    public static Registration NewRegistration(DateTimeOffset now, RegistrationDraft? draft = null) =>
        new("DJ20261123-000001", draft ?? Draft(now, TradingCategory.StateAssets, "公共资源进场交易申请表"), RegistrationChannel.Window,
            "窗口录入", now, now.AddHours(3));

    /// <summary>A registration brought to <paramref name="status"/> through the legal path.</summary>
    public static Registration InState(RegistrationStatus status, DateTimeOffset now)
    {
        var r = NewRegistration(now);
        if (status == RegistrationStatus.Submitted) return r;
        r.StartReview("李四", now);
        switch (status)
        {
            case RegistrationStatus.InReview:
                return r;
            case RegistrationStatus.Returned:
                r.Return([new DeficiencyItem("资产评估报告", DeficiencyKind.Missing, null)], "李四", now);
                return r;
            case RegistrationStatus.Resubmitted:
                r.Return([new DeficiencyItem("资产评估报告", DeficiencyKind.Missing, null)], "李四", now);
                r.Resubmit(["资产评估报告"], now, now.AddHours(3));
                return r;
            case RegistrationStatus.Accepted:
                r.Accept(Guid.NewGuid(), "开标前核对保证金", null, now);
                return r;
            case RegistrationStatus.Rejected:
                r.Reject("不属于进场目录", now);
                return r;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }
    }

    /// <summary>A valid body for POST /api/registrations, as an agency's system would send it.</summary>
    public static Dictionary<string, object?> ValidApiBody() => new()
    {
        ["projectName"] = $"市第三中学运动场改造工程（{Next()}标段）", // each body a project of its own: an open duplicate is refused
        ["category"] = "Engineering",
        ["method"] = "OpenTender",
        ["initiator"] = "市第三中学",
        ["agency"] = "华诚工程咨询有限公司",
        ["contactName"] = "周工",
        ["contactPhone"] = "0411-86660001",
        ["contactIdNumber"] = "11010519491231002X",
        ["amount"] = 3_600_000m,
        ["bidOpeningAt"] = DateTimeOffset.UtcNow.AddDays(25),
        ["materials"] = new[] { "公共资源进场交易申请表" },
    };
}
