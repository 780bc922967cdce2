using TradingOps.Core.Facilities;
using TradingOps.Core.Statistics;

namespace TradingOps.Tests.Facilities;

public sealed class FaultStatisticsTests
{
    private static readonly Period November = Period.Containing(PeriodKind.Month, new DateOnly(2026, 11, 15));

    private static Fault Reported(Equipment equipment, DateTimeOffset at, double? repairedAfterHours, FaultSeverity severity = FaultSeverity.Major)
    {
        var fault = new Fault("GZ-20261101-001", equipment, FaultSource.Equipment, null, severity, "故障", "张三", at);
        if (repairedAfterHours is { } h) fault.Repair("修好", "李四", at.AddHours(h), false);
        return fault;
    }

    [Fact]
    public void Mttr_is_given_per_category_from_the_faults_reported_in_the_period_with_open_and_repaired_counts()
    {
        var decryptor = FaultRulesTests.Kit(true, Guid.NewGuid());
        var recorder = FaultRulesTests.Kit(true, Guid.NewGuid(), EquipmentCategory.Recorder, "SB-P301-01");
        var tenth = new DateTimeOffset(2026, 11, 10, 2, 0, 0, TimeSpan.Zero);
        Fault[] faults =
        [
            Reported(decryptor, tenth, 2),
            Reported(decryptor, tenth.AddDays(5), 6),
            Reported(decryptor, tenth.AddDays(6), null),
            Reported(recorder, tenth.AddDays(1), 1.5, FaultSeverity.Minor),
            // 1 December 07:00 in Shanghai: the next month's, whatever UTC says (30 November 23:00).
            Reported(recorder, new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), 100),
            // 31 October in Shanghai: the month before.
            Reported(recorder, new DateTimeOffset(2026, 10, 31, 10, 0, 0, TimeSpan.Zero), 50),
        ];

        var rows = FaultStatistics.PerCategory(faults, November);

        Assert.Equal([EquipmentCategory.Recorder, EquipmentCategory.Decryptor], rows.Select(r => r.Category)); // category order
        var d = rows.Single(r => r.Category == EquipmentCategory.Decryptor);
        Assert.Equal((3, 2, 1, 3), (d.Reported, d.Repaired, d.Open, d.TookRoomOut));
        Assert.Equal(TimeSpan.FromHours(4), d.MeanTimeToRepair);
        Assert.Equal(4.0m, d.MeanHours);
        var r = rows.Single(r => r.Category == EquipmentCategory.Recorder);
        Assert.Equal((1, 1, 0, 0), (r.Reported, r.Repaired, r.Open, r.TookRoomOut));
        Assert.Equal(1.5m, r.MeanHours);
        var total = FaultStatistics.Total(faults, November);
        Assert.Equal((4, 3, 1), (total.Reported, total.Repaired, total.Open));
        Assert.Equal(TimeSpan.FromHours(9.5 / 3), total.MeanTimeToRepair);
    }

    [Fact]
    public void A_category_whose_faults_are_all_open_has_no_mttr()
    {
        var decryptor = FaultRulesTests.Kit(true, Guid.NewGuid());
        var row = Assert.Single(FaultStatistics.PerCategory([Reported(decryptor, new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero), null)], November));
        Assert.Null(row.MeanTimeToRepair);
        Assert.Null(row.MeanHours);
    }
}
