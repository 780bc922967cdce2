using static TradingOps.Data.Identity.Roles;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// Who may open which page: one decision per routable page, kept here so the authorization matrix (which checks it on
/// the server for every role) and the page tours (axe, English) visit the same pages as the same people. The role
/// names are the Identity roles; "anonymous" is nobody signed in.
/// </summary>
public static class PageCatalog
{
    public const string Anonymous = "anonymous";
    public static readonly string[] Everyone = [Anonymous, Staff, DutyManager, Supervisor, Admin, Display, Observer];
    public static readonly string[] SignedIn = [Staff, DutyManager, Supervisor, Admin, Display, Observer];
    public static readonly string[] WitnessReaders = [Staff, DutyManager, Supervisor, Admin, Observer]; // Observer: read-only
    public static readonly string[] Oversight = [Supervisor, Admin, Observer];
    public static readonly string[] Operators = [Staff, DutyManager, Supervisor, Admin];
    public static readonly string[] AdminOnly = [Admin];
    public static readonly string[] Supervisors = [Supervisor, DutyManager, Admin];
    public static readonly string[] DevicesOnly = [];
    public static readonly string[] WallViewers = [Display, DutyManager, Supervisor, Admin];
    public static readonly string[] PairedDevicesOnly = [];   // device APIs: the device's secret, never a person's sign-in
    public static readonly string[] ChainReaders = [.. Operators, Observer]; // RoleSets.WitnessReaders: the supervising departments read witness records
    public static readonly string[] CertificateReaders = [Staff, DutyManager, Supervisor, Admin, Observer]; // witnessing read: operators and the supervising departments

