using System.Security.Cryptography;
using System.Text;

namespace TradingOps.Core.Devices;

/// <summary>
/// A device secret: 32 random bytes written in Crockford base32 (52 characters, no I, L, O or U), shown once in
/// groups of four so a person can type it on the device. Only its SHA-256 is stored. There is no default and no
/// empty secret: anything that is not exactly a secret's 52 characters is refused before any lookup.
/// </summary>
public static class DeviceSecret
{
    public const int Bytes = 32;
    public const int Length = 52;          // ceil(256 / 5)
    public const int HashLength = 64;      // SHA-256 in hex
    /// <summary>What a pairing form accepts at most (the grouped form with separators and some spaces).</summary>
    public const int MaxInputLength = 100;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new random secret in its grouped display form (XXXX-XXXX-…).</summary>
    public static string New()
    {
        var bytes = RandomNumberGenerator.GetBytes(Bytes);
        var text = new StringBuilder(Length);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return Grouped(text.ToString());
    }

    /// <summary>XXXX-XXXX-… for display.</summary>
    public static string Grouped(string normalized) =>
        string.Join('-', normalized.Chunk(4).Select(c => new string(c)));

    /// <summary>
    /// The canonical form of what someone typed or a cookie carries (upper case, separators and spaces removed,
    /// O read as 0 and I/L as 1), or null when it cannot be a secret.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength) return null;
        var text = new StringBuilder(Length);
        foreach (var raw in input)
        {
            if (raw is '-' or ' ' or '\t') continue;
            var c = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (!Alphabet.Contains(c)) return null;
            text.Append(c);
        }
        return text.Length == Length ? text.ToString() : null;
    }

    /// <summary>SHA-256 of the canonical secret, lowercase hex: what the database keeps.</summary>
    public static string Hash(string normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)));

    /// <summary>Compares a presented secret with a stored hash in constant time.</summary>
    public static bool Matches(string normalized, string storedHash) =>
        storedHash.Length == HashLength
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)), Convert.FromHexString(storedHash));
}
