using TradingOps.Core.Common;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Floor;

/// <summary>What a room is booked for (national 6.3, Liaoning 6.3).</summary>
public enum BookingPurpose
{
    BidOpening,          // 开标
    Evaluation,          // 评标
    Negotiation,         // 谈判/磋商/澄清
    OvernightEvaluation, // 跨夜评标
}

public enum BookingStatus
{
    Requested,
    Confirmed,
    Changed,
    Extended,
    Completed,
    Cancelled,
    NoShow,
}

/// <summary>Where the session held under a booking stands.</summary>
public enum SessionPhase
{
    NotStarted,
    CheckedIn,  // 代理机构已签到
    InSession,  // 开标/评标进行中
    Suspended,  // 暂停
    Ended,
}

/// <summary>
/// 场地预约: a room held for a project between two instants, plus set-up and clean-up buffers that also keep
/// the room from other bookings. The session held under it (check-in, start, suspension, end) lives here too.
/// </summary>
public sealed partial class RoomBooking : Entity
{
    public const int TextMaxLength = 200;
    public const int ReasonMaxLength = 200;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(10);
    public static readonly TimeSpan MaxOvernightDuration = TimeSpan.FromHours(36);

    private RoomBooking() { ProjectCode = ProjectName = BookedBy = ""; }

    public RoomBooking(Room room, Guid? projectId, string projectCode, string projectName, string? agency,
        BookingPurpose purpose, int attendees, DateTimeOffset startsAt, DateTimeOffset endsAt,
        TimeSpan setup, TimeSpan cleanup, string bookedBy, DateTimeOffset requestedAt)
    {
        BookingRules.EnsureFits(room, purpose, attendees);
        RoomId = room.Id;
        ProjectId = projectId;
        ProjectCode = Guard.Text(projectCode, 40, "项目编号");
        ProjectName = Guard.Text(projectName, TextMaxLength, "项目名称");
        Agency = Guard.OptionalText(agency, 100, "代理机构");
        Purpose = purpose;
        Attendees = attendees;
        if (setup < TimeSpan.Zero || setup > TimeSpan.FromHours(2) || cleanup < TimeSpan.Zero || cleanup > TimeSpan.FromHours(2))
            throw new DomainException("Booking.Buffers", "布场/清场时间必须在 0 到 120 分钟之间");
        SetupMinutes = (int)setup.TotalMinutes;
        CleanupMinutes = (int)cleanup.TotalMinutes;
        (StartsAt, EndsAt) = ValidTimes(startsAt, endsAt, purpose);
        BookedBy = Guard.Text(bookedBy, 100, "预约人");
        RequestedAt = requestedAt.ToUniversalTime();
    }

    public Guid RoomId { get; private set; }
    public Guid? ProjectId { get; private set; }
    public string ProjectCode { get; private set; }
    public string ProjectName { get; private set; }
    public string? Agency { get; private set; }
    public BookingPurpose Purpose { get; private set; }

