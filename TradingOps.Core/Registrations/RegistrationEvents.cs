using TradingOps.Core.Projects;
using TradingOps.Core.Live;

namespace TradingOps.Core.Registrations;

/// <summary>
/// A registration was created or moved on. It carries the registration's row as the pending board and the wall
/// panel show it, so each node's registration board model applies it without reading the database.
/// </summary>
public sealed record RegistrationChanged(DateTimeOffset At, PendingRegistrationRow Row) : LiveEvent(At)
{
    public Guid RegistrationId => Row.Id;
    public string Code => Row.Code;
    public RegistrationStatus Status => Row.Status;
    public override IReadOnlyList<string> Topics => [LiveTopics.Registrations];
}

/// <summary>A registration as the pending board and the wall panel show it.</summary>
public sealed record PendingRegistrationRow(Guid Id, string Code, string ProjectName, TradingCategory Category, string? Agency,
    string Initiator, RegistrationStatus Status, RegistrationChannel Channel, bool GreenChannel, string? Reviewer,
    DateTimeOffset LastSubmittedAt, DateTimeOffset? DueAt, decimal Amount)
{
    /// <summary>Open: still waiting on the center or on the agency (neither accepted nor rejected).</summary>
    public static bool IsOpen(RegistrationStatus status) => status is not (RegistrationStatus.Accepted or RegistrationStatus.Rejected);

    /// <summary><see cref="IsOpen"/> as a query.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Registration, bool>> IsOpenQuery =
        r => r.Status != RegistrationStatus.Accepted && r.Status != RegistrationStatus.Rejected;

    public static PendingRegistrationRow Of(Registration r) => new(r.Id, r.Code, r.ProjectName, r.Category, r.Agency, r.Initiator,
        r.Status, r.Channel, r.GreenChannel, r.Reviewer, r.LastSubmittedAt, r.DueAt, r.Amount);

    /// <summary>The board's order: green channel first, then by due time, then by code.</summary>
    public static IReadOnlyList<PendingRegistrationRow> BoardOrder(IEnumerable<PendingRegistrationRow> rows) =>
        rows.OrderByDescending(r => r.GreenChannel).ThenBy(r => r.DueAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.Code).ToList();
}

/// <summary>A consultation was recorded or followed up.</summary>
public sealed record ConsultationChanged(DateTimeOffset At, Guid ConsultationId) : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => [LiveTopics.Registrations];
}
