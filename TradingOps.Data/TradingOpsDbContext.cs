using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Statistics;
using TradingOps.Data.Identity;

namespace TradingOps.Data;

/// <summary>
/// The application database. One subclass per provider carries that provider's migrations:
/// <code>
/// dotnet ef migrations add NAME --project TradingOps.Data --context SqliteTradingOpsDbContext     --output-dir Migrations/Sqlite
/// dotnet ef migrations add NAME --project TradingOps.Data --context PostgreSqlTradingOpsDbContext --output-dir Migrations/PostgreSql
/// dotnet ef migrations add NAME --project TradingOps.Data --context SqlServerTradingOpsDbContext  --output-dir Migrations/SqlServer
/// </code>
/// (or <c>./build.sh migration NAME</c>, which runs all three).
/// </summary>
public abstract class TradingOpsDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core data-protection keys, shared by every web node (sign-in cookies, antiforgery).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Center> Centers => Set<Center>();
    public DbSet<Zone> Zones => Set<Zone>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<ServiceType> ServiceTypes => Set<ServiceType>();
    public DbSet<ServiceWindow> ServiceWindows => Set<ServiceWindow>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<TradingProject> TradingProjects => Set<TradingProject>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DailyStatistic> DailyStatistics => Set<DailyStatistic>();
    public DbSet<Scheduling.JobRun> JobRuns => Set<Scheduling.JobRun>();
    public DbSet<Statistics.StoredReport> StoredReports => Set<Statistics.StoredReport>();
    public DbSet<SatisfactionDisclosure> SatisfactionDisclosures => Set<SatisfactionDisclosure>();
    public DbSet<TradingOps.Core.Floor.RoomBooking> RoomBookings => Set<TradingOps.Core.Floor.RoomBooking>();
    public DbSet<Core.Queue.QueueTicket> QueueTickets => Set<Core.Queue.QueueTicket>();
    public DbSet<Core.Queue.TicketEvent> TicketEvents => Set<Core.Queue.TicketEvent>();
    public DbSet<Core.Queue.SatisfactionRating> SatisfactionRatings => Set<Core.Queue.SatisfactionRating>();
    public DbSet<Core.Queue.RatingFollowUp> RatingFollowUps => Set<Core.Queue.RatingFollowUp>();
    public DbSet<TradingOps.Core.Registrations.Registration> Registrations => Set<TradingOps.Core.Registrations.Registration>();
    public DbSet<TradingOps.Core.Registrations.DeficiencyNotice> DeficiencyNotices => Set<TradingOps.Core.Registrations.DeficiencyNotice>();
    public DbSet<TradingOps.Core.Registrations.MaterialChecklistItem> MaterialChecklistItems => Set<TradingOps.Core.Registrations.MaterialChecklistItem>();
    public DbSet<TradingOps.Core.Registrations.Consultation> Consultations => Set<TradingOps.Core.Registrations.Consultation>();
    public DbSet<TradingOps.Core.Devices.PairedDevice> PairedDevices => Set<TradingOps.Core.Devices.PairedDevice>();
    public DbSet<Registrations.IdempotentRequest> IdempotentRequests => Set<Registrations.IdempotentRequest>();
    public DbSet<TradingOps.Core.Floor.RoomOutage> RoomOutages => Set<TradingOps.Core.Floor.RoomOutage>();
    public DbSet<TradingOps.Core.Notifications.OutboxMessage> OutboxMessages => Set<TradingOps.Core.Notifications.OutboxMessage>();
    public DbSet<TradingOps.Core.Floor.BookingChange> BookingChanges => Set<TradingOps.Core.Floor.BookingChange>();
    public DbSet<TradingOps.Core.Venue.VenueRequest> VenueRequests => Set<TradingOps.Core.Venue.VenueRequest>();
    public DbSet<Core.Evaluation.ExpertSpecialty> ExpertSpecialties => Set<Core.Evaluation.ExpertSpecialty>();
    public DbSet<Core.Evaluation.Expert> Experts => Set<Core.Evaluation.Expert>();
    public DbSet<Core.Evaluation.ExpertUnavailability> ExpertUnavailabilities => Set<Core.Evaluation.ExpertUnavailability>();
    public DbSet<Core.Evaluation.DrawRequest> DrawRequests => Set<Core.Evaluation.DrawRequest>();
    public DbSet<Core.Evaluation.DrawQuota> DrawQuotas => Set<Core.Evaluation.DrawQuota>();
    public DbSet<Core.Evaluation.DrawRound> DrawRounds => Set<Core.Evaluation.DrawRound>();
    public DbSet<Core.Evaluation.CommitteeMember> CommitteeMembers => Set<Core.Evaluation.CommitteeMember>();
    public DbSet<Core.Evaluation.ExpertEngagement> ExpertEngagements => Set<Core.Evaluation.ExpertEngagement>();
    public DbSet<Core.Evaluation.GateAdmission> GateAdmissions => Set<Core.Evaluation.GateAdmission>();
    public DbSet<Core.Evaluation.GateEvent> GateEvents => Set<Core.Evaluation.GateEvent>();
    public DbSet<Core.Evaluation.AgencyPass> AgencyPasses => Set<Core.Evaluation.AgencyPass>();
    public DbSet<Core.Evaluation.EvaluationAlert> EvaluationAlerts => Set<Core.Evaluation.EvaluationAlert>();
    public DbSet<Core.Evaluation.DrawImport> DrawImports => Set<Core.Evaluation.DrawImport>();
    public DbSet<Core.Witness.WitnessEntry> WitnessEntries => Set<Core.Witness.WitnessEntry>();
    public DbSet<Core.Witness.WitnessChainHead> WitnessChainHeads => Set<Core.Witness.WitnessChainHead>();
    public DbSet<Core.Witness.Incident> Incidents => Set<Core.Witness.Incident>();
    public DbSet<Core.Witness.WitnessAssignment> WitnessAssignments => Set<Core.Witness.WitnessAssignment>();
    public DbSet<Core.Witness.WitnessAnchor> WitnessAnchors => Set<Core.Witness.WitnessAnchor>();
    public DbSet<Core.Witness.IncidentTick> IncidentTicks => Set<Core.Witness.IncidentTick>();
    public DbSet<Core.Witness.IncidentNotice> IncidentNotices => Set<Core.Witness.IncidentNotice>();
    public DbSet<Core.Witness.MisconductRecord> MisconductRecords => Set<Core.Witness.MisconductRecord>();
    public DbSet<Core.Witness.WitnessCertificate> WitnessCertificates => Set<Core.Witness.WitnessCertificate>();
    public DbSet<Core.Witness.SessionRatingInvite> SessionRatingInvites => Set<Core.Witness.SessionRatingInvite>();
    public DbSet<Core.Cases.Case> Cases => Set<Core.Cases.Case>();
    public DbSet<Core.Cases.CaseEvent> CaseEvents => Set<Core.Cases.CaseEvent>();
    public DbSet<Core.Cases.CaseClockPreset> CaseClockPresets => Set<Core.Cases.CaseClockPreset>();
    public DbSet<Core.Archives.ProjectArchive> ProjectArchives => Set<Core.Archives.ProjectArchive>();
    public DbSet<Core.Archives.ArchiveDocument> ArchiveDocuments => Set<Core.Archives.ArchiveDocument>();
    public DbSet<Core.Archives.ArchiveAccessRequest> ArchiveAccessRequests => Set<Core.Archives.ArchiveAccessRequest>();
    public DbSet<Core.Archives.ArchiveDestructionRequest> ArchiveDestructionRequests => Set<Core.Archives.ArchiveDestructionRequest>();
    public DbSet<Core.Facilities.Equipment> Equipment => Set<Core.Facilities.Equipment>();
    public DbSet<Core.Facilities.InspectionSchedule> InspectionSchedules => Set<Core.Facilities.InspectionSchedule>();
    public DbSet<Core.Facilities.InspectionTask> InspectionTasks => Set<Core.Facilities.InspectionTask>();
    public DbSet<Core.Facilities.Fault> Faults => Set<Core.Facilities.Fault>();
    public DbSet<Core.Health.DeviceHeartbeat> DeviceHeartbeats => Set<Core.Health.DeviceHeartbeat>();
    public DbSet<Core.Health.DeviceCommand> DeviceCommands => Set<Core.Health.DeviceCommand>();
    public DbSet<Core.Duty.DutyAssignment> DutyAssignments => Set<Core.Duty.DutyAssignment>();
    public DbSet<Core.Duty.OpsAlert> OpsAlerts => Set<Core.Duty.OpsAlert>();

    /// <summary>Only for bulk loads of demo data, which are recorded as one summary entry instead.</summary>
    public bool AuditDisabled { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TradingOpsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in SQL, stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}

public sealed class SqliteTradingOpsDbContext(DbContextOptions<SqliteTradingOpsDbContext> options)
    : TradingOpsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset, nor sum decimals: store instants as sortable
        // integers (all instants are UTC) and amounts as REAL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }
}

public sealed class PostgreSqlTradingOpsDbContext(DbContextOptions<PostgreSqlTradingOpsDbContext> options)
    : TradingOpsDbContext(options);

public sealed class SqlServerTradingOpsDbContext(DbContextOptions<SqlServerTradingOpsDbContext> options)
    : TradingOpsDbContext(options);
