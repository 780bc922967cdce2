using System.Linq.Expressions;
using System.Text.Json;
using System.Text.RegularExpressions;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Core.Witness;

/// <summary>Who behaved badly (不良行为主体).</summary>
public enum MisconductParty
{
    Agency,                  // 代理机构
    Bidder,                  // 投标人/供应商
    Expert,                  // 评标专家：只记专家编号，不记姓名
    InitiatorRepresentative, // 招标人代表
}

/// <summary>不良行为类别: the list the register filters by and the report to the department names.</summary>
public enum MisconductCategory
{
    LateOrAbsent,         // 迟到或缺席
    CommunicationDevice,  // 违规携带通讯工具
    DisruptingOrder,      // 扰乱现场秩序
    SuspectedCollusion,   // 串通投标嫌疑
    ImproperContact,      // 违规接触
    ImproperEvaluation,   // 不按规定评标
    FalseMaterials,       // 提供虚假材料
    Other,                // 其他
}

/// <summary>What the center did on the spot (Yunnan 5.4.8: 告知、劝阻).</summary>
public enum OnTheSpotAction
{
    None,     // 未采取
    Reminded, // 提醒
    Stopped,  // 制止
    Police,   // 报警
}

/// <summary>Where a record stands: recorded, reported to the supervising department, its feedback received, closed.</summary>
public enum MisconductState { Recorded, Reported, FeedbackReceived, Closed }

public enum EvidenceKind
{
    Recording, // 录像：通道 + 时间段（中心视频系统），不存文件
    Photo,     // 照片编号
    Document,  // 书面材料编号
}

/// <summary>
/// An evidence reference: a recording's channel and time range in the center's video system, or the reference of a
/// photo or document kept elsewhere. Text references, never files.
/// </summary>
public sealed record EvidenceReference(EvidenceKind Kind, string Reference, DateTimeOffset? From = null, DateTimeOffset? Until = null)
{
    public const int ReferenceMaxLength = 100;
}

/// <summary>
/// How soon a misconduct record goes to the supervising department. The standards say "promptly" and give no count:
/// Yunnan 5.4.8 (立即记录……及时报告有关行政监督管理部门), Liaoning 6.5.10 and Beijing 5.5.8 (及时报送), national 6.5.7.
/// The center's preset reads "promptly" as the close of office on the next working day after the misconduct was
/// found (<see cref="WitnessOptions.MisconductReportWorkingDays"/>, 1; admins may set 1–5).
/// </summary>
public static class MisconductRules
{
    public const string DeadlineSource = "云南 5.4.8、辽宁 6.5.10、北京 5.5.8：及时报告（中心规定：发现后 {0} 个工作日内）";

    /// <summary>Due at the close of office on the Nth working day after the day it was found.</summary>
    public static Deadline ReportDue(DateTimeOffset foundAt, int workingDays, WorkdayCalendar calendar)
    {
        if (workingDays is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(workingDays));
        return calendar.Deadline(foundAt, calendar.WorkingDaysDeadline(foundAt, workingDays));
    }

    /// <summary>Overdue: not reported (still only recorded) after its due time. One home for the page, the filter and the export.</summary>
    public static Expression<Func<MisconductRecord, bool>> OverdueAt(DateTimeOffset now)
    {
        var at = now.ToUniversalTime();
        return r => r.State == MisconductState.Recorded && r.DueAt < at;
    }

    /// <summary>Chinese names, for the workbook and the witness entry (the pages use the resx).</summary>
    public static string Name(MisconductParty p) => p switch
    {
        MisconductParty.Agency => "代理机构",
        MisconductParty.Bidder => "投标人/供应商",
        MisconductParty.Expert => "评标专家",
        _ => "招标人代表",
    };

    public static string Name(MisconductCategory c) => c switch
    {
        MisconductCategory.LateOrAbsent => "迟到或缺席",
        MisconductCategory.CommunicationDevice => "违规携带通讯工具",
        MisconductCategory.DisruptingOrder => "扰乱现场秩序",
        MisconductCategory.SuspectedCollusion => "串通投标嫌疑",
        MisconductCategory.ImproperContact => "违规接触",
        MisconductCategory.ImproperEvaluation => "不按规定评标",
        MisconductCategory.FalseMaterials => "提供虚假材料",
        _ => "其他",
    };

    public static string Name(OnTheSpotAction a) => a switch
    {
        OnTheSpotAction.Reminded => "提醒",
        OnTheSpotAction.Stopped => "制止",
        OnTheSpotAction.Police => "报警",
        _ => "未采取",
    };

    public static string Name(MisconductState s) => s switch
    {
        MisconductState.Recorded => "已记录",
        MisconductState.Reported => "已报告",
        MisconductState.FeedbackReceived => "已反馈",
        _ => "已办结",
    };

    public static string Name(EvidenceKind k) => k switch
    {
        EvidenceKind.Recording => "录像",
        EvidenceKind.Photo => "照片",
        _ => "书面材料",
    };
}

