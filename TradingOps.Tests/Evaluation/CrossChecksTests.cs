using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Tests.Evaluation;

/// <summary>The evaluation area's cross-check rules (issue 18 item 6), on times in Shanghai.</summary>
public sealed class CrossChecksTests
{
    private static DateTimeOffset At(string hhmm) => CenterTime.At(new DateOnly(2026, 11, 23), TimeOnly.Parse(hhmm));

    private static SessionFacts Session(int wanted = 5, int onList = 5, int accepted = 5, int inside = 5, int notAdmitted = 0, int agency = 0,
        string starts = "09:00", string ends = "12:00", DateTimeOffset? startedAt = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "P301", At(starts), At(ends), startedAt, wanted, onList, accepted, inside, notAdmitted, agency);

    [Theory]
    [InlineData("08:44", false)] // 16 minutes before: not yet checked
    [InlineData("08:45", true)]  // 15 minutes before: the committee must be complete
    [InlineData("10:00", true)]  // during the session: still short
    [InlineData("12:00", false)] // over
    public void Committee_with_fewer_experts_inside_than_wanted_is_incomplete_from_the_check_minutes_before_start(string now, bool incomplete) =>
        Assert.Equal(incomplete, CrossChecks.CommitteeIncomplete(Session(wanted: 5, inside: 4), At(now), 15));

    [Fact]
    public void Committee_short_on_the_list_is_incomplete_even_when_everyone_listed_is_inside() =>
        Assert.True(CrossChecks.CommitteeIncomplete(Session(wanted: 5, onList: 4, accepted: 4, inside: 5), At("08:50"), 15));

    [Fact]
    public void Complete_committee_raises_nothing_and_a_session_without_a_request_wants_nobody()
    {
        Assert.Empty(CrossChecks.Session(Session(), At("09:30"), 15));
        Assert.Empty(CrossChecks.Session(Session(wanted: 0, onList: 0, accepted: 0, inside: 0), At("09:30"), 15));
    }

    [Theory]
    [InlineData("08:59", 0)]
    [InlineData("09:00", 2)]
    [InlineData("11:59", 2)]
    [InlineData("12:00", 0)]
    public void Accepted_experts_without_admission_are_not_checked_in_from_the_start(string now, int missing) =>
        Assert.Equal(missing, CrossChecks.ExpertsNotCheckedIn(Session(inside: 3, notAdmitted: 2), At(now)));

    [Fact]
    public void A_session_started_early_is_checked_from_its_recorded_start()
    {
        var early = Session(agency: 1, startedAt: At("08:40"));
        Assert.Equal(1, CrossChecks.AgencyStillInside(early, At("08:41")));
        Assert.Equal(0, CrossChecks.AgencyStillInside(Session(agency: 1), At("08:41")));
    }

    [Theory]
    [InlineData("08:30", 0)] // preparing the room before the start is allowed (Liaoning 6.8.4)
    [InlineData("09:00", 2)]
    public void Agency_staff_inside_after_the_start_is_an_alert_and_before_it_is_not(string now, int inside) =>
        Assert.Equal(inside, CrossChecks.AgencyStillInside(Session(agency: 2), At(now)));

    [Fact]
    public void Session_findings_name_room_codes_and_counts_only()
    {
        var findings = CrossChecks.Session(Session(wanted: 5, onList: 5, accepted: 5, inside: 3, notAdmitted: 2, agency: 1), At("09:05"), 15).ToList();
        Assert.Equal([EvaluationAlertKind.CommitteeIncomplete, EvaluationAlertKind.ExpertNotCheckedIn, EvaluationAlertKind.AgencyStillInside],
            findings.Select(f => f.Kind));
        Assert.Equal([2, 2, 1], findings.Select(f => f.Count));
        Assert.All(findings, f => Assert.StartsWith("P301 09:00", f.Detail));
        Assert.All(findings, f => Assert.Equal("", f.Subject)); // one alert of each kind per session
    }

    [Theory]
    [InlineData(GateEventKind.DoorRefused, GateRefusal.WrongRoom, EvaluationAlertKind.WrongRoom)]
    [InlineData(GateEventKind.DoorRefused, GateRefusal.NotOnList, EvaluationAlertKind.WrongRoom)]
    [InlineData(GateEventKind.Refused, GateRefusal.Recused, EvaluationAlertKind.RecusedAtGate)]
    [InlineData(GateEventKind.Refused, GateRefusal.NotOnList, null)]
    [InlineData(GateEventKind.Refused, GateRefusal.AlreadyEntered, null)]
    [InlineData(GateEventKind.DeviceCheckFailed, GateRefusal.DeviceCheck, null)]
    [InlineData(GateEventKind.Admitted, null, null)]
    [InlineData(GateEventKind.DoorPassed, null, null)]
    public void Gate_log_events_raise_wrong_room_at_a_door_and_recused_at_the_gate(GateEventKind kind, string? code, EvaluationAlertKind? expected)
    {
        // The reason as the gate stores it: "code: sentence".
        var reason = code is null ? null : GateRefusal.Reason(code, "说明");
        Assert.Equal(expected, CrossChecks.FromGateEvent(kind, GateRefusal.CodeOf(reason)));
    }

