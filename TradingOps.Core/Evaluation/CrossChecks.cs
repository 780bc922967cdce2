using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>
/// What the cross-checks know of one session of the evaluation area: its times and room, and counts. Never a name.
/// The watch job builds it from the database (exact: <see cref="AcceptedNotAdmitted"/> from the members and their
/// admissions); the screens build it from the counts an <see cref="EvaluationChanged"/> carries (<see cref="FromCounts"/>).
/// </summary>
public sealed record SessionFacts(
    Guid BookingId,
    Guid RoomId,
    string RoomCode,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? StartedAt,
    int Wanted,
    int OnList,
    int Accepted,
    int ExpertsInside,
    int AcceptedNotAdmitted,
    int AgencyInside)
{
    /// <summary>The evaluation start (the recorded start when the session began early): the seal's rule.</summary>
    public DateTimeOffset Start => Sealing.OpensAt(StartsAt, StartedAt);

    /// <summary>The facts as the counts of a live event give them (accepted experts not inside stand for those not admitted).</summary>
    public static SessionFacts FromCounts(Guid bookingId, Guid roomId, string roomCode, DateTimeOffset startsAt, DateTimeOffset endsAt,
        DateTimeOffset? startedAt, SessionCounts c) =>
        new(bookingId, roomId, roomCode, startsAt, endsAt, startedAt, c.Wanted, c.OnList, c.Accepted, c.ExpertsInside,
            Math.Max(0, c.Accepted - c.ExpertsInside), c.AgencyInside);
}

/// <summary>One person on one session's list, as the two-sessions check sees them: the keyed fingerprint, never the name.</summary>
public sealed record ListedPerson(Guid BookingId, Guid MemberId, string IdFingerprint, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// What a cross-check found: the alert to raise (once: kind, booking, subject) with a count and a detail that names
/// room codes and counts only.
/// </summary>
public sealed record CrossCheckFinding(EvaluationAlertKind Kind, Guid BookingId, Guid RoomId, string RoomCode, string Subject, int Count, string Detail);

/// <summary>
/// The live cross-checks of the evaluation area (issue 18 item 6; Liaoning 6.8.3–6.8.4, Yunnan 5.5.3): the one home
/// of each rule. Session rules work on <see cref="SessionFacts"/> and the clock; gate rules on the gate log's kind and
/// refusal code (<see cref="GateRefusal"/>); the two-sessions rule on fingerprints and times.
/// </summary>
public static class CrossChecks
{
    /// <summary>
    /// 评标委员会不足额: from <paramref name="checkMinutes"/> before the start until the end, fewer experts inside than
    /// wanted, or fewer on the list than wanted (declines not yet redrawn). A session without a request wants none.
    /// </summary>
    public static bool CommitteeIncomplete(SessionFacts s, DateTimeOffset now, int checkMinutes) =>
        s.Wanted > 0 && now >= s.Start.AddMinutes(-checkMinutes) && now < s.EndsAt
        && (s.ExpertsInside < s.Wanted || s.OnList < s.Wanted);

    /// <summary>专家未签到: from the start until the end, how many experts who accepted the call have not been admitted.</summary>
    public static int ExpertsNotCheckedIn(SessionFacts s, DateTimeOffset now) =>
        now >= s.Start && now < s.EndsAt ? s.AcceptedNotAdmitted : 0;

    /// <summary>代理机构人员未离场: from the start until the end, agency staff still inside (Liaoning 6.8.4).</summary>
    public static int AgencyStillInside(SessionFacts s, DateTimeOffset now) =>
        now >= s.Start && now < s.EndsAt ? s.AgencyInside : 0;

    /// <summary>
    /// The gate log's alerts: a room door refusing someone who is not on that room's list (wrong room, or on no list at
    /// all) is <see cref="EvaluationAlertKind.WrongRoom"/>; the gate refusing a member who was recused, replaced,
    /// declined or unreachable is <see cref="EvaluationAlertKind.RecusedAtGate"/>. Any other event raises nothing.
    /// </summary>
    public static EvaluationAlertKind? FromGateEvent(GateEventKind kind, string? refusalCode) => (kind, refusalCode) switch
    {
        (GateEventKind.DoorRefused, GateRefusal.WrongRoom or GateRefusal.NotOnList) => EvaluationAlertKind.WrongRoom,
        (GateEventKind.Refused, GateRefusal.Recused) => EvaluationAlertKind.RecusedAtGate,
        _ => null,
    };

    /// <summary>
    /// 同一专家两场: people whose fingerprint is on the lists of two different sessions whose times overlap. Each pair
    /// is given once per side (the alert is raised on both sessions).
    /// </summary>
    public static IEnumerable<(ListedPerson Person, ListedPerson Other)> InTwoSessions(IEnumerable<ListedPerson> listed)
    {
        foreach (var same in listed.GroupBy(p => p.IdFingerprint, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var people = same.ToList();
            foreach (var p in people)
                foreach (var o in people)
                    if (o.BookingId != p.BookingId && o.StartsAt < p.EndsAt && p.StartsAt < o.EndsAt)
                        yield return (p, o);
        }
    }

    /// <summary>The session alerts due at <paramref name="now"/> (committee incomplete, experts not checked in, agency inside).</summary>
    public static IEnumerable<CrossCheckFinding> Session(SessionFacts s, DateTimeOffset now, int checkMinutes)
    {
        var start = CenterTime.ToLocal(s.Start).ToString("HH:mm");
        if (CommitteeIncomplete(s, now, checkMinutes))
            yield return new(EvaluationAlertKind.CommitteeIncomplete, s.BookingId, s.RoomId, s.RoomCode, "", Math.Max(0, s.Wanted - s.ExpertsInside),
                $"{s.RoomCode} {start} 开始：应到专家 {s.Wanted} 人，名单 {s.OnList} 人，已入场 {s.ExpertsInside} 人");
        if (ExpertsNotCheckedIn(s, now) is var missing and > 0)
            yield return new(EvaluationAlertKind.ExpertNotCheckedIn, s.BookingId, s.RoomId, s.RoomCode, "", missing,
                $"{s.RoomCode} {start} 已开始：{missing} 名确认参加的专家未入场");
        if (AgencyStillInside(s, now) is var inside and > 0)
            yield return new(EvaluationAlertKind.AgencyStillInside, s.BookingId, s.RoomId, s.RoomCode, "", inside,
                $"{s.RoomCode} {start} 已开始：代理机构人员 {inside} 人仍在评标区");
    }

    /// <summary>
    /// Whether an alert's condition still holds at <paramref name="now"/> by the session's facts (false: "condition
    /// cleared", the alert stays until a person resolves it). Null for the alerts of a moment (a refusal at a door or
    /// the gate) and for those the counts cannot tell (two sessions: the watch job re-checks them).
    /// </summary>
    public static bool? StillHolds(EvaluationAlertKind kind, SessionFacts s, DateTimeOffset now, int checkMinutes) => kind switch
    {
        EvaluationAlertKind.CommitteeIncomplete => CommitteeIncomplete(s, now, checkMinutes),
        EvaluationAlertKind.ExpertNotCheckedIn => ExpertsNotCheckedIn(s, now) > 0,
        EvaluationAlertKind.AgencyStillInside => AgencyStillInside(s, now) > 0,
        _ => null,
    };
}
