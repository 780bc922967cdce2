using TradingOps.Core.Common;

namespace TradingOps.Core.Registrations;

public enum ConsultationChannel
{
    Online, // 网上咨询
    Phone,  // 电话咨询
    OnSite, // 现场咨询
}

public enum ConsultationStatus
{
    Answered,  // 已答复
    Referred,  // 已转办, follow-up pending
    Closed,    // 已回访办结
}

/// <summary>
/// 咨询登记 (national 6.1, Yunnan 5.1): the question and answer summarised, the first responder (首问负责)
/// accountable until it is closed, referral (转办) to the competent department and the follow-up (回访).
/// </summary>
public sealed class Consultation : Entity
{
    public const int TopicMaxLength = 50;
    public const int TextMaxLength = 1000;
    public const int PartyMaxLength = 100;

    private Consultation() { Topic = Question = Enquirer = FirstResponder = ""; }

    public Consultation(ConsultationChannel channel, string topic, string enquirer, string? contact, string question,
        string? answer, string firstResponder, DateTimeOffset at)
    {
        Channel = channel;
        Topic = Guard.Text(topic, TopicMaxLength, "咨询主题");
        Enquirer = Guard.Text(enquirer, PartyMaxLength, "咨询人");
        Contact = Guard.OptionalText(contact, 50, "联系方式");
        Question = Guard.Text(question, TextMaxLength, "咨询内容");
        Answer = Guard.OptionalText(answer, TextMaxLength, "答复内容");
        FirstResponder = Guard.Text(firstResponder, 50, "首问负责人");
        ReceivedAt = at.ToUniversalTime();
        Status = ConsultationStatus.Answered;
    }

    public ConsultationChannel Channel { get; private set; }
    public string Topic { get; private set; }
    public string Enquirer { get; private set; }
    public string? Contact { get; private set; }
    public string Question { get; private set; }
    public string? Answer { get; private set; }
    public string FirstResponder { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public ConsultationStatus Status { get; private set; }
    public string? ReferredTo { get; private set; }
    public DateTimeOffset? FollowUpDueAt { get; private set; }
    public string? FollowUpNote { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>转办: not the center's to answer (national 6.1.4) or needs another department; follow up by the date.</summary>
    public void Refer(string to, DateTimeOffset followUpDueAt, DateTimeOffset at)
    {
        if (Status == ConsultationStatus.Closed)
            throw new DomainException("Consultation.Closed", "该咨询已办结，不能再转办");
        if (followUpDueAt.ToUniversalTime() <= at)
            throw new DomainException("Consultation.FollowUpDue", "回访期限必须晚于现在");
        ReferredTo = Guard.Text(to, PartyMaxLength, "转办部门");
        FollowUpDueAt = followUpDueAt.ToUniversalTime();
        Status = ConsultationStatus.Referred;
    }

    /// <summary>回访: the first responder records the outcome and closes it.</summary>
    public void FollowUp(string note, DateTimeOffset at)
    {
        if (Status != ConsultationStatus.Referred)
            throw new DomainException("Consultation.NotReferred", "只有已转办的咨询需要回访");
        FollowUpNote = Guard.Text(note, TextMaxLength, "回访情况");
        ClosedAt = at.ToUniversalTime();
        Status = ConsultationStatus.Closed;
    }
}
