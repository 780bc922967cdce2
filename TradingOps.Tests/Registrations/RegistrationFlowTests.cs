using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Registrations;

public sealed class RegistrationFlowTests
{
    private static readonly DateTimeOffset Now = At("2026-11-23 10:00");

    private static readonly Dictionary<string, Action<Registration>> Actions = new()
    {
        ["StartReview"] = r => r.StartReview("王五", Now.AddMinutes(5)),
        ["Return"] = r => r.Return([new DeficiencyItem("资产评估报告", DeficiencyKind.Missing, null)], "王五", Now.AddMinutes(5)),
        ["MarkNoticeSent"] = r => r.MarkNoticeSent(Now.AddMinutes(5)),
        ["Resubmit"] = r => r.Resubmit(["资产评估报告"], Now.AddMinutes(5), Now.AddHours(4)),
        ["Accept"] = r => r.Accept(Guid.NewGuid(), null, null, Now.AddMinutes(5)),
        ["Reject"] = r => r.Reject("不属于进场交易目录", Now.AddMinutes(5)),
    };

    /// <summary>(from, action) → the state it leads to; every pair not listed is illegal.</summary>
    private static readonly Dictionary<(RegistrationStatus, string), RegistrationStatus> Legal = new()
    {
        [(RegistrationStatus.Submitted, "StartReview")] = RegistrationStatus.InReview,
        [(RegistrationStatus.InReview, "Return")] = RegistrationStatus.Returned,
        [(RegistrationStatus.InReview, "Accept")] = RegistrationStatus.Accepted,
        [(RegistrationStatus.InReview, "Reject")] = RegistrationStatus.Rejected,
        [(RegistrationStatus.Returned, "MarkNoticeSent")] = RegistrationStatus.Returned,
        [(RegistrationStatus.Returned, "Resubmit")] = RegistrationStatus.Resubmitted,
        [(RegistrationStatus.Resubmitted, "StartReview")] = RegistrationStatus.InReview,
    };

