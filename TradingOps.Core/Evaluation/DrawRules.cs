using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>Why an active expert of the specialty was not a candidate (the codes the round's exclusions JSON records).</summary>
public static class DrawExclusion
{
    public const string Employer = "employer";          // 所在单位属回避单位（招标人、代理机构、投标人）
    public const string RecentService = "recent-service"; // 近期曾为同一招标人评标
    public const string Unavailable = "unavailable";    // 申报不可抽取时段与本场重叠
    public const string Engaged = "engaged";            // 已在时间重叠的另一场评标名单中
    public const string OnList = "on-list";             // 已在本场名单中（含已拒绝、回避者）
    public const string PickedOther = "picked-other";   // 本次已为另一专业抽中
}

/// <summary>An expert as the draw sees them: code, employer, specialties and the fingerprint that binds them to sessions. No name.</summary>
public sealed record DrawCandidate(Guid ExpertId, string Code, string Employer, IReadOnlyList<string> Specialties, string IdFingerprint);

/// <summary>
/// What the database knows about the pool around one session: the active experts, who is unavailable over the session,
/// who served the same initiator recently, who is bound to an overlapping session, who is already on this session's list.
/// </summary>
public sealed record DrawPool(IReadOnlyList<DrawCandidate> Experts, IReadOnlySet<Guid> Unavailable, IReadOnlySet<string> RecentlyServed,
    IReadOnlySet<string> Engaged, IReadOnlySet<string> OnList);

/// <summary>One specialty's candidates (sorted by expert code, ordinal) and the exclusions applied (code → reason).</summary>
public sealed record DrawEligibility(string SpecialtyCode, IReadOnlyList<DrawCandidate> Eligible, IReadOnlyDictionary<string, string> Excluded);

/// <summary>Port of the random source: a value uniform in [0, <paramref name="exclusiveMax"/>). The draw uses <see cref="CryptoDrawRandom"/>.</summary>
public interface IDrawRandom
{
    int Next(int exclusiveMax);

    /// <summary>Recorded in the round: "crypto" for the cryptographic source, anything else says what it was.</summary>
    string Source { get; }
}

/// <summary>The draw's random source: <see cref="RandomNumberGenerator.GetInt32(int)"/> (unpredictable, unbiased).</summary>
public sealed class CryptoDrawRandom : IDrawRandom
{
    public static CryptoDrawRandom Instance { get; } = new();

    public int Next(int exclusiveMax) => RandomNumberGenerator.GetInt32(exclusiveMax);

    public string Source => "crypto";
}

/// <summary>The fairness record of one draw, as the round stores it (codes only: nothing names a person).</summary>
public sealed record DrawRecord(int CandidateCount, string CandidatesJson, string CandidatesHash, string ExclusionsJson, string RandomJson, string PicksJson);

/// <summary>A specialty's picks (expert codes, in pick order) and the random values that made them.</summary>
public sealed record SpecialtyPicks(string SpecialtyCode, IReadOnlyList<DrawCandidate> Picks, IReadOnlyList<int> Values);

/// <summary>
/// The rules of the draw (issue 18 items 2–3; Yunnan 5.5.1, Liaoning 6.6): who is eligible, refusing a shortfall with the
/// numbers per specialty, a uniform pick without replacement from a cryptographic source, the record a reviewer re-checks,
/// and the check itself (<see cref="Verify"/>).
/// </summary>
public static class DrawRules
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Whether an expert's employer is one the request excludes: equal, or containing a listed unit (trimmed, case-insensitive),
    /// so "示范大学" excludes "示范大学土木工程学院" too. A listed unit of fewer than two characters matches only exactly.
    /// </summary>
    public static bool EmployerExcluded(string? employer, IReadOnlyList<string> excluded)
    {
        var e = PlainText.Clean(employer);
        if (e is null) return false;
        foreach (var raw in excluded)
        {
            var unit = PlainText.Clean(raw);
            if (unit is null) continue;
            if (string.Equals(e, unit, StringComparison.OrdinalIgnoreCase)) return true;
            if (unit.Length >= 2 && e.Contains(unit, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// Did this accepted service count as "served the same initiator recently"? The session started within
    /// <paramref name="days"/> days before the new session's start (0: no such exclusion).
    /// </summary>
    public static bool ServedRecently(DateTimeOffset servedStartsAt, DateTimeOffset sessionStartsAt, int days) =>
        days > 0 && servedStartsAt < sessionStartsAt && servedStartsAt >= sessionStartsAt.AddDays(-days);

    /// <summary>
    /// The same rule for a query over members (the initiator is matched by the caller's join): an expert who accepted a
    /// session that started within <paramref name="days"/> days before <paramref name="sessionStartsAt"/>.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<CommitteeMember, bool>> ServedRecentlyBefore(DateTimeOffset sessionStartsAt, int days)
    {
        var since = sessionStartsAt.AddDays(-Math.Max(days, 0));
        return m => m.Kind == MemberKind.Expert && m.Outcome == CallOutcome.Accepted && m.StartsAt >= since && m.StartsAt < sessionStartsAt;
    }

    /// <summary>
    /// The candidates of one specialty: active experts having it (the pool holds active ones only), minus every exclusion, each
    /// recorded with the first reason that applies. <paramref name="pickedAlready"/>: codes picked for another specialty of the same draw.
    /// </summary>
    public static DrawEligibility Eligibility(string specialtyCode, IReadOnlyList<string> employers, DrawPool pool,
        IReadOnlySet<string>? pickedAlready = null)
    {
        var eligible = new List<DrawCandidate>();
        var excluded = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in pool.Experts)
        {
            if (!e.Specialties.Contains(specialtyCode, StringComparer.OrdinalIgnoreCase)) continue;
            var reason = ExclusionOf(e, employers, pool, pickedAlready);
            if (reason is null) eligible.Add(e);
            else excluded[e.Code] = reason;
        }
        eligible.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return new DrawEligibility(specialtyCode, eligible, excluded);
    }

    private static string? ExclusionOf(DrawCandidate e, IReadOnlyList<string> employers, DrawPool pool, IReadOnlySet<string>? pickedAlready)
    {
        if (pool.OnList.Contains(e.IdFingerprint)) return DrawExclusion.OnList;
        if (pickedAlready?.Contains(e.Code) == true) return DrawExclusion.PickedOther;
        if (EmployerExcluded(e.Employer, employers)) return DrawExclusion.Employer;
        if (pool.Unavailable.Contains(e.ExpertId)) return DrawExclusion.Unavailable;
        if (pool.Engaged.Contains(e.IdFingerprint)) return DrawExclusion.Engaged;
        if (pool.RecentlyServed.Contains(e.IdFingerprint)) return DrawExclusion.RecentService;
        return null;
    }

    /// <summary>
    /// Refuses a draw that cannot be filled, naming every short specialty:
    /// "A01 房屋建筑工程：需要 5 人，可抽 3 人，缺 2 人；…". Nothing is drawn when any specialty is short.
    /// </summary>
    public static void EnsureEnough(IEnumerable<(string Code, string Name, int Wanted, int Eligible)> quotas)
    {
        var short_ = quotas.Where(q => q.Eligible < q.Wanted)
            .Select(q => $"{q.Code} {q.Name}：需要 {q.Wanted} 人，可抽 {q.Eligible} 人，缺 {q.Wanted - q.Eligible} 人").ToList();
        if (short_.Count > 0) throw new DomainException("Draw.Shortfall", "符合条件的专家不足，未抽取：" + string.Join("；", short_));
    }

    /// <summary>
    /// Picks <paramref name="count"/> of the sorted candidates, uniformly and without replacement: each pick is the
    /// candidate at index <c>random.Next(remaining)</c> of the candidates not yet picked, in their sorted order.
    /// </summary>
    public static SpecialtyPicks Pick(string specialtyCode, IReadOnlyList<DrawCandidate> sortedCandidates, int count, IDrawRandom random)
    {
        if (count > sortedCandidates.Count) throw new DomainException("Draw.Shortfall", $"{specialtyCode}：需要 {count} 人，可抽 {sortedCandidates.Count} 人");
        var remaining = sortedCandidates.ToList();
        var picks = new List<DrawCandidate>(count);
        var values = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            var v = random.Next(remaining.Count);
            if (v < 0 || v >= remaining.Count) throw new InvalidOperationException("随机数超出范围");
            values.Add(v);
            picks.Add(remaining[v]);
            remaining.RemoveAt(v);
        }
        return new SpecialtyPicks(specialtyCode, picks, values);
    }

    /// <summary>The record of a draw over one or more specialties (each keyed by its code, in the order drawn).</summary>
    public static DrawRecord Record(IReadOnlyList<(DrawEligibility Eligibility, SpecialtyPicks Picks)> drawn, string randomSource)
    {
        var candidates = drawn.ToDictionary(d => d.Eligibility.SpecialtyCode, d => d.Eligibility.Eligible.Select(c => c.Code).ToList());
        var candidatesJson = JsonSerializer.Serialize(candidates, Json);
        var exclusions = drawn.ToDictionary(d => d.Eligibility.SpecialtyCode, d => d.Eligibility.Excluded);
        var random = new RandomRecord(randomSource, drawn.ToDictionary(d => d.Picks.SpecialtyCode, d => d.Picks.Values.ToList()));
        var picks = drawn.ToDictionary(d => d.Picks.SpecialtyCode, d => d.Picks.Picks.Select(c => c.Code).ToList());
        return new DrawRecord(candidates.Values.Sum(c => c.Count), candidatesJson, Hash(candidatesJson), JsonSerializer.Serialize(exclusions, Json),
            JsonSerializer.Serialize(random, Json), JsonSerializer.Serialize(picks, Json));
    }

    /// <summary>SHA-256 of the candidate list as recorded (lowercase hex).</summary>
    public static string Hash(string candidatesJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(candidatesJson)));

    /// <summary>
    /// A reviewer's check of a round: the candidate list matches its hash, and replaying the recorded random values over
    /// the recorded candidates gives exactly the recorded picks. Null when the round holds, else what does not (Chinese).
    /// </summary>
    public static string? Verify(DrawRound round)
    {
        if (round.Kind == DrawRoundKind.ProvincialImport) return null; // drawn elsewhere: the provincial system's record
        Dictionary<string, List<string>>? candidates, picks;
        RandomRecord? random;
        try
        {
            candidates = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(round.CandidatesJson);
            picks = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(round.PicksJson);
            random = JsonSerializer.Deserialize<RandomRecord>(round.RandomJson);
        }
        catch (JsonException) { return "抽取记录格式无法解析"; }
        if (candidates is null || picks is null || random?.Values is null) return "抽取记录不完整";
        if (Hash(round.CandidatesJson) != round.CandidatesHash) return "候选名单与其 SHA-256 摘要不符";
        if (candidates.Values.Sum(c => c.Count) != round.CandidateCount) return "候选人数与记录不符";
        foreach (var (code, recorded) in picks)
        {
            if (!candidates.TryGetValue(code, out var list)) return $"{code}：没有候选名单";
            if (!random.Values.TryGetValue(code, out var values)) return $"{code}：没有随机数记录";
            if (values.Count != recorded.Count) return $"{code}：随机数个数与抽中人数不符";
            var remaining = list.ToList();
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] < 0 || values[i] >= remaining.Count) return $"{code}：第 {i + 1} 个随机数超出候选范围";
                if (remaining[values[i]] != recorded[i]) return $"{code}：第 {i + 1} 位抽中 {recorded[i]}，按记录应为 {remaining[values[i]]}";
                remaining.RemoveAt(values[i]);
            }
        }
        return null;
    }

    /// <summary>The second person of a draw or redraw is not the operator (Liaoning 6.6: 两人以上共同抽取).</summary>
    public static void EnsureSecondPerson(string? operatorName, string confirmer)
    {
        if (string.Equals(PlainText.Clean(operatorName), PlainText.Clean(confirmer), StringComparison.OrdinalIgnoreCase))
            throw new DomainException("Draw.SamePerson", "发起人不能自己确认，须由另一位监督人员确认");
    }

    /// <summary>The picks of a round, specialty → codes in pick order (for the review page).</summary>
    public static IReadOnlyDictionary<string, List<string>> PicksOf(DrawRound round) =>
        JsonSerializer.Deserialize<Dictionary<string, List<string>>>(round.PicksJson) ?? [];

    /// <summary>The exclusions of a round, specialty → (code → reason), for the review page.</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, string>> ExclusionsOf(DrawRound round) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(round.ExclusionsJson) ?? [];

    public sealed record RandomRecord(string Source, Dictionary<string, List<int>> Values);
}
