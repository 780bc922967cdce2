using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Data.Evaluation;

namespace TradingOps.Tests.Evaluation;

/// <summary>Fictional identities with valid checksums, and a protector like the app's, for the pool and import tests.</summary>
public static class PoolTestData
{
    public static readonly DateTimeOffset Now = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero); // 09:00 center time, 2026-12-02

    /// <summary>A valid ID number: area 110101, born on <paramref name="birth"/> (yyyyMMdd), sequence <paramref name="seq"/>.</summary>
    public static string Id(string birth, int seq)
    {
        var first17 = $"110101{birth}{seq:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string WrongChecksum(string id) => id[..17] + (id[17] == '0' ? '1' : '0');

    public static IIdentityProtector Protector() =>
        new DataProtectionIdentityProtector(new EphemeralDataProtectionProvider(), Options.Create(new EvaluationOptions()));

    public static ProvincialDrawMember Member(string name, string id, string specialty = "A01", string employer = "示范大学",
        string region = "五华区", string phone = "13800138000") => new(name, id, phone, specialty, employer, region);
}
