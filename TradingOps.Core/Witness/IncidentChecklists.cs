namespace TradingOps.Core.Witness;

/// <summary>One thing to do (or someone to tell) when an incident of a category happens; <paramref name="Tells"/> marks a notification step.</summary>
public sealed record IncidentChecklistItem(string Code, string Text, bool Tells = false);

/// <summary>
/// 异常事件处置清单: what the witness does, and who is told, for each category (Liaoning 6.5.8–6.5.9, Yunnan 5.4.6–5.4.7:
/// suspend with the initiator/agency, notify every party by SMS, phone or otherwise, report to the supervising department).
/// The defaults live here in code, one list per category; ticking an item is recorded on the incident (who, when).
/// </summary>
public static class IncidentChecklists
{
    private static readonly IReadOnlyDictionary<IncidentCategory, IReadOnlyList<IncidentChecklistItem>> Defaults =
        new Dictionary<IncidentCategory, IReadOnlyList<IncidentChecklistItem>>
        {
            [IncidentCategory.SystemFailure] =
            [
                new("record-fault", "记录故障现象和时间"),
                new("call-tech", "通知技术保障人员", Tells: true),
                new("tell-parties", "告知各方暂停", Tells: true),
                new("keep-evidence", "保存现场记录/录像"),
                new("report-department", "报告监督部门", Tells: true),
                new("resume-after-fix", "排除故障后恢复"),
            ],
            [IncidentCategory.ForceMajeure] =
            [
                new("record-event", "记录事件经过和时间"),
                new("ensure-safety", "组织人员安全撤离/避险"),
                new("tell-parties", "告知各方暂停", Tells: true),
                new("keep-materials", "协助暂存交易资料"),
                new("report-department", "报告监督部门", Tells: true),
                new("agree-resume", "与招标人/代理商定恢复或终止"),
            ],
            [IncidentCategory.SiteOrder] =
            [
                new("stop-behaviour", "现场制止扰乱秩序行为"),
                new("call-security", "通知安保，必要时报警", Tells: true),
                new("keep-evidence", "保存现场记录/录像"),
                new("tell-parties", "告知各方处置情况", Tells: true),
                new("report-department", "报告监督部门", Tells: true),
            ],
            [IncidentCategory.ObjectionOrComplaint] =
            [
                new("record-objection", "记录异议内容、提出人和时间"),
                new("suspend", "依法需要时暂停交易"),
                new("refer-initiator", "转交招标人/代理机构答复", Tells: true),
                new("keep-evidence", "保存现场记录/录像"),
                new("report-department", "报告监督部门", Tells: true),
                new("record-answer", "记录答复和处理结果"),
            ],
            [IncidentCategory.ExpertAbsent] =
            [
                new("record-absent", "记录缺席专家编号（不记姓名）"),
                new("request-redraw", "通知补抽专家", Tells: true),
                new("tell-agency", "告知代理机构延迟情况", Tells: true),
                new("report-department", "报告监督部门", Tells: true),
            ],
            [IncidentCategory.Other] =
            [
                new("record-event", "记录事件经过和时间"),
                new("tell-parties", "告知相关各方", Tells: true),
                new("report-department", "报告监督部门", Tells: true),
            ],
        };

    public static IReadOnlyList<IncidentChecklistItem> For(IncidentCategory category) => Defaults[category];

    public static IncidentChecklistItem Item(IncidentCategory category, string code) =>
        For(category).FirstOrDefault(i => i.Code == code)
        ?? throw new Common.DomainException("Incident.UnknownItem", $"处置清单中没有“{code}”这一项");

    /// <summary>Categories that stop a transaction as a rule (Yunnan 5.4.6–5.4.7): the form offers "suspend now" ticked for them.</summary>
    public static bool SuspendsByDefault(IncidentCategory category) =>
        category is IncidentCategory.SystemFailure or IncidentCategory.ForceMajeure or IncidentCategory.ObjectionOrComplaint;
}
