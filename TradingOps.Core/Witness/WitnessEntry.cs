using TradingOps.Core.Common;

namespace TradingOps.Core.Witness;

/// <summary>What a witness-log entry records.</summary>
public enum WitnessEntryKind
{
    Step,        // 见证步骤：签到、开标、唱标… ticked by the witness
    Observation, // 见证记录：free text
    Recording,   // 录像索引：channel and time range in the center's video system (Data carries them)
    System,      // 系统记录：session started/suspended/ended, gate and draw records
    Incident,    // 异常事件：raised, suspended, reported, resumed, terminated
    Misconduct,  // 不良行为记录
    Certificate, // 见证书：issued, reprinted, revoked
    Correction,  // 更正：points at the entry it corrects (CorrectsId); the corrected entry stays as it was
}

/// <summary>What the caller asks the log to append; the log adds the chain (sequence, previous hash, hash).</summary>
/// <param name="ProjectCode">The chain is the project's: entries are chained per project code (see <see cref="WitnessChain.KeyOf"/>).</param>
/// <param name="Code">A step code (from the session kind's checklist) or a system event code (<see cref="WitnessCodes"/>).</param>
/// <param name="Data">Structured detail as compact JSON (a recording's channel and range, an incident's id…), covered by the hash.</param>
/// <param name="OccurredAt">When it happened (a step ticked late says when it was done); the log also records when it was written.</param>
/// <param name="FlagReason">Set when the entry is flagged: a step out of order (with the witness's reason), a late entry.</param>
public sealed record WitnessDraft(
    string ProjectCode,
    Guid? ProjectId,
    Guid? BookingId,
    WitnessEntryKind Kind,
    string? Code,
    string Text,
    string? Data,
    DateTimeOffset OccurredAt,
    string Actor,
    Guid? CorrectsId = null,
    string? FlagReason = null);

/// <summary>
/// 见证记录: one append-only entry of a project's witness log. Entries are hash-chained per project: an entry's
/// <see cref="Hash"/> covers its content and <see cref="PreviousHash"/> (<see cref="WitnessChain.HashOf"/>), so an
/// edit, a deletion, an insertion or a reordering breaks the chain; a cut-off tail shows against the daily anchor.
/// Nothing changes an entry after it is written (the database refuses UPDATE and DELETE); a correction is a new entry
/// pointing at the one it corrects. Created only through the log (Data/Witness/WitnessLog), which serialises appends
/// per chain and sets the sequence and previous hash.
/// </summary>
public sealed partial class WitnessEntry : Entity
{
    public const int ChainKeyMaxLength = 40;
    public const int CodeMaxLength = 60;
    public const int TextMaxLength = 1000;
    public const int DataMaxLength = 4000;
    public const int ActorMaxLength = 256;
    public const int FlagMaxLength = 200;
    public const int HashLength = 64;

    private WitnessEntry() { ChainKey = ProjectCode = Text = Actor = PreviousHash = Hash = ""; }

    public WitnessEntry(WitnessDraft draft, long sequence, string previousHash, DateTimeOffset recordedAt)
    {
        if (sequence < 1) throw new ArgumentOutOfRangeException(nameof(sequence));
        if (previousHash is not { Length: HashLength }) throw new ArgumentException("previous hash must be 64 hex digits", nameof(previousHash));
        ProjectCode = Guard.Text(draft.ProjectCode, ChainKeyMaxLength, "项目编号");
        ChainKey = WitnessChain.KeyOf(ProjectCode);
        ProjectId = draft.ProjectId;
        BookingId = draft.BookingId;
        Kind = draft.Kind;
        Code = Guard.OptionalText(draft.Code, CodeMaxLength, "步骤代码");
        Text = Guard.Text(draft.Text, TextMaxLength, "见证内容");
        Data = draft.Data is null ? null : draft.Data.Length <= DataMaxLength ? draft.Data
            : throw new DomainException("Witness.DataTooLong", $"见证附加数据不能超过 {DataMaxLength} 个字符");
        OccurredAt = WitnessChain.Instant(draft.OccurredAt);
        RecordedAt = WitnessChain.Instant(recordedAt);
        Actor = Guard.Text(draft.Actor, ActorMaxLength, "记录人");
        CorrectsId = draft.CorrectsId;
        if (Kind == WitnessEntryKind.Correction && CorrectsId is null)
            throw new DomainException("Witness.CorrectionTarget", "更正必须指明被更正的记录");
        FlagReason = Guard.OptionalText(draft.FlagReason, FlagMaxLength, "标记原因");
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = WitnessChain.HashOf(this);
    }