/// <summary>
/// 不良行为记录 (Yunnan 5.4.8, Liaoning 6.5.10, Beijing 5.5.8, national 6.5.7): who (an expert by code only), what
/// (category, description), what was done on the spot, the evidence references; the report to the supervising
/// department due on the working-day calendar; the department's feedback; closing. Every step also writes a witness
/// entry (kind Misconduct) in its transaction, so the record's history is in the tamper-evident log as well.
/// </summary>
public sealed partial class MisconductRecord : Entity
{
    public const int PartyNameMaxLength = 100;
    public const int DescriptionMaxLength = 1000;
    public const int EvidenceMaxLength = 4000;
    public const int MaxEvidence = 10;
    public const int ReferenceMaxLength = 100;
    public const int FeedbackMaxLength = 1000;

    /// <summary>专家编号: letters, digits and dashes (the pool's codes, e.g. E00123); nothing a name fits in.</summary>
    private static readonly Regex ExpertCodeShape = new("^[A-Z0-9][A-Z0-9-]{1,19}$", RegexOptions.CultureInvariant);

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private MisconductRecord() { ProjectCode = Description = RecordedBy = Evidence = ""; }

    public MisconductRecord(string projectCode, Guid? projectId, Guid? bookingId, MisconductParty party, string? partyName,
        string? expertCode, MisconductCategory category, OnTheSpotAction onTheSpot, string description,
        IReadOnlyList<EvidenceReference> evidence, DateTimeOffset foundAt, string recordedBy, DateTimeOffset recordedAt, Deadline due)
    {
        ProjectCode = Guard.Text(projectCode, WitnessEntry.ChainKeyMaxLength, "项目编号").ToUpperInvariant();
        ProjectId = projectId;
        BookingId = bookingId;
        Party = party;
        if (party == MisconductParty.Expert)
        {
            if (!PlainText.IsBlank(partyName))
                throw new DomainException("Misconduct.ExpertName", "评标专家只能以专家编号记录，不得填写姓名");
            var code = Guard.Text(expertCode, 20, "专家编号").ToUpperInvariant();
            if (!ExpertCodeShape.IsMatch(code))
                throw new DomainException("Misconduct.ExpertCode", "专家编号只能由字母、数字和短横线组成（例如 E00123），不得填写姓名");
            ExpertCode = code;
        }
        else
        {
            if (!PlainText.IsBlank(expertCode))
                throw new DomainException("Misconduct.CodeNotExpert", "只有评标专家以专家编号记录");
            PartyName = Guard.Text(partyName, PartyNameMaxLength, "当事人名称");
        }
        Category = category;
        OnTheSpot = onTheSpot;
        Description = Guard.Text(description, DescriptionMaxLength, "行为描述");
        Evidence = EncodeEvidence(evidence);
        FoundAt = foundAt.ToUniversalTime();
        RecordedAt = recordedAt.ToUniversalTime();
        if (FoundAt > RecordedAt.AddMinutes(1))
            throw new DomainException("Misconduct.FoundInFuture", "发现时间不能晚于记录时间");
        if (FoundAt < RecordedAt.AddDays(-30))
            throw new DomainException("Misconduct.FoundTooLongAgo", "发现时间不能早于 30 天前：不良行为应立即记录（云南 5.4.8）");
        RecordedBy = Guard.Text(recordedBy, WitnessEntry.ActorMaxLength, "记录人");
        DueAt = due.At.ToUniversalTime();
        DueProvisional = due.Provisional;
    }

    public string ProjectCode { get; private set; }
    public Guid? ProjectId { get; private set; }

    /// <summary>The session it happened in; null when found outside a session (a document check, for example).</summary>
    public Guid? BookingId { get; private set; }

    public MisconductParty Party { get; private set; }

    /// <summary>The party's name (company or person) for every party but an expert.</summary>
    public string? PartyName { get; private set; }

    /// <summary>An expert is recorded by pool code only: names are protected and never written here.</summary>
    public string? ExpertCode { get; private set; }

    public MisconductCategory Category { get; private set; }
    public OnTheSpotAction OnTheSpot { get; private set; }
    public string Description { get; private set; }

    /// <summary>The evidence references as compact JSON (see <see cref="EvidenceItems"/>).</summary>
    public string Evidence { get; private set; }

