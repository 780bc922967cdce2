using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Core;

/// <summary>The input rules in Core that the API and the window form share (TradingOps.Core.Common).</summary>
public sealed class InputRulesTests
{
    private static readonly DateTimeOffset Now = At("2026-12-03 10:00");

    // ---- text ----

    [Theory]
    [InlineData("𠮷野家", 1, "")]      // 𠮷 is two UTF-16 units: cutting after one would leave half of it (�)
    [InlineData("𠮷野家", 2, "𠮷")]
    [InlineData("𠮷野家", 3, "𠮷野")]
    [InlineData("a𠮷", 2, "a")]
    [InlineData("短", 10, "短")]
    public void Truncation_never_splits_a_surrogate_pair(string text, int max, string expected)
    {
        var cut = PlainText.Truncate(text, max);
        Assert.Equal(expected, cut);
        Assert.True(cut.Length <= max);
        Assert.False(cut.Length > 0 && char.IsHighSurrogate(cut[^1]), "ends in half a character");
    }

    [Fact]
    public void Abbreviation_keeps_a_rare_character_whole_before_the_ellipsis()
    {
        var text = new string('甲', 59) + "𠮷" + "尾巴";
        Assert.Equal(new string('甲', 59) + "…", PlainText.Abbreviate(text, 61));
        Assert.Equal(new string('甲', 59) + "𠮷…", PlainText.Abbreviate(text, 62));
    }

