using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TradingOps.Core.Auditing;
using TradingOps.Core.Live;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using TradingOps.Web.Live;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// bUnit over a fresh SQLite file with the Data services, the system as the actor and an in-process live-event bus,
/// rendering interactively: for wall panels and other live components read from a real database.
/// </summary>
public abstract class SqliteLiveBunitContext : TradingOpsBunitContext
{
    protected SqliteLiveBunitContext()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = DataServices.TempSqlite(),
        }).Build();
        Services.AddLogging();
        Services.AddTradingOpsData(configuration, Path.GetTempPath());
        Services.AddScoped<ICurrentActor>(_ => new FixedActor(Actor.System("test")));
        Services.AddSingleton<LiveEventBus>(sp => new LiveEventBus([], NullLogger<LiveEventBus>.Instance));
        Services.AddSingleton<ILiveEventPublisher>(sp => sp.GetRequiredService<LiveEventBus>());
        Services.AddSingleton<ILiveEventSubscriptions>(sp => sp.GetRequiredService<LiveEventBus>());
        // The node's read models, which the live screens read (as the web host registers them).
        Services.AddSingleton<TradingOps.Web.Queue.QueueReadModel>();
        Services.AddSingleton<TradingOps.Web.Floor.SharedFloorSnapshot>();
        Services.AddSingleton<TradingOps.Web.Floor.PublicFloorModel>();
        Services.AddSingleton<TradingOps.Web.Registrations.RegistrationBoardModel>();
        Services.AddSingleton<TradingOps.Web.Venue.VenueRequestBoard>();
        Services.AddSingleton<TradingOps.Web.Evaluation.EvaluationFloor>();
        Services.AddSingleton<TradingOps.Web.Witness.IncidentReportBoard>();
        Services.AddSingleton<TradingOps.Web.Cases.CaseBoard>();
        Services.AddSingleton<TradingOps.Web.Duty.OpsAlertBoard>();
        Services.AddSingleton<TradingOps.Web.Duty.DutyNow>();
#pragma warning disable CA2214 // by design: the renderer set up below fixes the services, so a test adds its own first
        AddServices(Services);
#pragma warning restore CA2214
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>More services for the test (the renderer set up after this takes the service provider as it is).</summary>
    protected virtual void AddServices(IServiceCollection services) { }
}