    [Fact]
    public void The_same_fingerprint_on_two_overlapping_sessions_is_found_on_both_sides_and_back_to_back_sessions_are_not()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var listed = new[]
        {
            new ListedPerson(a, Guid.NewGuid(), "fp-1", At("09:00"), At("12:00")),
            new ListedPerson(b, Guid.NewGuid(), "fp-1", At("11:30"), At("14:00")), // overlaps a
            new ListedPerson(c, Guid.NewGuid(), "fp-1", At("14:00"), At("16:00")), // right after b: no overlap
            new ListedPerson(c, Guid.NewGuid(), "fp-2", At("14:00"), At("16:00")),
        };
        var pairs = CrossChecks.InTwoSessions(listed).Select(p => (p.Person.BookingId, p.Other.BookingId)).ToList();
        Assert.Equal(2, pairs.Count);
        Assert.Contains((a, b), pairs);
        Assert.Contains((b, a), pairs);
    }

    [Fact]
    public void An_alerts_condition_clears_with_the_counts_and_alerts_of_a_moment_have_no_condition()
    {
        var left = Session(agency: 0);
        Assert.False(CrossChecks.StillHolds(EvaluationAlertKind.AgencyStillInside, left, At("09:30"), 15));
        Assert.True(CrossChecks.StillHolds(EvaluationAlertKind.AgencyStillInside, Session(agency: 1), At("09:30"), 15));
        Assert.False(CrossChecks.StillHolds(EvaluationAlertKind.CommitteeIncomplete, Session(), At("09:30"), 15));
        Assert.Null(CrossChecks.StillHolds(EvaluationAlertKind.WrongRoom, left, At("09:30"), 15));
        Assert.Null(CrossChecks.StillHolds(EvaluationAlertKind.ExpertInTwoSessions, left, At("09:30"), 15));
    }

    [Fact]
    public void Counts_of_a_live_event_stand_for_accepted_experts_not_admitted()
    {
        var facts = SessionFacts.FromCounts(Guid.NewGuid(), Guid.NewGuid(), "P301", At("09:00"), At("12:00"), null,
            new SessionCounts(5, 5, 4, 1, 1, 1, 0, 0, DrawRequestStatus.Drawn));
        Assert.Equal(3, facts.AcceptedNotAdmitted);
    }

    [Fact]
    public void The_wall_projection_keeps_room_codes_and_counts_of_running_and_coming_sessions_and_open_alerts_only()
    {
        var running = Row("P301", "09:00", "12:00", new SessionCounts(7, 7, 7, 5, 1, 1, 1, 1, DrawRequestStatus.Drawn),
            new RemoteSetting(RemoteRole.Host, "昆明市公共资源交易中心", 2));
        var over = Row("P302", "07:00", "08:30", SessionCounts.None, RemoteSetting.None);
        var open = new EvaluationAlertRow(Guid.NewGuid(), EvaluationAlertKind.AgencyStillInside, running.BookingId, running.RoomId, "P301", 1, "d", At("09:01"), null, null, null);
        var resolved = open with { Id = Guid.NewGuid(), Kind = EvaluationAlertKind.WrongRoom, ResolvedAt = At("09:10"), ResolvedBy = "值班经理", Resolution = "已引导" };
        var day = new EvaluationDay(new DateOnly(2026, 11, 23), [over, running], [open, resolved], [running.RoomId, over.RoomId], At("09:00"));

        var wall = EvaluationProjection.ForWall(day, At("09:30"), 15);

        var session = Assert.Single(wall.Sessions);
        Assert.Equal(new WallSession("P301", BookingPurpose.Evaluation, At("09:00"), At("12:00"), true, 7, 5, 1, 2, 1), session);
        var alert = Assert.Single(wall.Alerts);
        Assert.Equal((EvaluationAlertKind.AgencyStillInside, "P301", 1, (bool?)true), (alert.Kind, alert.RoomCode, alert.Count, alert.Holds));
    }

    private static EvaluationSessionRow Row(string room, string starts, string ends, SessionCounts counts, RemoteSetting remote) =>
        new(Guid.NewGuid(), Guid.NewGuid(), room, "评标室", RoomType.EvaluationRoom, 9, BookingPurpose.Evaluation, At(starts), At(ends), null, null,
            "GC-2026-0042", "机密工程", remote, counts);
}
