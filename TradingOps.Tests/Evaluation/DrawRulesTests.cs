using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;

namespace TradingOps.Tests.Evaluation;

/// <summary>The draw's rules in Core: eligibility with reasons, the shortfall per specialty, the fair pick, the reviewer's check.</summary>
public sealed class DrawRulesTests
{
    private static DrawCandidate Expert(string code, string employer = "示范大学", params string[] specialties) =>
        new(Guid.NewGuid(), code, employer, specialties.Length == 0 ? ["A01"] : specialties, "fp-" + code);

    private static DrawPool Pool(IEnumerable<DrawCandidate> experts, IEnumerable<Guid>? unavailable = null, IEnumerable<string>? recent = null,
        IEnumerable<string>? engaged = null, IEnumerable<string>? onList = null) =>
        new(experts.ToList(), (unavailable ?? []).ToHashSet(), (recent ?? []).ToHashSet(), (engaged ?? []).ToHashSet(), (onList ?? []).ToHashSet());

    [Fact]
    public void Eligibility_excludes_listed_employers_recent_service_unavailable_engaged_and_listed_experts_each_with_its_reason()
    {
        var ok = Expert("E00009");
        var employer = Expert("E00002", " 示范市建设局 ");
        var employerBranch = Expert("E00003", "示范华信招标代理有限公司第二分公司");
        var recent = Expert("E00004");
        var away = Expert("E00005");
        var busy = Expert("E00006");
        var listed = Expert("E00007");
        var otherSpecialty = Expert("E00008", "示范大学", "B01");
        var ok2 = Expert("E00001", "示范建设监理公司", "B01", "a01");
        var pool = Pool([ok, employer, employerBranch, recent, away, busy, listed, otherSpecialty, ok2], unavailable: [away.ExpertId],
            recent: [recent.IdFingerprint], engaged: [busy.IdFingerprint], onList: [listed.IdFingerprint]);

        var e = DrawRules.Eligibility("A01", ["示范市建设局", "示范华信招标代理有限公司"], pool);

        Assert.Equal(["E00001", "E00009"], e.Eligible.Select(c => c.Code)); // sorted by code, ordinal
        Assert.Equal(new Dictionary<string, string>
        {
            ["E00002"] = DrawExclusion.Employer, ["E00003"] = DrawExclusion.Employer, ["E00004"] = DrawExclusion.RecentService,
            ["E00005"] = DrawExclusion.Unavailable, ["E00006"] = DrawExclusion.Engaged, ["E00007"] = DrawExclusion.OnList,
        }, e.Excluded);
    }

    [Theory]
    [InlineData("示范大学", "示范大学", true)]
    [InlineData("示范大学土木工程学院", "示范大学", true)]   // a listed unit's departments
    [InlineData("  SHIFAN Design  ", "shifan design", true)] // trimmed, case-insensitive
    [InlineData("示范理工学院", "示范大学", false)]
    [InlineData("示范大学", "示范大学土木工程学院", false)] // a department listed does not exclude the whole university
    [InlineData("甲乙公司", "甲", false)]                  // one character matches only exactly
    public void An_employer_is_excluded_when_equal_to_or_containing_a_listed_unit(string employer, string listed, bool excluded) =>
        Assert.Equal(excluded, DrawRules.EmployerExcluded(employer, [listed]));

    [Fact]
    public void Recent_service_counts_sessions_started_within_the_days_before_the_new_start()
    {
        var start = new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
        Assert.True(DrawRules.ServedRecently(start.AddDays(-90), start, 90));
        Assert.False(DrawRules.ServedRecently(start.AddDays(-90).AddMinutes(-1), start, 90));
        Assert.False(DrawRules.ServedRecently(start.AddDays(-1), start, 0));
        Assert.False(DrawRules.ServedRecently(start.AddDays(1), start, 90));

        // The query's form of the rule agrees (accepted experts only).
        var rule = DrawRules.ServedRecentlyBefore(start, 90).Compile();
        foreach (var (served, outcome, expected) in new[] { (start.AddDays(-90), CallOutcome.Accepted, true), (start.AddDays(-91), CallOutcome.Accepted, false),
                     (start.AddDays(-3), CallOutcome.Declined, false), (start, CallOutcome.Accepted, false) })
        {
            var request = new DrawRequest(Guid.NewGuid(), Guid.NewGuid(), "GC-1", "项目", "示范市建设局", null, served, served.AddHours(3), DrawSource.Local, 90, "t", served.AddDays(-1));
            var member = new CommitteeMember(request, MemberKind.Expert, Guid.NewGuid(), "E00001", "A01", null, 1,
                new ProtectedIdentity("n", "i", "f", "m", null, null), "示范大学", "t", served.AddDays(-1));
            if (outcome != CallOutcome.Pending) member.RecordOutcome(outcome, null, "t", served.AddDays(-1));
            Assert.Equal(expected, rule(member));
            Assert.Equal(expected, outcome == CallOutcome.Accepted && DrawRules.ServedRecently(served, start, 90));
        }
    }

