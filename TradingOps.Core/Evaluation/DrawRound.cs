using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

public enum DrawRoundKind
{
    Initial,          // 首次抽取
    Redraw,           // 补抽
    ProvincialImport, // 省级系统抽取结果导入
}

/// <summary>
/// The record of one draw (first draw, one redraw, or an imported provincial result), kept so a reviewer can re-check
/// its fairness afterwards: the candidate list (expert codes, sorted) with its SHA-256, the exclusions applied with their
/// reasons, the random values drawn from the cryptographic source and the picks they gave. Nothing here names a
/// person: expert codes only. Append-only: a round is never changed once saved.
/// </summary>
public sealed class DrawRound : Entity
{
    private DrawRound() { OperatorName = ConfirmedBy = CandidatesJson = CandidatesHash = ExclusionsJson = RandomJson = PicksJson = ""; }

    public DrawRound(Guid requestId, Guid bookingId, DrawRoundKind kind, string? specialtyCode, int wanted, string? reason,
        Guid? replacesMemberId, string operatorName, string confirmedBy, DateTimeOffset at,
        int candidateCount, string candidatesJson, string candidatesHash, string exclusionsJson, string randomJson, string picksJson)
    {
        RequestId = requestId;
        BookingId = bookingId;
        Kind = kind;
        SpecialtyCode = specialtyCode;
        Wanted = wanted;
        Reason = Guard.OptionalText(reason, 200, "补抽原因");
        if (kind == DrawRoundKind.Redraw && Reason is null) throw new DomainException("Draw.RedrawReason", "补抽须记录原因");
        ReplacesMemberId = replacesMemberId;
        OperatorName = Guard.Text(operatorName, 256, "操作员");
        ConfirmedBy = Guard.Text(confirmedBy, 256, "确认人");
        At = at.ToUniversalTime();
        CandidateCount = candidateCount;
        CandidatesJson = candidatesJson;
        CandidatesHash = candidatesHash;
        ExclusionsJson = exclusionsJson;
        RandomJson = randomJson;
        PicksJson = picksJson;
    }

    public Guid RequestId { get; private set; }
    public Guid BookingId { get; private set; }
    public DrawRoundKind Kind { get; private set; }
    /// <summary>The specialty drawn in this round (null for the first draw of several specialties: see the picks).</summary>
    public string? SpecialtyCode { get; private set; }
    public int Wanted { get; private set; }
    public string? Reason { get; private set; }
    public Guid? ReplacesMemberId { get; private set; }
    public string OperatorName { get; private set; }
    public string ConfirmedBy { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int CandidateCount { get; private set; }
    public string CandidatesJson { get; private set; }
    public string CandidatesHash { get; private set; }
    public string ExclusionsJson { get; private set; }
    public string RandomJson { get; private set; }
    public string PicksJson { get; private set; }
}
