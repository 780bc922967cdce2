using System.Text.RegularExpressions;

namespace TradingOps.Core.Common;

/// <summary>
/// A contact telephone number in mainland China: a mobile number (11 digits, 1[3-9]xxxxxxxxx, optionally +86), a
/// landline with its area code (0 + 2–3 digits, then a 7–8 digit local number not starting with 0 or 1, e.g.
/// 0871-63612345, (010) 62345678) with an optional extension (-123, 转123, #123), or a 400/800 service number.
/// Spaces and hyphens between groups are allowed; the number is stored as typed (trimmed).
/// </summary>
public static partial class PhoneNumber
{
    public const string Invalid = "联系电话格式不正确：请填写 11 位手机号码，或带区号的固定电话（如 0871-63612345，分机可写作 0871-63612345-801）";

    /// <summary>The number trimmed, or null with the Chinese reason.</summary>
    public static string? Normalize(string? value, out string? error)
    {
        var text = PlainText.Clean(value);
        error = text is not null && IsValid(text) ? null : Invalid;
        return error is null ? text : null;
    }

    public static bool IsValid(string? value)
    {
        var text = PlainText.Clean(value);
        if (text is null || text.Length > 30) return false;
        return Mobile().IsMatch(text) || Landline().IsMatch(text) || Service().IsMatch(text);
    }

    [GeneratedRegex(@"^(\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^(\(0[0-9]{2,3}\)|0[0-9]{2,3})[ -]?[2-9][0-9]{6,7}(([-#]|转|分机)[0-9]{1,6})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[48]00[ -]?[0-9]{3}[ -]?[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Service();
}
