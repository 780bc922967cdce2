using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;

namespace TradingOps.Data.Identity;

/// <summary>The one server-side check of an actor's roles (services that allow some roles only call it).</summary>
public static class UserRoles
{
    /// <summary>Whether the actor is a signed-in user holding any of <paramref name="roles"/> (jobs, the system and anonymous: no).</summary>
    public static async Task<bool> HasAnyAsync(TradingOpsDbContext db, Actor who, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (who.Kind != ActorKind.User || who.UserId is null) return false;
        var names = roles.ToList();
        return await (from ur in db.UserRoles
                      join r in db.Roles on ur.RoleId equals r.Id
                      where ur.UserId == who.UserId && names.Contains(r.Name!)
                      select ur.RoleId).AnyAsync(ct);
    }

    /// <summary>
    /// Refuses (a <see cref="DomainException"/> with <paramref name="code"/> and the user's-language <paramref name="refusal"/>)
    /// a person holding none of <paramref name="roles"/>; the system and jobs act on the center's behalf and pass.
    /// </summary>
    public static async Task<Actor> RequireAnyAsync(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, IReadOnlyCollection<string> roles,
        string code, string refusal, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        if (who.Kind is ActorKind.System or ActorKind.Job) return who;
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await HasAnyAsync(db, who, roles, ct)) throw new DomainException(code, refusal);
        return who;
    }
}
