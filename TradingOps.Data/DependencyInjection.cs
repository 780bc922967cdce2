using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TradingOps.Core.Calendar;
using TradingOps.Data.Auditing;
using TradingOps.Data.Calendar;
using TradingOps.Data.Queries;
using TradingOps.Data.Registrations;
using TradingOps.Data.Seeding;
using TradingOps.Data.Statistics;

namespace TradingOps.Data;

public static class DependencyInjection
{
    /// <summary>
    /// The database on the configured provider, with a context factory per operation (Blazor circuits live for
    /// hours). The factory is scoped so that each context's audit interceptor sees the scope's actor; the host
    /// must register an <see cref="Core.Auditing.ICurrentActor"/>.
    /// </summary>
    public static IServiceCollection AddTradingOpsData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CalendarOptions>().Bind(configuration.GetSection(CalendarOptions.Section))
            .Validate(o => o.TryParse(out _), "Calendar:OfficeHours 格式应为 08:30-12:00,13:30-17:30").ValidateOnStart();
        services.AddOptions<Core.Common.PublicOptions>().Bind(configuration.GetSection(Core.Common.PublicOptions.Section))
            .Validate(o => o.BaseAddressIsValid, "Public:BaseAddress 须为 http/https 绝对地址（例如 https://ggzy.example.gov.cn），票据二维码用它生成手机可打开的链接")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Core.Live.ILiveEventPublisher, Core.Live.NoLiveEvents>(); // the web host registers its bus
        services.AddScoped<AuditInterceptor>();
        // All three are registered; the configured provider is picked when a factory is asked for, so the
        // choice follows configuration as the host finally sees it (tests override it late).
        AddContext<SqliteTradingOpsDbContext>(services, (o, db) => o.UseSqlite(SqliteConnectionString(db.ConnectionString, contentRoot))
            .AddInterceptors(new Sqlite.SqliteConnectionSetup()));
        services.TryAddSingleton<Sqlite.SqliteWriteTurns>();
        AddContext<PostgreSqlTradingOpsDbContext>(services, (o, db) => o.UseNpgsql(db.ConnectionString, npgsql => npgsql.EnableRetryOnFailure(db.MaxRetryCount, TimeSpan.FromSeconds(db.MaxRetryDelaySeconds), null))
            .AddInterceptors(new Queue.RowLockTag()));
        AddContext<SqlServerTradingOpsDbContext>(services, (o, db) => o.UseSqlServer(db.ConnectionString, sql => sql.EnableRetryOnFailure(db.MaxRetryCount, TimeSpan.FromSeconds(db.MaxRetryDelaySeconds), null)));
        services.AddScoped<IDbContextFactory<TradingOpsDbContext>>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.Sqlite => new ContextFactory<SqliteTradingOpsDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteTradingOpsDbContext>>()),
                DatabaseProvider.PostgreSQL => new ContextFactory<PostgreSqlTradingOpsDbContext>(sp.GetRequiredService<IDbContextFactory<PostgreSqlTradingOpsDbContext>>()),
                DatabaseProvider.SqlServer => new ContextFactory<SqlServerTradingOpsDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerTradingOpsDbContext>>()),
                var other => throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                    [$"Database:Provider 只能是 Sqlite、SqlServer 或 PostgreSQL，而不是 {other}"]),
            });
        // For components that want a context per request (ASP.NET Core Identity's stores, health checks).
        services.AddScoped<TradingOpsDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContext());

        services.AddSingleton<IWorkdayCalendarProvider, DbWorkdayCalendarProvider>();
        services.AddScoped<CalendarAdminService>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<ReferenceQueries>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton<DemoHistory>();
        services.AddScoped<DailyStatisticsService>();
        services.AddScoped<StatisticsQueries>();
        services.AddScoped<SatisfactionQueries>();
        services.AddScoped<Reports.ReportQueries>();
        services.AddScoped<Reports.StoredReports>();
        services.AddScoped<Reports.ReportDownloadAudit>();
        services.AddScoped<SatisfactionDisclosureService>();
        Floor.FloorSetup.AddFloor(services, configuration);
        Venue.VenueSetup.AddVenueDesk(services, configuration);
        Queue.QueueSetup.AddQueue(services, configuration);
        services.AddRegistrationDesk(configuration);
        services.AddScoped<Devices.DeviceService>();
        Notifications.NotificationSetup.AddNotifications(services, configuration);
        Evaluation.EvaluationSetup.AddEvaluationArea(services, configuration);
        Witness.WitnessSetup.AddWitnessing(services, configuration, contentRoot);
        Cases.CaseSetup.AddCases(services, configuration);
        Archives.ArchiveSetup.AddArchives(services, configuration);
        Duty.DutySetup.AddFacilitiesAndHealth(services, configuration);
        Facilities.FacilitySetup.AddFacilities(services);
        return services;
    }

    private static void AddContext<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder, DatabaseOptions> provider)
        where TContext : TradingOpsDbContext
    {
        services.AddDbContextFactory<TContext>((sp, o) =>
        {
            provider(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
            o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
        }, ServiceLifetime.Scoped);
    }

    /// <summary>A relative SQLite file lives under the content root, wherever the app was started from.</summary>
    public static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && !Path.IsPathRooted(builder.DataSource)
            && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return builder.ToString();
    }
}
