using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>Confirmation calls and the two-person redraw (补抽) of one member's place (issue 18 item 3).</summary>
public sealed partial class CommitteeMember
{
    public const int NoteMaxLength = 200;

    /// <summary>The operator who asked for a redraw of this member's place, and why; cleared when the redraw runs.</summary>
    public string? RedrawRequestedBy { get; private set; }
    public DateTimeOffset? RedrawRequestedAt { get; private set; }
    public string? RedrawReason { get; private set; }

    /// <summary>A gap on the list: the member left it (declined, unreachable, recused) and nobody has taken the place yet.</summary>
    public bool IsGap => Kind == MemberKind.Expert && !OnList && ReplacedById is null;

    /// <summary>
    /// Records a call's result: a pending member accepts, declines or cannot be reached; an accepted member may recuse
    /// (回避) later. A recusal needs its reason. Returns whether the member left the list (their engagements are freed).
    /// </summary>
    public bool RecordOutcome(CallOutcome outcome, string? note, string by, DateTimeOffset at)
    {
        if (Kind != MemberKind.Expert && outcome != CallOutcome.Recused)
            throw new DomainException("Call.Representative", "招标人代表无需通知");
        var allowed = (Outcome, outcome) switch
        {
            (CallOutcome.Pending, CallOutcome.Accepted or CallOutcome.Declined or CallOutcome.NoAnswer or CallOutcome.Recused) => true,
            (CallOutcome.Accepted, CallOutcome.Recused) => true,
            _ => false,
        };
        if (!allowed) throw new DomainException("Call.Transition", Outcome switch
        {
            CallOutcome.Accepted => "该专家已确认参加，只能登记回避",
            CallOutcome.Pending => "通知结果无效",
            _ => "该专家已不在名单中",
        });
        var cleanNote = Guard.OptionalText(note, NoteMaxLength, "备注");
        if (outcome == CallOutcome.Recused && cleanNote is null) throw new DomainException("Call.RecusalReason", "登记回避须说明原因");
        var wasOnList = OnList;
        Outcome = outcome;
        OutcomeAt = at.ToUniversalTime();
        OutcomeBy = Guard.Text(by, 256, "通知人");
        OutcomeNote = cleanNote;
        return wasOnList && !OnList;
    }

    /// <summary>补抽 asked: only for a gap, with a reason; an overseer other than the operator confirms it.</summary>
    public void RequestRedraw(string operatorName, string? reason, DateTimeOffset at)
    {
        if (Kind != MemberKind.Expert) throw new DomainException("Redraw.Representative", "招标人代表不补抽");
        if (OnList) throw new DomainException("Redraw.OnList", "该专家仍在名单中，不能补抽");
        if (ReplacedById is not null) throw new DomainException("Redraw.Done", "该席位已补抽");
        RedrawReason = Guard.Text(reason, 200, "补抽原因");
        RedrawRequestedBy = Guard.Text(operatorName, 256, "操作员");
        RedrawRequestedAt = at.ToUniversalTime();
    }

    /// <summary>The redraw ran: <paramref name="replacement"/> takes this member's place.</summary>
    public void ReplaceWith(CommitteeMember replacement)
    {
        if (!IsGap) throw new DomainException("Redraw.NotGap", "该席位无需补抽");
        ReplacedById = replacement.Id;
        RedrawRequestedBy = null;
        RedrawRequestedAt = null;
        RedrawReason = null;
    }

    public void WithdrawRedraw()
    {
        RedrawRequestedBy = null;
        RedrawRequestedAt = null;
        RedrawReason = null;
    }
}