    /// <summary>People expected; for evaluation, the experts (one seat each).</summary>
    public int Attendees { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public int SetupMinutes { get; private set; }
    public int CleanupMinutes { get; private set; }
    public BookingStatus Status { get; private set; } = BookingStatus.Requested;
    public string? StatusReason { get; private set; }
    public string BookedBy { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }

    public SessionPhase Phase { get; private set; } = SessionPhase.NotStarted;
    public DateTimeOffset? CheckedInAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? SuspendedAt { get; private set; }
    public string? SuspendReason { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public int ExpertsPresent { get; private set; }

    /// <summary>The agency's contact for this booking (personal data: staff screens and the outbox only, never a public surface or a live event).</summary>
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }
    public string? ContactEmail { get; private set; }

    /// <summary>Who the agency's messages about this booking go to; the phone is checked as a mainland number, the mailbox for one "@".</summary>
    public void SetContact(string? name, string? phone, string? email)
    {
        string? cleanPhone = null;
        if (!PlainText.IsBlank(phone))
        {
            cleanPhone = PhoneNumber.Normalize(phone, out var phoneError);
            if (phoneError is not null) throw new DomainException("Booking.ContactPhone", phoneError);
        }
        var cleanEmail = Guard.OptionalText(email, 200, "电子邮箱");
        if (cleanEmail is not null && (cleanEmail.Count(c => c == '@') != 1 || cleanEmail.StartsWith('@') || cleanEmail.EndsWith('@') || cleanEmail.Contains(' ')))
            throw new DomainException("Booking.ContactEmail", $"电子邮箱“{cleanEmail}”格式不正确");
        ContactName = Guard.OptionalText(name, 50, "联系人");
        ContactPhone = cleanPhone;
        ContactEmail = cleanEmail;
    }

    /// <summary>The room is held from set-up to clean-up: [start − set-up, end + clean-up).</summary>
    public DateTimeOffset OccupiedFrom => StartsAt.AddMinutes(-SetupMinutes);
    public DateTimeOffset OccupiedUntil => (Phase == SessionPhase.Ended && EndedAt is { } e ? e : EndsAt).AddMinutes(CleanupMinutes);

    /// <summary>Bookings that still hold their room.</summary>
    public bool HoldsRoom => HoldingStatuses.Contains(Status);

    /// <summary>
    /// The statuses of a booking that counts as a session held (statistics and the room detail export count these):
    /// not one still awaiting confirmation, cancelled, or one nobody came to.
    /// </summary>
    public static readonly BookingStatus[] SessionStatuses = [BookingStatus.Confirmed, BookingStatus.Changed, BookingStatus.Extended, BookingStatus.Completed];

    /// <summary>The statuses in which a booking holds its room (queries filter on them; <see cref="HoldsRoom"/> is the same rule).</summary>
    public static readonly BookingStatus[] HoldingStatuses = [BookingStatus.Requested, BookingStatus.Confirmed, BookingStatus.Changed, BookingStatus.Extended];

    /// <summary>Statuses a floor screen shows (the booking holds its room, or its session is over).</summary>
    public static readonly BookingStatus[] FloorStatuses =
        [BookingStatus.Requested, BookingStatus.Confirmed, BookingStatus.Changed, BookingStatus.Extended, BookingStatus.Completed];

    /// <summary>
    /// On the floor of the day that runs until <paramref name="dayEnd"/>: shown, and touching the day (from two hours
    /// before <paramref name="dayStart"/>) or still running whatever its times. The read model applies a change with it.
    /// </summary>
    public bool IsOnFloor(DateTimeOffset dayStart, DateTimeOffset dayEnd) =>
        FloorStatuses.Contains(Status)
        && ((StartsAt < dayEnd && EndsAt > dayStart.AddHours(-2)) || Phase == SessionPhase.InSession || Phase == SessionPhase.Suspended);

    /// <summary><see cref="IsOnFloor"/> as a query (the floor's read from the database).</summary>
    public static System.Linq.Expressions.Expression<Func<RoomBooking, bool>> OnFloor(DateTimeOffset dayStart, DateTimeOffset dayEnd)
    {
        var from = dayStart.AddHours(-2);
        var statuses = FloorStatuses;
        return b => statuses.Contains(b.Status)
                    && ((b.StartsAt < dayEnd && b.EndsAt > from) || b.Phase == SessionPhase.InSession || b.Phase == SessionPhase.Suspended);
    }

    /// <summary>The booking as a change event carries it.</summary>
    public BookingRow ToRow() => new(Id, RoomId, ProjectId, ProjectCode, ProjectName, Agency, Purpose, Attendees, StartsAt, EndsAt,
        SetupMinutes, CleanupMinutes, Status, StatusReason, BookedBy, RequestedAt, Phase, CheckedInAt, StartedAt, SuspendedAt,
        SuspendReason, EndedAt, ExpertsPresent, ProjectSuspendedAt);

    /// <summary>The booking a change event carried, as a read model holds it (read-only: never saved).</summary>
    public static RoomBooking FromRow(BookingRow row) => new()
    {
        Id = row.Id, RoomId = row.RoomId, ProjectId = row.ProjectId, ProjectCode = row.ProjectCode, ProjectName = row.ProjectName,
        Agency = row.Agency, Purpose = row.Purpose, Attendees = row.Attendees, StartsAt = row.StartsAt, EndsAt = row.EndsAt,
        SetupMinutes = row.SetupMinutes, CleanupMinutes = row.CleanupMinutes, Status = row.Status, StatusReason = row.StatusReason,
        BookedBy = row.BookedBy, RequestedAt = row.RequestedAt, Phase = row.Phase, CheckedInAt = row.CheckedInAt,
        StartedAt = row.StartedAt, SuspendedAt = row.SuspendedAt, SuspendReason = row.SuspendReason, EndedAt = row.EndedAt,
        ExpertsPresent = row.ExpertsPresent, ProjectSuspendedAt = row.ProjectSuspendedAt,
    };

    public string Label => $"{ProjectCode}（{CenterTime.ToLocal(StartsAt):HH:mm}-{CenterTime.ToLocal(EndsAt):HH:mm}）";

    public void Confirm()
    {
        if (Status != BookingStatus.Requested)
            throw new DomainException("Booking.NotRequested", $"预约 {Label} 不是待确认状态");
        Status = BookingStatus.Confirmed;
    }

    /// <summary>Moves the booking; the caller checks the new times against the room's other bookings.</summary>
    public void Reschedule(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        EnsureOpen();
        if (Phase != SessionPhase.NotStarted)
            throw new DomainException("Booking.AlreadyStarted", $"预约 {Label} 已签到或开始，不能改期，只能延时");
        (StartsAt, EndsAt) = ValidTimes(startsAt, endsAt, Purpose);
        Status = BookingStatus.Changed;
    }

    /// <summary>
    /// 换场/改期: to another room (or the same) and times; the room must fit the purpose and attendees. The caller checks
    /// the new slot against the target room's other bookings and outages, under both rooms' locks.
    /// </summary>
    public void MoveTo(Room room, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        EnsureOpen();
        if (Phase != SessionPhase.NotStarted)
            throw new DomainException("Booking.AlreadyStarted", $"预约 {Label} 已签到或开始，不能改期或换场，只能延时");
        if (room.Id != RoomId) BookingRules.EnsureFits(room, Purpose, Attendees);
        (StartsAt, EndsAt) = ValidTimes(startsAt, endsAt, Purpose);
        RoomId = room.Id;
        Status = BookingStatus.Changed;
    }

    /// <summary>延时: a later end, also while the session runs.</summary>
    public void Extend(DateTimeOffset endsAt)
    {
        EnsureOpen();
        endsAt = endsAt.ToUniversalTime();
        if (endsAt <= EndsAt)
            throw new DomainException("Booking.ExtendEarlier", "延时后的结束时间必须晚于原结束时间");
        (_, EndsAt) = ValidTimes(StartsAt, endsAt, Purpose);
        Status = BookingStatus.Extended;
    }

    /// <summary>When the booking was cancelled or marked a no-show (the discipline ledger counts late cancellations from it).</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public void Cancel(string reason, DateTimeOffset at)
    {
        EnsureOpen();
        if (Phase != SessionPhase.NotStarted)
            throw new DomainException("Booking.AlreadyStarted", $"预约 {Label} 已签到或开始，不能取消");
        StatusReason = Guard.Text(reason, ReasonMaxLength, "取消原因");
        Status = BookingStatus.Cancelled;
        ClosedAt = at.ToUniversalTime();
    }

    /// <summary>When nobody having come makes the booking a no-show: its start plus the grace time.</summary>
    public DateTimeOffset NoShowFrom(TimeSpan grace) => StartsAt + (grace < TimeSpan.Zero ? TimeSpan.Zero : grace);

    /// <summary>爽约: nobody came within <paramref name="grace"/> after the booked start.</summary>
    public void MarkNoShow(string reason, DateTimeOffset now, TimeSpan grace = default)
    {
        EnsureOpen();
        if (Phase != SessionPhase.NotStarted)
            throw new DomainException("Booking.AlreadyStarted", $"预约 {Label} 已签到，不能记为爽约");
        if (now.ToUniversalTime() < NoShowFrom(grace))
            throw new DomainException("Booking.NoShowTooEarly", grace > TimeSpan.Zero
                ? $"预约开始后 {(int)grace.TotalMinutes} 分钟（宽限时间）仍无人到场才能记为爽约，{CenterTime.ToLocal(NoShowFrom(grace)):HH:mm} 起可记"
                : "预约开始之前不能记为爽约");
        StatusReason = Guard.Text(reason, ReasonMaxLength, "爽约说明");
        Status = BookingStatus.NoShow;
        ClosedAt = now.ToUniversalTime();
    }

    /// <summary>Where the booking stands now: its room and booked times.</summary>
    public BookingSlot Slot => new(RoomId, StartsAt, EndsAt);

    /// <summary>The shortest part a shortened or split booking may keep.</summary>
    public static readonly TimeSpan MinimumPart = TimeSpan.FromMinutes(15);

    /// <summary>
    /// 缩短: an earlier end and/or a later start, inside the booked times; the rest of the room's time is freed. A
    /// session already under way keeps its start; nothing can end before <paramref name="now"/>.
    /// </summary>
    public void Shorten(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        EnsureOpen();
        startsAt = startsAt.ToUniversalTime();
        endsAt = endsAt.ToUniversalTime();
        if (startsAt < StartsAt || endsAt > EndsAt)
            throw new DomainException("Booking.ShortenOutside", $"缩短后的时间必须在原预约 {Label} 之内（延长请用“延时”）");
        if (startsAt == StartsAt && endsAt == EndsAt)
            throw new DomainException("Booking.ShortenUnchanged", "缩短后的时间与原预约相同");
        if (endsAt - startsAt < MinimumPart)
            throw new DomainException("Booking.ShortenTooShort", $"缩短后至少保留 {MinimumPart.TotalMinutes} 分钟");
        if (startsAt != StartsAt && Phase != SessionPhase.NotStarted)
            throw new DomainException("Booking.AlreadyStarted", $"预约 {Label} 已签到或开始，只能提前结束，不能推迟开始");
        if (endsAt <= now.ToUniversalTime())
            throw new DomainException("Booking.ShortenInPast", "缩短后的结束时间必须晚于现在");
        (StartsAt, EndsAt) = ValidTimes(startsAt, endsAt, Purpose);
        Status = BookingStatus.Changed;
    }

    /// <summary>
    /// 拆分: this booking ends at <paramref name="at"/> and a new booking (same project, agency, contact, purpose and
    /// attendees) takes the rest, in <paramref name="secondRoom"/> (which must fit) or in the same room. In the same
    /// room the session does not leave, so the first part keeps no clean-up and the second no set-up between them.
    /// The caller checks the second part against its room's bookings and outages.
    /// </summary>
    public RoomBooking SplitAt(DateTimeOffset at, Room secondRoom, string bookedBy, DateTimeOffset now)
    {
        EnsureOpen();
        at = at.ToUniversalTime();
        if (at - StartsAt < MinimumPart || EndsAt - at < MinimumPart)
            throw new DomainException("Booking.SplitOutside",
                $"拆分时间必须在 {CenterTime.ToLocal(StartsAt + MinimumPart):HH:mm} 至 {CenterTime.ToLocal(EndsAt - MinimumPart):HH:mm} 之间（每段至少 {MinimumPart.TotalMinutes} 分钟）");
        if (at <= now.ToUniversalTime())
            throw new DomainException("Booking.SplitInPast", "拆分时间必须晚于现在");
        var sameRoom = secondRoom.Id == RoomId;
        var second = new RoomBooking(secondRoom, ProjectId, ProjectCode, ProjectName, Agency, Purpose, Attendees, at, EndsAt,
            sameRoom ? TimeSpan.Zero : TimeSpan.FromMinutes(SetupMinutes), TimeSpan.FromMinutes(CleanupMinutes), bookedBy, now)
        {
            ContactName = ContactName, ContactPhone = ContactPhone, ContactEmail = ContactEmail,
            Status = Status == BookingStatus.Requested ? BookingStatus.Requested : BookingStatus.Confirmed,
        };
        EndsAt = at;
        if (sameRoom) CleanupMinutes = 0;
        Status = BookingStatus.Changed;
        return second;
    }

    public void CheckIn(DateTimeOffset at)
    {
        EnsureConfirmed();
        if (Phase != SessionPhase.NotStarted)
            throw new DomainException("Session.AlreadyCheckedIn", "代理机构已签到");
        CheckedInAt = at.ToUniversalTime();
        Phase = SessionPhase.CheckedIn;
    }

    public void Start(DateTimeOffset at)
    {
        EnsureConfirmed();
        if (Phase != SessionPhase.CheckedIn)
            throw new DomainException("Session.NotCheckedIn", Phase == SessionPhase.NotStarted ? "代理机构签到后才能开始" : "会议已经开始");
        EnsureProjectNotSuspended();
        StartedAt = at.ToUniversalTime();
        Phase = SessionPhase.InSession;
    }

    /// <summary>
    /// The usual reasons to suspend a session, offered as a list on the first click (issue 22); the last one,
    /// 其他, asks for the reason in words. What is stored is the reason's text.
    /// </summary>
    public static readonly IReadOnlyList<string> SuspendReasons = ["投标人提出异议", "设备或系统故障", "监督部门要求暂停", "评标委员会提出暂停", "其他"];

    public void Suspend(string reason, DateTimeOffset at)
    {
        if (Phase != SessionPhase.InSession)
            throw new DomainException("Session.NotRunning", "只有进行中的会议可以暂停");
        SuspendReason = Guard.Text(reason, ReasonMaxLength, "暂停原因");
        SuspendedAt = at.ToUniversalTime();
        Phase = SessionPhase.Suspended;
    }

    public void Resume(DateTimeOffset at)
    {
        if (Phase != SessionPhase.Suspended)
            throw new DomainException("Session.NotSuspended", "会议没有暂停");
        SuspendedAt = null;
        SuspendReason = null;
        Phase = SessionPhase.InSession;
    }

    public void End(DateTimeOffset at)
    {
        if (Phase is not (SessionPhase.InSession or SessionPhase.Suspended))
            throw new DomainException("Session.NotRunning", "会议尚未开始，不能结束");
        EndedAt = at.ToUniversalTime();
        SuspendedAt = null;
        Phase = SessionPhase.Ended;
        Status = BookingStatus.Completed;
    }

    /// <summary>评标专家到场人数, against the room's seats.</summary>
    public void RecordExpertsPresent(int present, int seats)
    {
        if (Purpose is not (BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation))
            throw new DomainException("Session.NotEvaluation", "只有评标可以登记专家到场");
        ExpertsPresent = Guard.Range(present, 0, Math.Min(seats, Attendees), "到场专家人数");
    }

    private void EnsureOpen()
    {
        if (!HoldsRoom)
            throw new DomainException("Booking.Closed", $"预约 {Label} 已结束、取消或爽约");
    }

    private void EnsureConfirmed()
    {
        if (Status is not (BookingStatus.Confirmed or BookingStatus.Changed or BookingStatus.Extended))
            throw new DomainException("Booking.NotConfirmed", $"预约 {Label} 未确认");
    }

    internal static (DateTimeOffset, DateTimeOffset) ValidTimes(DateTimeOffset startsAt, DateTimeOffset endsAt, BookingPurpose purpose)
    {
        startsAt = startsAt.ToUniversalTime();
        endsAt = endsAt.ToUniversalTime();
        if (endsAt <= startsAt)
            throw new DomainException("Booking.EndBeforeStart", "结束时间必须晚于开始时间");
        var max = purpose == BookingPurpose.OvernightEvaluation ? MaxOvernightDuration : MaxDuration;
        if (endsAt - startsAt > max)
            throw new DomainException("Booking.TooLong", $"单次预约不能超过 {max.TotalHours} 小时（跨夜评标请选择“跨夜评标”）");
        return (startsAt, endsAt);
    }
}
