using System.Globalization;
using System.Resources;

namespace TradingOps.Web.Reports;

/// <summary>Marker for the workbooks' texts: Resources/WorkbookResource.resx (Chinese, the key itself) and .en.resx.</summary>
public sealed class WorkbookResource;

/// <summary>
/// The workbooks' own texts (sheet names, titles, headers, the totals label, fixed labels in cells) in the language of
/// the request that exports them: the reports name them in Chinese, and WorkbookResource.en.resx gives each its English.
/// Anything else (what people entered) is written as it is.
/// </summary>
public static class WorkbookText
{
    private static readonly ResourceManager Texts = new("TradingOps.Web.Resources.WorkbookResource", typeof(WorkbookText).Assembly);

    private static bool Chinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>The text in the current language: its translation when it is one of the workbooks' own texts.</summary>
    public static string Of(string text) =>
        Chinese || string.IsNullOrEmpty(text) ? text : Texts.GetString(text, CultureInfo.CurrentUICulture) ?? text;

    /// <summary>A sheet in the current language: name, title ("票号明细 2026-11-01 至 2026-11-30"), headers and fixed cell labels.</summary>
    public static SheetSpec<T> Of<T>(SheetSpec<T> spec)
    {
        if (Chinese) return spec;
        var title = spec.Title.StartsWith(spec.Name, StringComparison.Ordinal)
            ? Of(spec.Name) + spec.Title[spec.Name.Length..].Replace(" 至 ", " – ", StringComparison.Ordinal)
            : Of(spec.Title);
        return spec with
        {
            Name = Of(spec.Name),
            Title = title,
            Columns = spec.Columns.Select(c => c.Kind == CellKind.Text
                ? c with { Header = Of(c.Header), Value = r => c.Value(r) is string s ? Of(s) : c.Value(r) }
                : c with { Header = Of(c.Header) }).ToList(),
        };
    }
}
