using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>The certificate's Core rules: one number format, the refusals, the public projection's verdict.</summary>
public sealed class CertificateRuleTests
{
    [Fact]
    public void A_number_is_JZ_the_year_and_a_six_digit_sequence_and_reads_back()
    {
        var next = CertificateNumber.Next(2026, 122);
        Assert.Equal("JZ2026-000123", next.ToString());
        Assert.True(CertificateNumber.TryParse(" jz2026-000123 ", out var parsed));
        Assert.Equal(next, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("JZ2026-12")]
    [InlineData("JZ26-000001")]
    [InlineData("AB2026-000001")]
    [InlineData("JZ2026-000000")]
    [InlineData("JZ2026-0000001")]
    [InlineData("JZ1999-000001")]
    [InlineData("JZ2026-00001a")]
    [InlineData("JZ2026-000001/../x")]
    [InlineData("<script>alert(1)</script>")]
    public void A_malformed_number_is_refused(string? text) => Assert.False(CertificateNumber.TryParse(text, out _));

    [Fact]
    public void The_year_runs_out_of_numbers_with_a_clear_refusal()
    {
        var refused = Assert.Throws<DomainException>(() => CertificateNumber.Next(2026, CertificateNumber.MaxSerial));
        Assert.Contains("2026 年的见证书编号已用完", refused.Message);
    }

    private static List<WitnessEntry> Chain(int n)
    {
        var entries = new List<WitnessEntry>();
        var previous = WitnessChain.Genesis;
        var at = new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= n; i++)
        {
            var e = new WitnessEntry(new WitnessDraft("GC2026-7", null, null, WitnessEntryKind.Observation, null, $"第{i}条", null, at, "w"), i, previous, at);
            entries.Add(e);
            previous = e.Hash;
        }
        return entries;
    }

    private static WitnessCertificate Certificate(IReadOnlyList<WitnessEntry> chain, int head) =>
        new(new CertificateNumber(2026, 1), "GC2026-7", null, "项目", "工程建设", null, null,
            [new CertificateSession(Guid.NewGuid(), "第一开标室", "开标", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, [], [], null)],
            head, chain[head - 1].Hash, "clerk", chain[head - 1].RecordedAt);

    [Fact]
    public void A_certificate_matches_its_chain_up_to_the_head_it_states_whatever_came_after()
    {
        var chain = Chain(5);
        var certificate = Certificate(chain, 3);
        Assert.True(CertificateProjection.Matches(certificate, chain));
        Assert.Equal(CertificateCheck.Valid, CertificateProjection.Public(certificate, chain).Check);
    }

    [Fact]
    public void A_cut_off_or_replaced_chain_no_longer_matches()
    {
        var chain = Chain(5);
        var certificate = Certificate(chain, 4);
        Assert.False(CertificateProjection.Matches(certificate, chain.Take(3)));                  // tail cut before the head
        Assert.False(CertificateProjection.Matches(certificate, chain.Where(e => e.Sequence != 2))); // one removed
        var rewritten = Chain(5).Select(e => e).ToList();                                           // a whole new chain, same shape
        Assert.False(CertificateProjection.Matches(Certificate(Chain(5), 4), [.. rewritten.Take(3), new WitnessEntry(
            new WitnessDraft("GC2026-7", null, null, WitnessEntryKind.Observation, null, "改过的第4条", null, rewritten[3].OccurredAt, "w"), 4, rewritten[2].Hash, rewritten[3].RecordedAt)]));
    }

    [Fact]
    public void The_public_face_carries_only_number_project_code_dates_and_the_verdict()
    {
        Assert.Equal(["Check", "Number", "ProjectCode", "IssuedOn", "RevokedOn"],
            typeof(PublicCertificate).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract"));
    }

    [Fact]
    public void Refusals_name_every_reason_at_once()
    {
        var verdict = WitnessChain.Verify("GC2026-7", []);
        var reasons = CertificateRules.Refusals([new("第一开标室 12-03 09:00", BookingStatus.Confirmed, SessionPhase.InSession),
            new("第二开标室 12-03 14:00", BookingStatus.Cancelled, SessionPhase.NotStarted)], openIncidents: 1, verdict, "JZ2026-000009");
        Assert.Equal(4, reasons.Count);
        Assert.Contains("1 个场次未结束（第一开标室 12-03 09:00）", reasons[0]);
        Assert.Contains("JZ2026-000009", reasons[3]);
    }
}
