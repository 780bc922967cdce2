using TradingOps.Core.Common;
using TradingOps.Core.Live;

namespace TradingOps.Core.Witness;

/// <summary>
/// 见证人: who witnesses a session (one per booking), set by an overseer. Only this person ticks the session's steps; an
/// overseer may take it over, which reassigns it with that reason. Each change also lands in the witness log.
/// </summary>
public sealed class WitnessAssignment : Entity
{
    public const int NameMaxLength = 256;
    public const int ReasonMaxLength = 200;

    private WitnessAssignment() { UserName = DisplayName = AssignedBy = ""; }

    public WitnessAssignment(Guid bookingId, string userName, string displayName, string assignedBy, DateTimeOffset at)
    {
        UserName = DisplayName = AssignedBy = "";
        BookingId = bookingId;
        Set(userName, displayName, assignedBy, at, null);
    }

    public Guid BookingId { get; private set; }

    /// <summary>The witness's account (what the actor's name is when they tick).</summary>
    public string UserName { get; private set; }
    public string DisplayName { get; private set; }
    public string AssignedBy { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }

    /// <summary>Why the session was reassigned or taken over (null for the first assignment).</summary>
    public string? Reason { get; private set; }

    public bool IsWitness(string userName) => string.Equals(UserName, userName, StringComparison.OrdinalIgnoreCase);

    /// <summary>改派 (or 接管): to another person, with a reason.</summary>
    public void Reassign(string userName, string displayName, string by, DateTimeOffset at, string? reason)
    {
        var why = Guard.Text(reason, ReasonMaxLength, "改派原因");
        if (IsWitness(userName)) throw new DomainException("Witness.SameWitness", $"本场见证人已是 {DisplayName}");
        Set(userName, displayName, by, at, why);
    }

    private void Set(string userName, string displayName, string by, DateTimeOffset at, string? reason)
    {
        UserName = Guard.Text(userName, NameMaxLength, "见证人账号");
        DisplayName = Guard.OptionalText(displayName, NameMaxLength, "见证人姓名") ?? UserName;
        AssignedBy = Guard.Text(by, NameMaxLength, "指派人");
        AssignedAt = at.ToUniversalTime();
        Reason = reason;
    }
}

/// <summary>
/// A session's witness log or its witness changed (after commit): the log page and the day's list of the session
/// reload. Carries the session and its progress, nothing personal.
/// </summary>
public sealed record WitnessLogChanged(DateTimeOffset At, Guid BookingId, string ProjectCode, int StepsDone, bool Closed) : LiveEvent(At);
