using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TradingOps.Core.Live;
using TradingOps.Web.Live;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Web;

/// <summary>bUnit with a real live-event bus and an interactive (Server) renderer, for components that follow live events.</summary>
public abstract class LiveBunitContext : TradingOpsBunitContext
{
    protected LiveEventBus Bus { get; } = new([], NullLogger<LiveEventBus>.Instance);

    /// <summary>How long to wait for a render after a change (it runs on the renderer's thread): generous on a loaded CI machine.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected LiveBunitContext()
    {
        Services.AddLogging();
        Services.AddSingleton<ILiveEventSubscriptions>(Bus);
#pragma warning disable CA2214 // by design: a test class's field initialisers have run, and the renderer fixes the services
        AddServices(Services);
#pragma warning restore CA2214
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>More services for the test (the renderer set up after this takes the service provider as it is).</summary>
    protected virtual void AddServices(IServiceCollection services) { }

    /// <summary>Publishes and waits until every subscription has been handed the event.</summary>
    protected async Task PublishAsync(LiveEvent e)
    {
        await Bus.PublishAsync(e);
        await Bus.DeliveredAsync();
    }
}
