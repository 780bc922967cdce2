namespace TradingOps.Web.Reports;

public enum CellKind { Text, Integer, Money, Percent, DateTime, Date, Decimal }

public enum TotalKind { None, Label, Count, Sum }

/// <summary>One column of a report sheet: Chinese header, width, format, how to read a value, how to total it.</summary>
public sealed record Column<T>(string Header, double Width, CellKind Kind, Func<T, object?> Value, TotalKind Total = TotalKind.None)
{
    /// <summary>
    /// The header as printed: a header too wide for its column breaks before its unit, so "平均等候（分钟）" prints
    /// as "平均等候" over "（分钟）" instead of leaving a lone bracket on the second line.
    /// </summary>
    public string PrintedHeader => Header.IndexOf('（') is > 0 and var unit && ReportText.Width(Header) > Width - 1
        ? string.Concat(Header.AsSpan(0, unit), "\n", Header.AsSpan(unit))
        : Header;
}

public static partial class ReportText
{
    /// <summary>
    /// Text as a cell's XML carries it (ECMA-376 ST_Xstring): a literal "_x0041_" is escaped as "_x005F_x0041_" so
    /// Excel does not read it as an escape, and characters XML cannot hold (control characters, half a surrogate
    /// pair) become _xHHHH_ escapes, as ClosedXML writes them. Whole surrogate pairs (𠮷) stay characters.
    /// </summary>
    public static string CellXml(string text)
    {
        var escaped = text.Contains("_x", StringComparison.Ordinal) ? LiteralEscape().Replace(text, "_x005F_$1") : text;
        System.Text.StringBuilder? sb = null;
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (char.IsHighSurrogate(c) && i + 1 < escaped.Length && char.IsLowSurrogate(escaped[i + 1]))
            {
                sb?.Append(c).Append(escaped[i + 1]);
                i++;
            }
            else if (System.Xml.XmlConvert.IsXmlChar(c))
            {
                sb?.Append(c);
            }
            else
            {
                sb ??= new System.Text.StringBuilder(escaped, 0, i, escaped.Length + 16);
                sb.Append("_x").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('_');
            }
        }
        return sb?.ToString() ?? escaped;
    }

    [System.Text.RegularExpressions.GeneratedRegex("_(x[0-9A-Fa-f]{4}_)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex LiteralEscape();

    /// <summary>Width in Excel character units: a CJK character or full-width bracket takes two.</summary>
    public static int Width(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);
}

/// <summary>A sheet of rows of <typeparamref name="T"/>: written alike by the formatted and the streaming writer.</summary>
public sealed record SheetSpec<T>(string Name, string Title, IReadOnlyList<Column<T>> Columns)
{
    /// <summary>Excel number formats shared by both writers.</summary>
    public static string Format(CellKind kind) => kind switch
    {
        CellKind.Integer => "#,##0",
        CellKind.Money => "#,##0.00",
        CellKind.Percent => "0.0%",
        CellKind.DateTime => "yyyy-mm-dd hh:mm",
        CellKind.Date => "yyyy-mm-dd",
        CellKind.Decimal => "#,##0.0",
        _ => "@",
    };

    public const string TotalLabel = "合计";
}
