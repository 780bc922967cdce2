using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>The pool desk's changes of one expert (issue 18 item 1): each with the reason the audit trail keeps.</summary>
public sealed partial class Expert
{
    public const int ReasonMaxLength = 200;

    /// <summary>
    /// Suspend (暂停抽取), retire (出库) or reactivate (恢复抽取) the expert. Every change names its reason, the
    /// reactivation too (it stays in <see cref="StatusReason"/> and the audit trail); a change to the same status is refused.
    /// </summary>
    public void ChangeStatus(ExpertStatus status, string? reason)
    {
        if (!Enum.IsDefined(status)) throw new DomainException("Expert.Status", "专家状态无效");
        if (status == Status) throw new DomainException("Expert.SameStatus", "专家已处于该状态");
        if (PlainText.IsBlank(reason)) throw new DomainException("Expert.StatusReason", "变更专家状态须填写原因");
        Status = status;
        StatusReason = Guard.Text(reason, ReasonMaxLength, "原因");
    }

    /// <summary>
    /// A provincial draw brought this person in again: the provincial record is the current one for identity, employer
    /// and region, and the drawn specialty is added to the expert's list when it is not there yet (and there is room).
    /// </summary>
    public void RefreshFromProvince(ProtectedIdentity identity, string employer, string region, string specialtyCode)
    {
        if (identity.IdFingerprint != IdFingerprint) throw new DomainException("Expert.Fingerprint", "身份证号与专家记录不一致");
        SetIdentity(identity);
        var codes = SpecialtyCodes.ToList();
        if (!codes.Contains(specialtyCode, StringComparer.OrdinalIgnoreCase) && codes.Count < MaxSpecialties) codes.Add(specialtyCode);
        Update(employer, region, codes);
    }
}

/// <summary>The pool's rules that look at more than one record (known specialties, unavailable periods, codes).</summary>
public static class ExpertPool
{
    /// <summary>The longest period one entry may declare unavailable (a longer absence is a suspension).</summary>
    public static readonly TimeSpan MaxUnavailable = TimeSpan.FromDays(366);

    public const string LocalCodePrefix = "E";
    public const string ProvincialCodePrefix = "P";

    /// <summary>The codes, cleaned, each of them one of the catalogue's; a Chinese message names the first unknown one.</summary>
    public static IReadOnlyList<string> KnownSpecialties(IEnumerable<string?> codes, IReadOnlyCollection<string> catalogue)
    {
        var joined = Expert.JoinSpecialties(codes.Select(c => c ?? ""));
        var list = Expert.SplitSpecialties(joined);
        if (list.FirstOrDefault(c => !catalogue.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            throw new DomainException("Expert.UnknownSpecialty", $"评标专业代码“{PlainText.Truncate(unknown, 20)}”不在专业目录中");
        return list;
    }

    /// <summary>
    /// A new unavailable period: it must not have ended already, may be at most <see cref="MaxUnavailable"/> long, and must
    /// not overlap a period already declared (change that one instead: two overlapping entries say nothing new).
    /// </summary>
    public static void EnsureCanAdd(IEnumerable<ExpertUnavailability> existing, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now)
    {
        if (until <= from) throw new DomainException("Expert.Unavailable", "不可抽取时段的结束须晚于开始");
        if (until <= now) throw new DomainException("Expert.UnavailablePast", "不可抽取时段已经结束，无须登记");
        if (until - from > MaxUnavailable) throw new DomainException("Expert.UnavailableTooLong", "不可抽取时段最长一年；更长时间请暂停该专家");
        if (existing.FirstOrDefault(u => u.Overlaps(from, until)) is { } clash)
            throw new DomainException("Expert.UnavailableOverlap",
                $"与已登记的不可抽取时段（{CenterTime.ToLocal(clash.From):yyyy-MM-dd HH:mm} 至 {CenterTime.ToLocal(clash.Until):yyyy-MM-dd HH:mm}）重叠");
    }

    /// <summary>The next code after the highest of this prefix ("E03000" → "E03001"); numbers keep at least five digits.</summary>
    public static string NextCode(string prefix, IEnumerable<string> existingCodes)
    {
        var max = 0;
        foreach (var code in existingCodes)
            if (code.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && int.TryParse(code.AsSpan(prefix.Length), out var n) && n > max) max = n;
        return $"{prefix}{max + 1:D5}";
    }
}
