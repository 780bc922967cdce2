using System.Globalization;
using System.Security.Cryptography;

namespace TradingOps.Core.Evaluation;

/// <summary>A session as the gate sees it: its room, times and seats.</summary>
/// <param name="Held">The booking still takes place (not cancelled, not a no-show).</param>
/// <param name="RemoteSeats">Seats reserved for remote experts (<see cref="DrawRequest.RemoteSeats"/>).</param>
/// <param name="SeatsOut">Seats out of service now (<c>RoomOutage.SeatsOut</c> of the outages active now).</param>
public sealed record GateSession(Guid BookingId, Guid RoomId, string RoomCode, string RoomName, DateTimeOffset StartsAt,
    DateTimeOffset? StartedAt, DateTimeOffset EndsAt, bool Held, int RoomSeats, int RemoteSeats, int SeatsOut)
{
    public DateTimeOffset OpensAt => Sealing.OpensAt(StartsAt, StartedAt);
}

/// <summary>Why a person might be let in: a place on a session's list, or an agency pass.</summary>
public abstract record GateClaim(GateSession Session, PersonKind Person);

public sealed record MemberClaim(GateSession Session, Guid MemberId, MemberKind Kind, CallOutcome Outcome, bool Replaced)
    : GateClaim(Session, Kind == MemberKind.Expert ? PersonKind.Expert : PersonKind.InitiatorRepresentative)
{
    public bool Expected => Outcome == CallOutcome.Accepted && !Replaced;
}

public sealed record PassClaim(GateSession Session, Guid PassId, PassReason Reason, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil,
    DateTimeOffset? RevokedAt) : GateClaim(Session, PersonKind.AgencyStaff)
{
    public bool AdmitsAt(DateTimeOffset at) =>
        RevokedAt is null && at >= ValidFrom && at < ValidUntil && (Reason != PassReason.Preparation || at < Session.OpensAt);
}

/// <summary>The person's earlier admission to a session (one per person and session).</summary>
public sealed record PriorAdmission(Guid AdmissionId, Guid BookingId, bool Inside);

/// <summary>What the gate decided. Refused: <see cref="Refusal"/> is the stored reason ("code: 中文").</summary>
/// <param name="Claim">The claim the decision is about (null when the person is on no list and holds no pass).</param>
/// <param name="Prior">Set for a re-entry: the admission that is reopened.</param>
/// <param name="Kind">Admitted, ReEntry, Refused or DeviceCheckFailed.</param>
public sealed record GateVerdict(GateEventKind Kind, GateClaim? Claim, PriorAdmission? Prior, string? Refusal)
{
    public bool Admitted => Kind is GateEventKind.Admitted or GateEventKind.ReEntry;
    public string? Code => GateRefusal.CodeOf(Refusal);
}

/// <summary>
/// The gate's rules (Liaoning 6.8.3–6.8.7, 7.4.2; Yunnan 6.2.3.3): who is let into the evaluation area, and where they sit.
/// <list type="bullet">
/// <item>an identity on a session's list whose start lies within [now − LateEntryMinutes, now + GateOpensMinutesBefore]:
/// an expert confirmed by the call and not replaced, or an initiator's representative;</item>
/// <item>not recused, replaced, declined or unreachable (refused "recused", which raises the RecusedAtGate alert);</item>
/// <item>once per session: a second entry, or a late one after the window, only on a duty manager's override with a reason;</item>
/// <item>agency staff on a pass valid now: a preparation pass until the evaluation opens (6.8.4), later passes for the
/// cases of 6.8.5–6.8.7; they come and go on a valid pass (each entry recorded);</item>
/// <item>the device check passed (a failure is refused and recorded as such).</item>
/// </list>
/// </summary>
public static class GateRules
{
    /// <summary>Whether the gate admits people of a session starting at <paramref name="startsAt"/> at <paramref name="now"/>.</summary>
    public static bool InWindow(DateTimeOffset startsAt, DateTimeOffset now, EvaluationOptions options) =>
        now >= startsAt.AddMinutes(-options.GateOpensMinutesBefore) && now <= startsAt.AddMinutes(options.LateEntryMinutes);

