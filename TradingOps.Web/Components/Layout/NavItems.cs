using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using TradingOps.Web.Components.Pages;

namespace TradingOps.Web.Components.Layout;

public sealed record NavItem(string Href, Type Page, string TextKey, string Icon, string? GroupKey = null,
    NavLinkMatch Match = NavLinkMatch.Prefix)
{
    /// <summary>The roles the page itself demands ([Authorize(Roles = …)]); empty means any signed-in user.</summary>
    public IReadOnlyList<string> Roles { get; } = Page.GetCustomAttributes<AuthorizeAttribute>(inherit: true)
        .Where(a => !string.IsNullOrEmpty(a.Roles))
        .SelectMany(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .ToArray();

    public bool VisibleTo(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (Roles.Count == 0 || Roles.Any(user.IsInRole));
}

/// <summary>
/// The navigation, one row per page. Who sees a link follows from the page's own authorization, so the menu
/// can never offer a page the server would refuse.
/// </summary>
public static class NavItems
{
    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("/", typeof(Home), "Nav.Home", Icons.Material.Filled.Dashboard, Match: NavLinkMatch.All),
        new("/floor", typeof(Floor.FloorBoard), "Nav.Floor", Icons.Material.Filled.SpaceDashboard),
        new("/wall", typeof(Wall.Wall), "Nav.Wall", Icons.Material.Filled.Tv),
        new("/queue", typeof(Queue.QueueHome), "Nav.Queue", Icons.Material.Filled.ConfirmationNumber),
        new("/queue/followups", typeof(Queue.FollowUps), "Nav.FollowUps", Icons.Material.Filled.ThumbDown),
        new("/registrations", typeof(Registrations.RegistrationBoard), "Nav.Registrations", Icons.Material.Filled.AppRegistration),
        new("/consultations", typeof(Registrations.ConsultationsPage), "Nav.Consultations", Icons.Material.Filled.QuestionAnswer),
        new("/projects", typeof(Registrations.Projects), "Nav.Projects", Icons.Material.Filled.Gavel),
        new("/venue/schedule", typeof(Venue.Schedule), "Nav.Schedule", Icons.Material.Filled.CalendarViewWeek),
        new("/venues", typeof(Floor.Venues), "Nav.Venues", Icons.Material.Filled.MeetingRoom),
        new("/venue/outages", typeof(Venue.Outages), "Nav.Outages", Icons.Material.Filled.BuildCircle),
        new("/venue/requests", typeof(Venue.RequestQueue), "Nav.VenueRequests", Icons.Material.Filled.PendingActions),
        new("/evaluation", typeof(Evaluation.EvaluationDesk), "Nav.EvaluationDesk", Icons.Material.Filled.FactCheck, Match: NavLinkMatch.All),
        new("/venue/discipline", typeof(Venue.DisciplineLedgerPage), "Nav.Discipline", Icons.Material.Filled.Rule),
        new("/evaluation/experts", typeof(Evaluation.ExpertPoolPage), "Nav.ExpertPool", Icons.Material.Filled.Groups),
        new("/evaluation/gate", typeof(Evaluation.GatePage), "Nav.EvaluationGate", Icons.Material.Filled.Badge),
        new("/witness", typeof(Witness.Log.WitnessDay), "Nav.WitnessDay", Icons.Material.Filled.Visibility, Match: NavLinkMatch.All),
        new("/witness/chains", typeof(Witness.WitnessChains), "Nav.WitnessChains", Icons.Material.Filled.Link, "Nav.Witness"),
        new("/witness/daily", typeof(Witness.WitnessDaily), "Nav.WitnessDaily", Icons.Material.Filled.Summarize, "Nav.Witness"),
        new("/witness/certificates", typeof(Witness.CertificatesPage), "Nav.WitnessCertificates", Icons.Material.Filled.WorkspacePremium, "Nav.Witness"),
        new("/statistics", typeof(Statistics.Statistics), "Nav.Statistics", Icons.Material.Filled.QueryStats, Match: NavLinkMatch.All),
        new("/statistics/operations", typeof(Statistics.OperationsStatistics), "Nav.Operations", Icons.Material.Filled.Insights),
        new("/statistics/satisfaction", typeof(Statistics.SatisfactionResults), "Nav.Satisfaction", Icons.Material.Filled.SentimentSatisfied),
        new("/witness/incidents", typeof(Witness.IncidentList), "Nav.Incidents", Icons.Material.Filled.Warning, "Nav.Witness"),
        new("/reports", typeof(Reports.ReportDownloads), "Nav.Reports", Icons.Material.Filled.Description),
        new("/witness/misconduct", typeof(Witness.MisconductRegister), "Nav.Misconduct", Icons.Material.Filled.ReportProblem, "Nav.Witness"),
        new("/oversight/access", typeof(Witness.AccessAudit), "Nav.AccessAudit", Icons.Material.Filled.Visibility, "Nav.Witness"),
        new("/cases", typeof(Cases.CaseRegister), "Nav.CaseRegister", Icons.Material.Filled.RecordVoiceOver, "Nav.Cases"),
        new("/due", typeof(Cases.DueBoardPage), "Nav.DueBoard", Icons.Material.Filled.PendingActions, "Nav.Cases"),
        new("/archives", typeof(Archives.ArchiveList), "Nav.Archives", Icons.Material.Filled.Inventory2, "Nav.Cases"),
        new("/archives/retention", typeof(Archives.RetentionPage), "Nav.ArchiveRetention", Icons.Material.Filled.Inventory2, "Nav.Cases"),
        new("/archives/verify", typeof(Archives.ArchiveVerify), "Nav.ArchiveVerify", Icons.Material.Filled.VerifiedUser, "Nav.Cases"),
        new("/admin/case-clocks", typeof(Cases.CaseClocksAdmin), "Nav.CaseClocks", Icons.Material.Filled.Timer, "Nav.Cases"),
        new("/admin/audit", typeof(Admin.Audit), "Nav.Audit", Icons.Material.Filled.ManageSearch, "Nav.Admin"),
        new("/admin/queue-setup", typeof(Queue.QueueSetupAdmin), "Nav.QueueSetup", Icons.Material.Filled.Tune, "Nav.Admin"),
        new("/admin/calendar", typeof(Admin.WorkCalendar), "Nav.Calendar", Icons.Material.Filled.CalendarMonth, "Nav.Admin"),
        new("/admin/accounts", typeof(Identity.Accounts), "Nav.Accounts", Icons.Material.Filled.ManageAccounts, "Nav.Admin"),
        new("/admin/devices", typeof(Devices.DeviceAdmin), "Nav.Devices", Icons.Material.Filled.Devices, "Nav.Admin"),
        new("/admin/jobs", typeof(Admin.ScheduledJobs), "Nav.Jobs", Icons.Material.Filled.Schedule, "Nav.Admin"),
        new("/admin/notifications", typeof(Admin.Notifications), "Nav.Notifications", Icons.Material.Filled.Outbox, "Nav.Admin"),
        new("/admin/checklists", typeof(Registrations.ChecklistsAdmin), "Nav.Checklists", Icons.Material.Filled.Checklist, "Nav.Admin"),
        new("/health", typeof(Health.HealthBoardPage), "Nav.Health", Icons.Material.Filled.MonitorHeart, "Nav.Facilities"),
        new("/alerts", typeof(Duty.AlertsPage), "Nav.Alerts", Icons.Material.Filled.NotificationImportant),
        new("/admin/duty", typeof(Duty.RosterPage), "Nav.DutyRoster", Icons.Material.Filled.AssignmentInd, "Nav.Admin"),
        new("/health/integrations", typeof(Health.IntegrationsPage), "Nav.Integrations", Icons.Material.Filled.Hub, "Nav.Facilities"),
        new("/facilities/faults", typeof(Facilities.Faults), "Nav.Faults", Icons.Material.Filled.ReportProblem, "Nav.Facilities"),
        new("/facilities/equipment", typeof(Facilities.EquipmentRegister), "Nav.Equipment", Icons.Material.Filled.Construction, "Nav.Facilities"),
        new("/facilities/inspections", typeof(Facilities.Inspections), "Nav.Inspections", Icons.Material.Filled.FactCheck, "Nav.Facilities"),
        new("/facilities/schedules", typeof(Facilities.InspectionSchedules), "Nav.InspectionSchedules", Icons.Material.Filled.EventRepeat, "Nav.Facilities"),
    ];

    public static IEnumerable<NavItem> For(ClaimsPrincipal user) => All.Where(i => i.VisibleTo(user));
}
