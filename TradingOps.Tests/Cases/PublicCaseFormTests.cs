using TradingOps.Core.Cases;
using TradingOps.Core.Common;

namespace TradingOps.Tests.Cases;

/// <summary>The public form's rules (issue 20, item 4): every refusal names its field and reason; the public text limit is tighter than the desk's.</summary>
public sealed class PublicCaseFormTests
{
    private static readonly CaseOptions Options = new() { PublicTextMaxLength = 300 };

    private static PublicCaseForm Valid() => new()
    {
        Kind = CaseKind.Complaint, Stage = CaseStage.Evaluation, ProjectCode = "gc2026-0001", Subject = "评标结果异常",
        Details = "评分明显不一致。", Name = "王五", Phone = "13912345678", Email = "w@example.cn", Attachments = "已寄送纸质材料",
    };

    [Fact]
    public void A_complete_complaint_passes_and_becomes_an_intake_of_the_public_form_channel()
    {
        var form = Valid();
        Assert.Empty(form.Problems(Options));
        var intake = form.ToIntake(Options);
        Assert.Equal(CaseChannel.PublicForm, intake.Channel);
        Assert.Equal(CaseKind.Complaint, intake.Kind);
        Assert.Equal(CaseStage.Evaluation, intake.Stage);
        Assert.Equal("王五", intake.RaisedByName);
        Assert.Equal("已寄送纸质材料", intake.AttachmentReferences);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("请看 <img src=x onerror=alert(1)>")]
    [InlineData("点此 javascript:alert(1)")]
    public void Script_laden_details_are_refused_naming_the_field_and_the_reason(string details)
    {
        var form = Valid();
        form.Details = details;
        var problem = Assert.Single(form.Problems(Options));
        Assert.Equal(PublicFormField.Details, problem.Field);
        Assert.Equal("Markup", problem.Code);
        Assert.Contains("脚本", problem.Message);
        var refused = Assert.Throws<DomainException>(() => form.ToIntake(Options));
        Assert.Equal("Case.Public.Markup", refused.Code);
    }

    [Fact]
    public void Markup_in_any_text_field_is_refused_for_that_field()
    {
        var form = Valid();
        form.Subject = "<b>急</b>";
        form.Name = "<svg onload=x>";
        form.Attachments = "<iframe src=//evil>";
        Assert.Equal([PublicFormField.Subject, PublicFormField.Name, PublicFormField.Attachments],
            form.Problems(Options).Where(p => p.Code == "Markup").Select(p => p.Field));
    }

    [Fact]
    public void Details_longer_than_the_public_limit_are_refused_though_the_desk_would_take_them()
    {
        var form = Valid();
        form.Details = new string('详', Options.PublicTextMaxLength + 1);
        Assert.True(form.Details.Length <= Case.DetailsMaxLength);
        var problem = Assert.Single(form.Problems(Options));
        Assert.Equal((PublicFormField.Details, "TooLong", (int?)Options.PublicTextMaxLength), (problem.Field, problem.Code, problem.Limit));
        form.Details = "  " + new string('详', Options.PublicTextMaxLength) + "  "; // counted as kept: trimmed
        Assert.Empty(form.Problems(Options));
    }

    [Fact]
    public void A_line_break_counts_as_one_character_as_the_browser_counts_it_and_is_kept_as_one()
    {
        var form = Valid();
        var line = new string('行', 99);
        form.Details = string.Join("\r\n", Enumerable.Repeat(line, 3)); // 297 + 2 breaks = 299 as typed, 301 as posted
        Assert.Equal(299, PublicCaseForm.Length(form.Details));
        Assert.Empty(form.Problems(Options));
        Assert.Equal(string.Join("\n", Enumerable.Repeat(line, 3)), form.ToIntake(Options).Details);
    }

    [Theory]
    [InlineData(CaseKind.Objection)]
    [InlineData(CaseKind.Complaint)]
    public void An_objection_or_complaint_without_a_project_code_or_anyone_raising_it_is_refused(CaseKind kind)
    {
        var form = Valid();
        form.Kind = kind;
        form.ProjectCode = " ";
        form.Name = null;
        form.Organisation = "";
        var problems = form.Problems(Options);
        Assert.Contains(problems, p => p is { Field: PublicFormField.Project, Code: "ProjectRequired" });
        Assert.Contains(problems, p => p is { Field: PublicFormField.Name, Code: "RaisedByRequired" });
    }

