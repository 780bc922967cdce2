using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>Who sits on an evaluation committee: a drawn expert, or one of the initiator's representatives (entered, not drawn).</summary>
public enum MemberKind { Expert, InitiatorRepresentative }

/// <summary>The confirmation call's result (or a recusal declared later).</summary>
public enum CallOutcome
{
    Pending,  // 待通知
    Accepted, // 确认参加
    Declined, // 拒绝参加
    NoAnswer, // 无法联系
    Recused,  // 回避
}

/// <summary>
/// 评标委员会成员: one person on one session's list. The name, ID number and phone are protected copies (an imported
/// provincial expert need not be in the local pool's record as it stands); the fingerprint finds the person at the gate.
/// The database refuses the same fingerprint twice in a session (unique index) and in two overlapping sessions
/// (<see cref="ExpertEngagement"/>).
/// </summary>
public sealed partial class CommitteeMember : Entity
{
    private CommitteeMember() { ProtectedName = ProtectedIdNumber = IdFingerprint = IdMasked = Employer = AddedBy = ""; }

    public CommitteeMember(DrawRequest request, MemberKind kind, Guid? expertId, string? expertCode, string? specialtyCode,
        Guid? roundId, int order, ProtectedIdentity identity, string employer, string addedBy, DateTimeOffset at)
    {
        RequestId = request.Id;
        BookingId = request.BookingId;
        RoomId = request.RoomId;
        StartsAt = request.StartsAt;
        EndsAt = request.EndsAt;
        Kind = kind;
        ExpertId = expertId;
        ExpertCode = expertCode;
        SpecialtyCode = specialtyCode;
        RoundId = roundId;
        Order = order;
        ProtectedName = identity.ProtectedName;
        ProtectedIdNumber = identity.ProtectedIdNumber;
        IdFingerprint = identity.IdFingerprint;
        IdMasked = identity.IdMasked;
        ProtectedPhone = identity.ProtectedPhone;
        PhoneMasked = identity.PhoneMasked;
        Employer = Guard.Text(employer, Expert.EmployerMaxLength, "工作单位");
        AddedBy = Guard.Text(addedBy, 256, "录入人");
        AddedAt = at.ToUniversalTime();
        // The initiator names its own representatives: nobody calls them.
        if (kind == MemberKind.InitiatorRepresentative) { Outcome = CallOutcome.Accepted; OutcomeAt = AddedAt; OutcomeBy = AddedBy; }
    }

    public Guid RequestId { get; private set; }
    public Guid BookingId { get; private set; }
    public Guid RoomId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public MemberKind Kind { get; private set; }
    public Guid? ExpertId { get; private set; }
    public string? ExpertCode { get; private set; }
    public string? SpecialtyCode { get; private set; }
    /// <summary>The draw round that picked this expert (null for representatives).</summary>
    public Guid? RoundId { get; private set; }
    /// <summary>Pick order within the session (the caller calls in this order).</summary>
    public int Order { get; private set; }

    public string ProtectedName { get; private set; }
    public string ProtectedIdNumber { get; private set; }
    public string IdFingerprint { get; private set; }
    public string IdMasked { get; private set; }
    public string? ProtectedPhone { get; private set; }
    public string? PhoneMasked { get; private set; }
    public string Employer { get; private set; }
    public string AddedBy { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    public CallOutcome Outcome { get; private set; } = CallOutcome.Pending;
    public DateTimeOffset? OutcomeAt { get; private set; }
    public string? OutcomeBy { get; private set; }
    public string? OutcomeNote { get; private set; }
    /// <summary>The member drawn to fill this one's place (补抽).</summary>
    public Guid? ReplacedById { get; private set; }

    /// <summary>Still on the list: not declined, unreachable or recused.</summary>
    public bool OnList => Outcome is CallOutcome.Pending or CallOutcome.Accepted;

    /// <summary>Expected at the gate: confirmed by the call (representatives always).</summary>
    public bool Expected => Outcome == CallOutcome.Accepted;

    public static readonly CallOutcome[] OnListOutcomes = [CallOutcome.Pending, CallOutcome.Accepted];
}

/// <summary>
/// One half hour an expert is bound to a session: the unique index on (fingerprint, slot) is how the database refuses
/// the same person in two overlapping sessions, whichever node draws. Slots cover the session from its start, rounded
/// down, to its end, rounded up. A member who leaves the list frees their slots.
/// </summary>
public sealed class ExpertEngagement : Entity
{
    public const int SlotMinutes = 30;

    private ExpertEngagement() { IdFingerprint = ""; }

    public ExpertEngagement(Guid memberId, Guid bookingId, string idFingerprint, DateTimeOffset slot)
    {
        MemberId = memberId;
        BookingId = bookingId;
        IdFingerprint = idFingerprint;
        Slot = slot.ToUniversalTime();
    }

    public Guid MemberId { get; private set; }
    public Guid BookingId { get; private set; }
    public string IdFingerprint { get; private set; }
    public DateTimeOffset Slot { get; private set; }

    /// <summary>The half-hour slots of [startsAt, endsAt).</summary>
    public static IEnumerable<DateTimeOffset> Slots(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var step = TimeSpan.FromMinutes(SlotMinutes);
        var utc = startsAt.ToUniversalTime();
        var from = new DateTimeOffset(utc.Ticks - utc.Ticks % step.Ticks, TimeSpan.Zero);
        for (var s = from; s < endsAt; s += step) yield return s;
    }

    public static IEnumerable<ExpertEngagement> For(CommitteeMember member) =>
        Slots(member.StartsAt, member.EndsAt).Select(s => new ExpertEngagement(member.Id, member.BookingId, member.IdFingerprint, s));
}
