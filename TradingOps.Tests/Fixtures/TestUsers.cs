using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Data;
using TradingOps.Data.Identity;

namespace TradingOps.Tests.Fixtures;

/// <summary>People in a test database: an account for an actor holding a role, as the server-side role checks read them.</summary>
public static class TestUsers
{
    /// <summary>Adds the actor's account with <paramref name="role"/> (the role created when missing); the caller saves.</summary>
    public static async Task AddAsync(TradingOpsDbContext db, Actor who, string role)
    {
        if (await db.Users.FindAsync(who.UserId) is null && db.Users.Local.All(u => u.Id != who.UserId))
            db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.UserId, NormalizedUserName = who.UserId!.ToUpperInvariant(), DisplayName = who.Name });
        var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role)
                ?? db.Roles.Local.SingleOrDefault(x => x.Name == role)
                ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
    }
}
