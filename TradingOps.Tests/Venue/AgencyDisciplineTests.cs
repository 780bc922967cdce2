using TradingOps.Core.Floor;
using TradingOps.Core.Venue;
using static TradingOps.Tests.Venue.VenueRequestClockTests;

namespace TradingOps.Tests.Venue;

/// <summary>The agency discipline ledger: what counts, how agencies are matched, how the rules set a standing.</summary>
public sealed class AgencyDisciplineTests
{
    private static readonly DisciplineOptions Defaults = new();

    private static BookingFacts NoShow(string agency, string at) =>
        new(Guid.NewGuid(), agency, "GC-1", "项目", BookingStatus.NoShow, At(at), At(at).AddHours(2), At(at).AddMinutes(30), null, "无人到场");

    private static BookingFacts Cancelled(string agency, string starts, string cancelledAt) =>
        new(Guid.NewGuid(), agency, "GC-2", "项目", BookingStatus.Cancelled, At(starts), At(starts).AddHours(2), At(cancelledAt), null, "项目暂停");

    private static BookingFacts Ended(string agency, string starts, string endedAt) =>
        new(Guid.NewGuid(), agency, "GC-3", "项目", BookingStatus.Completed, At(starts), At(starts).AddHours(2), null, At(endedAt), null);

    [Fact]
    public void Agency_names_match_whatever_their_spaces_and_full_width_characters()
    {
        Assert.Equal("华信招标代理有限公司(北京)", AgencyDiscipline.Normalize(" 华信招标代理　有限公司（北京） "));
        Assert.Equal(AgencyDiscipline.Normalize("ＡＢＣ招标 代理"), AgencyDiscipline.Normalize("ABC招标代理"));
        Assert.Null(AgencyDiscipline.Normalize("　 "));
    }

    [Fact]
    public void A_cancellation_counts_as_late_only_within_the_cut_off_before_the_start()
    {
        var late = AgencyDiscipline.EntryOf(Cancelled("华信", "2026-11-24 09:00", "2026-11-23 10:00"), Defaults);
        Assert.Equal(DisciplineKind.LateCancellation, late!.Kind);
        Assert.Contains("开始前 23 小时", late.Detail);
        Assert.Null(AgencyDiscipline.EntryOf(Cancelled("华信", "2026-11-24 09:00", "2026-11-23 08:00"), Defaults));
        Assert.NotNull(AgencyDiscipline.EntryOf(Cancelled("华信", "2026-11-24 09:00", "2026-11-23 08:00"), new DisciplineOptions { LateCancellationHours = 48 }));
    }

    [Fact]
    public void A_session_overran_only_beyond_the_tolerance_after_the_booked_end()
    {
        Assert.Null(AgencyDiscipline.EntryOf(Ended("华信", "2026-11-23 09:00", "2026-11-23 11:15"), Defaults));
        var overrun = AgencyDiscipline.EntryOf(Ended("华信", "2026-11-23 09:00", "2026-11-23 11:16"), Defaults);
        Assert.Equal(DisciplineKind.Overrun, overrun!.Kind);
        Assert.Equal(At("2026-11-23 11:16"), overrun.At);
    }

    [Fact]
    public void Bookings_without_an_agency_or_still_holding_their_room_put_nothing_in_the_ledger()
    {
        Assert.Null(AgencyDiscipline.EntryOf(NoShow(" ", "2026-11-23 09:00"), Defaults));
        var confirmed = NoShow("华信", "2026-11-23 09:00") with { Status = BookingStatus.Confirmed };
        Assert.Null(AgencyDiscipline.EntryOf(confirmed, Defaults));
    }

    [Fact]
    public void Three_no_shows_within_three_months_require_a_supervisors_approval_for_three_months_from_the_third()
    {
        var entries = AgencyDiscipline.Entries([
            NoShow("华信招标代理有限公司", "2026-09-01 09:00"),
            NoShow("华信招标代理 有限公司", "2026-10-10 09:00"),
            NoShow("华信招标代理有限公司", "2026-11-20 09:00"),
            NoShow("别的代理", "2026-11-21 09:00"),
        ], Defaults);

        var standing = AgencyDiscipline.Standing("华信招标代理有限公司", entries, Defaults, At("2026-11-23 10:00"));
        Assert.Equal(StandingLevel.ApprovalRequired, standing.Level);
        Assert.Equal(At("2026-11-20 09:30").AddMonths(3), standing.Until);
        Assert.Equal(3, standing.Triggers.Count);
        Assert.Contains("3 个月内爽约 3 次", standing.ApprovalMessage);

        Assert.Equal(StandingLevel.Good, AgencyDiscipline.Standing("华信招标代理有限公司", entries, Defaults, At("2027-02-21 10:00")).Level);
        Assert.Equal(StandingLevel.Good, AgencyDiscipline.Standing("别的代理", entries, Defaults, At("2026-11-23 10:00")).Level);
    }

    [Fact]
    public void Three_no_shows_spread_over_more_than_three_months_do_not_trigger_the_rule()
    {
        var entries = AgencyDiscipline.Entries([
            NoShow("华信", "2026-07-01 09:00"),
            NoShow("华信", "2026-09-01 09:00"),
            NoShow("华信", "2026-10-15 09:00"),
        ], Defaults);
        Assert.Equal(StandingLevel.Good, AgencyDiscipline.Standing("华信", entries, Defaults, At("2026-11-23 10:00")).Level);
    }

    [Fact]
    public void The_rules_are_configurable_and_an_approval_outweighs_a_warning()
    {
        var options = new DisciplineOptions
        {
            NoShow = new DisciplineRule { Count = 1, WithinMonths = 1, Consequence = DisciplineConsequence.Warning, ForMonths = 1 },
            LateCancellation = new DisciplineRule { Count = 2, WithinMonths = 1, Consequence = DisciplineConsequence.ApprovalRequired, ForMonths = 2 },
        };
        var now = At("2026-11-23 10:00");
        var one = AgencyDiscipline.Entries([NoShow("华信", "2026-11-20 09:00")], options);
        Assert.Equal(StandingLevel.Warned, AgencyDiscipline.Standing("华信", one, options, now).Level);
        Assert.Equal(StandingLevel.Good, AgencyDiscipline.Standing("华信", one, Defaults, now).Level);

        var both = AgencyDiscipline.Entries([
            NoShow("华信", "2026-11-20 09:00"),
            Cancelled("华信", "2026-11-10 09:00", "2026-11-10 08:00"),
            Cancelled("华信", "2026-11-18 09:00", "2026-11-18 07:00"),
        ], options);
        var standing = AgencyDiscipline.Standing("华信", both, options, now);
        Assert.Equal(StandingLevel.ApprovalRequired, standing.Level);
        Assert.Equal(DisciplineKind.LateCancellation, standing.Kind);
        Assert.Equal(At("2026-11-18 07:00").AddMonths(2), standing.Until);

        options.LateCancellation.Enabled = false;
        Assert.Equal(StandingLevel.Warned, AgencyDiscipline.Standing("华信", both, options, now).Level);
    }
}