    [Fact]
    public void A_report_may_be_anonymous_and_name_no_project()
    {
        var form = new PublicCaseForm { Kind = CaseKind.Report, Subject = "围标线索", Details = "某几家投标人报价规律一致。" };
        Assert.Empty(form.Problems(Options));
        var intake = form.ToIntake(Options);
        Assert.Null(intake.RaisedByName);
        Assert.Null(intake.ProjectCode);
    }

    [Theory]
    [InlineData("12345", "Phone")]
    [InlineData("139-1234", "Phone")]
    public void A_bad_phone_is_refused_with_the_phone_reason(string phone, string code)
    {
        var form = Valid();
        form.Phone = phone;
        var problem = Assert.Single(form.Problems(Options));
        Assert.Equal((PublicFormField.Phone, code), (problem.Field, problem.Code));
    }

    [Fact]
    public void Missing_subject_and_details_and_a_bad_email_are_each_named()
    {
        var form = Valid();
        form.Subject = "";
        form.Details = null;
        form.Email = "not-an-address";
        Assert.Equal([(PublicFormField.Subject, "Required"), (PublicFormField.Details, "Required"), (PublicFormField.Email, "Email")],
            form.Problems(Options).Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void An_undefined_kind_or_stage_is_refused()
    {
        var form = Valid();
        form.Kind = (CaseKind)42;
        form.Stage = (CaseStage)42;
        Assert.Equal([PublicFormField.Kind, PublicFormField.Stage], form.Problems(Options).Select(p => p.Field));
    }
}

/// <summary>The tracking code: random from RandomNumberGenerator over an alphabet without look-alikes, one format, one parser.</summary>
public sealed class TrackingCodeTests
{
    [Fact]
    public void A_new_code_is_three_groups_of_four_from_the_alphabet_without_look_alikes()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = TrackingCode.New();
            Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$", code);
            Assert.True(TrackingCode.TryNormalize(code, out var same));
            Assert.Equal(code, same);
        }
        Assert.DoesNotContain(TrackingCode.Alphabet, c => c is '0' or 'O' or '1' or 'I' or 'L');
    }

    [Fact]
    public void Codes_are_drawn_at_random_every_character_appears_at_every_position_and_consecutive_codes_share_no_prefix()
    {
        // Sequential or derived codes would leave most characters unused at the leading positions; 6000 draws of 31
        // characters put about 190 of each at each position (the chance of a miss is below 1e-80).
        var codes = Enumerable.Range(0, 6000).Select(_ => TrackingCode.New().Replace("-", "")).ToList();
        for (var position = 0; position < TrackingCode.Characters; position++)
            Assert.Equal(TrackingCode.Alphabet.Order(), codes.Select(c => c[position]).Distinct().Order());
        Assert.Equal(codes.Count, codes.Distinct().Count());
        var sharedPrefixes = codes.Zip(codes.Skip(1)).Count(p => p.First[..3] == p.Second[..3]);
        Assert.True(sharedPrefixes < 5, $"{sharedPrefixes} consecutive pairs share their first three characters");
    }

    [Theory]
    [InlineData("abcd-efgh-jkmn", "ABCD-EFGH-JKMN")]
    [InlineData("ABCDEFGHJKMN", "ABCD-EFGH-JKMN")]
    [InlineData(" abcd efgh jkmn ", "ABCD-EFGH-JKMN")]
    [InlineData("ab-cdefghjk-mn", "ABCD-EFGH-JKMN")]
    [InlineData("ABCD　EFGH　JKMN", "ABCD-EFGH-JKMN")]
    public void What_a_person_types_is_normalised_case_dashes_and_spaces_ignored(string typed, string expected)
    {
        Assert.True(TrackingCode.TryNormalize(typed, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKM")]          // too short
    [InlineData("ABCD-EFGH-JKMNP")]        // too long
    [InlineData("ABCD-EFGH-JKM0")]         // a look-alike not in the alphabet
    [InlineData("ABCD-EFGH-JKMI")]
    [InlineData("TS2026-000042")]          // the internal register number is not a tracking code
    [InlineData("' OR 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    public void Anything_else_is_malformed(string? typed) => Assert.False(TrackingCode.TryNormalize(typed, out _));
}
