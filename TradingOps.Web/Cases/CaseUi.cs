using System.Security.Claims;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Cases;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Cases;

/// <summary>What the desk pages share: who may act (the services check again on the server), the due colour, the waiting text.</summary>
public static class CaseUi
{
    private static readonly string[] Writers = RoleSets.Operators.Split(',');
    private static readonly string[] RaiserReaders = RoleSets.PersonalDataViewers.Split(',');

    /// <summary>Operators register and handle cases; the supervising departments (Observer) only read.</summary>
    public static bool MayWrite(ClaimsPrincipal user) => Writers.Any(user.IsInRole);

    public static bool MayReadRaiser(ClaimsPrincipal user) => RaiserReaders.Any(user.IsInRole);

    public static MudBlazor.Color DueColor(CaseDueLevel level) => level switch
    {
        CaseDueLevel.Overdue => MudBlazor.Color.Error,
        CaseDueLevel.Soon => MudBlazor.Color.Warning,
        CaseDueLevel.Ok => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };

    public static MudBlazor.Color KindColor(CaseKind kind) => kind switch
    {
        CaseKind.Objection => MudBlazor.Color.Primary,
        CaseKind.Complaint => MudBlazor.Color.Secondary,
        CaseKind.Report => MudBlazor.Color.Tertiary,
        _ => MudBlazor.Color.Dark,
    };

    /// <summary>"待中心转交 · 截止 Y", "待 X 答复 · 截止 Y", "待 X 处理（无法定时限）", or nothing once answered.</summary>
    public static string Waiting(CaseRow row, IStringLocalizer<CaseResource> c)
    {
        if (row.Awaiting is null) return "";
        var due = row.DueAt is { } d ? Fmt.Minute(d) + (row.DueProvisional ? c["Desk.Provisional"] : "") : null;
        if (row.State == CaseState.Received) return c["Desk.WaitingForward", due ?? "—"];
        return due is null ? c["Desk.WaitingNoDue", row.Awaiting] : c["Desk.WaitingAnswer", row.Awaiting, due];
    }
}
