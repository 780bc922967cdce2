namespace TradingOps.Core.Cases;

/// <summary>What the public lookup may say about a tracking code.</summary>
public enum PublicCaseCheck { Found, NotFound, Malformed }

/// <summary>Public states: coarser than <see cref="CaseState"/> (a withdrawn case reads as closed, with no reason).</summary>
public enum PublicCaseState { Received, Forwarded, Answered, Closed }

/// <summary>The public lookup's answer: the state and its dates (days only), nothing else.</summary>
public sealed record PublicCaseStatus(PublicCaseCheck Check, string? TrackingCode, PublicCaseState? State,
    DateOnly? ReceivedOn, DateOnly? ForwardedOn, DateOnly? AnsweredOn, DateOnly? ClosedOn);

/// <summary>
/// The one projection of a case for anonymous readers (the tracking lookup, its API): the state and the dates — never
/// the subject, the details, who raised it, the project, the party it went to, the answer or any reason. A new public
/// surface about cases goes through here.
/// </summary>
public static partial class CaseProjection
{
    public static PublicCaseStatus ForPublic(Case c) => new(PublicCaseCheck.Found, c.TrackingCode, PublicState(c.State),
        Day(c.ReceivedAt), Day(c.ForwardedAt), Day(c.AnsweredAt), Day(c.ResolvedAt ?? c.WithdrawnAt));

    public static PublicCaseStatus NotFound() => new(PublicCaseCheck.NotFound, null, null, null, null, null, null);

    public static PublicCaseStatus Malformed() => new(PublicCaseCheck.Malformed, null, null, null, null, null, null);

    public static PublicCaseState PublicState(CaseState s) => s switch
    {
        CaseState.Received => PublicCaseState.Received,
        CaseState.Forwarded => PublicCaseState.Forwarded,
        CaseState.Answered => PublicCaseState.Answered,
        _ => PublicCaseState.Closed,
    };

    private static DateOnly? Day(DateTimeOffset? at) =>
        at is { } t ? DateOnly.FromDateTime(Common.CenterTime.ToLocal(t).DateTime) : null;
}
