using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Core.Cases;

/// <summary>
/// A clock preset for the responsible party's legal deadline ("awaiting X, due Y"): which kind of case it is for, who
/// must answer, how the deadline counts, whether the transaction is suspended meanwhile, and the source the UI cites.
/// Seeded from <see cref="Defaults"/>; admins edit the count, the suspension and the citation (every change audited),
/// never the key. A case keeps the deadline computed when it was forwarded: editing a preset changes later cases only.
/// </summary>
public sealed class CaseClockPreset : Entity
{
    public const int KeyMaxLength = 40;
    public const int NameMaxLength = 60;
    public const int SourceMaxLength = 200;
    public const int AwaitingMaxLength = 40;
    public const int MaxDays = 90;

    private CaseClockPreset() { Key = Name = Awaiting = Source = ""; }

    public CaseClockPreset(string key, string name, CaseKind kind, CaseRoute route, string awaiting, ClockCounting counting, int days,
        bool suspends, string source, int sortOrder)
    {
        Key = Guard.Text(key, KeyMaxLength, "预设键");
        Awaiting = Source = "";
        Name = Guard.Text(name, NameMaxLength, "预设名称");
        Kind = kind;
        Route = route;
        SortOrder = sortOrder;
        Edit(awaiting, counting, days, suspends, source, active: true);
    }

    public string Key { get; private set; }
    public string Name { get; private set; }
    public CaseKind Kind { get; private set; }
    public CaseRoute Route { get; private set; }

    /// <summary>Who the case then awaits (shown as "待 {Awaiting} 答复").</summary>
    public string Awaiting { get; private set; }
    public ClockCounting Counting { get; private set; }
    public int Days { get; private set; }
    public bool Suspends { get; private set; }
    public string Source { get; private set; }
    public bool Active { get; private set; }
    public int SortOrder { get; private set; }

    public void Edit(string awaiting, ClockCounting counting, int days, bool suspends, string source, bool active)
    {
        Awaiting = Guard.Text(awaiting, AwaitingMaxLength, "答复方");
        if (counting is ClockCounting.CalendarDays or ClockCounting.WorkingDays)
            Days = Guard.Range(days, 1, MaxDays, "答复期限天数");
        else
            Days = 0;
        Counting = counting;
        Suspends = suspends;
        Source = Guard.Text(source, SourceMaxLength, "依据");
        Active = active;
    }

    /// <summary>The responsible party's deadline for a case forwarded (or received) at <paramref name="from"/>; null when the preset sets none.</summary>
    public Deadline? DueFrom(DateTimeOffset from, WorkdayCalendar calendar) => CaseClocks.ResponseDue(Counting, Days, from, calendar);

    /// <summary>The presets the center starts with (DOMAIN.md, "Clocks the law and the standards set").</summary>
    public static IReadOnlyList<CaseClockPreset> Defaults() =>
    [
        new("objection-prequalification", "对资格预审文件的异议", CaseKind.Objection, CaseRoute.InitiatorOrAgency, "招标人", ClockCounting.CalendarDays, 3, true,
            "《招标投标法实施条例》第二十二条：提交资格预审申请文件截止时间 2 日前提出；招标人收到异议之日起 3 日内答复，答复前暂停", 10),
        new("objection-tender-documents", "对招标文件的异议", CaseKind.Objection, CaseRoute.InitiatorOrAgency, "招标人", ClockCounting.CalendarDays, 3, true,
            "《招标投标法实施条例》第二十二条：投标截止时间 10 日前提出；招标人收到异议之日起 3 日内答复，答复前暂停", 20),
        new("objection-bid-opening", "开标现场异议", CaseKind.Objection, CaseRoute.InitiatorOrAgency, "招标人", ClockCounting.OnTheSpot, 0, false,
            "《招标投标法实施条例》第四十四条：投标人对开标有异议的，应当在开标现场提出，招标人应当当场作出答复，并制作记录", 30),
        new("objection-candidate-publicity", "对中标候选人公示的异议", CaseKind.Objection, CaseRoute.InitiatorOrAgency, "招标人", ClockCounting.CalendarDays, 3, true,
            "《招标投标法实施条例》第五十四条：公示期间提出；招标人收到异议之日起 3 日内答复，答复前暂停招标投标活动", 40),
        new("procurement-query", "政府采购质疑", CaseKind.Objection, CaseRoute.InitiatorOrAgency, "采购人/采购代理机构", ClockCounting.WorkingDays, 7, false,
            "《政府采购法》第五十二、五十三条：知道或应知权益受损之日起 7 个工作日内提出；收到质疑后 7 个工作日内答复", 50),
        new("tendering-complaint", "招标投标投诉", CaseKind.Complaint, CaseRoute.Department, "行政监督部门", ClockCounting.WorkingDays, 30, false,
            "《招标投标法实施条例》第六十一条：行政监督部门收到投诉 3 个工作日内决定是否受理，受理之日起 30 个工作日内作出书面处理决定；必要时可责令暂停", 60),
        new("procurement-complaint", "政府采购投诉", CaseKind.Complaint, CaseRoute.Department, "财政部门", ClockCounting.WorkingDays, 30, false,
            "《政府采购法》第五十五、五十六条：答复期满后 15 个工作日内投诉；财政部门收到投诉后 30 个工作日内作出处理决定", 70),
        new("report", "举报", CaseKind.Report, CaseRoute.Department, "行政监督部门", ClockCounting.None, 0, false,
            "国家规范 6.4.2、6.5.5，辽宁 6.4.3：按规定及时向有关行政监督部门反映，协助核查；法律未规定答复时限", 80),
        new("service-complaint", "服务投诉", CaseKind.ServiceComplaint, CaseRoute.Center, "中心", ClockCounting.WorkingDays, 5, false,
            "国家规范 10.4，云南 9.2，北京 9.3：建立服务质量的反馈和投诉制度；办结时限为中心制度（可调整）", 90),
    ];
}

/// <summary>
/// The one home of the case clocks: the center's forwarding deadline and the responsible party's legal deadline. The
/// register, the board, the wall and the archive all show what these compute.
/// </summary>
public static class CaseClocks
{
    /// <summary>The center's own deadline to forward a case received at <paramref name="receivedAt"/> (working hours on the calendar).</summary>
    public static Deadline ForwardDue(DateTimeOffset receivedAt, CaseOptions options, WorkdayCalendar calendar) =>
        calendar.Deadline(receivedAt, calendar.AddWorkingHours(receivedAt, options.ForwardWorkingHours));

    /// <summary>
    /// The responsible party's deadline, counted from <paramref name="from"/> (when it received the case):
    /// calendar days — the day received does not count (民法典 §201), the period ends at close of office on its last
    /// day, and a last day that is a holiday or weekend moves to the next working day (民法典 §203); working days — the
    /// close of office on the Nth working day after the day received; on the spot — close of office that day.
    /// </summary>
    public static Deadline? ResponseDue(ClockCounting counting, int days, DateTimeOffset from, WorkdayCalendar calendar)
    {
        var day = DateOnly.FromDateTime(CenterTime.ToLocal(from).DateTime);
        DateTimeOffset? at = counting switch
        {
            ClockCounting.CalendarDays => CenterTime.At(calendar.NextWorkingDayOnOrAfter(day.AddDays(days)), calendar.OfficeHours.Close),
            ClockCounting.WorkingDays => calendar.WorkingDaysDeadline(from, days),
            ClockCounting.OnTheSpot => Later(CenterTime.At(day, calendar.OfficeHours.Close), from),
            _ => null,
        };
        return at is { } due ? calendar.Deadline(from, due) : null;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