    /// <summary>
    /// The decision for one presentation. <paramref name="overrideByDutyManager"/>: a duty manager overrides (with a
    /// recorded reason) a second entry or a late entry; nothing else.
    /// </summary>
    public static GateVerdict Decide(IReadOnlyCollection<MemberClaim> members, IReadOnlyCollection<PassClaim> passes,
        IReadOnlyCollection<PriorAdmission> priors, bool deviceCheckPassed, bool overrideByDutyManager, DateTimeOffset now,
        EvaluationOptions options, PersonKind? hint = null)
    {
        var held = members.Where(m => m.Session.Held).ToList();
        var heldPasses = passes.Where(p => p.Session.Held).ToList();
        PriorAdmission? PriorOf(GateClaim c) => priors.FirstOrDefault(p => p.BookingId == c.Session.BookingId);

        // A list place in the window, the expected ones first, then the nearest start.
        var inWindow = held.Where(m => InWindow(m.Session.StartsAt, now, options))
            .OrderByDescending(m => m.Expected).ThenBy(m => (m.Session.StartsAt - now).Duration()).ToList();
        var validPass = heldPasses.Where(p => p.AdmitsAt(now)).OrderBy(p => (p.Session.StartsAt - now).Duration()).FirstOrDefault();

        GateClaim? claim = hint == PersonKind.AgencyStaff && validPass is not null ? validPass
            : inWindow.FirstOrDefault() is { } m0 ? m0
            : validPass;

        if (claim is null)
        {
            // A list place outside the window: too early, or late (a duty manager may let a late member in until the end).
            var outside = held.OrderByDescending(m => m.Expected).ThenBy(m => (m.Session.StartsAt - now).Duration()).FirstOrDefault();
            if (outside is not null)
            {
                var late = now > outside.Session.StartsAt && now < outside.Session.EndsAt;
                if (!(late && overrideByDutyManager && outside.Expected))
                    return Refuse(outside, GateRefusal.OutsideWindow, WindowSentence(outside.Session, options));
                claim = outside;
            }
            else if (heldPasses.Count > 0)
            {
                var pass = heldPasses.OrderBy(p => (p.Session.StartsAt - now).Duration()).First();
                return Refuse(pass, GateRefusal.PassInvalid, PassSentence(pass, now));
            }
            else
                return new GateVerdict(GateEventKind.Refused, null, null,
                    GateRefusal.Reason(GateRefusal.NotOnList, "不在今日评标名单中，也没有有效的代理机构通行证"));
        }

        if (claim is MemberClaim member && !member.Expected)
            return member.Replaced || member.Outcome is CallOutcome.Declined or CallOutcome.NoAnswer or CallOutcome.Recused
                ? Refuse(member, GateRefusal.Recused, RecusedSentence(member))
                : Refuse(member, GateRefusal.NotOnList, "该专家尚未确认参加本场评标，不在入场名单中");

        var prior = PriorOf(claim);
        if (prior is { Inside: true })
            return Refuse(claim, GateRefusal.AlreadyEntered, "已入场，仍在评标区内（一次入场）");
        if (prior is not null && claim is MemberClaim && !overrideByDutyManager)
            return Refuse(claim, GateRefusal.AlreadyEntered, "已入场并离场，再次进入须值班经理核准并说明原因（一次入场）");

        if (!deviceCheckPassed)
            return new GateVerdict(GateEventKind.DeviceCheckFailed, claim, prior,
                GateRefusal.Reason(GateRefusal.DeviceCheck, "通讯检测未通过：请将手机等通讯设备存入储物柜后重新检测"));

        return new GateVerdict(prior is null ? GateEventKind.Admitted : GateEventKind.ReEntry, claim, prior, null);
    }

    private static GateVerdict Refuse(GateClaim claim, string code, string sentence) =>
        new(GateEventKind.Refused, claim, null, GateRefusal.Reason(code, sentence));

    private static string RecusedSentence(MemberClaim m) => m.Replaced ? "该专家已被替换（补抽），不得入场"
        : m.Outcome switch
        {
            CallOutcome.Recused => "该专家已回避，不得入场",
            CallOutcome.Declined => "该专家已拒绝参加本场评标，不得入场",
            _ => "该专家通知时无法联系，已不在名单中，不得入场",
        };

    private static string WindowSentence(GateSession s, EvaluationOptions o) => string.Format(CultureInfo.InvariantCulture,
        "不在入场时段：本场 {0:HH:mm} 开始，入场时段 {1:HH:mm}-{2:HH:mm}；逾时入场须值班经理核准",
        Common.CenterTime.ToLocal(s.StartsAt), Common.CenterTime.ToLocal(s.StartsAt.AddMinutes(-o.GateOpensMinutesBefore)),
        Common.CenterTime.ToLocal(s.StartsAt.AddMinutes(o.LateEntryMinutes)));

    private static string PassSentence(PassClaim p, DateTimeOffset now) =>
        p.RevokedAt is not null ? "代理机构通行证已撤销"
        : p.Reason == PassReason.Preparation && now >= p.Session.OpensAt ? "布置准备通行证在评标开始时失效（辽宁 6.8.4）；此后进入须为 6.8.5–6.8.7 规定的情形并有监督人员在场"
        : now < p.ValidFrom ? "代理机构通行证尚未生效"
        : "代理机构通行证已过期";

