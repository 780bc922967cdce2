namespace TradingOps.Core.Common;

/// <summary>
/// What counts as text in a field, and how text is shortened. One home for both rules: a required field that
/// holds only spaces or invisible characters is empty, and no truncation ever cuts a character in half.
/// </summary>
public static partial class PlainText
{
    /// <summary>
    /// Characters that show nothing and that <see cref="string.Trim()"/> leaves in place or that people paste by
    /// accident: zero-width space/non-joiner/joiner (U+200B..U+200D), the byte-order mark / zero-width no-break
    /// space (U+FEFF), the no-break space (U+00A0) and the ideographic space (U+3000), besides ordinary white space.
    /// </summary>
    public static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00A0' or '\u3000';

    /// <summary>Null, empty, or only white space and invisible characters.</summary>
    public static bool IsBlank([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? value)
    {
        if (value is null) return true;
        foreach (var c in value)
            if (!IsInvisible(c)) return false;
        return true;
    }

    /// <summary>The value without leading and trailing white space or invisible characters; null when blank.</summary>
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var start = 0;
        var end = value.Length;
        while (start < end && IsInvisible(value[start])) start++;
        while (end > start && IsInvisible(value[end - 1])) end--;
        return start == end ? null : value[start..end];
    }

    /// <summary>
    /// At most <paramref name="maxLength"/> UTF-16 units of <paramref name="value"/> (what a database column of
    /// that length holds), never ending in half a surrogate pair: 𠮷 is kept whole or dropped, never left as �.
    /// </summary>
    public static string Truncate(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (value.Length <= maxLength) return value;
        var cut = maxLength;
        if (cut > 0 && char.IsHighSurrogate(value[cut - 1]) && char.IsLowSurrogate(value[cut])) cut--;
        return value[..cut];
    }

    /// <summary><see cref="Truncate"/> with an ellipsis (…) when something was cut, the whole at most <paramref name="maxLength"/> long.</summary>
    public static string Abbreviate(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= maxLength) return value;
        return maxLength < 1 ? "" : Truncate(value, maxLength - 1) + "…";
    }

    /// <summary>
    /// Whether free text carries markup or script: an HTML tag (&lt;script&gt;, &lt;img …&gt;, &lt;/a&gt;), a javascript: or
    /// data: URL, or an inline event handler (onerror=). Screens encode everything anyway; text from the public is refused
    /// with a reason instead of being stored for someone to paste elsewhere.
    /// </summary>
    public static bool LooksLikeMarkup(string? value) =>
        value is not null && MarkupPattern().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"<\s*/?\s*[a-zA-Z!?]|\b(?:javascript|vbscript|data)\s*:|\bon[a-zA-Z]+\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex MarkupPattern();
}
