using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Projects;
using TradingOps.Core.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>The witness log's rules without a database: which checklist applies, the order check, the same step twice, late entries, a closed log.</summary>
public sealed class WitnessChecklistTests
{
    private static readonly DateTimeOffset Nine = CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(9, 0));
    private static readonly TimeSpan Late = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(BookingPurpose.BidOpening, null, WitnessSessionKind.BidOpening)]
    [InlineData(BookingPurpose.BidOpening, TradingMethod.OpenTender, WitnessSessionKind.BidOpening)]
    [InlineData(BookingPurpose.BidOpening, TradingMethod.Auction, WitnessSessionKind.Auction)]
    [InlineData(BookingPurpose.BidOpening, TradingMethod.Listing, WitnessSessionKind.Auction)]
    [InlineData(BookingPurpose.BidOpening, TradingMethod.Bidding, WitnessSessionKind.Auction)]
    [InlineData(BookingPurpose.Evaluation, TradingMethod.OpenTender, WitnessSessionKind.Evaluation)]
    [InlineData(BookingPurpose.OvernightEvaluation, null, WitnessSessionKind.Evaluation)]
    [InlineData(BookingPurpose.Negotiation, TradingMethod.CompetitiveNegotiation, WitnessSessionKind.Negotiation)]
    public void The_checklist_follows_the_sessions_purpose_and_for_a_bid_opening_the_projects_trading_method(BookingPurpose purpose, TradingMethod? method, WitnessSessionKind kind) =>
        Assert.Equal(kind, WitnessChecklist.KindOf(purpose, method));

    [Fact]
    public void The_default_checklists_hold_the_steps_of_the_standards_in_order()
    {
        var options = new WitnessOptions();
        Assert.Equal(["开标准备", "签到", "递交投标文件截止", "开标", "唱标", "异议答复", "结束"], WitnessChecklist.Steps(WitnessSessionKind.BidOpening, options).Select(s => s.Name));
        Assert.Equal(["专家签到", "评标开始", "澄清/询标", "样品查看", "评标结束", "报告签署"], WitnessChecklist.Steps(WitnessSessionKind.Evaluation, options).Select(s => s.Name));
        Assert.Equal(["签到", "谈判开始", "报价", "谈判结束"], WitnessChecklist.Steps(WitnessSessionKind.Negotiation, options).Select(s => s.Name));
        Assert.Equal(["竞买人签到", "宣布竞价规则", "竞价开始", "最高应价确认", "成交确认", "结束"], WitnessChecklist.Steps(WitnessSessionKind.Auction, options).Select(s => s.Name));
        Assert.True(options.IsValid);
    }

    [Fact]
    public void A_configured_checklist_replaces_its_kinds_default_and_a_broken_one_is_refused_at_start()
    {
        var options = new WitnessOptions { Checklists = { ["Negotiation"] = [new("n.a", "签到", "Sign-in"), new("n.b", "磋商", "Consultation")] } };
        Assert.Equal(["n.a", "n.b"], WitnessChecklist.Steps(WitnessSessionKind.Negotiation, options).Select(s => s.Code));
        Assert.Equal(7, WitnessChecklist.Steps(WitnessSessionKind.BidOpening, options).Count);
        Assert.True(options.IsValid);

        Assert.False(new WitnessOptions { Checklists = { ["Lottery"] = [new("x", "抽签", "Lottery")] } }.IsValid);
        Assert.False(new WitnessOptions { Checklists = { ["Negotiation"] = [new("n.a", "签到", "Sign-in"), new("n.a", "再签", "Again")] } }.IsValid);
        Assert.False(new WitnessOptions { Checklists = { ["Negotiation"] = [new("n.a", "签到", "")] } }.IsValid);
        Assert.False(new WitnessOptions { Checklists = { ["Negotiation"] = [] } }.IsValid);
    }

    private static WitnessEntry Entry(WitnessEntryKind kind, string? code, long sequence = 1) =>
        new(new WitnessDraft("GC-1", null, Guid.Empty, kind, code, code ?? "记录", null, Nine, "staff"), sequence, WitnessChain.Genesis, Nine);

    private static WitnessSessionLog Log(params WitnessEntry[] entries) =>
        new(WitnessSessionKind.BidOpening, WitnessChecklist.Defaults[WitnessSessionKind.BidOpening], entries);

    [Fact]
    public void The_next_step_in_order_is_ticked_without_a_flag()
    {
        Assert.Null(Log().CheckTick("bid.prepare", Nine, Nine, null, Late));
        Assert.Null(Log(Entry(WitnessEntryKind.Step, "bid.prepare")).CheckTick("bid.sign-in", Nine, Nine.AddMinutes(5), null, Late));
    }

    [Fact]
    public void A_step_with_an_earlier_step_unticked_needs_a_reason_and_is_flagged_naming_what_was_skipped()
    {
        var log = Log(Entry(WitnessEntryKind.Step, "bid.prepare"));
        var refusal = Assert.Throws<DomainException>(() => log.CheckTick("bid.open", Nine, Nine, "  ", Late));
        Assert.Equal("Witness.OutOfOrder", refusal.Code);
        Assert.Contains("签到、递交投标文件截止", refusal.Message);

        var flag = log.CheckTick("bid.open", Nine, Nine, "截止时间由系统记录", Late);
        Assert.Equal("顺序异常（未记录：签到、递交投标文件截止）：截止时间由系统记录", flag);
    }

    [Fact]
    public void The_same_step_twice_and_a_step_not_on_the_checklist_are_refused()
    {
        var log = Log(Entry(WitnessEntryKind.Step, "bid.prepare"));
        Assert.Equal("Witness.StepTwice", Assert.Throws<DomainException>(() => log.CheckTick("bid.prepare", Nine, Nine, "再记一次", Late)).Code);
        Assert.Equal("Witness.UnknownStep", Assert.Throws<DomainException>(() => log.CheckTick("eval.start", Nine, Nine, null, Late)).Code);
    }

    [Fact]
    public void A_step_entered_long_after_it_happened_is_flagged_late_and_one_in_the_future_is_refused()
    {
        Assert.StartsWith("补记", Log().CheckTick("bid.prepare", Nine, Nine.AddMinutes(30), null, Late));
        Assert.Null(Log().CheckTick("bid.prepare", Nine, Nine.AddMinutes(9), null, Late));
        Assert.Equal("Witness.Future", Assert.Throws<DomainException>(() => Log().CheckTick("bid.prepare", Nine.AddMinutes(5), Nine, null, Late)).Code);
    }

    [Fact]
    public void A_closed_log_refuses_ticks_corrections_and_closing_again()
    {
        var tick = Entry(WitnessEntryKind.Step, "bid.prepare");
        var log = Log(tick, Entry(WitnessEntryKind.System, WitnessCodes.LogClosed, 2));

        Assert.True(log.IsClosed);
        Assert.Equal("Witness.Closed", Assert.Throws<DomainException>(() => log.CheckTick("bid.sign-in", Nine, Nine, null, Late)).Code);
        Assert.Equal("Witness.Closed", Assert.Throws<DomainException>(() => log.CorrectionTarget(tick.Id, "更正")).Code);
        Assert.Equal("Witness.Closed", Assert.Throws<DomainException>(() => log.CheckClose(true, "原因")).Code);
    }

    [Fact]
    public void Closing_waits_for_the_session_to_end_and_names_the_steps_left_unticked()
    {
        var log = Log(Entry(WitnessEntryKind.Step, "bid.prepare"));
        Assert.Equal("Witness.NotEnded", Assert.Throws<DomainException>(() => log.CheckClose(false, "x")).Code);
        Assert.Equal("Witness.CloseIncomplete", Assert.Throws<DomainException>(() => log.CheckClose(true, null)).Code);
        Assert.StartsWith("未完成步骤（签到、", log.CheckClose(true, "流标"));
    }

    [Fact]
    public void A_system_entry_cannot_be_corrected_nor_an_entry_of_another_session()
    {
        var system = Entry(WitnessEntryKind.System, WitnessCodes.SessionStarted);
        var log = Log(system);
        Assert.Equal("Witness.CorrectionSystem", Assert.Throws<DomainException>(() => log.CorrectionTarget(system.Id, "更正")).Code);
        Assert.Equal("Witness.CorrectionUnknown", Assert.Throws<DomainException>(() => log.CorrectionTarget(Guid.NewGuid(), "更正")).Code);
    }

    [Fact]
    public void A_recording_reference_round_trips_through_its_json_and_refuses_a_blank_channel()
    {
        var reference = RecordingReference.Create("K201-1", Nine, Nine.AddHours(1), Nine, Nine.AddHours(2), TimeSpan.FromHours(4));
        Assert.Equal(reference, RecordingReference.Parse(reference.ToJson()));
        Assert.Throws<DomainException>(() => RecordingReference.Create(" ", Nine, Nine.AddHours(1), Nine, Nine.AddHours(2), TimeSpan.FromHours(4)));
        Assert.Throws<DomainException>(() => RecordingReference.Create("K201-1", Nine.AddHours(7), Nine.AddHours(8), Nine, Nine.AddHours(2), TimeSpan.FromHours(4)));
    }
}
