using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TradingOps.Core.Witness;

/// <summary>Why an anchor file cannot be trusted.</summary>
public enum AnchorFileProblem
{
    /// <summary>Not an anchor file of this format (not JSON, fields missing or malformed).</summary>
    Unreadable,
    /// <summary>The file's name and the day inside it differ.</summary>
    WrongDay,
    /// <summary>The content no longer gives the digest written in the file: the content was changed.</summary>
    DigestMismatch,
    /// <summary>The signature does not verify over the content with the file's public key.</summary>
    SignatureInvalid,
    /// <summary>Signed correctly, but with a key that is not the center's (current or trusted former) key.</summary>
    UntrustedKey,
}

/// <summary>What reading an anchor file found: its content (only when <see cref="Trusted"/>), or why it is not trusted.</summary>
public sealed record AnchorFileCheck(string FileName, DateOnly? Day, string? Digest, WitnessAnchorContent? Content, AnchorFileProblem? Problem, string? Detail)
{
    public bool Trusted => Problem is null && Content is not null;
}

/// <summary>
/// The signed daily digest file (witness-anchor-YYYY-MM-DD.json): the anchor's content in readable JSON, its digest
/// (SHA-256 of <see cref="WitnessAnchorContent.CanonicalBytes"/>), an ECDSA P-256 / SHA-256 signature over the same
/// bytes (IEEE P1363, base64) and the public key (SubjectPublicKeyInfo, base64), so anyone holding the file and the
/// center's public key can check it without the database.
/// </summary>
public static class WitnessAnchorFile
{
    public const string Format = "TradingOps witness anchor v1";
    public const string Algorithm = "ECDSA-P256-SHA256";
    public const string Prefix = "witness-anchor-";

    public static string FileNameOf(DateOnly day) => $"{Prefix}{day:yyyy-MM-dd}.json";

    /// <summary>The day in a file name of the anchor form, or null for any other file.</summary>
    public static DateOnly? DayOf(string fileName) =>
        fileName.StartsWith(Prefix, StringComparison.Ordinal) && fileName.EndsWith(".json", StringComparison.Ordinal)
        && DateOnly.TryParseExact(fileName[Prefix.Length..^5], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>A P-256 key from its PKCS#8 form (base64); a clear refusal when it is not one.</summary>
    public static ECDsa SigningKey(string pkcs8Base64)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(pkcs8Base64), out _);
            if (key.KeySize != 256) throw new CryptographicException("not P-256");
            return key;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException("Witness:AnchorSigningKey 不是 P-256 私钥（PKCS#8，base64）", nameof(pkcs8Base64), ex);
        }
    }

    public static string PublicKeyOf(ECDsa key) => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    /// <summary>The file's bytes (UTF-8 JSON, indented): content, digest, signature and public key.</summary>
    public static byte[] Write(WitnessAnchorContent content, ECDsa key)
    {
        var canonical = content.CanonicalBytes();
        var file = new JsonObject
        {
            ["format"] = Format,
            ["day"] = content.Day.ToString("yyyy-MM-dd"),
            ["asOf"] = Iso(content.AsOf),
            ["generatedAt"] = Iso(content.GeneratedAt),
            ["heads"] = new JsonArray(content.Heads.Select(h => (JsonNode)new JsonObject
            {
                ["chain"] = h.ChainKey, ["sequence"] = h.Sequence, ["hash"] = h.Hash,
            }).ToArray()),
            ["digest"] = content.Digest(),
            ["algorithm"] = Algorithm,
            ["publicKey"] = PublicKeyOf(key),
            ["signature"] = Convert.ToBase64String(key.SignData(canonical, HashAlgorithmName.SHA256)),
        };
        return JsonSerializer.SerializeToUtf8Bytes(file, new JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    /// <summary>
    /// Reads and checks a file: the content must give the digest written in it, the signature must verify over the
    /// content with the file's public key, and that key must be one of <paramref name="trustedPublicKeys"/>.
    /// </summary>
    public static AnchorFileCheck Read(string fileName, ReadOnlySpan<byte> bytes, IReadOnlyCollection<string> trustedPublicKeys)
    {
        WitnessAnchorContent content;
        string digest, publicKey;
        byte[] signature;
        try
        {
            var root = JsonNode.Parse(bytes) as JsonObject ?? throw new FormatException("not an object");
            if ((string?)root["format"] != Format || (string?)root["algorithm"] != Algorithm) throw new FormatException("format");
            var day = DateOnly.ParseExact(Text(root, "day"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var heads = (root["heads"] as JsonArray ?? throw new FormatException("heads"))
                .Select(n => new AnchorHead(Text(n!, "chain"), (long?)n!["sequence"] ?? throw new FormatException("sequence"), Text(n, "hash")))
                .ToList();
            content = new WitnessAnchorContent(day, Instant(Text(root, "asOf")), Instant(Text(root, "generatedAt")), heads);
            digest = Text(root, "digest");
            publicKey = Text(root, "publicKey");
            signature = Convert.FromBase64String(Text(root, "signature"));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return new AnchorFileCheck(fileName, DayOf(fileName), null, null, AnchorFileProblem.Unreadable, "锚定文件无法读取：格式不符或内容残缺");
        }

        if (DayOf(fileName) is { } named && named != content.Day)
            return Refuse(AnchorFileProblem.WrongDay, $"文件名的日期 {named:yyyy-MM-dd} 与文件内的日期 {content.Day:yyyy-MM-dd} 不符");
        if (content.Digest() != digest)
            return Refuse(AnchorFileProblem.DigestMismatch, "锚定文件的内容与其摘要不符：文件被改动");
        bool valid;
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
            valid = key.VerifyData(content.CanonicalBytes(), signature, HashAlgorithmName.SHA256);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            valid = false;
        }
        if (!valid)
            return Refuse(AnchorFileProblem.SignatureInvalid, "锚定文件的签名无效：文件被改动或签名被替换");
        if (!trustedPublicKeys.Contains(publicKey))
            return Refuse(AnchorFileProblem.UntrustedKey, "锚定文件不是用本中心的签名密钥签署的");
        return new AnchorFileCheck(fileName, content.Day, digest, content, null, null);

        AnchorFileCheck Refuse(AnchorFileProblem problem, string detail) => new(fileName, content.Day, digest, null, problem, detail);
    }

    private static string Text(JsonNode node, string name) =>
        (string?)node[name] ?? throw new FormatException(name);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
