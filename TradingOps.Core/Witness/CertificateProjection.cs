namespace TradingOps.Core.Witness;

/// <summary>What the public check of a certificate number answers.</summary>
public enum CertificateCheck
{
    /// <summary>有效：与见证记录一致.</summary>
    Valid,
    /// <summary>已撤销.</summary>
    Revoked,
    /// <summary>与见证记录不一致: the chain up to the certificate's head no longer recomputes to it.</summary>
    Mismatch,
    /// <summary>证书不存在.</summary>
    NotFound,
    /// <summary>Not a certificate number at all: refused before any lookup.</summary>
    Malformed,
}

/// <summary>
/// Everything an anonymous visitor learns about a certificate: its number, the project code, the issue date and the
/// verdict. No project name, parties, sessions, witnesses or hashes.
/// </summary>
public sealed record PublicCertificate(CertificateCheck Check, string? Number, string? ProjectCode, DateOnly? IssuedOn, DateOnly? RevokedOn);

/// <summary>The one projection of a certificate for the public verify page (confidential by construction).</summary>
public static class CertificateProjection
{
    public static PublicCertificate Malformed() => new(CertificateCheck.Malformed, null, null, null, null);

    public static PublicCertificate NotFound(CertificateNumber number) => new(CertificateCheck.NotFound, number.ToString(), null, null, null);

    /// <summary>
    /// The certificate's public face: revoked when revoked; otherwise valid only when its chain, recomputed up to the
    /// head it states, is intact and ends at exactly that sequence and hash (<see cref="Matches"/>).
    /// </summary>
    public static PublicCertificate Public(WitnessCertificate certificate, IEnumerable<WitnessEntry> chainBySequence)
    {
        var check = certificate.IsRevoked ? CertificateCheck.Revoked
            : Matches(certificate, chainBySequence) ? CertificateCheck.Valid
            : CertificateCheck.Mismatch;
        return new(check, certificate.Number, certificate.ProjectCode, DateOf(certificate.IssuedAt),
            certificate.RevokedAt is { } revoked ? DateOf(revoked) : null);
    }

    private static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(Common.CenterTime.ToLocal(at).DateTime);

    /// <summary>
    /// The project's chain, from its first entry to the certificate's head sequence, verifies (<see cref="WitnessChain.Verify"/>),
    /// has exactly that many entries, and its last entry has the head hash the certificate states.
    /// </summary>
    public static bool Matches(WitnessCertificate certificate, IEnumerable<WitnessEntry> chainBySequence)
    {
        var upToHead = chainBySequence.TakeWhile(e => e.Sequence <= certificate.HeadSequence).ToList();
        var verdict = WitnessChain.Verify(certificate.ChainKey, upToHead);
        return verdict.Intact && verdict.Entries == certificate.HeadSequence && verdict.HeadHash == certificate.HeadHash
               && upToHead.Count > 0 && upToHead[^1].Hash == certificate.HeadHash;
    }
}
