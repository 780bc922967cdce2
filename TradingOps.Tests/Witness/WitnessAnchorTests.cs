using System.Security.Cryptography;
using System.Text;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>The anchor's content, its signed file and verification against it, without a database.</summary>
public sealed class WitnessAnchorTests
{
    private static readonly DateOnly Day = new(2026, 12, 2);
    private static readonly DateTimeOffset Morning = CenterTime.At(Day, new TimeOnly(9, 0));
    private static readonly ECDsa CenterKey = WitnessAnchorFile.SigningKey(WitnessOptions.DevelopmentAnchorSigningKey);
    private static readonly string[] Trusted = [WitnessAnchorFile.PublicKeyOf(CenterKey)];

    private static List<WitnessEntry> Chain(string project, int count, DateTimeOffset start)
    {
        var entries = new List<WitnessEntry>();
        var previous = WitnessChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var at = start.AddMinutes(10 * i);
            var e = new WitnessEntry(new WitnessDraft(project, null, null, WitnessEntryKind.Observation, null, $"第{i}条见证记录", null, at, "witness"), i, previous, at);
            entries.Add(e);
            previous = e.Hash;
        }
        return entries;
    }

    private static WitnessAnchorContent AnchorOf(DateOnly day, params List<WitnessEntry>[] chains) =>
        WitnessAnchorContent.Of(day, WitnessAnchorContent.EndOf(day).AddMinutes(10),
            chains.Select(c => c.Last(e => e.RecordedAt < WitnessAnchorContent.EndOf(day))).Select(e => new AnchorHead(e.ChainKey, e.Sequence, e.Hash)));

    private static byte[] FileOf(WitnessAnchorContent content) => WitnessAnchorFile.Write(content, CenterKey);

    [Fact]
    public void A_written_anchor_file_verifies_with_the_centers_key_and_gives_back_its_content()
    {
        var anchor = AnchorOf(Day, Chain("GC2026-001", 3, Morning), Chain("ZC2026-007", 2, Morning));
        var check = WitnessAnchorFile.Read(WitnessAnchorFile.FileNameOf(Day), FileOf(anchor), Trusted);

        Assert.True(check.Trusted, check.Detail);
        Assert.Equal(anchor.Digest(), check.Digest);
        Assert.True(anchor.SameHeads(check.Content!));
        Assert.Equal(anchor.GeneratedAt, check.Content!.GeneratedAt);
        Assert.Equal(["GC2026-001", "ZC2026-007"], check.Content.Heads.Select(h => h.ChainKey));
    }

    [Fact]
    public void The_digest_is_the_same_for_the_same_heads_in_any_order_and_changes_with_any_head()
    {
        var a = Chain("GC2026-001", 3, Morning);
        var b = Chain("ZC2026-007", 2, Morning);
        Assert.Equal(AnchorOf(Day, a, b).Digest(), AnchorOf(Day, b, a).Digest());
        Assert.NotEqual(AnchorOf(Day, a, b).Digest(), AnchorOf(Day, a[..2], b).Digest());
        Assert.Matches("^[0-9a-f]{64}$", AnchorOf(Day, a).Digest());
    }

    [Theory]
    [InlineData("\"hash\": \"", 5)]       // a digit of an anchored head's hash
    [InlineData("\"sequence\": ", 0)]     // an anchored sequence
    [InlineData("\"chain\": \"GC", 2)]    // a chain's key
    [InlineData("\"generatedAt\": \"", 3)] // the generation time
    [InlineData("\"digest\": \"", 7)]     // the digest itself
    public void A_byte_changed_in_the_content_or_digest_of_the_file_fails_the_check(string field, int offset)
    {
        var bytes = FileOf(AnchorOf(Day, Chain("GC2026-001", 3, Morning)));
        var at = Encoding.UTF8.GetString(bytes).IndexOf(field, StringComparison.Ordinal) + field.Length + offset;
        bytes[at] = (byte)(bytes[at] == (byte)'1' ? '2' : '1');

        var check = WitnessAnchorFile.Read(WitnessAnchorFile.FileNameOf(Day), bytes, Trusted);
        Assert.False(check.Trusted);
        Assert.Equal(AnchorFileProblem.DigestMismatch, check.Problem);
        Assert.Null(check.Content);
    }

    [Fact]
    public void A_changed_signature_fails_the_check()
    {
        var bytes = FileOf(AnchorOf(Day, Chain("GC2026-001", 3, Morning)));
        var text = Encoding.UTF8.GetString(bytes);
        var at = text.IndexOf("\"signature\": \"", StringComparison.Ordinal) + 20;
        bytes[at] = (byte)(bytes[at] == (byte)'A' ? 'B' : 'A');

        Assert.Equal(AnchorFileProblem.SignatureInvalid, WitnessAnchorFile.Read(WitnessAnchorFile.FileNameOf(Day), bytes, Trusted).Problem);
    }

    [Fact]
    public void A_file_rewritten_and_signed_with_another_key_is_not_trusted()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = WitnessAnchorFile.Write(AnchorOf(Day, Chain("GC2026-001", 2, Morning)), forger);

        var check = WitnessAnchorFile.Read(WitnessAnchorFile.FileNameOf(Day), forged, Trusted);
        Assert.Equal(AnchorFileProblem.UntrustedKey, check.Problem);
        Assert.False(check.Trusted);
    }

    [Fact]
    public void A_file_renamed_to_another_day_and_a_file_that_is_not_an_anchor_are_refused()
    {
        var bytes = FileOf(AnchorOf(Day, Chain("GC2026-001", 2, Morning)));
        Assert.Equal(AnchorFileProblem.WrongDay, WitnessAnchorFile.Read(WitnessAnchorFile.FileNameOf(Day.AddDays(1)), bytes, Trusted).Problem);
        Assert.Equal(AnchorFileProblem.Unreadable, WitnessAnchorFile.Read(WitnessAnchorFile.FileNameOf(Day), "{\"format\":1}"u8, Trusted).Problem);
        Assert.Equal(AnchorFileProblem.Unreadable, WitnessAnchorFile.Read(WitnessAnchorFile.FileNameOf(Day), bytes.AsSpan(0, bytes.Length / 2), Trusted).Problem);
    }

    [Fact]
    public void The_signing_key_must_be_a_P256_private_key()
    {
        Assert.Throws<ArgumentException>(() => WitnessAnchorFile.SigningKey("not base64!"));
        using var rsa = RSA.Create(2048);
        Assert.Throws<ArgumentException>(() => WitnessAnchorFile.SigningKey(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())));
        Assert.True(new WitnessOptions().IsValid);
        Assert.False(new WitnessOptions { AnchorSigningKey = "AAAA" }.IsValid);
    }

    [Fact]
    public void A_chain_cut_short_passes_alone_but_is_named_against_its_anchor()
    {
        var chain = Chain("GC2026-001", 5, Morning);
        var anchor = AnchorOf(Day, chain);
        var cut = chain[..3];

        Assert.True(WitnessChain.Verify("GC2026-001", cut).Intact);
        var verdict = WitnessChain.VerifyAgainst("GC2026-001", cut, [anchor]);
        Assert.Equal((ChainBreak.AnchorMismatch, 4L), (verdict.Break, verdict.FirstBadSequence));
        Assert.Equal("第 3 条之后的记录缺失（锚定于 2026-12-02，当日链头为第 5 条）", verdict.Detail);
        Assert.True(WitnessChain.VerifyAgainst("GC2026-001", chain, [anchor]).Intact);
    }

    [Fact]
    public void An_entry_added_behind_an_anchored_head_but_dated_before_the_days_end_is_named()
    {
        var chain = Chain("GC2026-001", 3, Morning);
        var anchor = AnchorOf(Day, chain);
        var backdated = new WitnessEntry(new WitnessDraft("GC2026-001", null, null, WitnessEntryKind.Observation, null, "补写的记录", null, Morning.AddHours(8), "witness"),
            4, chain[^1].Hash, Morning.AddHours(8));
        var later = new WitnessEntry(new WitnessDraft("GC2026-001", null, null, WitnessEntryKind.Observation, null, "次日的记录", null, Morning.AddDays(1), "witness"),
            4, chain[^1].Hash, Morning.AddDays(1));

        Assert.True(WitnessChain.Verify("GC2026-001", [.. chain, backdated]).Intact);
        var verdict = WitnessChain.VerifyAgainst("GC2026-001", [.. chain, backdated], [anchor]);
        Assert.Equal((ChainBreak.AnchorMismatch, 4L, (Guid?)backdated.Id), (verdict.Break, verdict.FirstBadSequence, verdict.FirstBadEntryId));
        Assert.True(WitnessChain.VerifyAgainst("GC2026-001", [.. chain, later], [anchor]).Intact);
    }

    [Fact]
    public void A_chain_an_anchor_should_list_but_does_not_is_named_at_its_first_entry()
    {
        var listed = Chain("GC2026-001", 2, Morning);
        var forged = Chain("GC2026-099", 2, Morning);
        var anchor = AnchorOf(Day, listed);

        var verdict = WitnessChain.VerifyAgainst("GC2026-099", forged, [anchor]);
        Assert.Equal((ChainBreak.AnchorMismatch, 1L), (verdict.Break, verdict.FirstBadSequence));
        Assert.Empty(WitnessChain.CheckAnchors("GC2026-099", Chain("GC2026-099", 2, Morning.AddDays(1)), [anchor]));
    }
}