    public DateTimeOffset FoundAt { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>When the report to the supervising department is due (working-day calendar).</summary>
    public DateTimeOffset DueAt { get; private set; }
    public bool DueProvisional { get; private set; }

    public MisconductState State { get; private set; } = MisconductState.Recorded;
    public DateTimeOffset? ReportedAt { get; private set; }
    public string? ReportedBy { get; private set; }

    /// <summary>The report's reference (文号, the department's receipt number…).</summary>
    public string? ReportReference { get; private set; }

    public string? Feedback { get; private set; }
    public DateTimeOffset? FeedbackAt { get; private set; }
    public string? FeedbackBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    /// <summary>Whom it concerns, as shown: the party's name, or 专家 E00123.</summary>
    public string PartyLabel => Party == MisconductParty.Expert ? $"专家 {ExpertCode}" : PartyName ?? "";

    public Deadline Deadline => new(DueAt, DueProvisional);

    public IReadOnlyList<EvidenceReference> EvidenceItems =>
        JsonSerializer.Deserialize<List<EvidenceReference>>(Evidence, Json) ?? [];

    public bool IsOverdueAt(DateTimeOffset now) => State == MisconductState.Recorded && DueAt < now.ToUniversalTime();

    /// <summary>Reported to the supervising department (with its reference), at or before now.</summary>
    public void Report(string reference, string by, DateTimeOffset at)
    {
        if (State != MisconductState.Recorded)
            throw new DomainException("Misconduct.AlreadyReported", $"该不良行为记录已于 {CenterTime.ToLocal(ReportedAt ?? at):yyyy-MM-dd HH:mm} 报告，不能重复报告");
        ReportReference = Guard.Text(reference, ReferenceMaxLength, "报告文号");
        ReportedBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "报告人");
        ReportedAt = at.ToUniversalTime();
        State = MisconductState.Reported;
    }

    /// <summary>The department's feedback on what it did (Yunnan 5.4.8: 反馈处理情况), recorded once.</summary>
    public void ReceiveFeedback(string feedback, string by, DateTimeOffset at)
    {
        if (State == MisconductState.Recorded)
            throw new DomainException("Misconduct.NotReported", "尚未报告监督部门，不能登记反馈");
        if (State != MisconductState.Reported)
            throw new DomainException("Misconduct.FeedbackDone", "监督部门的反馈已经登记");
        if (at.ToUniversalTime() < ReportedAt)
            throw new DomainException("Misconduct.FeedbackBeforeReport", "反馈时间不能早于报告时间");
        Feedback = Guard.Text(feedback, FeedbackMaxLength, "处理反馈");
        FeedbackBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "登记人");
        FeedbackAt = at.ToUniversalTime();
        State = MisconductState.FeedbackReceived;
    }

    /// <summary>办结: only once the department's feedback is in.</summary>
    public void Close(string by, DateTimeOffset at)
    {
        if (State != MisconductState.FeedbackReceived)
            throw new DomainException("Misconduct.CloseWithoutFeedback",
                State == MisconductState.Closed ? "该记录已经办结" : "收到监督部门的处理反馈后才能办结");
        ClosedBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "办结人");
        ClosedAt = at.ToUniversalTime();
        State = MisconductState.Closed;
    }

    /// <summary>What the witness entry of each step says (no expert name ever: the code only).</summary>
    public string EntryText(MisconductState step) => step switch
    {
        MisconductState.Recorded => PlainText.Truncate(
            $"不良行为记录：{MisconductRules.Name(Party)} {PartyLabel}，{MisconductRules.Name(Category)}；现场处置：{MisconductRules.Name(OnTheSpot)}。{Description}", WitnessEntry.TextMaxLength),
        MisconductState.Reported => $"不良行为已报告监督部门（{ReportReference}）：{MisconductRules.Name(Party)} {PartyLabel}，{MisconductRules.Name(Category)}",
        MisconductState.FeedbackReceived => PlainText.Truncate($"监督部门反馈不良行为处理情况：{Feedback}", WitnessEntry.TextMaxLength),
        _ => $"不良行为记录办结：{MisconductRules.Name(Party)} {PartyLabel}，{MisconductRules.Name(Category)}",
    };

    /// <summary>The entry's data: which record, which step (so the log links back to the record).</summary>
    public string EntryData(MisconductState step) =>
        JsonSerializer.Serialize(new { misconduct = Id.ToString("D"), state = step.ToString() });

    private static string EncodeEvidence(IReadOnlyList<EvidenceReference> evidence)
    {
        if (evidence.Count > MaxEvidence)
            throw new DomainException("Misconduct.TooMuchEvidence", $"证据索引最多 {MaxEvidence} 条");
        var clean = new List<EvidenceReference>();
        foreach (var e in evidence)
        {
            var reference = Guard.Text(e.Reference, EvidenceReference.ReferenceMaxLength,
                e.Kind == EvidenceKind.Recording ? "录像通道" : "证据编号");
            DateTimeOffset? from = null, until = null;
            if (e.Kind == EvidenceKind.Recording)
            {
                if (e.From is not { } f || e.Until is not { } u)
                    throw new DomainException("Misconduct.RecordingRange", $"录像 {reference} 须写明起止时间");
                if (u <= f)
                    throw new DomainException("Misconduct.RecordingOrder", $"录像 {reference} 的结束时间必须晚于开始时间");
                (from, until) = (WitnessChain.Instant(f.ToUniversalTime()), WitnessChain.Instant(u.ToUniversalTime()));
            }
            clean.Add(new EvidenceReference(e.Kind, reference, from, until));
        }
        var json = JsonSerializer.Serialize(clean, Json);
        return json.Length <= EvidenceMaxLength ? json
            : throw new DomainException("Misconduct.EvidenceTooLong", "证据索引过长，请精简");
    }
}
