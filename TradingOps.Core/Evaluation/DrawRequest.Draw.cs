using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>The two-person draw (issue 18 item 3): an operator starts it, a different overseer confirms it, then it runs.</summary>
public sealed partial class DrawRequest
{
    /// <summary>The request may be edited (quotas, exclusions) only before the draw is started.</summary>
    public void EnsureEditable()
    {
        if (Status != DrawRequestStatus.Draft) throw new DomainException("Draw.NotEditable", "抽取已发起或已完成，申请不能再修改");
    }

    /// <summary>发起抽取: the operator asks for the draw; a second person must confirm it.</summary>
    public void StartDraw(string operatorName, DateTimeOffset at)
    {
        if (Source != DrawSource.Local) throw new DomainException("Draw.Provincial", "本场在省级系统抽取，结果由抽取终端导入");
        if (Status != DrawRequestStatus.Draft) throw new DomainException("Draw.NotDraft", Status == DrawRequestStatus.Drawn ? "本场已抽取" : "抽取已发起，等待第二人确认");
        EnsureBeforeStart(at);
        OperatorName = Guard.Text(operatorName, 256, "操作员");
        OperatorAt = at.ToUniversalTime();
        Status = DrawRequestStatus.AwaitingConfirmation;
    }

    /// <summary>The operator withdraws a draw nobody confirmed yet.</summary>
    public void WithdrawDraw()
    {
        if (Status != DrawRequestStatus.AwaitingConfirmation) throw new DomainException("Draw.NotAwaiting", "没有待确认的抽取");
        OperatorName = null;
        OperatorAt = null;
        Status = DrawRequestStatus.Draft;
    }

    /// <summary>确认抽取: a second person, not the operator, confirms; the caller then runs the draw in the same transaction.</summary>
    public void ConfirmDraw(string confirmer, DateTimeOffset at)
    {
        if (Status == DrawRequestStatus.Drawn) throw new DomainException("Draw.AlreadyDrawn", "本场已抽取，不能重复抽取");
        if (Status != DrawRequestStatus.AwaitingConfirmation) throw new DomainException("Draw.NotAwaiting", "抽取尚未由操作员发起");
        DrawRules.EnsureSecondPerson(OperatorName, confirmer);
        EnsureBeforeStart(at);
        ConfirmedBy = Guard.Text(confirmer, 256, "确认人");
        ConfirmedAt = at.ToUniversalTime();
        DrawnAt = at.ToUniversalTime();
        Status = DrawRequestStatus.Drawn;
    }

    private void EnsureBeforeStart(DateTimeOffset at)
    {
        if (at >= StartsAt) throw new DomainException("Draw.Started", "评标已开始，不能再抽取");
    }
}
