using Microsoft.Extensions.Localization;
using TradingOps.Core.Evaluation;

namespace TradingOps.Web.Evaluation;

/// <summary>How the evaluation area's screens word remote evaluation and alerts.</summary>
public static class EvaluationText
{
    /// <summary>
    /// "远程 2 席（主场 昆明市公共资源交易中心）" on staff screens; the seat count alone on public and Display screens
    /// (which centers evaluate together is not published). "—" when the session is not remote.
    /// </summary>
    public static string Remote(RemoteSetting remote, IStringLocalizer localizer, bool staff) =>
        remote.Role == RemoteRole.None ? "—"
        : staff ? localizer["Remote.Seats", remote.Seats, localizer[$"Remote.Short.{remote.Role}"], remote.Partner ?? ""]
        : localizer["Remote.SeatsOnly", remote.Seats];
}
