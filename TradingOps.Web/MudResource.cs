using Microsoft.Extensions.Localization;
using MudBlazor;

namespace TradingOps.Web;

/// <summary>Marker for MudBlazor's own component texts (pager, pickers, close buttons): Resources/MudResource.resx (Chinese) and .en.resx.</summary>
public sealed class MudResource;

/// <summary>
/// MudBlazor's texts in the request's language: Chinese from MudResource.resx (MudBlazor itself only knows English,
/// which it keeps using for English pages).
/// </summary>
public sealed class ResxMudLocalizer(IStringLocalizer<MudResource> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];

    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}
