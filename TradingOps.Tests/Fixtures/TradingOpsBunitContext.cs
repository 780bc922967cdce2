using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// The one bUnit set-up every component test starts from: MudBlazor's services with no snackbar transition (a
/// message is in the markup at once), the app's resources (Chinese neutral, English by resx), loose JS interop
/// (MudBlazor's own JS calls answer default values) and the console's language, zh-CN. A test adds its own
/// services before its first render.
/// </summary>
public abstract class TradingOpsBunitContext : BunitContext
{
    protected TradingOpsBunitContext()
    {
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        JSInterop.Mode = JSRuntimeMode.Loose;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
    }
}