    /// <summary>
    /// The seats the gate may give in a session: 1..<paramref name="roomSeats"/> minus the seats already given in the
    /// session, minus the highest <paramref name="remoteSeats"/> numbers (reserved for remote experts, shown as such on
    /// the floor), minus the next highest <paramref name="seatsOut"/> (out of service by an outage of seats, which
    /// counts seats, not which ones: the gate keeps the top of the room free for them).
    /// </summary>
    public static IReadOnlyList<int> FreeSeats(int roomSeats, int remoteSeats, int seatsOut, IEnumerable<int> taken)
    {
        var usable = Math.Max(0, roomSeats - Math.Max(0, remoteSeats) - Math.Max(0, seatsOut));
        var busy = taken.ToHashSet();
        return Enumerable.Range(1, usable).Where(s => !busy.Contains(s)).ToList();
    }

    /// <summary>Seat numbers reserved for remote experts: the highest <paramref name="remoteSeats"/> of the room.</summary>
    public static IReadOnlyList<int> RemoteSeatNumbers(int roomSeats, int remoteSeats) =>
        Enumerable.Range(Math.Max(1, roomSeats - remoteSeats + 1), Math.Clamp(remoteSeats, 0, roomSeats)).ToList();

    /// <summary>One of <paramref name="free"/>, each equally likely (cryptographic random source), or null when none is free.</summary>
    public static T? Pick<T>(IReadOnlyList<T> free) where T : struct =>
        free.Count == 0 ? null : free[RandomNumberGenerator.GetInt32(free.Count)];

    /// <summary>The lockers not given today, as labels (<see cref="EvaluationOptions.Locker"/>).</summary>
    public static IReadOnlyList<string> FreeLockers(EvaluationOptions options, IEnumerable<string?> takenToday)
    {
        var taken = takenToday.Where(l => l is not null).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(1, options.LockerCount).Select(options.Locker).Where(l => !taken.Contains(l)).ToList();
    }

    /// <summary>A free locker at random (random, so parallel gate calls rarely reach for the same one), or null.</summary>
    public static string? PickLocker(IReadOnlyList<string> free) => free.Count == 0 ? null : free[RandomNumberGenerator.GetInt32(free.Count)];

    /// <summary>
    /// A device call's replay check: a request id the device used before, or a device clock more than
    /// ReplayWindowSeconds away from the server's, is refused ("replay: …") and admits nobody.
    /// </summary>
    public static string? ReplayRefusal(bool requestSeenBefore, DateTimeOffset deviceAt, DateTimeOffset now, EvaluationOptions options) =>
        requestSeenBefore ? GateRefusal.Reason(GateRefusal.Replay, "重复的请求：该请求编号已处理过，不予放行")
        : (deviceAt - now).Duration() > TimeSpan.FromSeconds(options.ReplayWindowSeconds)
            ? GateRefusal.Reason(GateRefusal.Replay, string.Format(CultureInfo.InvariantCulture,
                "请求时间与服务器时间相差超过 {0} 秒（过期或重放的请求），不予放行；请校准设备时钟", options.ReplayWindowSeconds))
            : null;
}

/// <summary>An admission of the person still open (inside the evaluation area), as a room door sees it.</summary>
public sealed record InsideAdmission(Guid AdmissionId, Guid BookingId, Guid RoomId, string RoomCode, PersonKind Person, Guid? PassId);

/// <summary>评标室门禁: the reader at a room's door lets in only the people admitted at the gate for a session in that room.</summary>
public static class DoorRules
{
    /// <summary>
    /// DoorPassed with the admission of this room, or DoorRefused with a reason: not admitted at the gate
    /// ("not-on-list"), admitted for a session in another room ("wrong-room", which raises the WrongRoom alert), or
    /// agency staff whose pass no longer admits (<paramref name="passAdmits"/>, "pass-invalid").
    /// </summary>
    public static (GateEventKind Kind, InsideAdmission? Admission, string? Refusal) AtDoor(IReadOnlyList<InsideAdmission> inside, Guid doorRoomId,
        Func<InsideAdmission, bool> passAdmits)
    {
        var here = inside.FirstOrDefault(a => a.RoomId == doorRoomId);
        if (here is not null)
            return here.Person == PersonKind.AgencyStaff && !passAdmits(here)
                ? (GateEventKind.DoorRefused, here, GateRefusal.Reason(GateRefusal.PassInvalid, "代理机构人员的通行证已失效（评标开始后须有 6.8.5–6.8.7 规定的事由和监督人员）"))
                : (GateEventKind.DoorPassed, here, null);
        if (inside.Count > 0)
        {
            var own = inside[0];
            return (GateEventKind.DoorRefused, own, GateRefusal.Reason(GateRefusal.WrongRoom, $"非本人评标室：该人员入场的评标室为 {own.RoomCode}"));
        }
        return (GateEventKind.DoorRefused, null, GateRefusal.Reason(GateRefusal.NotOnList, "未经评标区门禁入场，不得进入评标室"));
    }
}
