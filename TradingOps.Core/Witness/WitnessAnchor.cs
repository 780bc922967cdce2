using System.Security.Cryptography;
using System.Text.Json;
using TradingOps.Core.Common;

namespace TradingOps.Core.Witness;

/// <summary>One chain's head as an anchor records it: the last sequence written before the day ended, and its hash.</summary>
public sealed record AnchorHead(string ChainKey, long Sequence, string Hash);

/// <summary>
/// 每日锚定: the heads of every chain as of the end of one day (Asia/Shanghai), kept outside the database in a signed
/// file. A chain alone cannot show a cut-off tail or a backdated entry added at its end; its anchored heads can.
/// </summary>
/// <param name="Day">The center's calendar day the anchor closes.</param>
/// <param name="AsOf">The end of that day (the next day's 00:00 in Asia/Shanghai, as UTC): heads of entries recorded before it.</param>
/// <param name="GeneratedAt">When the anchor was made (after <paramref name="AsOf"/>).</param>
/// <param name="Heads">Every chain with an entry recorded before <paramref name="AsOf"/>, in ordinal order of the key.</param>
public sealed record WitnessAnchorContent(DateOnly Day, DateTimeOffset AsOf, DateTimeOffset GeneratedAt, IReadOnlyList<AnchorHead> Heads)
{
    public const string Version = "a1";

    /// <summary>Builds the anchor of a day from heads in any order (sorted here, so the same heads give the same bytes).</summary>
    public static WitnessAnchorContent Of(DateOnly day, DateTimeOffset generatedAt, IEnumerable<AnchorHead> heads) =>
        new(day, EndOf(day), WitnessChain.Instant(generatedAt),
            heads.OrderBy(h => h.ChainKey, StringComparer.Ordinal).ToList());

    /// <summary>The end of a center day: entries recorded before this instant belong to the day's anchor.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => CenterTime.DayBounds(day).End;

    /// <summary>
    /// The bytes the digest and the signature cover: a compact JSON array led by the format version, the day, the
    /// instants in Unix milliseconds, then [key, sequence, hash] per chain in ordinal order of the key.
    /// </summary>
    public byte[] CanonicalBytes() => JsonSerializer.SerializeToUtf8Bytes(new object[]
    {
        Version, Day.ToString("yyyy-MM-dd"), AsOf.ToUnixTimeMilliseconds(), GeneratedAt.ToUnixTimeMilliseconds(),
        Heads.Select(h => new object[] { h.ChainKey, h.Sequence, h.Hash }).ToArray(),
    });

    /// <summary>SHA-256 of <see cref="CanonicalBytes"/>, lower-case hex: the digest printed on the daily report.</summary>
    public string Digest() => Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes()));

    public AnchorHead? HeadOf(string chainKey) =>
        (_byKey ??= Heads.GroupBy(h => h.ChainKey).ToDictionary(g => g.Key, g => g.First())).GetValueOrDefault(chainKey);

    private Dictionary<string, AnchorHead>? _byKey;

    /// <summary>True when the same day, instant and heads (the generation time aside): a rerun that would write the same anchor.</summary>
    public bool SameHeads(WitnessAnchorContent other) =>
        Day == other.Day && AsOf == other.AsOf && Heads.SequenceEqual(other.Heads);
}

/// <summary>
/// The database's list of the anchors written (day, digest, file): for pages and the daily report. The file in the
/// anchor folder is the evidence; this row only says where it is and what it said when it was written.
/// </summary>
public sealed class WitnessAnchor : Entity
{
    public const int FileNameMaxLength = 100;

    private WitnessAnchor() { Digest = FileName = ""; }

    public WitnessAnchor(WitnessAnchorContent content, string fileName, DateTimeOffset writtenAt)
    {
        Day = content.Day;
        Digest = content.Digest();
        Chains = content.Heads.Count;
        FileName = fileName;
        WrittenAt = writtenAt.ToUniversalTime();
    }

    public DateOnly Day { get; private set; }
    public string Digest { get; private set; }
    public int Chains { get; private set; }
    public string FileName { get; private set; }
    public DateTimeOffset WrittenAt { get; private set; }

    /// <summary>The text of the QR code on the daily witness report: format, day and digest.</summary>
    public static string QrText(DateOnly day, string digest) => $"TOA1:{day:yyyy-MM-dd}:{digest}";
}

/// <summary>How a chain stands against one anchor: the head it anchored (if it lists the chain) and whether the chain still agrees.</summary>
public sealed record AnchorCheck(DateOnly Day, AnchorHead? Head, bool Matches, long? FirstBadSequence, Guid? FirstBadEntryId, string? Detail);

