using System.Security.Claims;
using MudBlazor;
using TradingOps.Core.Archives;
using TradingOps.Data.Archives;

namespace TradingOps.Web.Archives;

/// <summary>Small display helpers of the archive pages (what a button shows; the services decide on the server).</summary>
public static class ArchiveUi
{
    public static Color StateColor(ArchiveState state) => state switch
    {
        ArchiveState.Locked => Color.Primary,
        ArchiveState.Destroyed => Color.Dark,
        _ => Color.Default,
    };

    public static Color RequestColor(ArchiveRequestState state) => state switch
    {
        ArchiveRequestState.Approved => Color.Success,
        ArchiveRequestState.Refused => Color.Error,
        ArchiveRequestState.Pending => Color.Warning,
        _ => Color.Default,
    };

    public static bool MayClose(ClaimsPrincipal? user) => user is not null && ArchiveService.CloserRoles.Any(user.IsInRole);

    public static bool MayApprove(ClaimsPrincipal? user) => user is not null && ArchiveAccessService.ApproverRoles.Any(user.IsInRole);

    public static string Short(string sha256) => sha256.Length > 12 ? sha256[..12] + "…" : sha256;
}
