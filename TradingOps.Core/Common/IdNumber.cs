namespace TradingOps.Core.Common;

/// <summary>
/// 居民身份证号码 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence and a check character
/// (ISO 7064 MOD 11-2, "X" for 10). Personal information: stored as typed, shown masked except to the roles that
/// need it, and every unmasked view goes to the audit trail.
/// </summary>
public static class IdNumber
{
    public const int Length = 18;
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>
    /// Province-level prefixes of the area code (GB/T 2260): 11-15 华北, 21-23 东北, 31-37 华东, 41-46 中南,
    /// 50-54 西南, 61-65 西北, 71 台湾, 81 香港, 82 澳门, 83 港澳台居民居住证, 91 外国人永久居留身份证 (old scheme).
    /// A number whose first two digits are none of these does not exist.
    /// </summary>
    public static bool IsKnownProvince(int prefix) => prefix is (>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37)
        or (>= 41 and <= 46) or (>= 50 and <= 54) or (>= 61 and <= 65) or 71 or 81 or 82 or 83 or 91;

    /// <summary>
    /// The number in canonical form (trimmed, upper-case X), or null with a Chinese reason. A birth date after
    /// <paramref name="today"/> (the center's date; no check when omitted) is refused.
    /// </summary>
    public static string? Normalize(string? value, out string? error, DateOnly? today = null)
    {
        error = null;
        var id = PlainText.Clean(value)?.ToUpperInvariant() ?? "";
        DateOnly birth = default;
        if (id.Length != Length)
            error = $"身份证号码应为 {Length} 位";
        else if (!id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
            error = "身份证号码只能由数字组成，最后一位可以是 X";
        else if (!IsKnownProvince(int.Parse(id.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture)))
            error = "身份证号码的地区代码不存在，请核对前两位";
        else if (!DateOnly.TryParseExact(id.Substring(6, 8), "yyyyMMdd", out birth) || birth.Year < 1900)
            error = "身份证号码中的出生日期不正确";
        else if (today is { } date && birth > date)
            error = "身份证号码中的出生日期晚于今天，请核对";
        else if (CheckCharacter(id) != id[17])
            error = "身份证号码校验位不正确，请核对";
        return error is null ? id : null;
    }

    public static bool IsValid(string? value) => Normalize(value, out _) is not null;

    /// <summary>The check character of the first 17 digits.</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>Area prefix and the last four only: "110***********123X". The birth date never shows.</summary>
    public static string Mask(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value.Length < 8 ? new string('*', value.Length)
        : value[..3] + new string('*', value.Length - 7) + value[^4..];
}
