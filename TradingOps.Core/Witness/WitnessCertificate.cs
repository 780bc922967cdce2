using System.Text.Json;
using TradingOps.Core.Common;

namespace TradingOps.Core.Witness;

/// <summary>A key moment of a session as the witness log holds it (开标 09:30, 评标结束 16:10…).</summary>
public sealed record CertificateKeyTime(string Label, DateTimeOffset At);

/// <summary>One session of the project as the certificate states it: room, kind, booked and actual span, key times, witnesses.</summary>
public sealed record CertificateSession(
    Guid BookingId,
    string Room,
    string Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<CertificateKeyTime> KeyTimes,
    IReadOnlyList<string> Witnesses,
    string? RatingToken);

/// <summary>
/// 进场交易见证书 (Liaoning 6.7.4): what the center states about a project it witnessed, fixed at issue: the project, its
/// sessions with their key times and witnesses, and the head of the project's witness chain at that moment (sequence and
/// hash), which anyone holding the number can check against the log (<see cref="CertificateProjection"/>). A reprint
/// keeps the number (it counts prints); a revocation keeps the certificate and says so. Issue, reprint and revoke each
/// write a witness entry (<see cref="WitnessEntryKind.Certificate"/>) in the same transaction.
/// </summary>
public sealed class WitnessCertificate : Entity
{
    public const int NameMaxLength = 200;
    public const int PartyMaxLength = 200;
    public const int ReasonMaxLength = 500;
    public const int SessionsMaxLength = 16000;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private WitnessCertificate() { Number = ProjectCode = ChainKey = ProjectName = Category = IssuedBy = HeadHash = SessionsJson = ""; }

    public WitnessCertificate(CertificateNumber number, string projectCode, Guid? projectId, string projectName, string category,
        string? initiator, string? agency, IReadOnlyList<CertificateSession> sessions, long headSequence, string headHash,
        string issuedBy, DateTimeOffset issuedAt)
    {
        if (headSequence < 1) throw new DomainException("Certificate.EmptyLog", "见证记录为空，不能出具见证书");
        if (headHash is not { Length: WitnessEntry.HashLength }) throw new ArgumentException("head hash must be 64 hex digits", nameof(headHash));
        if (sessions.Count == 0) throw new DomainException("Certificate.NoSession", "项目没有已结束的场次，不能出具见证书");
        Number = number.ToString();
        Year = number.Year;
        Serial = number.Serial;
        ProjectCode = Guard.Text(projectCode, WitnessEntry.ChainKeyMaxLength, "项目编号");
        ChainKey = WitnessChain.KeyOf(ProjectCode);
        ProjectId = projectId;
        ProjectName = Guard.Text(projectName, NameMaxLength, "项目名称");
        Category = Guard.Text(category, 40, "交易类别");
        Initiator = Guard.OptionalText(initiator, PartyMaxLength, "交易发起方");
        Agency = Guard.OptionalText(agency, PartyMaxLength, "代理机构");
        SessionsJson = JsonSerializer.Serialize(sessions, Json);
        if (SessionsJson.Length > SessionsMaxLength)
            throw new DomainException("Certificate.TooManySessions", "场次过多，见证书无法容纳");
        HeadSequence = headSequence;
        HeadHash = headHash;
        IssuedBy = Guard.Text(issuedBy, WitnessEntry.ActorMaxLength, "出具人");
        IssuedAt = issuedAt.ToUniversalTime();
        Printed(issuedAt); // issuing is the first print
    }

    /// <summary>"JZ2026-000123" (<see cref="CertificateNumber"/>); unique, kept by reprints.</summary>
    public string Number { get; private set; }
    public int Year { get; private set; }
    public int Serial { get; private set; }
    public string ProjectCode { get; private set; }
    public string ChainKey { get; private set; }
    public Guid? ProjectId { get; private set; }
    public string ProjectName { get; private set; }
    /// <summary>交易类别 as shown (工程建设…).</summary>
    public string Category { get; private set; }
    public string? Initiator { get; private set; }
    public string? Agency { get; private set; }
    public string SessionsJson { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public string IssuedBy { get; private set; }

    /// <summary>The witness chain's head when the certificate was issued: verification recomputes the chain up to here.</summary>
    public long HeadSequence { get; private set; }
    public string HeadHash { get; private set; }

    public int PrintCount { get; private set; }
    public DateTimeOffset? LastPrintedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public string? RevokeReason { get; private set; }
    public bool IsRevoked => RevokedAt is not null;

    public IReadOnlyList<CertificateSession> Sessions =>
        JsonSerializer.Deserialize<List<CertificateSession>>(SessionsJson, Json) ?? [];

    public CertificateNumber ParsedNumber => new(Year, Serial);

    /// <summary>A print (the first or a reprint): same number, one more print.</summary>
    public void Printed(DateTimeOffset at)
    {
        if (IsRevoked) throw new DomainException("Certificate.Revoked", $"见证书 {Number} 已撤销，不能再打印");
        PrintCount++;
        LastPrintedAt = at.ToUniversalTime();
    }

    public void Revoke(string reason, string by, DateTimeOffset at)
    {
        if (IsRevoked) throw new DomainException("Certificate.Revoked", $"见证书 {Number} 已于 {CenterTime.ToLocal(RevokedAt!.Value):yyyy-MM-dd} 撤销");
        RevokeReason = Guard.Text(reason, ReasonMaxLength, "撤销原因");
        RevokedBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "撤销人");
        RevokedAt = at.ToUniversalTime();
    }
}
