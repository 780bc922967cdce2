using TradingOps.Data.Identity;

namespace TradingOps.Web.Identity;

/// <summary>Role lists for [Authorize(Roles = …)] (comma-separated, as ASP.NET Core expects).</summary>
public static class RoleSets
{
    /// <summary>People who operate the console (everyone but the read-only Display screens).</summary>
    public const string Operators = $"{Roles.Staff},{Roles.DutyManager},{Roles.Supervisor},{Roles.Admin}";
    public const string Admin = Roles.Admin;

    /// <summary>Statistics, reports and bad-rating follow-ups: supervisors, and the duty managers and admins who run the floor.</summary>
    public const string Supervisors = $"{Roles.Supervisor},{Roles.DutyManager},{Roles.Admin}";

    /// <summary>Full personal ID numbers (each view audited): people who handle complaints and checks. Clerks see them masked.</summary>
    public const string PersonalDataViewers = $"{Roles.DutyManager},{Roles.Supervisor},{Roles.Admin}";

    /// <summary>The duty wall and its panels (floor, queues, registrations): Display screens and the people who watch the floor.</summary>
    public const string WallViewers = $"{Roles.Display},{Roles.DutyManager},{Roles.Supervisor},{Roles.Admin}";

    /// <summary>Witness logs, chains, incidents, misconduct and certificates as read: the console's operators and the supervising departments (Observer, read-only).</summary>
    public const string WitnessReaders = $"{Roles.Staff},{Roles.DutyManager},{Roles.Supervisor},{Roles.Admin},{Roles.Observer}";

    /// <summary>Oversight read-only views (the audit of who viewed what): supervisors, admins and the supervising departments.</summary>
    public const string Oversight = $"{Roles.Supervisor},{Roles.Admin},{Roles.Observer}";

    /// <summary>Objections, complaints and reports as read: the desk's operators and the supervising departments (Observer, read-only: every write is refused on the server).</summary>
    public const string CaseReaders = WitnessReaders;

    /// <summary>Archives: who may open the archive pages (reading a locked archive's content still needs an approved request).</summary>
    public const string ArchiveReaders = WitnessReaders;

    /// <summary>Who approves archive access and destruction requests (never their own): supervisors and admins.</summary>
    public const string ArchiveApprovers = $"{Roles.Supervisor},{Roles.Admin}";

    /// <summary>The equipment register, inspections and faults as read and worked: the console's operators (staff inspect and report faults).</summary>
    public const string FacilityStaff = Operators;

    /// <summary>Who edits the register and inspection schedules, and records repairs: duty managers and admins.</summary>
    public const string FacilityManagers = $"{Roles.DutyManager},{Roles.Admin}";

    /// <summary>The health board and operations alerts: duty managers, supervisors and admins. Remote reload: <see cref="HealthOperators"/>.</summary>
    public const string HealthViewers = Supervisors;

    /// <summary>Who may ask devices to reload and acknowledge alerts: duty managers and admins.</summary>
    public const string HealthOperators = FacilityManagers;

    /// <summary>Who edits the duty roster: admins.</summary>
    public const string RosterEditors = Roles.Admin;
}
