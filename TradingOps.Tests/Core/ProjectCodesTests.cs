using TradingOps.Core.Common;
using TradingOps.Core.Projects;

namespace TradingOps.Tests.Core;

/// <summary>项目编号: one format for every code the system makes, {category}-{yyyyMM}-{nnnn}, numbered per category and month.</summary>
public sealed class ProjectCodesTests
{
    private static readonly DateTimeOffset Dec3 = CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(10, 0));

    [Fact]
    public void A_code_is_the_categorys_letters_the_month_in_center_time_and_a_four_digit_number()
    {
        Assert.Equal("GC-202612-0001", ProjectCodes.Format(TradingCategory.Engineering, Dec3, 1));
        Assert.Equal("ZC-202612-0042", ProjectCodes.Format(TradingCategory.GovernmentProcurement, Dec3, 42));
        // 00:30 on 1 December in the center is still 30 November in UTC: the center's month counts.
        var justAfterMidnight = CenterTime.At(new DateOnly(2026, 12, 1), new TimeOnly(0, 30));
        Assert.Equal("TD-202612-", ProjectCodes.Series(TradingCategory.LandAndMiningRights, justAfterMidnight));
        Assert.Equal(["GC", "ZC", "TD", "CQ", "YP", "QT"], Enum.GetValues<TradingCategory>().Select(ProjectCodes.Prefix));
        Assert.Throws<DomainException>(() => ProjectCodes.Format(TradingCategory.Other, Dec3, 10_000));
    }

    [Fact]
    public void The_next_code_continues_its_own_series_and_ignores_codes_in_other_formats()
    {
        var last = ProjectCodes.LastNumbers(["GC-202612-0007", "GC-202612-0003", "GC-202611-0099", "ZC-202612-0001", "GC-WALK-EVAL", "XM20261203001"]);
        Assert.Equal("GC-202612-0008", ProjectCodes.Next(TradingCategory.Engineering, Dec3, last));
        Assert.Equal("GC-202612-0009", ProjectCodes.Next(TradingCategory.Engineering, Dec3, last));
        Assert.Equal("ZC-202612-0002", ProjectCodes.Next(TradingCategory.GovernmentProcurement, Dec3, last));
        Assert.Equal("CQ-202612-0001", ProjectCodes.Next(TradingCategory.StateAssets, Dec3, last));
        Assert.Null(ProjectCodes.NumberOf("GC-202612-12"));
        Assert.Equal(7, ProjectCodes.NumberOf("GC-202612-0007"));
    }
}
