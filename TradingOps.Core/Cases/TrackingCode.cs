using System.Security.Cryptography;

namespace TradingOps.Core.Cases;

/// <summary>
/// 查询码 given to whoever raised a case through the public form: 12 random characters from an alphabet without look-alikes
/// (no 0/O, 1/I/L), shown as XXXX-XXXX-XXXX. About 59 bits of randomness: with lookups rate limited per address, guessing
/// one is hopeless, and the codes of other cases cannot be derived or enumerated (they are not sequential, unlike
/// <see cref="CaseNumber"/>, which is internal). One generator, one parser: a lookup with anything else is refused before
/// any database read.
/// </summary>
public static class TrackingCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Characters = 12;
    public const int MaxLength = 14; // with the two dashes

    public static string New()
    {
        Span<char> chars = stackalloc char[Characters];
        for (var i = 0; i < Characters; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return Format(chars);
    }

    /// <summary>The code as stored (upper case, dashed) from what a person typed (spaces, lower case, with or without dashes); false for anything else.</summary>
    public static bool TryNormalize(string? text, out string code)
    {
        code = "";
        if (text is null || text.Length > 40) return false;
        Span<char> chars = stackalloc char[Characters];
        var n = 0;
        foreach (var raw in text)
        {
            if (raw is '-' or ' ' or '\u3000') continue;
            var c = char.ToUpperInvariant(raw);
            if (n == Characters || Alphabet.IndexOf(c) < 0) return false;
            chars[n++] = c;
        }
        if (n != Characters) return false;
        code = Format(chars);
        return true;
    }

    private static string Format(ReadOnlySpan<char> c) => $"{c[..4]}-{c[4..8]}-{c[8..]}";
}

/// <summary>
/// 案件编号 on the desk's register: "TS" + year + "-" + six-digit serial within the year (e.g. TS2026-000042); one format,
/// one generator. Internal: the public side only ever sees the <see cref="TrackingCode"/>.
/// </summary>
public readonly record struct CaseNumber(int Year, int Serial)
{
    public const string Prefix = "TS";
    public const int MaxLength = 14;

    public override string ToString() => $"{Prefix}{Year:D4}-{Serial:D6}";

    public static CaseNumber Next(int year, int lastSerialOfYear)
    {
        if (lastSerialOfYear >= 999_999)
            throw new Common.DomainException("Case.NumbersExhausted", $"{year} 年的案件编号已用完");
        return new(year, lastSerialOfYear + 1);
    }
}
