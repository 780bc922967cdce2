using System.Globalization;

namespace TradingOps.Web.Floor;

/// <summary>
/// Live handlers run on the publisher's thread, whose culture is not the user's: capture the circuit's culture
/// when the component starts and apply it before a live re-render, so ticks never flip a screen's language.
/// </summary>
public readonly record struct LiveCulture(CultureInfo Culture, CultureInfo UiCulture)
{
    public static LiveCulture Capture() => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public void Apply()
    {
        CultureInfo.CurrentCulture = Culture;
        CultureInfo.CurrentUICulture = UiCulture;
    }
}
