using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Core.Duty;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Registrations;
using TradingOps.Core.Venue;
using TradingOps.Core.Wall;
using TradingOps.Core.Witness;
using TradingOps.Data.Floor;
using TradingOps.Web.Floor;

namespace TradingOps.Web.Wall;

/// <summary>
/// One alert as the wall shows it: what (<see cref="State"/>), where or which (<see cref="Room"/>), the detail, and how
/// urgent (<see cref="Rank"/>, 0 first). Built only from the confidentiality projections of each area.
/// </summary>
public sealed record WallAlertLine(string TestId, int Rank, string Color, string State, string? Room, string Text,
    string? Assignee = null, int? Level = null, string CssClass = "");

/// <summary>
/// Every open alert of the wall, from the same live read models and the same projections whether the alerts panel or the
/// alert strip over every panel shows them (issue 22): operations alerts (<see cref="OpsAlertProjection.ForWall"/>), rooms
/// (the public projection for the wall's audience), evaluation (<see cref="EvaluationProjection.ForWall"/>), overdue incident
/// reports (a count), cases (<see cref="CaseProjection.ForWall"/>), venue requests, and the wall's own rule
/// (<see cref="WallAlertRules"/>) for long waits at the windows and overdue registrations.
/// </summary>
public abstract class WallAlertsBase : FloorPanelBase
{
    private const string Red = "#d32f2f", Amber = "#f9a825", Orange = "#ef6c00";

    [Inject] private TradingOps.Web.Venue.VenueRequestBoard Requests { get; set; } = default!;
    [Inject] private TradingOps.Web.Evaluation.EvaluationFloor Evaluation { get; set; } = default!;
    [Inject] private IOptions<EvaluationOptions> EvaluationOptions { get; set; } = default!;
    [Inject] private TradingOps.Web.Witness.IncidentReportBoard Incidents { get; set; } = default!;
    [Inject] private TradingOps.Web.Cases.CaseBoard Cases { get; set; } = default!;
    [Inject] private TradingOps.Web.Duty.OpsAlertBoard OpsAlerts { get; set; } = default!;
    [Inject] private TradingOps.Web.Queue.QueueReadModel Queue { get; set; } = default!;
    [Inject] private TradingOps.Web.Registrations.RegistrationBoardModel Registrations { get; set; } = default!;
    [Inject] private IWorkdayCalendarProvider Calendars { get; set; } = default!;
    [Inject] protected IOptions<WallAlertOptions> WallOptions { get; set; } = default!;
    [Inject] private IStringLocalizer<FloorResource> F { get; set; } = default!;
    [Inject] private IStringLocalizer<VenueResource> V { get; set; } = default!;
    [Inject] private IStringLocalizer<EvaluationResource> E { get; set; } = default!;
    [Inject] private IStringLocalizer<WitnessResource> W { get; set; } = default!;
    [Inject] private IStringLocalizer<CaseResource> C { get; set; } = default!;
    [Inject] private IStringLocalizer<DutyResource> D { get; set; } = default!;
    [Inject] private IStringLocalizer<RegistrationResource> R { get; set; } = default!;
    [Inject] protected IStringLocalizer<WallResource> A { get; set; } = default!;

