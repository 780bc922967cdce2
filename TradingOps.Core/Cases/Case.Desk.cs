using System.Linq.Expressions;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Core.Cases;

/// <summary>The desk's rules on a case beyond its transitions: open checks, the note, the suspension's incident marker.</summary>
public sealed partial class Case
{
    /// <summary>Refuses a desk action (take over, note, suspend) on a resolved or withdrawn case.</summary>
    public void EnsureOpen(string what)
    {
        if (!IsOpen) throw new DomainException("Case.Closed", $"案件 {Number} 已办结或撤回，不能{what}");
    }

    /// <summary>A note on the timeline: plain text, refused on a closed case.</summary>
    public string NoteText(string? text)
    {
        EnsureOpen("添加备注");
        return Text(text, TextMaxLength, "备注");
    }

    /// <summary>
    /// The words the project's incident starts with when this case suspends it: the one way to find the incident again
    /// (a forwarding whose incident was raised but whose link was not saved links that incident on its retry).
    /// </summary>
    public string SuspensionMarker => $"案件 {Number}";

    /// <summary>The incident's description: the marker, the kind and the subject (no raiser: the incident is read more widely).</summary>
    public string SuspensionDescription(string reason) =>
        PlainText.Truncate($"{SuspensionMarker}（{CaseRules.KindName(Kind)}）：{Subject}。{reason}", 1000);

    /// <summary>Why a handler suspends (the department's order and its reference): required, plain text.</summary>
    public static string SuspendReasonText(string? reason) =>
        PlainText.IsBlank(reason) ? throw new DomainException("Case.SuspendReason", "请写明暂停的原因（如监督部门的暂停通知文号）")
            : Text(reason, TextMaxLength, "暂停原因");

    /// <summary>Checks a suspension before anything is written: the case open, a project named, not suspending already.</summary>
    public void EnsureMaySuspend()
    {
        EnsureOpen("暂停交易");
        if (ProjectCode is null) throw new DomainException("Case.NoProject", "案件未指明项目，无法暂停交易");
        if (IsSuspending) throw new DomainException("Case.AlreadySuspending", $"案件 {Number} 已引起暂停");
    }
}

/// <summary>The timeline's order: by time, and steps written at the same instant (forwarded, then suspended) in the order they happen.</summary>
public static class CaseTimeline
{
    private static readonly string[] Steps = [CaseEvent.Received, CaseEvent.TakenOver, CaseEvent.Forwarded, CaseEvent.Suspended, CaseEvent.Answered,
        CaseEvent.Resumed, CaseEvent.Resolved, CaseEvent.Withdrawn, CaseEvent.Note];

    public static IReadOnlyList<CaseEvent> Order(IEnumerable<CaseEvent> events) =>
        events.OrderBy(e => e.At).ThenBy(e => Array.IndexOf(Steps, e.Code)).ThenBy(e => e.Id).ToList();
}

/// <summary>How close a case is to its due time: amber when less working time than the desk's margin is left.</summary>
public enum CaseDueLevel { None, Ok, Soon, Overdue }

/// <summary>Routing, masking and due-time rules of the desk (one home each).</summary>
public static class CaseRules
{
    /// <summary>The center's own handling of a service complaint (服务质量监督).</summary>
    public const string CenterParty = "中心（服务质量监督）";

    /// <summary>
    /// Who a case goes to by default on a route: the project's initiator and agency for an objection, the supervising
    /// department for complaints and reports, the center itself for a service complaint.
    /// </summary>
    public static string DefaultParty(CaseRoute route, string? initiator, string? agency, string departmentName) => route switch
    {
        CaseRoute.InitiatorOrAgency => string.Join("/", new[] { initiator, agency }.Where(s => !PlainText.IsBlank(s)).Select(s => s!.Trim()))
                                       is { Length: > 0 } parties ? parties : "招标人/采购人",
        CaseRoute.Department => departmentName,
        _ => CenterParty,
    };

    public static string KindName(CaseKind kind) => kind switch
    {
        CaseKind.Objection => "异议",
        CaseKind.Complaint => "投诉",
        CaseKind.Report => "举报",
        _ => "服务投诉",
    };

    /// <summary>The ways a case is passed on (当面/电话/函件/电子邮件/系统).</summary>
    public static readonly string[] ForwardChannels = ["当面", "电话", "函件", "电子邮件", "系统"];

    /// <summary>Open cases past their current due time (the center's forwarding, then the responsible party's answer).</summary>
    public static Expression<Func<Case, bool>> OverdueAt(DateTimeOffset now) => c =>
        (c.State == CaseState.Received && c.ForwardDueAt < now) || (c.State == CaseState.Forwarded && c.ResponseDueAt != null && c.ResponseDueAt < now);

    /// <summary>Overdue past the due time; Soon when less than <paramref name="soonMinutes"/> of working time is left on the calendar.</summary>
    public static CaseDueLevel DueLevel(CaseRow row, DateTimeOffset now, WorkdayCalendar calendar, int soonMinutes)
    {
        if (row.DueAt is not { } due || !row.State.IsOpen()) return CaseDueLevel.None;
        if (row.IsOverdue(now)) return CaseDueLevel.Overdue;
        return calendar.WorkingTimeBetween(now, due) < TimeSpan.FromMinutes(soonMinutes) ? CaseDueLevel.Soon : CaseDueLevel.Ok;
    }

    /// <summary>张三 → 张*; 欧阳娜娜 → 欧***.</summary>
    public static string? MaskName(string? name) =>
        PlainText.IsBlank(name) ? null : name!.Trim()[..1] + new string('*', Math.Max(1, name.Trim().Length - 1));

    /// <summary>13812340000 → 138****0000; a short number keeps its last two digits only.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (PlainText.IsBlank(phone)) return null;
        var p = phone!.Trim();
        return p.Length >= 11 ? p[..3] + "****" + p[^4..] : new string('*', Math.Max(0, p.Length - 2)) + p[^Math.Min(2, p.Length)..];
    }

    /// <summary>alice@example.com → a***@example.com.</summary>
    public static string? MaskEmail(string? email)
    {
        if (PlainText.IsBlank(email)) return null;
        var e = email!.Trim();
        var at = e.IndexOf('@');
        return at <= 0 ? "***" : e[..1] + "***" + e[at..];
    }

    /// <summary>某某建设集团有限公司 → 某某******: the first two characters.</summary>
    public static string? MaskOrganisation(string? organisation)
    {
        if (PlainText.IsBlank(organisation)) return null;
        var o = organisation!.Trim();
        return o.Length <= 2 ? o[..1] + "*" : o[..2] + new string('*', Math.Min(6, o.Length - 2));
    }
}

/// <summary>Who raised a case, as a staff screen shows it: masked, unless read in full through the audited read.</summary>
public sealed record CaseRaiser(string? Name, string? Phone, string? Organisation, string? Email, bool Masked)
{
    public static CaseRaiser MaskedOf(Case c) => new(CaseRules.MaskName(c.RaisedByName), CaseRules.MaskPhone(c.RaisedByPhone),
        CaseRules.MaskOrganisation(c.RaisedByOrganisation), CaseRules.MaskEmail(c.RaisedByEmail), true);

    public static CaseRaiser FullOf(Case c) => new(c.RaisedByName, c.RaisedByPhone, c.RaisedByOrganisation, c.RaisedByEmail, false);

    public bool IsAnonymous => Name is null && Phone is null && Organisation is null && Email is null;
}
