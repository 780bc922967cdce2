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
}
