using TradingOps.Core.Common;

namespace TradingOps.Core.Organisation;

/// <summary>A kind of window service (项目登记受理, 场地预约, 专家抽取 ...); its prefix starts ticket numbers.</summary>
public sealed class ServiceType : Entity
{
    public const int NameMaxLength = 30;

    private ServiceType() { Name = Prefix = ""; }

    public ServiceType(string prefix, string name, int sortOrder)
    {
        Prefix = ValidPrefix(prefix);
        Name = Guard.Text(name, NameMaxLength, "业务类型名称");
        SortOrder = sortOrder;
    }

    /// <summary>One capital letter (A, B, ...), unique per center.</summary>
    public string Prefix { get; private set; }
    public string Name { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; } = true;

    public void Rename(string name) => Name = Guard.Text(name, NameMaxLength, "业务类型名称");
    public void Deactivate() => IsActive = false;
    public void Activate() => IsActive = true;

    private static string ValidPrefix(string prefix)
    {
        var p = prefix?.Trim().ToUpperInvariant() ?? "";
        if (p.Length != 1 || p[0] is < 'A' or > 'Z')
            throw new DomainException("ServiceType.Prefix", "号码前缀必须是一个英文字母");
        return p;
    }
}