    private IReadOnlyList<VenueRequestRow> _requests = [];
    private EvaluationDay? _evaluation;
    private IReadOnlyList<IncidentRow> _unreported = [];
    private IReadOnlyList<CaseRow> _cases = [];
    private IReadOnlyList<OpsAlertRow> _ops = [];
    private TradingOps.Web.Queue.QueueModelState? _queue;
    private IReadOnlyList<PendingRegistrationRow> _registrations = [];
    private WorkdayCalendar? _calendar;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        await LoadRequestsAsync();
        _evaluation = await Evaluation.TodayAsync();
        _unreported = await Incidents.UnreportedAsync();
        _cases = await Cases.OpenAsync();
        _ops = await OpsAlerts.OpenAsync();
        _queue = await Queue.GetAsync();
        _registrations = await Registrations.OpenAsync();
        _calendar = await Calendars.GetAsync();
    }

    protected override void OnLiveStart()
    {
        base.OnLiveStart(); // the floor, and the tick that moves Now (a wait grows long, a deadline passes, with nobody touching anything)
        OnPaced<VenueRequestChanged>(change => LoadRequestsAsync(change));
        OnPaced<EvaluationChanged>(async change => _evaluation = await Evaluation.TodayAsync(change));
        OnPaced<IncidentChanged>(async change => _unreported = await Incidents.UnreportedAsync(change));
        OnPaced<CaseChanged>(async change => _cases = await Cases.OpenAsync(change));
        OnPaced<OpsAlertChanged>(async change => _ops = await OpsAlerts.OpenAsync(change));
        OnPaced<TradingOps.Web.Queue.QueueModelChanged>(async _ => _queue = await Queue.GetAsync());
        OnPaced<RegistrationChanged>(async change => _registrations = await Registrations.OpenAsync(change));
    }

    /// <summary>The open requests of the node's queue (the tick makes them overdue: <see cref="FloorPanelBase"/> moves Now).</summary>
    private async Task LoadRequestsAsync(VenueRequestChanged? change = null) =>
        _requests = (await Requests.QueueAsync(change)).Where(r => r.IsOpen).ToList();

    /// <summary>Every alert open now, in the alerts panel's order; <see cref="WallAlertLine.Rank"/> says which are most urgent.</summary>
    protected IReadOnlyList<WallAlertLine> Lines()
    {
        if (Snapshot is null) return [];
        var lines = new List<WallAlertLine>();
        // Operations alerts (issue 21): what is wrong (written for the wall), since when, and who on the duty roster has it.
        foreach (var a in OpsAlertProjection.ForWall(_ops))
            lines.Add(new($"alert-ops-{a.Key}", a.AcknowledgedAt is null ? 0 : 3, a.AcknowledgedAt is null ? Red : Amber, D[$"AlertKind.{a.Kind}"], a.Title,
                $"{F["Wall.Since"]} {Fmt.Time(a.RaisedAt)}{(string.IsNullOrEmpty(a.Detail) ? "" : $" · {a.Detail}")}", Assignee(a), a.EscalationLevel, "wall-ops-alert"));
        foreach (var (room, state, text) in RoomAlerts())
            lines.Add(new($"alert-{room.Code}", state is RoomState.Overrunning or RoomState.Suspended ? 1 : 3, FloorView.Color(state), F[$"State.{state}"], $"{room.Code} {room.Name}", text));
        // Open alerts of the evaluation area (issue 18): kind, room code and count, through the evaluation wall projection.
        if (_evaluation is not null)
            foreach (var a in EvaluationProjection.ForWall(_evaluation, Now, EvaluationOptions.Value.CommitteeCheckMinutes).Alerts)
                lines.Add(new($"alert-evaluation-{a.RoomCode}", 1, Red, E[$"Alert.{a.Kind}"], a.RoomCode,
                    $"× {a.Count} · {F["Wall.Since"]} {Fmt.Time(a.RaisedAt)}{(a.Holds == false ? $" · {E["Desk.Cleared"]}" : "")}"));
        // Overdue reports to the supervising department (issue 19): a count only, never a project or a reason.
        var lateReports = TradingOps.Web.Witness.IncidentReportBoard.Overdue(_unreported, Now);
        if (lateReports > 0)
            lines.Add(new("alert-incident-reports", 2, Red, W["Incident.WallOverdue"], null, W["Incident.WallOverdueText", lateReports]));
        // Overdue cases (issue 20): kind, case number, whom it waits for and how long overdue; never the subject, raiser or project.
        foreach (var a in CaseProjection.ForWall(_cases, Now))
            lines.Add(new($"alert-case-{a.Number}", 2, Red, C[$"Kind.{a.Kind}"], a.Number, C["Wall.CaseOverdue", a.Awaiting, TradingOps.Web.Cases.DueText.Span(a.OverdueBy, C)]));
        // Overdue venue requests (issue 17): kind, project code and how long overdue; never the contact.
        foreach (var r in _requests.Where(r => r.DueAt <= Now).OrderBy(r => r.DueAt))
            lines.Add(new($"alert-request-{r.Id}", 2, Red, V["Wall.RequestOverdue"], $"{V[$"ReqKind.{r.Kind}"]} {(Withheld(r) ? V["Wall.RequestWithheld"].Value : r.ProjectCode)}",
                $"{V["Req.Overdue", TradingOps.Web.Venue.RequestDisplay.Duration(Now - r.DueAt, V)]} · {V["Req.DueAt"]} {Fmt.Time(r.DueAt)}"));
        // Issue 22: tickets waiting past Wall:LongWaitMinutes, until they are called (code and type, never a person).
        if (_queue is not null)
            foreach (var w in WallAlertRules.LongWaits(_queue.Tickets.Values, _queue.Date, Now, WallOptions.Value))
                lines.Add(new($"alert-wait-{w.Code}", 2, Orange, A["Alert.LongWait"], w.Code,
                    A["Alert.LongWaitText", _queue.Types.FirstOrDefault(t => t.Id == w.ServiceTypeId)?.Name ?? "", (int)w.Waited.TotalMinutes, Fmt.Time(w.ArrivedAt)]));
        // Issue 22: registrations past the desk's 办结时限 (plus Wall:RegistrationOverdueMinutes), until handled (code only).
        if (_calendar is not null)
            foreach (var r in WallAlertRules.OverdueRegistrations(_registrations, Now, _calendar, WallOptions.Value))
                lines.Add(new($"alert-registration-{r.Code}", 2, Red, A["Alert.RegistrationOverdue"], r.Code,
                    A["Alert.RegistrationOverdueText", TradingOps.Web.Registrations.RegistrationDisplay.Duration(r.OverdueBy, R), Fmt.Time(r.DueAt)]));
        return lines;
    }

    /// <summary>The public projection's rule for requests: a public wall names no project that may be in the evaluation area.</summary>
    private bool Withheld(VenueRequestRow r) =>
        PublicProjection.WithholdsRequest(r.Purpose, Snapshot!.Rooms.FirstOrDefault(x => x.Id == r.RoomId)?.Type, Audience);

    private IEnumerable<(FloorRoom Room, RoomState State, string Text)> RoomAlerts()
    {
        // The public projection for the wall's audience: a Display wall names no project of the evaluation area.
        var rooms = Snapshot!.Rooms.Select(r => (Room: r, Status: r.Shown(Now, Floor.UpcomingWindow, Audience))).ToList();
        foreach (var (room, s) in rooms.Where(x => x.Status.State == RoomState.Overrunning).OrderBy(x => x.Status.Current!.EndsAt))
            yield return (room, s.State, $"{Project(s.Current!)} · {F["Wall.OverBy"]} {FloorView.Duration(Now - s.Current!.EndsAt)}");
        foreach (var (room, s) in rooms.Where(x => x.Status.State == RoomState.Suspended))
            yield return (room, s.State, string.Join(" · ", new[] { Project(s.Current!, withName: false), s.Current!.SuspendReason, $"{F["Wall.Since"]} {Fmt.Time(s.Current.SuspendedAt ?? Now)}" }.Where(t => !string.IsNullOrEmpty(t))));
        foreach (var (room, s) in rooms.Where(x => x.Status.Next is { Phase: SessionPhase.NotStarted } n && n.StartsAt < Now && x.Status.State is RoomState.Upcoming or RoomState.Free))
            yield return (room, RoomState.Upcoming, $"{Project(s.Next!, withName: false)} {F["Wall.LateStart"]} {Fmt.Time(s.Next!.StartsAt)}");
        foreach (var (room, s) in rooms.Where(x => x.Status.State == RoomState.OutOfService))
            yield return (room, s.State, s.OutOfServiceReason ?? "");
    }

    /// <summary>Who has the alert: "值班：王工（升级 2 级）" or "已确认：王工"; nobody rostered says so.</summary>
    private string Assignee(OpsAlertRow a) =>
        a.AcknowledgedBy is { } by ? D["Alert.AcknowledgedBy", by].Value
        : a.AssignedName is null ? D["Alert.Unassigned"].Value
        : a.EscalationLevel == 0 ? D["Alert.AssignedTo", a.AssignedName].Value
        : D["Alert.AssignedToEscalated", a.AssignedName, a.EscalationLevel + 1].Value;

    private string Project(ShownBooking b, bool withName = true) =>
        b.Withheld ? F[FloorView.WithheldKey(b)].Value : withName ? $"{b.ProjectCode} {b.ProjectName}" : b.ProjectCode ?? "";
}
