using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;

namespace TradingOps.Core.Venue;

/// <summary>What an agency asks the venue desk for.</summary>
public enum VenueRequestKind
{
    Booking,      // 场地预约申请
    Change,       // 场地变更申请（改期/换场/延长）
    Cancellation, // 场地取消申请
}

/// <summary>Where the request came from: a registration that asks for rooms, or the desk form (an agency representative at the desk).</summary>
public enum VenueRequestSource { Registration, Desk }

public enum VenueRequestStatus
{
    Open,     // 待办
    Answered, // 已办结（预约已确认 / 变更已办理）
    Refused,  // 不予办理（附原因）
    Closed,   // 已关闭（登记被退回或不予受理）
}

/// <summary>
/// The clocks of the venue desk, per request kind, in working hours on the holiday calendar (admins edit them;
/// the screens cite the source). Presets: Yunnan 5.3.2 lists 场地预约 among the 受理服务 that 5.3.3 requires to be
/// checked and confirmed within 3 working hours; Yunnan 5.3.5 gives a change of venue (调整交易场地) 3 working hours,
/// which covers a cancellation as well. Liaoning 6.3.2/6.3.3 and Beijing 5.3.1 only say "promptly" (及时).
/// </summary>
public sealed class VenueRequestOptions
{
    public const string Section = "Venue:Requests";

    public double BookingWorkingHours { get; set; } = 3;
    public double ChangeWorkingHours { get; set; } = 3;
    public double CancellationWorkingHours { get; set; } = 3;

    /// <summary>A request is shown amber when less than this much working time is left.</summary>
    public int DueSoonMinutes { get; set; } = 60;

    public double WorkingHoursFor(VenueRequestKind kind) => kind switch
    {
        VenueRequestKind.Booking => BookingWorkingHours,
        VenueRequestKind.Change => ChangeWorkingHours,
        _ => CancellationWorkingHours,
    };

    /// <summary>Where the preset comes from (shown next to the clock).</summary>
    public static string SourceFor(VenueRequestKind kind) => kind switch
    {
        VenueRequestKind.Booking => "云南 5.3.2、5.3.3：场地预约 3 个工作小时内核验确认",
        _ => "云南 5.3.5：调整交易场地 3 个工作小时内办结",
    };

    public bool IsValid => new[] { BookingWorkingHours, ChangeWorkingHours, CancellationWorkingHours }.All(h => h is > 0 and <= 80)
                           && DueSoonMinutes is >= 0 and <= 480;

    /// <summary>When a request of <paramref name="kind"/> received at <paramref name="receivedAt"/> is due, counted on the calendar.</summary>
    public Deadline DueAt(VenueRequestKind kind, DateTimeOffset receivedAt, WorkdayCalendar calendar)
    {
        var due = calendar.AddWorkingHours(receivedAt, WorkingHoursFor(kind));
        return calendar.Deadline(receivedAt, due);
    }
}

/// <summary>How close an open request is to its deadline.</summary>
public enum RequestUrgency { OnTime, DueSoon, Overdue }

/// <summary>
/// 场地申请: a booking, change or cancellation request with its clock. Counted from when the desk received it on
/// the working-hour calendar (<see cref="VenueRequestOptions"/>); answered with the booking it led to (or the change
/// done), refused with a reason, or closed with its registration. Contact data is personal: staff screens only.
/// </summary>
public sealed class VenueRequest : Entity
{
    public const int TextMaxLength = 200;
    public const int DetailsMaxLength = 500;

    private VenueRequest() { ProjectCode = ProjectName = ReceivedBy = ""; }

    public VenueRequest(VenueRequestKind kind, VenueRequestSource source, string projectCode, string projectName, string? agency,
        string? contactName, string? contactPhone, BookingPurpose? purpose, int? attendees, Guid? roomId,
        DateTimeOffset? wantedStart, DateTimeOffset? wantedEnd, Guid? bookingId, string? details,
        string receivedBy, DateTimeOffset receivedAt, Deadline due, Guid? registrationId = null)
    {
        Kind = kind;
        Source = source;
        ProjectCode = Guard.Text(projectCode, 40, "项目编号");
        ProjectName = Guard.Text(projectName, TextMaxLength, "项目名称");
        Agency = Guard.OptionalText(agency, 100, "代理机构");
        ContactName = Guard.OptionalText(contactName, 50, "联系人");
        if (!PlainText.IsBlank(contactPhone))
        {
            ContactPhone = PhoneNumber.Normalize(contactPhone, out var phoneError);
            if (phoneError is not null) throw new DomainException("Request.ContactPhone", phoneError);
        }
        Purpose = purpose;
        if (attendees is { } n) Attendees = Guard.Range(n, 1, 500, "人数");
        RoomId = roomId;
        if (wantedStart is not null || wantedEnd is not null)
        {
            if (wantedStart is null || wantedEnd is null)
                throw new DomainException("Request.Times", "请同时填写开始和结束时间");
            if (wantedEnd <= wantedStart)
                throw new DomainException("Request.EndBeforeStart", "结束时间必须晚于开始时间");
            if (wantedEnd.Value.ToUniversalTime() <= receivedAt.ToUniversalTime())
                throw new DomainException("Request.InPast", "申请的时段已经过去");
            WantedStart = wantedStart.Value.ToUniversalTime();
            WantedEnd = wantedEnd.Value.ToUniversalTime();
        }
        switch (kind)
        {
            case VenueRequestKind.Booking when WantedStart is null:
                throw new DomainException("Request.BookingTimes", "预约申请须写明日期和起止时间");
            case VenueRequestKind.Booking when purpose is null:
                throw new DomainException("Request.Purpose", "预约申请须写明用途");
            case VenueRequestKind.Change or VenueRequestKind.Cancellation when bookingId is null:
                throw new DomainException("Request.Booking", kind == VenueRequestKind.Change ? "变更申请须指明要变更的预约" : "取消申请须指明要取消的预约");
            case VenueRequestKind.Change when WantedStart is null:
                throw new DomainException("Request.ChangeTimes", "变更申请须写明新的起止时间");
        }
        BookingId = bookingId;
        Details = Guard.OptionalText(details, DetailsMaxLength, "申请说明");
        ReceivedBy = Guard.Text(receivedBy, 100, "受理人");
        ReceivedAt = receivedAt.ToUniversalTime();
        DueAt = due.At.ToUniversalTime();
        DueProvisional = due.Provisional;
        RegistrationId = registrationId;
    }

