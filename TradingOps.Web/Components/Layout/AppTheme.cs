using MudBlazor;

namespace TradingOps.Web.Components.Layout;

public static class AppTheme
{
    /// <summary>System CJK fonts first: the intranet has no web-font CDN.</summary>
    public static readonly string[] Fonts =
        ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", "sans-serif"];

    public static MudTheme Light { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5394",
            Secondary = "#c0392b",
            AppbarBackground = "#0b5394",
            Background = "#f4f6f9",
            // Issue 22: text on and in these colours reaches 4.5:1 (MudBlazor's defaults gave chips 2.15, 3.08 and 3.68,
            // muted text 4.45 on the grey background).
            Success = "#2e7d32",
            Info = "#1565c0",
            Warning = "#b45309",
            Error = "#c62828",
            Tertiary = "#00796b",
            Dark = "#37474f",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H6 = new H6Typography { FontFamily = Fonts, FontWeight = "600" },
        },
    };
}
