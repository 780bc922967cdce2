using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>
/// Port: how the evaluation area keeps identities (ARCHITECTURE "Confidentiality"). Names, ID numbers and phones of
/// experts, initiator's representatives and agency staff are stored only protected (ASP.NET Data Protection in Data),
/// and found again by a keyed fingerprint of the ID number, never by the number itself.
/// </summary>
public interface IIdentityProtector
{
    string Protect(string plain);

    /// <summary>The plain text of <paramref name="protectedText"/>. Callers reveal only as <see cref="Sealing"/> allows and audit it.</summary>
    string Unprotect(string protectedText);

    /// <summary>A keyed hash (HMAC-SHA256, lowercase hex) of a canonical ID number: equal numbers, equal fingerprints.</summary>
    string Fingerprint(string canonicalIdNumber);
}

/// <summary>A person's identity as the evaluation area stores it: protected text, a fingerprint to match at the gate, and masks to show.</summary>
public sealed record ProtectedIdentity(string ProtectedName, string ProtectedIdNumber, string IdFingerprint, string IdMasked,
    string? ProtectedPhone, string? PhoneMasked)
{
    public const int ProtectedMaxLength = 1000;
    public const int FingerprintLength = 64;
    public const int NameMaxLength = 50;

    /// <summary>
    /// Checks and protects a person's identity: the name is required, the ID number must pass its checksum
    /// (<see cref="IdNumber"/>), the phone, when given, must be a mainland number. Errors are Chinese sentences.
    /// </summary>
    public static ProtectedIdentity Of(IIdentityProtector protector, string? name, string? idNumber, string? phone, DateOnly today)
    {
        var cleanName = Guard.Text(name, NameMaxLength, "姓名");
        var id = IdNumber.Normalize(idNumber, out var idError, today)
                 ?? throw new DomainException("Identity.IdNumber", idError!);
        string? cleanPhone = null;
        if (!PlainText.IsBlank(phone))
            cleanPhone = PhoneNumber.Normalize(phone, out var phoneError) ?? throw new DomainException("Identity.Phone", phoneError!);
        return new ProtectedIdentity(protector.Protect(cleanName), protector.Protect(id), protector.Fingerprint(id), IdNumber.Mask(id),
            cleanPhone is null ? null : protector.Protect(cleanPhone), cleanPhone is null ? null : MaskPhone(cleanPhone));
    }

    /// <summary>The fingerprint of an ID number presented at the gate, or a Chinese reason it is not a valid number.</summary>
    public static string FingerprintOf(IIdentityProtector protector, string? idNumber, out string? error, DateOnly? today = null)
    {
        var id = IdNumber.Normalize(idNumber, out error, today);
        return id is null ? "" : protector.Fingerprint(id);
    }

    /// <summary>"138****5678": the first three and the last four digits.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