public static partial class WitnessChain
{
    /// <summary>
    /// Full verification: the chain recomputed (<see cref="Verify"/>) and compared with every anchor that lists it or
    /// should list it. Names the first bad entry: an edit, a deletion, an insertion or a reordering from the chain
    /// itself (an inserted or moved entry is named by where its neighbours' links point), a cut-off tail or an entry
    /// added behind an anchored head from the anchors (<see cref="ChainBreak.AnchorMismatch"/>).
    /// </summary>
    /// <param name="anchors">Anchors whose signature has been checked; an unverified file must not be passed.</param>
    public static ChainVerdict VerifyAgainst(string chainKey, IReadOnlyList<WitnessEntry> entriesBySequence, IEnumerable<WitnessAnchorContent> anchors)
    {
        var chain = Explain(Verify(chainKey, entriesBySequence), entriesBySequence);
        var anchorBreak = CheckAnchors(chainKey, entriesBySequence, anchors)
            .Where(c => !c.Matches).OrderBy(c => c.FirstBadSequence).FirstOrDefault();
        if (anchorBreak is null || (!chain.Intact && chain.FirstBadSequence <= anchorBreak.FirstBadSequence))
            return chain;
        return chain with
        {
            FirstBadSequence = anchorBreak.FirstBadSequence, FirstBadEntryId = anchorBreak.FirstBadEntryId,
            Break = ChainBreak.AnchorMismatch, Detail = anchorBreak.Detail,
        };
    }

    /// <summary>
    /// The chain against each anchor that covers it, in day order: anchors listing it, and anchors that should
    /// (the chain has an entry recorded before the anchor's end) but do not.
    /// </summary>
    public static IReadOnlyList<AnchorCheck> CheckAnchors(string chainKey, IReadOnlyList<WitnessEntry> entriesBySequence, IEnumerable<WitnessAnchorContent> anchors)
    {
        var checks = new List<AnchorCheck>();
        foreach (var anchor in anchors.OrderBy(a => a.Day))
        {
            var day = anchor.Day.ToString("yyyy-MM-dd");
            var head = anchor.HeadOf(chainKey);
            if (head is null)
            {
                var before = entriesBySequence.FirstOrDefault(e => e.RecordedAt < anchor.AsOf);
                if (before is not null)
                    checks.Add(new AnchorCheck(anchor.Day, null, false, before.Sequence, before.Id,
                        $"第 {before.Sequence} 条记录于 {day} 结束之前，但当日锚定文件未列出本链：记录是事后补入的"));
                continue;
            }
            var anchored = entriesBySequence.FirstOrDefault(e => e.Sequence == head.Sequence);
            if (anchored is null)
            {
                var last = entriesBySequence.Where(e => e.Sequence < head.Sequence).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
                checks.Add(new AnchorCheck(anchor.Day, head, false, last + 1, null,
                    $"第 {last} 条之后的记录缺失（锚定于 {day}，当日链头为第 {head.Sequence} 条）"));
                continue;
            }
            if (anchored.Hash != head.Hash)
            {
                checks.Add(new AnchorCheck(anchor.Day, head, false, anchored.Sequence, anchored.Id,
                    $"第 {anchored.Sequence} 条的哈希与 {day} 的锚定不符：此条或之前的记录被改动、插入、删除或调换"));
                continue;
            }
            var late = entriesBySequence.FirstOrDefault(e => e.Sequence > head.Sequence && e.RecordedAt < anchor.AsOf);
            checks.Add(late is null
                ? new AnchorCheck(anchor.Day, head, true, null, null, null)
                : new AnchorCheck(anchor.Day, head, false, late.Sequence, late.Id,
                    $"第 {late.Sequence} 条标为 {day} 结束前记录，但当日锚定的链头为第 {head.Sequence} 条：记录是事后补入的"));
        }
        return checks;
    }

    /// <summary>
    /// A broken link says where the chain no longer fits; where the link points says why: at an earlier entry than
    /// the one before (the entries between were inserted: the first of them is the bad one), at a later entry
    /// (reordered), or nowhere in the chain (the entry before it was removed).
    /// </summary>
    private static ChainVerdict Explain(ChainVerdict verdict, IReadOnlyList<WitnessEntry> entries)
    {
        if (verdict.Break != ChainBreak.LinkBroken) return verdict;
        var at = -1;
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].Id == verdict.FirstBadEntryId) { at = i; break; }
        if (at < 0) return verdict;
        var broken = entries[at];
        var pointsTo = -1;
        for (var i = 0; i < entries.Count; i++)
            if (i != at && entries[i].Hash == broken.PreviousHash) { pointsTo = i; break; }
        if (pointsTo >= 0 && pointsTo < at - 1)
        {
            var inserted = entries[pointsTo + 1];
            return verdict with
            {
                FirstBadSequence = inserted.Sequence, FirstBadEntryId = inserted.Id,
                Detail = $"第 {inserted.Sequence} 条起是插入的记录：第 {broken.Sequence} 条原本紧接第 {entries[pointsTo].Sequence} 条",
            };
        }
        if (pointsTo > at)
            return verdict with { Detail = $"第 {broken.Sequence} 条与第 {entries[pointsTo].Sequence} 条的顺序被调换" };
        if (pointsTo < 0 && broken.PreviousHash != Genesis)
            return verdict with { Detail = $"第 {broken.Sequence} 条之前的记录被删除（它指向的记录已不在链中）" };
        return verdict;
    }
}