    [Fact]
    public void A_shortfall_is_refused_naming_every_short_specialty_with_wanted_eligible_and_missing()
    {
        var ex = Assert.Throws<DomainException>(() => DrawRules.EnsureEnough([
            ("A01", "房屋建筑工程", 5, 3), ("A17", "工程造价", 2, 9), ("B04", "医疗设备", 3, 0)]));
        Assert.Equal("Draw.Shortfall", ex.Code);
        Assert.Contains("A01 房屋建筑工程：需要 5 人，可抽 3 人，缺 2 人；B04 医疗设备：需要 3 人，可抽 0 人，缺 3 人", ex.Message);
        Assert.DoesNotContain("A17", ex.Message);
        DrawRules.EnsureEnough([("A01", "房屋建筑工程", 3, 3)]); // exactly enough is enough
    }

    [Fact]
    public void The_confirmer_must_be_another_person_than_the_operator()
    {
        Assert.Equal("Draw.SamePerson", Assert.Throws<DomainException>(() => DrawRules.EnsureSecondPerson("clerk", " CLERK ")).Code);
        DrawRules.EnsureSecondPerson("clerk", "boss");
    }

    [Fact]
    public void A_pick_takes_the_candidate_at_each_random_index_of_those_remaining_without_replacement()
    {
        var candidates = Enumerable.Range(1, 6).Select(i => Expert($"E{i:D5}")).ToList();
        var picks = DrawRules.Pick("A01", candidates, 3, new Scripted(2, 2, 0));
        Assert.Equal(["E00003", "E00004", "E00001"], picks.Picks.Select(p => p.Code));
        Assert.Equal([2, 2, 0], picks.Values);
    }

    [Fact]
    public void A_recorded_round_verifies_and_any_change_to_its_candidates_values_or_picks_is_named()
    {
        var candidates = Enumerable.Range(1, 40).Select(i => Expert($"E{i:D5}")).ToList();
        var eligibility = DrawRules.Eligibility("A01", [], Pool(candidates));
        var picks = DrawRules.Pick("A01", eligibility.Eligible, 5, CryptoDrawRandom.Instance);
        var record = DrawRules.Record([(eligibility, picks)], CryptoDrawRandom.Instance.Source);
        Assert.Equal(64, record.CandidatesHash.Length);
        Assert.Null(DrawRules.Verify(Round(record)));

        var swappedPick = record with { PicksJson = record.PicksJson.Replace(picks.Picks[0].Code, picks.Picks[0].Code == "E00040" ? "E00039" : "E00040") };
        Assert.Contains("第 1 位抽中", DrawRules.Verify(Round(swappedPick)));
        var editedList = record with { CandidatesJson = record.CandidatesJson.Replace("\"E00040\",", "").Replace(",\"E00040\"", "") };
        Assert.Equal("候选名单与其 SHA-256 摘要不符", DrawRules.Verify(Round(editedList)));
        var values = picks.Values.ToList();
        values[0] = (values[0] + 1) % 40;
        var editedRandom = record with { RandomJson = System.Text.Json.JsonSerializer.Serialize(new DrawRules.RandomRecord("crypto", new() { ["A01"] = values })) };
        Assert.Contains("A01：第 1 位", DrawRules.Verify(Round(editedRandom)));
    }

    private static DrawRound Round(DrawRecord r) => new(Guid.NewGuid(), Guid.NewGuid(), DrawRoundKind.Initial, "A01", 5, null, null, "clerk", "boss",
        DateTimeOffset.UtcNow, r.CandidateCount, r.CandidatesJson, r.CandidatesHash, r.ExclusionsJson, r.RandomJson, r.PicksJson);

    // ---- fairness: every eligible expert equally likely ----

    private const int Candidates = 20;
    private const int Wanted = 3;
    private const int Draws = 20_000;

    /// <summary>
    /// Chi-square of how often each candidate was picked against the uniform expectation (Draws × Wanted / Candidates each).
    /// 19 degrees of freedom: the 99.9999th percentile is about 64.4 (Wilson–Hilferty), so a fair picker exceeds the tolerance
    /// once in a million runs, while a picker favouring index 0 one time in twenty scores in the thousands.
    /// </summary>
    private static double ChiSquare(IDrawRandom random)
    {
        var candidates = Enumerable.Range(1, Candidates).Select(i => Expert($"E{i:D5}")).ToList();
        var counts = new int[Candidates];
        for (var d = 0; d < Draws; d++)
            foreach (var p in DrawRules.Pick("A01", candidates, Wanted, random).Picks)
                counts[int.Parse(p.Code[1..]) - 1]++;
        var expected = (double)Draws * Wanted / Candidates;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }

    private const double Tolerance = 64.4;

    [Fact]
    public void Every_eligible_expert_is_picked_with_equal_probability_by_the_cryptographic_source() =>
        Assert.InRange(ChiSquare(CryptoDrawRandom.Instance), 0, Tolerance);

    [Fact]
    public void The_fairness_test_fails_a_picker_biased_towards_the_first_remaining_candidate() =>
        Assert.True(ChiSquare(new Biased()) > Tolerance);

    /// <summary>Uniform, except that one value in twenty is replaced by index 0: the first remaining candidate is favoured.</summary>
    private sealed class Biased : IDrawRandom
    {
        public int Next(int exclusiveMax) => System.Security.Cryptography.RandomNumberGenerator.GetInt32(20) == 0 ? 0 : System.Security.Cryptography.RandomNumberGenerator.GetInt32(exclusiveMax);
        public string Source => "biased";
    }

    private sealed class Scripted(params int[] values) : IDrawRandom
    {
        private int _i;
        public int Next(int exclusiveMax) => values[_i++];
        public string Source => "scripted";
    }
}