    [Fact]
    public void Materials_longer_than_the_column_are_cut_without_splitting_a_rare_character()
    {
        var material = new string('材', DeficiencyItem.MaterialMaxLength - 1) + "𠮷";
        var registration = NewRegistration(Now, Draft(Now) with { Materials = [material] });
        Assert.Equal(new string('材', DeficiencyItem.MaterialMaxLength - 1), registration.SubmittedMaterials.Single());
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200C\u200D")]
    [InlineData("\uFEFF")]
    [InlineData("\u00A0 \u00A0")]
    [InlineData("\u3000\u3000")]
    [InlineData(" \t\r\n")]
    public void A_required_field_of_only_invisible_characters_is_empty(string blank)
    {
        Assert.True(PlainText.IsBlank(blank));
        var errors = (Draft(Now) with { ProjectName = blank, Initiator = blank, ContactName = blank, ContactPhone = blank }).Validate(Now);
        Assert.Equal(["请填写项目名称"], errors["projectName"]);
        Assert.Equal(["请填写招标人/采购人"], errors["initiator"]);
        Assert.Equal(["请填写联系人"], errors["contactName"]);
        Assert.Equal(["请填写联系电话"], errors["contactPhone"]);
        Assert.Throws<DomainException>(() => NewRegistration(Now, Draft(Now) with { ProjectName = blank }));
    }

    [Fact]
    public void Invisible_characters_around_a_value_are_dropped()
    {
        var registration = NewRegistration(Now, Draft(Now) with { ProjectName = "\uFEFF\u3000市第三中学\u200B", GreenChannelReason = "\u200B" });
        Assert.Equal("市第三中学", registration.ProjectName);
        Assert.False(registration.GreenChannel);
    }

    // ---- phone numbers ----

    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("+86 19912345678")]
    [InlineData("0871-63612345")]
    [InlineData("0871-6361234")]
    [InlineData("087163612345")]
    [InlineData("010-62345678")]
    [InlineData("(010)62345678")]
    [InlineData("0871-63612345-801")]
    [InlineData("0871-63612345转801")]
    [InlineData("400-123-4567")]
    public void Mainland_mobile_and_landline_numbers_with_area_code_are_accepted(string phone)
    {
        Assert.True(PhoneNumber.IsValid(phone), phone);
        Assert.DoesNotContain("contactPhone", (Draft(Now) with { ContactPhone = phone }).Validate(Now).Keys);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12812345678")]   // no mobile network starts 12
    [InlineData("1381234567")]    // 10 digits
    [InlineData("138123456789")]  // 12 digits
    [InlineData("63612345")]      // landline without its area code
    [InlineData("0871-03612345")] // a local number never starts with 0
    [InlineData("0871-6361")]
    [InlineData("１３８１２３４５６７８")] // full-width digits
    [InlineData("电话13812345678")]
    public void Anything_else_is_refused_as_a_phone_number_with_a_Chinese_message(string phone)
    {
        Assert.False(PhoneNumber.IsValid(phone), phone);
        Assert.Equal([PhoneNumber.Invalid], (Draft(Now) with { ContactPhone = phone }).Validate(Now)["contactPhone"]);
    }

    // ---- ID numbers ----

    private static string WithCheck(string first17) => first17 + IdNumber.CheckCharacter(first17);

    [Theory]
    [InlineData("00")]
    [InlineData("10")]
    [InlineData("16")]
    [InlineData("24")]
    [InlineData("38")]
    [InlineData("47")]
    [InlineData("55")]
    [InlineData("66")]
    [InlineData("72")]
    [InlineData("84")]
    [InlineData("90")]
    [InlineData("99")]
    public void An_ID_number_with_an_area_code_that_does_not_exist_is_refused(string province)
    {
        var id = WithCheck($"{province}010519491231002");
        Assert.Null(IdNumber.Normalize(id, out var error));
        Assert.Contains("地区代码", error);
        Assert.Contains("contactIdNumber", (Draft(Now) with { ContactIdNumber = id }).Validate(Now).Keys);
    }

    [Theory]
    [InlineData("11")]
    [InlineData("21")]
    [InlineData("37")]
    [InlineData("46")]
    [InlineData("53")]
    [InlineData("65")]
    [InlineData("71")]
    [InlineData("81")]
    [InlineData("82")]
    [InlineData("83")]
    [InlineData("91")]
    public void An_ID_number_of_a_real_province_passes(string province) =>
        Assert.NotNull(IdNumber.Normalize(WithCheck($"{province}010519491231002"), out _));

    [Fact]
    public void An_ID_number_born_after_today_is_refused()
    {
        var tomorrow = WithCheck("11010520261204002"); // Now is 2026-12-03
        var today = WithCheck("11010520261203002");
        Assert.Null(IdNumber.Normalize(tomorrow, out var error, new DateOnly(2026, 12, 3)));
        Assert.Contains("晚于今天", error);
        Assert.NotNull(IdNumber.Normalize(today, out _, new DateOnly(2026, 12, 3)));
        Assert.Contains("晚于今天", (Draft(Now) with { ContactIdNumber = tomorrow }).Validate(Now)["contactIdNumber"][0]);
        Assert.Throws<DomainException>(() => NewRegistration(Now, Draft(Now) with { ContactIdNumber = tomorrow }));
    }

    // ---- enums ----

    [Theory]
    [InlineData("Engineering,GovernmentProcurement")] // OR-ed by Enum.TryParse: 0|1 = GovernmentProcurement
    [InlineData("StateAssets, GovernmentProcurement")]  // 3|1 = StateAssets
    [InlineData("1")]
    [InlineData(" ")]
    [InlineData("Engineering|Other")]
    public void An_enum_given_several_values_or_a_number_is_not_one_choice(string text)
    {
        Assert.True(Enum.TryParse<TradingCategory>("Engineering,GovernmentProcurement", out var ored) && Enum.IsDefined(ored), "the framework's parser takes a combination");
        Assert.False(EnumNames.TryParseSingle<TradingCategory>(text, out _));
    }

    [Theory]
    [InlineData("Engineering", TradingCategory.Engineering)]
    [InlineData("stateassets", TradingCategory.StateAssets)]
    [InlineData(" Other ", TradingCategory.Other)]
    public void An_enum_given_one_declared_name_is_read(string text, TradingCategory expected)
    {
        Assert.True(EnumNames.TryParseSingle<TradingCategory>(text, out var value));
        Assert.Equal(expected, value);
    }

    // ---- dates ----

    [Fact]
    public void A_bid_opening_or_room_slot_years_ahead_is_refused_as_a_typing_mistake()
    {
        var far = Now.AddYears(10);
        var errors = (Draft(Now) with
        {
            BidOpeningAt = far,
            Slots = [new SlotDraft(Guid.NewGuid(), far, far.AddHours(2), "开标")],
        }).Validate(Now);
        Assert.Contains("两年", errors["bidOpeningAt"][0]);
        Assert.Contains("两年", errors["slots[0].start"][0]);
        Assert.Empty((Draft(Now) with { BidOpeningAt = Now.AddDays(700) }).Validate(Now));
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-02")]
    [InlineData("9999-12-30", "9999-12-31")]
    [InlineData("1999-12-31", "2000-01-05")]
    public void A_reporting_period_outside_the_centers_records_is_refused(string from, string to) =>
        Assert.Contains("超出可查询范围", SaneDates.CheckRecordPeriod(DateOnly.Parse(from), DateOnly.Parse(to)));
}
