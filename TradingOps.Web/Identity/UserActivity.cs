using System.Collections.Concurrent;
using System.Security.Claims;

namespace TradingOps.Web.Identity;

/// <summary>
/// When each signed-in person last did something: an HTTP request of theirs (pages, API, downloads) or a
/// keyboard/pointer action reported by session-activity.js. A live Blazor circuit makes no HTTP requests and
/// acknowledges every server-pushed render, so neither the cookie's sliding expiry nor circuit traffic can tell
/// an idle staff console from a busy one; this can. Kept per node: with sticky sessions a browser's pings reach
/// the node that holds its circuit. One entry per person, so it stays small.
/// </summary>
public sealed class UserActivity(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new();

    public void Touch(string userId) => _lastSeen[userId] = clock.GetUtcNow();

    public void Touch(ClaimsPrincipal user)
    {
        if (UserId(user) is { } id) Touch(id);
    }

    /// <summary>Idle longer than <paramref name="limit"/>. Someone not seen yet (e.g. after a restart) starts counting now.</summary>
    public bool IsIdle(ClaimsPrincipal user, TimeSpan limit)
    {
        if (UserId(user) is not { } id) return false;
        var now = clock.GetUtcNow();
        return now - _lastSeen.GetOrAdd(id, now) > limit;
    }

    private static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
