using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using TradingOps.Core.Evaluation;

namespace TradingOps.Data.Evaluation;

/// <summary>
/// Identities of the evaluation area through ASP.NET Data Protection (the key ring every node shares through the
/// database), and ID-number fingerprints as HMAC-SHA256 under <see cref="EvaluationOptions.FingerprintKey"/>.
/// </summary>
public sealed class DataProtectionIdentityProtector(IDataProtectionProvider provider, IOptions<EvaluationOptions> options) : IIdentityProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("TradingOps.Evaluation.Identity.v1");
    private readonly byte[] _key = options.Value.KeyBytes() ?? throw new InvalidOperationException("Evaluation:FingerprintKey 不是有效的 base64");

    public string Protect(string plain) => _protector.Protect(plain);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);

    public string Fingerprint(string canonicalIdNumber) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonicalIdNumber)));
}
