using TradingOps.Core.Common;

namespace TradingOps.Core.Cases;

/// <summary>The fields of the public form, in the order the page shows them.</summary>
public enum PublicFormField { Kind, Project, Stage, Subject, Details, Name, Organisation, Phone, Email, Attachments }

/// <summary>
/// Why the public form was refused, per field: <see cref="Code"/> (Required, TooLong, Markup, ProjectRequired,
/// RaisedByRequired, Phone, Email, Kind, Stage) is what the page localises, <see cref="Message"/> the Chinese default.
/// </summary>
public sealed record PublicFormProblem(PublicFormField Field, string Code, string Message, int? Limit = null);

/// <summary>
/// 网上投诉举报表单 as typed by anyone, without an account (公开渠道页; Liaoning 7.2.9, Yunnan 9.2, Beijing 9.3). The
/// public form accepts less than the desk: its text is limited to <see cref="CaseOptions.PublicTextMaxLength"/>, and
/// every refusal names its field so the page can say it next to what was typed, in the reader's language. The rules the
/// desk shares (markup refused, project required for objections and complaints, who raised it, phone, e-mail) are the
/// <see cref="Case"/>'s own; they are checked here first so that a refused form never reaches the register, and the case
/// checks them again when it is built.
/// </summary>
public sealed class PublicCaseForm
{
    public CaseKind Kind { get; set; } = CaseKind.Complaint;
    public CaseStage Stage { get; set; } = CaseStage.Other;
    public string? ProjectCode { get; set; }
    public string? Subject { get; set; }
    public string? Details { get; set; }
    public string? Name { get; set; }
    public string? Organisation { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Attachments { get; set; }

    /// <summary>A 异议 or 投诉 must name the project (the initiator/agency or the department decides on a project); a report or a service complaint need not.</summary>
    public static bool NeedsProject(CaseKind kind) => kind is CaseKind.Objection or CaseKind.Complaint;

    /// <summary>A 异议 or 投诉 must say who raises it (a person or an organisation); a 举报 may be anonymous.</summary>
    public static bool NeedsRaiser(CaseKind kind) => kind is CaseKind.Objection or CaseKind.Complaint;

    /// <summary>Every reason the form is refused, in the order of the fields; empty when it may be registered.</summary>
    public IReadOnlyList<PublicFormProblem> Problems(CaseOptions options)
    {
        var problems = new List<PublicFormProblem>();
        if (!Enum.IsDefined(Kind)) problems.Add(new(PublicFormField.Kind, "Kind", "请选择类别"));
        Check(problems, PublicFormField.Project, "项目编号", ProjectCode, Projects.TradingProject.CodeMaxLength, required: false);
        if (Enum.IsDefined(Kind) && NeedsProject(Kind) && PlainText.Clean(ProjectCode) is null)
            problems.Add(new(PublicFormField.Project, "ProjectRequired", "异议和投诉须指明项目编号"));
        if (!Enum.IsDefined(Stage)) problems.Add(new(PublicFormField.Stage, "Stage", "请选择所处环节"));
        Check(problems, PublicFormField.Subject, "事由", Subject, Case.SubjectMaxLength, required: true);
        Check(problems, PublicFormField.Details, "具体内容", Details, options.PublicTextMaxLength, required: true);
        Check(problems, PublicFormField.Name, "提出人", Name, Case.NameMaxLength, required: false);
        Check(problems, PublicFormField.Organisation, "提出单位", Organisation, Case.OrganisationMaxLength, required: false);
        if (Enum.IsDefined(Kind) && NeedsRaiser(Kind) && PlainText.Clean(Name) is null && PlainText.Clean(Organisation) is null)
            problems.Add(new(PublicFormField.Name, "RaisedByRequired", "异议和投诉须写明提出人或提出单位（举报可匿名）"));
        if (PlainText.Clean(Phone) is not null)
        {
            PhoneNumber.Normalize(Phone, out var error);
            if (error is not null) problems.Add(new(PublicFormField.Phone, "Phone", error));
        }
        if (Check(problems, PublicFormField.Email, "电子邮箱", Email, 100, required: false) && PlainText.Clean(Email) is { } email && !email.Contains('@'))
            problems.Add(new(PublicFormField.Email, "Email", "电子邮箱格式不正确"));
        Check(problems, PublicFormField.Attachments, "附件", Attachments, Math.Min(Case.AttachmentsMaxLength, options.PublicTextMaxLength), required: false);
        return problems;
    }

    /// <summary>The intake for <see cref="Data"/>'s one intake path (channel: the public form); refused with the first problem's reason.</summary>
    public CaseIntake ToIntake(CaseOptions options)
    {
        if (Problems(options) is [var first, ..]) throw new DomainException($"Case.Public.{first.Code}", first.Message);
        return new CaseIntake(Kind, CaseChannel.PublicForm, Stage, PlainText.Clean(ProjectCode), Kept(Subject)!, Kept(Details)!,
            PlainText.Clean(Name), PlainText.Clean(Phone), PlainText.Clean(Organisation), PlainText.Clean(Email), Kept(Attachments));
    }

    /// <summary>
    /// The length the form counts: the text as it will be kept (trimmed, a line break one character, as the browser
    /// counts it while typing, though a posted form sends it as two).
    /// </summary>
    public static int Length(string? text) => Kept(text)?.Length ?? 0;

    /// <summary>The text as the register keeps it: trimmed, line breaks as "\n".</summary>
    private static string? Kept(string? text) => PlainText.Clean(text)?.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static bool Check(List<PublicFormProblem> problems, PublicFormField field, string label, string? value, int max, bool required)
    {
        var text = Kept(value);
        if (text is null)
        {
            if (!required) return true;
            problems.Add(new(field, "Required", $"{label} 不能为空"));
            return false;
        }
        if (PlainText.LooksLikeMarkup(text))
        {
            problems.Add(new(field, "Markup", $"{label} 不能包含网页代码或脚本（如 <script>）"));
            return false;
        }
        if (text.Length > max)
        {
            problems.Add(new(field, "TooLong", $"{label} 不能超过 {max} 个字符（现有 {text.Length} 个）", max));
            return false;
        }
        return true;
    }
}
