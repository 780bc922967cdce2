using TradingOps.Core.Auditing;
using TradingOps.Data.Witness;

namespace TradingOps.Data.Identity;

/// <summary>
/// Accounts that only read: the supervising departments (Observer) and the wall and door-plate screens (Display),
/// unless the same person also holds an operator role. Services that hand out protected data refuse them on the
/// server, whatever a page shows.
/// </summary>
public static class ReadOnlyAccounts
{
    public static readonly string[] ReadOnlyRoles = [Roles.Observer, Roles.Display];

    public static async Task<bool> IsReadOnlyAsync(TradingOpsDbContext db, Actor who, CancellationToken ct = default) =>
        await WitnessActors.HasRoleAsync(db, who, ReadOnlyRoles, ct) && !await WitnessActors.HasRoleAsync(db, who, WitnessActors.RecorderRoles, ct);
}
