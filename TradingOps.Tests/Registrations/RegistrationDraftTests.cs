using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Registrations;

public sealed class RegistrationDraftTests
{
    private static readonly DateTimeOffset Now = At("2026-11-23 10:00");

    [Fact]
    public void A_complete_draft_has_no_errors() => Assert.Empty(Draft(Now).Validate(Now));

    [Theory]
    [InlineData(-1, "金额不能为负数")]
    [InlineData(1_000_000_000_001, "金额不能超过 1 万亿元")]
    public void Negative_or_absurd_amounts_are_refused_on_the_amount_field(decimal amount, string message) =>
        HasError(Draft(Now) with { Amount = amount }, message, "amount");

    [Fact]
    public void Unknown_category_and_method_are_refused_on_their_fields()
    {
        var errors = (Draft(Now) with { Category = (TradingCategory)99, Method = (TradingMethod)77 }).Validate(Now);
        Assert.Equal(["未知的交易类别"], errors["category"]);
        Assert.Equal(["未知的交易方式"], errors["method"]);
    }

    [Fact]
    public void Every_missing_mandatory_field_gets_its_own_Chinese_message()
    {
        var errors = new RegistrationDraft().Validate(Now);
        Assert.Equal(["projectName", "initiator", "contactName", "contactPhone", "category", "method", "amount"], errors.Keys);
        Assert.All(errors.Values, m => Assert.StartsWith("请", m[0]));
    }

    [Fact]
    public void A_bid_opening_in_the_past_is_refused() =>
        HasError(Draft(Now) with { BidOpeningAt = Now.AddMinutes(-1) }, "计划开标时间不能早于现在", "bidOpeningAt");

    [Fact]
    public void Requested_rooms_need_a_room_a_future_start_an_end_after_it_and_a_purpose()
    {
        var room = Guid.NewGuid();
        var errors = (Draft(Now) with
        {
            Slots =
            [
                new SlotDraft(null, Now.AddHours(-1), Now.AddHours(-2), ""),
                new SlotDraft(room, Now.AddDays(1), Now.AddDays(1).AddHours(2), "开标"),
                new SlotDraft(room, Now.AddDays(1).AddHours(1), Now.AddDays(1).AddHours(3), "评标"),
            ],
        }).Validate(Now);
        Assert.Equal(["请选择场地"], errors["slots[0].roomId"]);
        Assert.Equal(["场地使用时间不能早于现在"], errors["slots[0].start"]);
        Assert.Equal(["结束时间必须晚于开始时间"], errors["slots[0].end"]);
        Assert.Equal(["请填写场地用途"], errors["slots[0].purpose"]);
        Assert.Equal(["与第 2 个时段在同一场地重叠"], errors["slots[2].start"]);
        Assert.False(errors.ContainsKey("slots[1].start"));
    }

    private static void HasError(RegistrationDraft draft, string message, string field)
    {
        var errors = draft.Validate(Now);
        Assert.True(errors.ContainsKey(field), $"error on {field}");
        Assert.Contains(errors[field], m => m.Contains(message, StringComparison.Ordinal));
    }
}