    public VenueRequestKind Kind { get; private set; }
    public VenueRequestSource Source { get; private set; }
    public Guid? RegistrationId { get; private set; }
    public string ProjectCode { get; private set; }
    public string ProjectName { get; private set; }
    public string? Agency { get; private set; }
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }
    public BookingPurpose? Purpose { get; private set; }
    public int? Attendees { get; private set; }
    public Guid? RoomId { get; private set; }
    public DateTimeOffset? WantedStart { get; private set; }
    public DateTimeOffset? WantedEnd { get; private set; }

    /// <summary>The booking to change or cancel; for a booking request, the booking it led to once answered.</summary>
    public Guid? BookingId { get; private set; }

    public string? Details { get; private set; }
    public string ReceivedBy { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public bool DueProvisional { get; private set; }
    public VenueRequestStatus Status { get; private set; } = VenueRequestStatus.Open;
    public string? Answer { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredBy { get; private set; }

    public Deadline Deadline => new(DueAt, DueProvisional);

    public bool IsOpen => Status == VenueRequestStatus.Open;

    /// <summary>Done: a booking request with the booking it led to, a change or cancellation with what was done.</summary>
    public void MarkAnswered(Guid? bookingId, string? answer, string by, DateTimeOffset at)
    {
        EnsureOpen();
        if (Kind == VenueRequestKind.Booking && bookingId is null)
            throw new DomainException("Request.AnswerBooking", "预约申请办结时须关联所确认的预约");
        if (Kind == VenueRequestKind.Booking) BookingId = bookingId;
        Answer = Guard.OptionalText(answer, TextMaxLength, "办理说明");
        Close(VenueRequestStatus.Answered, by, at);
    }

    public void Refuse(string reason, string by, DateTimeOffset at)
    {
        EnsureOpen();
        Answer = Guard.Text(reason, TextMaxLength, "不予办理的原因");
        Close(VenueRequestStatus.Refused, by, at);
    }

    /// <summary>The registration that asked was returned or rejected: nothing left to answer.</summary>
    public void Withdraw(string reason, string by, DateTimeOffset at)
    {
        EnsureOpen();
        Answer = Guard.Text(reason, TextMaxLength, "关闭原因");
        Close(VenueRequestStatus.Closed, by, at);
    }

    private void Close(VenueRequestStatus status, string by, DateTimeOffset at)
    {
        Status = status;
        AnsweredBy = Guard.Text(by, 100, "办理人");
        AnsweredAt = at.ToUniversalTime();
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
            throw new DomainException("Request.Closed", $"申请 {ProjectCode} 已办结、不予办理或已关闭");
    }

    public VenueRequestRow ToRow() => new(Id, Kind, Source, Status, ProjectCode, ProjectName, Agency, Purpose, Attendees, RoomId,
        WantedStart, WantedEnd, BookingId, ReceivedAt, DueAt, DueProvisional, AnsweredAt);
}

/// <summary>A request as the queue and the wall show it: no contact (personal data stays on the staff detail).</summary>
public sealed record VenueRequestRow(Guid Id, VenueRequestKind Kind, VenueRequestSource Source, VenueRequestStatus Status,
    string ProjectCode, string ProjectName, string? Agency, BookingPurpose? Purpose, int? Attendees, Guid? RoomId,
    DateTimeOffset? WantedStart, DateTimeOffset? WantedEnd, Guid? BookingId, DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt, bool DueProvisional, DateTimeOffset? AnsweredAt)
{
    public bool IsOpen => Status == VenueRequestStatus.Open;

    public Deadline Deadline => new(DueAt, DueProvisional);

    /// <summary>Overdue once the due time has passed; due soon when less than <paramref name="soon"/> of working time is left.</summary>
    public RequestUrgency UrgencyAt(DateTimeOffset now, WorkdayCalendar calendar, TimeSpan soon)
    {
        if (!IsOpen) return RequestUrgency.OnTime;
        if (now >= DueAt) return RequestUrgency.Overdue;
        return calendar.WorkingTimeBetween(now, DueAt) < soon ? RequestUrgency.DueSoon : RequestUrgency.OnTime;
    }

    /// <summary>The desk's queue: open requests by time left (overdue first, the most overdue on top), then the closed ones, latest first.</summary>
    public static IReadOnlyList<VenueRequestRow> QueueOrder(IEnumerable<VenueRequestRow> rows) =>
        rows.OrderByDescending(r => r.IsOpen).ThenBy(r => r.IsOpen ? r.DueAt : DateTimeOffset.MaxValue)
            .ThenByDescending(r => r.AnsweredAt).ThenBy(r => r.ProjectCode).ToList();
}

/// <summary>
/// A venue request was received or moved on; carries its row (no contact) so each node's queue applies it without a
/// read. No hub topic: only Blazor screens (the desk's queue, the wall alerts) subscribe to it.
/// </summary>
public sealed record VenueRequestChanged(DateTimeOffset At, VenueRequestRow Row) : LiveEvent(At);