    public static TheoryData<RegistrationStatus, string> EveryStateAndAction()
    {
        var data = new TheoryData<RegistrationStatus, string>();
        foreach (var status in Enum.GetValues<RegistrationStatus>())
            foreach (var action in Actions.Keys)
                data.Add(status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Every_transition_is_either_allowed_to_its_next_state_or_refused_with_a_Chinese_message(RegistrationStatus from, string action)
    {
        var r = InState(from, Now);
        if (Legal.TryGetValue((from, action), out var to))
        {
            Actions[action](r);
            Assert.Equal(to, r.Status);
        }
        else
        {
            var ex = Assert.Throws<DomainException>(() => Actions[action](r));
            Assert.Equal(from, r.Status);
            Assert.StartsWith("Registration.", ex.Code);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Message);
            if (ex.Code.StartsWith("Registration.Illegal.", StringComparison.Ordinal))
                Assert.Contains($"当前状态为“{from.Chinese()}”", ex.Message);
        }
    }

    [Fact]
    public void The_clock_stops_while_the_agency_holds_the_file_and_restarts_on_resubmission()
    {
        var r = InState(RegistrationStatus.Returned, Now);
        Assert.Null(r.DueAt);
        Assert.Equal(RegistrationUrgency.None, r.UrgencyAt(Now.AddDays(3), Calendar2026));
        var due = Now.AddDays(1);
        r.Resubmit(["资产评估报告"], Now.AddHours(2), due);
        Assert.Equal(due, r.DueAt);
        Assert.Equal(Now.AddHours(2), r.LastSubmittedAt);
        Assert.Contains("资产评估报告", r.SubmittedMaterials);
    }

    [Fact]
    public void A_notice_is_recorded_as_sent_to_the_agency_once()
    {
        var r = InState(RegistrationStatus.Returned, Now);
        r.MarkNoticeSent(Now.AddMinutes(10));
        Assert.Equal(Now.AddMinutes(10), r.LatestNotice!.SentAt);
        var ex = Assert.Throws<DomainException>(() => r.MarkNoticeSent(Now.AddMinutes(20)));
        Assert.Contains("不能重复登记", ex.Message);
    }

    [Fact]
    public void A_second_return_after_resubmission_gets_its_own_numbered_notice()
    {
        var r = InState(RegistrationStatus.Resubmitted, Now);
        r.StartReview("王五", Now);
        r.Return([new DeficiencyItem("资产处置批准文件", DeficiencyKind.Wrong, "批文已过期")], "王五", Now);
        Assert.Equal([1, 2], r.Notices.Select(n => n.Sequence));
        Assert.Equal(2, r.LatestNotice!.Sequence);
    }

    [Fact]
    public void Conditional_acceptance_records_the_missing_materials_and_their_due_date_which_must_be_in_the_future()
    {
        var r = InState(RegistrationStatus.InReview, Now);
        var ex = Assert.Throws<DomainException>(() => r.Accept(Guid.NewGuid(), null, new ConditionalAcceptance("资产评估报告", Now.AddHours(-1)), Now));
        Assert.Contains("补齐期限", ex.Message);
        Assert.Equal(RegistrationStatus.InReview, r.Status);

        r.Accept(Guid.NewGuid(), "开标前补齐评估报告", new ConditionalAcceptance("资产评估报告原件", Now.AddDays(3)), Now);
        Assert.True(r.IsConditional);
        Assert.Equal(Now.AddDays(3), r.MissingMaterialsDueAt);
        r.ReceiveMissingMaterials(Now.AddDays(1));
        Assert.Throws<DomainException>(() => r.ReceiveMissingMaterials(Now.AddDays(2)));
    }

    [Fact]
    public void Materials_of_an_unconditional_acceptance_cannot_be_received_later()
    {
        var r = InState(RegistrationStatus.Accepted, Now);
        Assert.Throws<DomainException>(() => r.ReceiveMissingMaterials(Now));
    }

    [Fact]
    public void Acceptance_needs_a_responsible_staff_member_and_confirms_the_requested_rooms()
    {
        var r = InState(RegistrationStatus.InReview, Now);
        r.AddSlot(new RequestedRoomSlot(Guid.NewGuid(), Now.AddDays(5), Now.AddDays(5).AddHours(2), "开标"));
        Assert.Throws<DomainException>(() => r.Accept(Guid.Empty, null, null, Now));
        var staff = Guid.NewGuid();
        r.Accept(staff, "提前30分钟到场", null, Now);
        Assert.Equal(staff, r.ResponsibleStaffId);
        Assert.All(r.Slots, s => Assert.True(s.Confirmed));
        Assert.Equal(Now, r.CompletedAt);
    }

    [Fact]
    public void Rejection_needs_a_reason()
    {
        var r = InState(RegistrationStatus.InReview, Now);
        var ex = Assert.Throws<DomainException>(() => r.Reject("  ", Now));
        Assert.Contains("不予受理理由", ex.Message);
    }

    [Fact]
    public void Green_channel_needs_a_reason_and_is_refused_once_the_registration_is_finished()
    {
        var r = InState(RegistrationStatus.Submitted, Now);
        r.GrantGreenChannel("应急采购");
        Assert.True(r.GreenChannel);
        Assert.Throws<DomainException>(() => InState(RegistrationStatus.Accepted, Now).GrantGreenChannel("重大项目"));
    }

    [Fact]
    public void Two_requested_slots_of_the_same_room_may_not_overlap()
    {
        var r = InState(RegistrationStatus.Submitted, Now);
        var room = Guid.NewGuid();
        r.AddSlot(new RequestedRoomSlot(room, Now.AddDays(1), Now.AddDays(1).AddHours(2), "开标"));
        var ex = Assert.Throws<DomainException>(() => r.AddSlot(new RequestedRoomSlot(room, Now.AddDays(1).AddHours(1), Now.AddDays(1).AddHours(3), "评标")));
        Assert.Contains("重叠", ex.Message);
    }

    [Fact]
    public void Registrations_waiting_on_the_center_are_due_soon_and_overdue_by_their_due_time()
    {
        var r = new Registration("DJ1", Draft(Now, TradingCategory.Engineering), RegistrationChannel.Online, "网上登记", Now,
            ServiceTimePolicy.Yunnan.DueAt(Now, Calendar2026));
        Assert.Equal("2026-11-23 14:30", Local(r.DueAt!.Value));
        Assert.Equal(RegistrationUrgency.Fresh, r.UrgencyAt(At("2026-11-23 11:59"), Calendar2026));
        Assert.Equal(RegistrationUrgency.DueSoon, r.UrgencyAt(At("2026-11-23 12:00"), Calendar2026)); // lunch does not count
        Assert.Equal(RegistrationUrgency.Overdue, r.UrgencyAt(At("2026-11-23 14:30"), Calendar2026));
    }
}
