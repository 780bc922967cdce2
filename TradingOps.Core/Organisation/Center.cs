using TradingOps.Core.Common;

namespace TradingOps.Core.Organisation;

/// <summary>交易中心: the organisation running the floor.</summary>
public sealed class Center : Entity
{
    public const int NameMaxLength = 100;
    public const int CodeMaxLength = 20;
    public const int AddressMaxLength = 200;

    private Center() { Name = Code = ""; }

    public Center(string code, string name, string? address)
    {
        Code = Guard.Text(code, CodeMaxLength, "中心代码");
        Name = Guard.Text(name, NameMaxLength, "中心名称");
        Address = Guard.OptionalText(address, AddressMaxLength, "地址");
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? Address { get; private set; }

    public void Rename(string name) => Name = Guard.Text(name, NameMaxLength, "中心名称");
}
