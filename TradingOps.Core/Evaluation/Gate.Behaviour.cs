using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

public sealed partial class GateAdmission
{
    /// <summary>离场: the person left the evaluation area (the seat and the locker stay theirs for the session and the day).</summary>
    public void Exit(DateTimeOffset at)
    {
        if (ExitedAt is not null) throw new DomainException("Gate.NotInside", "该人员已离场");
        ExitedAt = at.ToUniversalTime();
    }

    /// <summary>
    /// 再次进入: back in after an exit, on a duty manager's override or (agency staff) a pass valid now. The seat and the
    /// locker stay the same; <paramref name="passId"/> names the pass that let agency staff back in.
    /// </summary>
    public void ReEnter(Guid? passId)
    {
        if (ExitedAt is null) throw new DomainException("Gate.StillInside", "该人员仍在评标区内");
        ExitedAt = null;
        ReEntries++;
        if (passId is not null) PassId = passId;
    }
}

public sealed partial class AgencyPass
{
    /// <summary>
    /// Whether the pass lets its holder in at <paramref name="at"/>: valid and not revoked, and a preparation pass only
    /// before the evaluation opens (<paramref name="evaluationOpensAt"/>, <see cref="Sealing.OpensAt"/>: also when the
    /// session began earlier than booked; Liaoning 6.8.4).
    /// </summary>
    public bool AdmitsAt(DateTimeOffset at, DateTimeOffset evaluationOpensAt) =>
        ValidAt(at) && (Reason != PassReason.Preparation || at < evaluationOpensAt);

    /// <summary>撤销: the pass opens nothing from now on (who revoked it is in the audit trail).</summary>
    public void Revoke(DateTimeOffset at)
    {
        if (RevokedAt is not null) throw new DomainException("Pass.Revoked", "该通行证已撤销");
        RevokedAt = at.ToUniversalTime();
    }

    /// <summary>
    /// The validity of a new pass (Liaoning 6.8.4–6.8.7): a preparation pass from now until the evaluation opens, issued
    /// only before it; a later pass (6.8.5–6.8.7, the supervisor present) from now until the session's end.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset Until) Validity(PassReason reason, DateTimeOffset now, DateTimeOffset evaluationOpensAt,
        DateTimeOffset endsAt)
    {
        if (reason == PassReason.Preparation)
        {
            if (now >= evaluationOpensAt)
                throw new DomainException("Pass.PreparationAfterStart", "评标已开始，不再签发布置准备通行证；此后进入须为辽宁 6.8.5–6.8.7 规定的情形并有监督人员在场");
            return (now, evaluationOpensAt);
        }
        if (now >= endsAt) throw new DomainException("Pass.SessionOver", "本场评标已结束，不能签发通行证");
        return (now, endsAt);
    }
}
