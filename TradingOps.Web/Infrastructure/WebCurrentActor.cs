using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using TradingOps.Core.Auditing;

namespace TradingOps.Web.Infrastructure;

/// <summary>
/// The person behind the current scope: in a Blazor circuit the circuit's user, in an HTTP request the
/// request's user; otherwise anonymous (a failed sign-in, a public page).
/// </summary>
public sealed class WebCurrentActor(AuthenticationStateProvider authentication, IHttpContextAccessor http) : ICurrentActor
{
    private Actor? _override;

    /// <summary>For work the system does on its own in this scope (start-up seeding, jobs).</summary>
    public void ActAs(Actor actor) => _override = actor;

    public async ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_override is not null) return _override;
        ClaimsPrincipal? user = null;
        try
        {
            user = (await authentication.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // Outside component rendering the provider has no state yet: use the request's user.
        }
        if (user?.Identity?.IsAuthenticated != true) user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id)
            return Actor.User(id, user.Identity.Name ?? id);
        return Actor.Anonymous;
    }
}
