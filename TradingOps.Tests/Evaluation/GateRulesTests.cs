using TradingOps.Core.Evaluation;
using static TradingOps.Tests.Evaluation.GateTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>The gate's rules without a database: the window, the free seats, the random pick, lockers, replays, doors.</summary>
public sealed class GateRulesTests
{
    private static readonly EvaluationOptions Options = new();

    private static GateSession Session(string starts = "2026-12-03 09:00", Guid? room = null) =>
        new(Guid.NewGuid(), room ?? Guid.NewGuid(), "P301", "第一评标室", At(starts), null, At(starts).AddHours(4), true, 25, 0, 0);

    [Fact]
    public void The_window_opens_GateOpensMinutesBefore_the_start_and_closes_LateEntryMinutes_after_it()
    {
        var start = At("2026-12-03 09:00");
        Assert.False(GateRules.InWindow(start, At("2026-12-03 07:29"), Options));
        Assert.True(GateRules.InWindow(start, At("2026-12-03 07:30"), Options));
        Assert.True(GateRules.InWindow(start, At("2026-12-03 10:00"), Options));
        Assert.False(GateRules.InWindow(start, At("2026-12-03 10:01"), Options));
    }

    [Fact]
    public void Free_seats_leave_out_the_taken_the_highest_reserved_for_remote_experts_and_those_out_of_service_below_them()
    {
        Assert.Equal([2, 4, 5], GateRules.FreeSeats(10, 3, 2, [1, 3]));
        Assert.Equal([8, 9, 10], GateRules.RemoteSeatNumbers(10, 3));
        Assert.Empty(GateRules.FreeSeats(4, 4, 0, []));
        Assert.Null(GateRules.Pick<int>([]));
    }

    [Fact]
    public void Every_free_seat_is_equally_likely_to_be_drawn()
    {
        var free = new[] { 2, 5, 7, 11 };
        var counts = free.ToDictionary(s => s, _ => 0);
        for (var i = 0; i < 8000; i++) counts[GateRules.Pick(free)!.Value]++;
        // 2000 expected each; a fair source stays within ±200 (≈ 5 standard deviations) practically always.
        Assert.All(counts.Values, c => Assert.InRange(c, 1800, 2200));
    }

    [Fact]
    public void A_locker_given_today_is_not_free_again()
    {
        var options = new EvaluationOptions { LockerCount = 3 };
        Assert.Equal(["A-002"], GateRules.FreeLockers(options, ["A-001", null, "A-003"]));
        Assert.Null(GateRules.PickLocker(GateRules.FreeLockers(options, ["A-001", "A-002", "A-003"])));
    }

    [Fact]
    public void A_seen_request_id_or_a_device_clock_outside_the_replay_window_is_a_replay()
    {
        var now = At("2026-12-03 08:00");
        Assert.StartsWith("replay: ", GateRules.ReplayRefusal(true, now, now, Options));
        Assert.StartsWith("replay: ", GateRules.ReplayRefusal(false, now.AddSeconds(-121), now, Options));
        Assert.StartsWith("replay: ", GateRules.ReplayRefusal(false, now.AddSeconds(121), now, Options));
        Assert.Null(GateRules.ReplayRefusal(false, now.AddSeconds(-120), now, Options));
    }

    [Fact]
    public void A_pending_member_is_not_on_the_gate_list_and_a_recused_one_is_refused_as_recused()
    {
        var s = Session();
        var now = At("2026-12-03 08:30");
        var pending = GateRules.Decide([new MemberClaim(s, Guid.NewGuid(), MemberKind.Expert, CallOutcome.Pending, false)], [], [], true, false, now, Options);
        var recused = GateRules.Decide([new MemberClaim(s, Guid.NewGuid(), MemberKind.Expert, CallOutcome.Recused, false)], [], [], true, true, now, Options);
        Assert.Equal(GateRefusal.NotOnList, pending.Code);
        Assert.Equal(GateRefusal.Recused, recused.Code);
    }

    [Fact]
    public void A_cancelled_session_admits_nobody()
    {
        var s = Session() with { Held = false };
        var verdict = GateRules.Decide([new MemberClaim(s, Guid.NewGuid(), MemberKind.Expert, CallOutcome.Accepted, false)], [], [], true, false,
            At("2026-12-03 08:30"), Options);
        Assert.Equal(GateRefusal.NotOnList, verdict.Code);
    }

    [Fact]
    public void A_preparation_pass_stops_admitting_when_the_session_starts_early()
    {
        var s = Session() with { StartedAt = At("2026-12-03 08:45") };
        var pass = new PassClaim(s, Guid.NewGuid(), PassReason.Preparation, At("2026-12-03 08:00"), At("2026-12-03 09:00"), null);
        Assert.True(pass.AdmitsAt(At("2026-12-03 08:44")));
        Assert.False(pass.AdmitsAt(At("2026-12-03 08:45")));
    }

    [Fact]
    public void A_door_passes_its_own_rooms_people_and_names_the_other_room_of_a_wrong_one()
    {
        var room = Guid.NewGuid();
        var inside = new InsideAdmission(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "P302", PersonKind.Expert, null);
        var wrong = DoorRules.AtDoor([inside], room, _ => true);
        Assert.Equal((GateEventKind.DoorRefused, "wrong-room"), (wrong.Kind, GateRefusal.CodeOf(wrong.Refusal)));
        Assert.Contains("P302", wrong.Refusal);
        Assert.Equal(GateEventKind.DoorPassed, DoorRules.AtDoor([inside with { RoomId = room }], room, _ => true).Kind);
        Assert.Equal(GateRefusal.NotOnList, GateRefusal.CodeOf(DoorRules.AtDoor([], room, _ => true).Refusal));
        var agency = inside with { RoomId = room, Person = PersonKind.AgencyStaff };
        Assert.Equal(GateRefusal.PassInvalid, GateRefusal.CodeOf(DoorRules.AtDoor([agency], room, _ => false).Refusal));
    }
}
