using TradingOps.Core.Common;
using TradingOps.Core.Facilities;

namespace TradingOps.Tests.Facilities;

public sealed class FaultRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 4, 0, 0, TimeSpan.Zero); // 12:00 in Shanghai

    internal static Equipment Kit(bool critical, Guid? roomId, EquipmentCategory category = EquipmentCategory.Decryptor, string code = "SB-K201-01") =>
        new(code, "开标解密终端", category, Guid.NewGuid(), roomId, critical, "SN-1", null, null, new DateOnly(2025, 1, 1), null, "admin", Noon.AddDays(-30));

    [Theory]
    [InlineData(FaultSeverity.Minor, true, false)]
    [InlineData(FaultSeverity.Major, true, true)]
    [InlineData(FaultSeverity.Critical, true, true)]
    [InlineData(FaultSeverity.Major, false, false)]
    [InlineData(FaultSeverity.Critical, false, false)]
    public void A_fault_takes_the_room_out_only_when_serious_and_on_equipment_the_room_cannot_run_without(FaultSeverity severity, bool critical, bool takesOut)
    {
        var equipment = Kit(critical, Guid.NewGuid());
        Assert.Equal(takesOut, FaultRules.TakesRoomOut(equipment, severity));
        Assert.Equal(takesOut, new Fault("GZ-20261204-001", equipment, FaultSource.Equipment, null, severity, "无法解密", "张三", Noon).TakesRoomOut);
    }

    [Fact]
    public void Zone_equipment_never_takes_a_room_out()
    {
        var gate = Kit(false, null, EquipmentCategory.Gate);
        Assert.False(FaultRules.TakesRoomOut(gate, FaultSeverity.Critical));
    }

    [Fact]
    public void Mean_time_to_repair_is_the_average_of_the_repaired_faults_and_null_when_none_was_repaired()
    {
        var equipment = Kit(true, Guid.NewGuid());
        var two = new Fault("GZ-20261204-001", equipment, FaultSource.Equipment, null, FaultSeverity.Major, "黑屏", "张三", Noon);
        two.Repair("更换电源", "李四", Noon.AddHours(2), true);
        var four = new Fault("GZ-20261204-002", equipment, FaultSource.Equipment, null, FaultSeverity.Minor, "偶发卡顿", "张三", Noon);
        four.Repair("重启", "李四", Noon.AddHours(4), false);
        var open = new Fault("GZ-20261204-003", equipment, FaultSource.Equipment, null, FaultSeverity.Minor, "噪音", "张三", Noon);

        Assert.Equal(TimeSpan.FromHours(3), FaultRules.MeanTimeToRepair([two, four, open]));
        Assert.Null(FaultRules.MeanTimeToRepair([open]));
    }

    [Fact]
    public void A_repair_before_the_report_or_a_second_repair_is_refused_in_chinese()
    {
        var fault = new Fault("GZ-20261204-001", Kit(true, Guid.NewGuid()), FaultSource.Equipment, null, FaultSeverity.Major, "黑屏", "张三", Noon);
        var early = Assert.Throws<DomainException>(() => fault.Repair("更换", "李四", Noon.AddMinutes(-1), true));
        Assert.Contains("不能早于报修时间", early.Message);
        fault.Repair("更换", "李四", Noon.AddHours(1), true);
        var again = Assert.Throws<DomainException>(() => fault.Repair("更换", "李四", Noon.AddHours(2), true));
        Assert.Contains("已修复", again.Message);
    }

    [Fact]
    public void Fault_numbers_count_up_within_the_local_day_and_start_again_the_next_day()
    {
        var day = new DateOnly(2026, 12, 4);
        Assert.Equal("GZ-20261204-001", FaultNumber.Next(day, []).ToString());
        Assert.Equal("GZ-20261204-013", FaultNumber.Next(day, ["GZ-20261204-012", "GZ-20261204-003", "GZ-20261203-050"]).ToString());
        Assert.Equal("GZ-20261205-001", FaultNumber.Next(day.AddDays(1), ["GZ-20261204-012"]).ToString());
        // 00:30 in Shanghai on the 5th is still the 4th in UTC: the local day counts.
        Assert.Equal(day.AddDays(1), FaultNumber.DayOf(new DateTimeOffset(2026, 12, 4, 16, 30, 0, TimeSpan.Zero)));
        Assert.True(FaultNumber.TryParse("GZ-20261204-007", out var parsed));
        Assert.Equal(new FaultNumber(day, 7), parsed);
        Assert.False(FaultNumber.TryParse("GZ2026-000001", out _));
        Assert.Equal(FaultNumber.DayPrefix(day).Length + 3, new FaultNumber(day, 1).ToString().Length);
        Assert.True(new FaultNumber(day, 999).ToString().Length <= Fault.NumberMaxLength);
        var full = Assert.Throws<DomainException>(() => FaultNumber.Next(day, ["GZ-20261204-999"]));
        Assert.Contains("已用完", full.Message);
    }
}
