using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Data.Identity;

namespace TradingOps.Data.Witness;

/// <summary>
/// Who may write to witnessing records (steps, observations, incidents, misconduct, certificates): the console's
/// operators, and the system and jobs. The supervising departments (Observer) and Display screens only read: every
/// witnessing service checks here on the server, whatever a page shows.
/// </summary>
public static class WitnessActors
{
    public static readonly string[] RecorderRoles = [Roles.Staff, Roles.DutyManager, Roles.Supervisor, Roles.Admin];
    public static readonly string[] OverseerRoles = [Roles.DutyManager, Roles.Supervisor, Roles.Admin];

    public static Task<bool> MayRecordAsync(TradingOpsDbContext db, Actor who, CancellationToken ct = default) =>
        who.Kind is ActorKind.System or ActorKind.Job ? Task.FromResult(true) : HasRoleAsync(db, who, RecorderRoles, ct);

    public static async Task EnsureMayRecordAsync(TradingOpsDbContext db, Actor who, CancellationToken ct = default)
    {
        if (!await MayRecordAsync(db, who, ct))
            throw new DomainException("Witness.ReadOnly", "当前账号只能查看见证记录，不能记录或修改");
    }

    /// <summary>A supervisor, duty manager or admin (revoking, approving, taking over another witness's session).</summary>
    public static Task<bool> IsOverseerAsync(TradingOpsDbContext db, Actor who, CancellationToken ct = default) =>
        HasRoleAsync(db, who, OverseerRoles, ct);

    public static Task<bool> HasRoleAsync(TradingOpsDbContext db, Actor who, string[] roles, CancellationToken ct = default) =>
        UserRoles.HasAnyAsync(db, who, roles, ct);
}
