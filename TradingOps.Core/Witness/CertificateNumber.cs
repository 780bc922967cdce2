using System.Globalization;
using System.Text.RegularExpressions;

namespace TradingOps.Core.Witness;

/// <summary>
/// 见证书编号: "JZ" + the year of issue + "-" + a six-digit sequence within that year, e.g. "JZ2026-000123". One format,
/// one generator (<see cref="Next"/>), one parser: a verify request with anything else is refused before any lookup.
/// </summary>
public readonly partial record struct CertificateNumber(int Year, int Serial)
{
    public const string Prefix = "JZ";
    public const int MaxLength = 14;
    public const int MaxSerial = 999_999;

    public override string ToString() => $"{Prefix}{Year:D4}-{Serial.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>The number after the year's last one (<paramref name="lastSerialOfYear"/> = 0 for the year's first).</summary>
    public static CertificateNumber Next(int year, int lastSerialOfYear)
    {
        if (lastSerialOfYear >= MaxSerial)
            throw new Common.DomainException("Certificate.NumbersExhausted", $"{year} 年的见证书编号已用完");
        return new(year, lastSerialOfYear + 1);
    }

    /// <summary>
    /// Reads a number as a person may type it (spaces around, lower case); false for anything that is not exactly the
    /// format (wrong prefix, year outside 2000–2999, serial not six digits or zero).
    /// </summary>
    public static bool TryParse(string? text, out CertificateNumber number)
    {
        number = default;
        if (text is null) return false;
        var m = Shape().Match(text.Trim().ToUpperInvariant());
        if (!m.Success) return false;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var serial = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year < 2000 || serial < 1) return false;
        number = new(year, serial);
        return true;
    }

    [GeneratedRegex(@"^JZ(2\d{3})-(\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