    /// <summary>Page route template → a URL to request and who may open it.</summary>
    public static readonly IReadOnlyDictionary<string, (string Url, string[] Allowed)> Pages = new Dictionary<string, (string Url, string[] Allowed)>
    {
        ["/"] = ("/", SignedIn),
        ["/account/login"] = ("/account/login", Everyone),
        ["/account/access-denied"] = ("/account/access-denied", Everyone),
        ["/error"] = ("/error", Everyone),
        ["/not-found"] = ("/not-found", Everyone),
        ["/projects"] = ("/projects", Operators),
        ["/venues"] = ("/venues", Operators),
        ["/venue/outages"] = ("/venue/outages", Operators),
        ["/venue/outages/{Id:guid}"] = ($"/venue/outages/{Guid.Empty}", Operators),
        ["/venue/outages/overrun/{RoomId:guid}"] = ($"/venue/outages/overrun/{Guid.Empty}", Operators),
        ["/floor"] = ("/floor", Operators),
        ["/floor/book"] = ("/floor/book", Operators),
        ["/venue/schedule"] = ("/venue/schedule", Operators),
        ["/venue/bookings/{Id:guid}"] = ("/venue/bookings/0199f3a0-0000-7000-8000-000000000001", Operators),
        ["/wall"] = ("/wall", WallViewers),
        ["/doorplate/{Code}"] = ("/doorplate/K201", Everyone),         // door screens: no sign-in, no personal data
        ["/public/occupancy"] = ("/public/occupancy", Everyone),      // Yunnan 5.2.1: occupancy made public
        ["/queue"] = ("/queue", Operators),
        ["/queue/window/{Number:int}"] = ("/queue/window/1", Operators),
        ["/queue/followups"] = ("/queue/followups", Supervisors),
        ["/admin/queue-setup"] = ("/admin/queue-setup", AdminOnly),
        ["/wall/queues"] = ("/wall/queues", WallViewers),
        // The public hall: kiosk, call display, ticket slip and rating pages take no sign-in and show no personal data.
        ["/queue/kiosk"] = ("/queue/kiosk", Everyone),
        ["/queue/hall"] = ("/queue/hall", Everyone),
        ["/queue/hall/{ZoneId:guid}"] = ($"/queue/hall/{Guid.Empty}", Everyone),
        ["/queue/ticket/{Token}"] = ("/queue/ticket/unknown", Everyone),
        ["/queue/rate/{Token}"] = ("/queue/rate/unknown", Everyone),
        ["/queue/pad/{Number:int}"] = ("/queue/pad/1", Everyone),
        ["/devices/pair"] = ("/devices/pair", Everyone),                // a device's pairing screen: the code is the credential
        ["/admin/devices"] = ("/admin/devices", AdminOnly),
        ["/statistics"] = ("/statistics", Supervisors),
        ["/statistics/satisfaction"] = ("/statistics/satisfaction", Supervisors),
        ["/statistics/operations"] = ("/statistics/operations", Supervisors),
        ["/public/satisfaction"] = ("/public/satisfaction", Everyone),  // national 10.5: satisfaction results published
        ["/reports"] = ("/reports", Supervisors),
        ["/admin/jobs"] = ("/admin/jobs", AdminOnly),
        ["/admin/notifications"] = ("/admin/notifications", AdminOnly),
        ["/admin/audit"] = ("/admin/audit", AdminOnly),
        ["/admin/calendar"] = ("/admin/calendar", AdminOnly),
        ["/admin/accounts"] = ("/admin/accounts", AdminOnly),
        ["/registrations"] = ("/registrations", Operators),
        ["/registrations/new"] = ("/registrations/new", Operators),
        ["/registrations/{Id:guid}"] = ("/registrations/0199f3a0-0000-7000-8000-000000000001", Operators),
        ["/registrations/{Id:guid}/notice"] = ("/registrations/0199f3a0-0000-7000-8000-000000000001/notice", Operators),
        ["/consultations"] = ("/consultations", Operators),
        ["/admin/checklists"] = ("/admin/checklists", AdminOnly),
        ["/wall/registrations"] = ("/wall/registrations", WallViewers),
        ["/venue/requests"] = ("/venue/requests", Operators),
        ["/evaluation/sessions/{BookingId:guid}"] = ($"/evaluation/sessions/{Guid.Empty}", Operators),            // codes only before the start
        ["/evaluation/sessions/{BookingId:guid}/calls"] = ($"/evaluation/sessions/{Guid.Empty}/calls", Operators),  // one name at a time, audited
        ["/evaluation/sessions/{BookingId:guid}/rounds"] = ($"/evaluation/sessions/{Guid.Empty}/rounds", Operators),
        ["/evaluation"] = ("/evaluation", Operators),                      // the evaluation-area desk: counts and alerts, never a name
        ["/venue/requests/new"] = ("/venue/requests/new", Operators),
        ["/venue/discipline"] = ("/venue/discipline", Operators),
        // Issue 19, incidents: the supervising department (Observer) reads them; only operators raise and act.
        ["/witness/incidents"] = ("/witness/incidents", [.. Operators, Observer]),
        ["/witness/incidents/new"] = ("/witness/incidents/new", Operators),
        ["/witness/incidents/{Id:guid}"] = ($"/witness/incidents/{Guid.Empty}", [.. Operators, Observer]),
        // Issue 18, the seal: the list after start and its print for overseers; the room's own view for the desk in the room.
        ["/evaluation/sessions/{BookingId:guid}/committee"] = ($"/evaluation/sessions/{Guid.Empty}/committee", Supervisors),
        ["/evaluation/sessions/{BookingId:guid}/print"] = ($"/evaluation/sessions/{Guid.Empty}/print", Supervisors),
        ["/evaluation/rooms/{RoomId:guid}"] = ($"/evaluation/rooms/{Guid.Empty}", Operators),
        ["/evaluation/experts"] = ("/evaluation/experts", Supervisors),
        ["/evaluation/experts/{Id:guid}"] = ($"/evaluation/experts/{Guid.Empty}", Supervisors),
        ["/evaluation/gate"] = ("/evaluation/gate", Operators),
        ["/evaluation/sessions/{BookingId:guid}/passes"] = ($"/evaluation/sessions/{Guid.Empty}/passes", Operators),
        ["/witness"] = ("/witness", [.. Operators, Observer]),                                                       // the witness log: Observer reads
        ["/witness/sessions/{BookingId:guid}"] = ($"/witness/sessions/{Guid.Empty}", [.. Operators, Observer]),
        ["/witness/chains"] = ("/witness/chains", ChainReaders),
        ["/witness/chains/{ChainKey}"] = ("/witness/chains/GC2026-001", ChainReaders),
        ["/witness/daily"] = ("/witness/daily", ChainReaders),
        // Issue 19, misconduct: the register and a record for whoever reads witnessing (the supervising departments too), recording for operators.
        ["/witness/misconduct"] = ("/witness/misconduct", WitnessReaders),
        ["/witness/misconduct/new"] = ("/witness/misconduct/new", Operators),
        ["/witness/misconduct/{Id:guid}"] = ($"/witness/misconduct/{Guid.Empty}", WitnessReaders),
        // Issue 20, the desk: the register and a case for operators and the supervising departments (read-only), entry for operators, presets for admins.
        ["/cases"] = ("/cases", WitnessReaders),
        ["/cases/new"] = ("/cases/new", Operators),
        ["/cases/{Id:guid}"] = ($"/cases/{Guid.Empty}", WitnessReaders),
        ["/admin/case-clocks"] = ("/admin/case-clocks", AdminOnly),
        ["/oversight/access"] = ("/oversight/access", Oversight),     // who viewed what: opening it is itself audited
        ["/witness/certificates"] = ("/witness/certificates", CertificateReaders),
        ["/witness/certificates/{Id:guid}"] = ($"/witness/certificates/{Guid.Empty}", CertificateReaders),
        // Liaoning 6.7.4 / issue 19: anyone holding a certificate checks it; a session's rating link is its own secret.
        ["/verify"] = ("/verify", Everyone),
        ["/verify/{Number}"] = ("/verify/JZ2026-000001", Everyone),
        ["/rate/session/{Token}"] = ("/rate/session/unknown", Everyone),
        // Issue 20, item 3: the board of everything due, for operators; the supervising departments (Observer) read it.
        ["/due"] = ("/due", [.. Operators, Observer]),
        // Issue 20: the published complaint channels with the online form, and the tracking lookup (state and dates only).
        ["/complaints"] = ("/complaints", Everyone),
        ["/complaints/track"] = ("/complaints/track?code=ABCD-EFGH-JKMN", Everyone),
        // Issue 20, archives: the pages for operators and the supervising departments (a locked archive's content still needs an approved request; Display never).
        ["/archives"] = ("/archives", WitnessReaders),
        ["/archives/requests"] = ("/archives/requests", WitnessReaders),
        ["/archives/{Code}"] = ("/archives/GC2026-001", WitnessReaders),
        // Issue 20, archives: the retention page and the verification of an exported ZIP for whoever reads archives (Observer too; acting is checked in the service).
        ["/archives/retention"] = ("/archives/retention", [.. Operators, Observer]),
        ["/archives/verify"] = ("/archives/verify", [.. Operators, Observer]),
        // Issue 21, the device health board: supervisors, duty managers and admins watch it (reload is checked again in the service: duty managers and admins).
        ["/health"] = ("/health", Supervisors),
        // Issue 21, duty: operations alerts for the console's operators (the assignee may be any staff member; acknowledging is checked in the service); the roster for admins.
        ["/alerts"] = ("/alerts", Operators),
        ["/admin/duty"] = ("/admin/duty", AdminOnly),
        // Issue 21: the integrations' health (database, Redis, Quartz, the notification sender, this node) for the health board's viewers.
        ["/health/integrations"] = ("/health/integrations", Supervisors),
        // Issue 21, faults: reported and read by the console's operators (RoleSets.FacilityStaff); the repair form shows for
        // FacilityManagers only and the service refuses anyone else.
        ["/facilities/faults"] = ("/facilities/faults", Operators),
        ["/facilities/faults/new"] = ("/facilities/faults/new", Operators),
        ["/facilities/faults/{Id:guid}"] = ($"/facilities/faults/{Guid.Empty}", Operators),
        // Issue 21, equipment and inspections: read and worked by the console's operators (RoleSets.FacilityStaff); editing the register and schedules is for managers inside the pages.
        ["/facilities/equipment"] = ("/facilities/equipment", Operators),
        ["/facilities/equipment/{Id:guid}"] = ($"/facilities/equipment/{Guid.Empty}", Operators),
        ["/facilities/schedules"] = ("/facilities/schedules", Operators),
        ["/facilities/inspections"] = ("/facilities/inspections", Operators),
        ["/facilities/inspections/{Id:guid}"] = ($"/facilities/inspections/{Guid.Empty}", Operators),
    };

}
