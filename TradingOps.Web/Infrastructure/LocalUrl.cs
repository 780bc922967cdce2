namespace TradingOps.Web.Infrastructure;

/// <summary>
/// Where the console may send a browser back to after a sign-in or a language switch: a path of this site only.
/// Browsers read "//evil", "/\evil" and "/\t/evil" (control characters are dropped) as another host, so none of
/// them is local; anything that is not gives "/".
/// </summary>
public static class LocalUrl
{
    public static bool IsSafe(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\');

    public static string OrHome(string? url) => IsSafe(url) ? url! : "/";
}
