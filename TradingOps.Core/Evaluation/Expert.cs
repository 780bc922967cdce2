using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

public enum ExpertStatus
{
    Active,    // 在库可抽
    Suspended, // 暂停抽取（处理期间、违规记录）
    Retired,   // 已出库
}

/// <summary>Where an expert's record came from: the center's own pool, or a draw made in the provincial system and imported.</summary>
public enum ExpertSource { LocalPool, Provincial }

/// <summary>评标专家专业 (a code of the expert classification, e.g. "A080101" 房屋建筑工程施工).</summary>
public sealed class ExpertSpecialty
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 50;

    private ExpertSpecialty() { Code = Name = Category = ""; }

    public ExpertSpecialty(string code, string name, string category)
    {
        Code = Guard.Text(code, CodeMaxLength, "专业代码").ToUpperInvariant();
        Name = Guard.Text(name, NameMaxLength, "专业名称");
        Category = Guard.Text(category, NameMaxLength, "专业大类");
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string Category { get; private set; }
}

/// <summary>
/// An expert of the center's local pool (专家库), or one a provincial draw brought in. Identity is stored protected
/// (<see cref="ProtectedIdentity"/>); employer and region are not personal data and drive the exclusions of a draw.
/// </summary>
public sealed partial class Expert : Entity
{
    public const int CodeMaxLength = 20;
    public const int EmployerMaxLength = 100;
    public const int RegionMaxLength = 50;
    public const int SpecialtiesMaxLength = 200;
    public const int MaxSpecialties = 8;

    private Expert() { Code = ProtectedName = ProtectedIdNumber = IdFingerprint = IdMasked = Employer = Region = Specialties = AddedBy = ""; }

    public Expert(string code, ProtectedIdentity identity, string employer, string region, IEnumerable<string> specialtyCodes,
        ExpertSource source, string addedBy, DateTimeOffset at)
    {
        Code = Guard.Text(code, CodeMaxLength, "专家编号").ToUpperInvariant();
        ProtectedName = ProtectedIdNumber = IdFingerprint = IdMasked = "";
        SetIdentity(identity);
        Employer = Guard.Text(employer, EmployerMaxLength, "工作单位");
        Region = Guard.Text(region, RegionMaxLength, "所在地区");
        Specialties = JoinSpecialties(specialtyCodes);
        Source = source;
        AddedBy = Guard.Text(addedBy, 256, "录入人");
        AddedAt = at.ToUniversalTime();
    }

    /// <summary>专家编号, unique in the pool.</summary>
    public string Code { get; private set; }
    public string ProtectedName { get; private set; }
    public string ProtectedIdNumber { get; private set; }
    public string IdFingerprint { get; private set; }
    public string IdMasked { get; private set; }
    public string? ProtectedPhone { get; private set; }
    public string? PhoneMasked { get; private set; }
    public string Employer { get; private set; }
    public string Region { get; private set; }

    /// <summary>Specialty codes, comma-separated, each one the expert may be drawn for.</summary>
    public string Specialties { get; private set; }
    public ExpertStatus Status { get; private set; } = ExpertStatus.Active;
    public string? StatusReason { get; private set; }
    public ExpertSource Source { get; private set; }
    public string AddedBy { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    public IReadOnlyList<string> SpecialtyCodes => SplitSpecialties(Specialties);

    /// <summary>The expert's identity as stored (protected), to copy onto a committee member.</summary>
    public ProtectedIdentity Identity => new(ProtectedName, ProtectedIdNumber, IdFingerprint, IdMasked, ProtectedPhone, PhoneMasked);

    public bool HasSpecialty(string code) => SpecialtyCodes.Contains(code, StringComparer.OrdinalIgnoreCase);

    public void SetIdentity(ProtectedIdentity identity)
    {
        ProtectedName = identity.ProtectedName;
        ProtectedIdNumber = identity.ProtectedIdNumber;
        IdFingerprint = identity.IdFingerprint;
        IdMasked = identity.IdMasked;
        ProtectedPhone = identity.ProtectedPhone;
        PhoneMasked = identity.PhoneMasked;
    }

    public void Update(string employer, string region, IEnumerable<string> specialtyCodes)
    {
        Employer = Guard.Text(employer, EmployerMaxLength, "工作单位");
        Region = Guard.Text(region, RegionMaxLength, "所在地区");
        Specialties = JoinSpecialties(specialtyCodes);
    }

    public void SetStatus(ExpertStatus status, string? reason)
    {
        if (!Enum.IsDefined(status)) throw new DomainException("Expert.Status", "专家状态无效");
        if (status != ExpertStatus.Active && PlainText.IsBlank(reason))
            throw new DomainException("Expert.StatusReason", "暂停或出库须填写原因");
        Status = status;
        StatusReason = status == ExpertStatus.Active ? null : Guard.Text(reason, 200, "原因");
    }

    public static string JoinSpecialties(IEnumerable<string> codes)
    {
        var list = codes.Select(c => PlainText.Clean(c)?.ToUpperInvariant()).Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        if (list.Count == 0) throw new DomainException("Expert.Specialties", "至少选择一个评标专业");
        if (list.Count > MaxSpecialties) throw new DomainException("Expert.Specialties", $"评标专业最多 {MaxSpecialties} 个");
        var joined = string.Join(',', list);
        if (joined.Length > SpecialtiesMaxLength) throw new DomainException("Expert.Specialties", "评标专业代码过长");
        return joined;
    }

    public static IReadOnlyList<string> SplitSpecialties(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A period an expert declared unavailable (出差、回避期): not drawn for a session that overlaps it.</summary>
public sealed class ExpertUnavailability : Entity
{
    private ExpertUnavailability() { Reason = By = ""; }

    public ExpertUnavailability(Guid expertId, DateTimeOffset from, DateTimeOffset until, string reason, string by)
    {
        if (until <= from) throw new DomainException("Expert.Unavailable", "不可抽取时段的结束须晚于开始");
        ExpertId = expertId;
        From = from.ToUniversalTime();
        Until = until.ToUniversalTime();
        Reason = Guard.Text(reason, 200, "原因");
        By = Guard.Text(by, 256, "录入人");
    }

    public Guid ExpertId { get; private set; }
    public DateTimeOffset From { get; private set; }
    public DateTimeOffset Until { get; private set; }
    public string Reason { get; private set; }
    public string By { get; private set; }

    public bool Overlaps(DateTimeOffset startsAt, DateTimeOffset endsAt) => From < endsAt && Until > startsAt;
}