    /// <summary>The chain this entry belongs to: the project code, trimmed and upper-cased.</summary>
    public string ChainKey { get; private set; }

    /// <summary>1, 2, 3… within the chain, no gaps.</summary>
    public long Sequence { get; private set; }

    public string ProjectCode { get; private set; }
    public Guid? ProjectId { get; private set; }

    /// <summary>The session (booking) it belongs to; null for a project-level entry (a project suspension, a certificate).</summary>
    public Guid? BookingId { get; private set; }

    public WitnessEntryKind Kind { get; private set; }
    public string? Code { get; private set; }
    public string Text { get; private set; }
    public string? Data { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string Actor { get; private set; }
    public Guid? CorrectsId { get; private set; }
    public string? FlagReason { get; private set; }
    public bool Flagged => FlagReason is not null;

    /// <summary>The hash of the entry before it in the chain (<see cref="WitnessChain.Genesis"/> for the first).</summary>
    public string PreviousHash { get; private set; }

    /// <summary>SHA-256 (lower-case hex) of the entry's content and <see cref="PreviousHash"/>.</summary>
    public string Hash { get; private set; }
}

/// <summary>
/// The head of a project's chain: its last sequence and hash. The row every append to the chain locks first (so two
/// nodes appending to one project are serialised by the database), and a fast way to read the head. Not evidence:
/// verification recomputes the entries and compares with the anchor outside the database.
/// </summary>
public sealed class WitnessChainHead
{
    private WitnessChainHead() { ChainKey = Hash = ""; }

    public WitnessChainHead(string chainKey)
    {
        ChainKey = chainKey;
        Hash = WitnessChain.Genesis;
    }

    public string ChainKey { get; private set; }
    public long Sequence { get; private set; }
    public string Hash { get; private set; }

    /// <summary>Moves the head to the entry just appended (which must follow it).</summary>
    public void Advance(WitnessEntry entry)
    {
        if (entry.ChainKey != ChainKey || entry.Sequence != Sequence + 1 || entry.PreviousHash != Hash)
            throw new InvalidOperationException($"entry {entry.Sequence} does not follow head {Sequence} of chain {ChainKey}");
        Sequence = entry.Sequence;
        Hash = entry.Hash;
    }
}

/// <summary>Codes of the entries the system writes (not the witness): one list, so the log page and the reports agree.</summary>
public static class WitnessCodes
{
    public const string SessionConfirmed = "session.confirmed";
    public const string SessionCheckedIn = "session.checked-in";
    public const string SessionStarted = "session.started";
    public const string SessionSuspended = "session.suspended";
    public const string SessionResumed = "session.resumed";
    public const string SessionEnded = "session.ended";
    public const string WitnessAssigned = "witness.assigned";
    public const string WitnessTakenOver = "witness.taken-over";
    public const string LogClosed = "witness.log-closed";
    public const string DrawConfirmed = "draw.confirmed";
    public const string DrawRedrawn = "draw.redrawn";
    public const string DrawImported = "draw.imported";
    public const string GateAdmitted = "gate.admitted";
    public const string GateRefused = "gate.refused";
    public const string GateOverride = "gate.override";
    public const string IncidentRaised = "incident.raised";
    public const string IncidentSuspended = "incident.suspended";
    public const string IncidentResumed = "incident.resumed";
    public const string IncidentTerminated = "incident.terminated";
    public const string IncidentTicked = "incident.ticked";
    public const string IncidentReported = "incident.reported";
    public const string IncidentFeedback = "incident.feedback";
    public const string IncidentClosed = "incident.closed";
    public const string MisconductRecorded = "misconduct.recorded";
    public const string MisconductReported = "misconduct.reported";
    public const string MisconductFeedback = "misconduct.feedback";
    public const string MisconductClosed = "misconduct.closed";
    public const string CertificateIssued = "certificate.issued";
    public const string CertificateReprinted = "certificate.reprinted";
    public const string CertificateRevoked = "certificate.revoked";
    public const string ProjectClosed = "project.closed";
}
