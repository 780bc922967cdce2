using TradingOps.Core.Common;
using TradingOps.Core.Floor;

namespace TradingOps.Core.Witness;

/// <summary>A session of the project as the issue check sees it.</summary>
public sealed record CertificateSessionFact(string Label, BookingStatus Status, SessionPhase Phase);

/// <summary>
/// When a witness certificate may be issued, and what it says about each session. One home: the service refuses with
/// these reasons (all of them at once, nothing saved) and the page shows the same.
/// </summary>
public static class CertificateRules
{
    /// <summary>Bookings that never became a session (cancelled, no-show) do not hold up a certificate.</summary>
    public static bool IsSession(BookingStatus status) => status is not (BookingStatus.Cancelled or BookingStatus.NoShow);

    /// <summary>
    /// Why a certificate cannot be issued now (empty when it can): a session not ended, an open incident, a chain that
    /// does not verify, an empty log, a certificate already issued and not revoked (reprint it instead).
    /// </summary>
    public static IReadOnlyList<string> Refusals(IReadOnlyCollection<CertificateSessionFact> sessions, int openIncidents,
        ChainVerdict verdict, string? activeCertificate)
    {
        var reasons = new List<string>();
        var held = sessions.Where(s => IsSession(s.Status)).ToList();
        var running = held.Where(s => s.Phase != SessionPhase.Ended).ToList();
        if (running.Count > 0)
            reasons.Add($"项目还有 {running.Count} 个场次未结束（{string.Join("、", running.Take(3).Select(s => s.Label))}）");
        else if (held.Count == 0)
            reasons.Add("项目没有已结束的场次");
        if (openIncidents > 0)
            reasons.Add($"项目有 {openIncidents} 个未处理完的异常事件（未关闭或暂停中）");
        if (verdict.Entries == 0)
            reasons.Add("项目的见证记录为空");
        else if (!verdict.Intact)
            reasons.Add($"见证记录校验不通过：{verdict.Detail}");
        if (activeCertificate is not null)
            reasons.Add($"项目已出具见证书 {activeCertificate}，如需再次打印请使用“重新打印”（编号不变）");
        return reasons;
    }

    public static void EnsureMayIssue(IReadOnlyCollection<CertificateSessionFact> sessions, int openIncidents, ChainVerdict verdict, string? activeCertificate)
    {
        var reasons = Refusals(sessions, openIncidents, verdict, activeCertificate);
        if (reasons.Count > 0) throw new DomainException("Certificate.Refused", "不能出具见证书：" + string.Join("；", reasons));
    }

    /// <summary>交易类别 as the certificate prints it.</summary>
    public static string CategoryName(Projects.TradingCategory category) => category switch
    {
        Projects.TradingCategory.Engineering => "工程建设",
        Projects.TradingCategory.GovernmentProcurement => "政府采购",
        Projects.TradingCategory.LandAndMiningRights => "土地使用权和矿业权出让",
        Projects.TradingCategory.StateAssets => "国有产权交易",
        Projects.TradingCategory.MedicalProcurement => "药品耗材采购",
        _ => "其他",
    };

    /// <summary>开标 / 评标 / 谈判 / 跨夜评标: the session kind's short name on the certificate.</summary>
    public static string KindName(BookingPurpose purpose) => purpose switch
    {
        BookingPurpose.BidOpening => "开标",
        BookingPurpose.Evaluation => "评标",
        BookingPurpose.Negotiation => "谈判",
        _ => "跨夜评标",
    };

    /// <summary>
    /// A session's key times from its entries in the log: its system steps (签到, 开标开始, 暂停, 恢复, 开标结束…) and the
    /// witness's ticked steps, in the order they happened; corrections and flags do not move them.
    /// </summary>
    public static IReadOnlyList<CertificateKeyTime> KeyTimes(BookingPurpose purpose, IEnumerable<WitnessEntry> sessionEntries)
    {
        var kind = KindName(purpose);
        var times = new List<CertificateKeyTime>();
        foreach (var e in sessionEntries.OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence))
        {
            var label = e.Kind switch
            {
                WitnessEntryKind.System => e.Code switch
                {
                    WitnessCodes.SessionCheckedIn => "签到",
                    WitnessCodes.SessionStarted => $"{kind}开始",
                    WitnessCodes.SessionSuspended => "暂停",
                    WitnessCodes.SessionResumed => "恢复",
                    WitnessCodes.SessionEnded => $"{kind}结束",
                    _ => null,
                },
                WitnessEntryKind.Step => e.Text.Length > 30 ? e.Text[..30] : e.Text,
                _ => null,
            };
            if (label is not null) times.Add(new CertificateKeyTime(label, e.OccurredAt));
        }
        return times;
    }

    /// <summary>Who witnessed a session: the people who ticked its steps or recorded observations and recordings.</summary>
    public static IReadOnlyList<string> Witnesses(IEnumerable<WitnessEntry> sessionEntries) =>
        sessionEntries.Where(e => e.Kind is WitnessEntryKind.Step or WitnessEntryKind.Observation or WitnessEntryKind.Recording)
            .Select(e => e.Actor).Distinct(StringComparer.Ordinal).ToList();
}
