using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TradingOps.Core.Witness;

/// <summary>Where a chain first fails verification, and why.</summary>
public enum ChainBreak
{
    /// <summary>The entry's content no longer gives its stored hash: edited after it was written.</summary>
    ContentChanged,
    /// <summary>The entry does not point at the hash of the entry before it: one was inserted, removed or moved.</summary>
    LinkBroken,
    /// <summary>The sequence skips or repeats a number: an entry was removed or inserted.</summary>
    SequenceGap,
    /// <summary>The chain ends before an anchored head (a cut-off tail), or the anchored entry's hash differs.</summary>
    AnchorMismatch,
}

/// <summary>The verdict on a chain: intact, or the first entry (by sequence) that does not match.</summary>
public sealed record ChainVerdict(string ChainKey, long Entries, string HeadHash, long? FirstBadSequence, Guid? FirstBadEntryId, ChainBreak? Break, string? Detail)
{
    public bool Intact => Break is null;

    public static ChainVerdict Ok(string key, long entries, string head) => new(key, entries, head, null, null, null, null);
}

/// <summary>
/// The witness log's chain rule: what an entry's hash covers, and how a chain is checked. One home: the log, the
/// verify page, the certificate and the anchor all call it.
/// </summary>
public static partial class WitnessChain
{
    /// <summary>The "previous hash" of a chain's first entry.</summary>
    public static readonly string Genesis = new('0', WitnessEntry.HashLength);

    /// <summary>A project's chain key: its code, trimmed and upper-cased.</summary>
    public static string KeyOf(string projectCode) => projectCode.Trim().ToUpperInvariant();

    /// <summary>
    /// Instants in the chain are kept to the millisecond (every provider stores them exactly, so a hash recomputed from
    /// what the database returns is the hash computed before it was written).
    /// </summary>
    public static DateTimeOffset Instant(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    /// <summary>
    /// SHA-256 (lower-case hex) over a canonical JSON array of the entry's id, chain, sequence, content, times (Unix
    /// milliseconds), actor, correction target, flag and previous hash. Version "w1" leads the array, so a later
    /// format can coexist.
    /// </summary>
    public static string HashOf(WitnessEntry e)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            "w1", e.Id.ToString("D"), e.ChainKey, e.Sequence, e.ProjectCode, e.ProjectId?.ToString("D"), e.BookingId?.ToString("D"),
            e.Kind.ToString(), e.Code, e.Text, e.Data, e.OccurredAt.ToUnixTimeMilliseconds(), e.RecordedAt.ToUnixTimeMilliseconds(),
            e.Actor, e.CorrectsId?.ToString("D"), e.FlagReason, e.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>
    /// Recomputes a chain from its entries in sequence order and names the first entry that does not match: content
    /// changed (edit), link broken (insertion, deletion, reordering), sequence gap. A cut-off tail passes this check:
    /// compare the result's head with the anchor (see the anchor verification) to find it.
    /// </summary>
    public static ChainVerdict Verify(string chainKey, IEnumerable<WitnessEntry> entriesBySequence)
    {
        var previous = Genesis;
        long expected = 1, count = 0;
        foreach (var e in entriesBySequence)
        {
            count++;
            if (e.Sequence != expected)
                return new ChainVerdict(chainKey, count, previous, e.Sequence, e.Id, ChainBreak.SequenceGap,
                    $"第 {e.Sequence} 条之前应为第 {expected} 条：记录缺失或被插入");
            if (e.PreviousHash != previous)
                return new ChainVerdict(chainKey, count, previous, e.Sequence, e.Id, ChainBreak.LinkBroken,
                    $"第 {e.Sequence} 条与前一条不衔接：记录被插入、删除或调换");
            if (HashOf(e) != e.Hash)
                return new ChainVerdict(chainKey, count, previous, e.Sequence, e.Id, ChainBreak.ContentChanged,
                    $"第 {e.Sequence} 条的内容与其哈希不符：记录被修改");
            previous = e.Hash;
            expected++;
        }
        return ChainVerdict.Ok(chainKey, count, previous);
    }
}
