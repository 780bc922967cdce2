using TradingOps.Core.Common;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Queue;

public enum TicketStatus { Waiting, Called, Serving, Held, Finished, NoShow }

public enum TicketChannel { Kiosk, Staff }

/// <summary>How a service ended (办结 / 一次性告知 / 咨询答复 / 其他).</summary>
public enum ServiceOutcome { Completed, IncompleteMaterials, Consulted, Referred, Other }

/// <summary>
/// 排队号: one visitor's place in the queue of a service type. Numbers (A001...) restart every local day
/// (Asia/Shanghai). <see cref="ArrivedAt"/> is when the visitor first took a number and never changes, so a
/// transferred visitor keeps their place. Every change is recorded as a <see cref="TicketEvent"/>.
/// </summary>
public sealed class QueueTicket : Entity
{
    public const int ReasonMaxLength = 100;
    public const int NoteMaxLength = 200;
    private readonly List<TicketEvent> _pending = [];

    private QueueTicket() { Code = ""; RatingToken = ""; }

    public QueueTicket(Guid serviceTypeId, string prefix, DateOnly serviceDate, int number, DateTimeOffset issuedAt,
        TicketChannel channel, bool priority = false, string? priorityReason = null)
    {
        if (number is < 1 or > 999)
            throw new DomainException("Ticket.NumberExhausted", "今日该业务号码已发完（最多 999 个）");
        ServiceTypeId = serviceTypeId;
        ServiceDate = serviceDate;
        Number = number;
        Code = FormatCode(prefix, number);
        IssuedAt = ArrivedAt = issuedAt.ToUniversalTime();
        Channel = channel;
        if (priority)
            PriorityReason = Guard.Text(priorityReason, ReasonMaxLength, "绿色通道原因");
        IsPriority = priority;
        RatingToken = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        Record(TicketEventKind.Issued, IssuedAt, null, priority ? $"绿色通道：{PriorityReason}" : null);
    }

    public static string FormatCode(string prefix, int number) => $"{prefix}{number:000}";

    /// <summary>The ticket as live events carry it and read models hold it (<see cref="TicketState"/>).</summary>
    public TicketState State() => new(Id, Code, Number, ServiceDate, ServiceTypeId, Status, IsPriority, PriorityReason, IssuedAt, ArrivedAt,
        TargetWindowId, WindowId, CalledAt, FirstCalledAt, RecallCount, ServingStartedAt, ServedByName, FinishedAt, Outcome, RatedAt);

    public Guid ServiceTypeId { get; private set; }
    public DateOnly ServiceDate { get; private set; }
    public int Number { get; private set; }
    public string Code { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    /// <summary>When the visitor first joined the queue; kept across transfers, orders the queue.</summary>
    public DateTimeOffset ArrivedAt { get; private set; }
    public TicketChannel Channel { get; private set; }
    public bool IsPriority { get; private set; }
    public string? PriorityReason { get; private set; }
    public TicketStatus Status { get; private set; } = TicketStatus.Waiting;
    /// <summary>Set when transferred to one window: only that window calls it.</summary>
    public Guid? TargetWindowId { get; private set; }
    /// <summary>The window that called (and serves) it.</summary>
    public Guid? WindowId { get; private set; }
    public DateTimeOffset? CalledAt { get; private set; }
    /// <summary>When it was first called: wait time = FirstCalledAt - ArrivedAt.</summary>
    public DateTimeOffset? FirstCalledAt { get; private set; }
    public int RecallCount { get; private set; }
    public DateTimeOffset? ServingStartedAt { get; private set; }
    /// <summary>
    /// The staff member who handled the visitor at <see cref="WindowId"/>: whoever last acted on the ticket there
    /// (call, recall, no-show, serving, hold, finish, take-over), so the clerk who finished is credited with the
    /// service and its rating, and a no-show with the clerk who called. Cleared with the window on a transfer.
    /// </summary>
    public Guid? ServedByStaffId { get; private set; }
    /// <summary>That staff member as shown: 工号 / 姓名.</summary>
    public string? ServedByName { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public ServiceOutcome? Outcome { get; private set; }
    public string? OutcomeNote { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }
    /// <summary>Secret in the ticket's QR code: opens the rating page for this ticket only.</summary>
    public string RatingToken { get; private set; }
    /// <summary>Concurrency token: changes on every transition, so two windows can never both take a ticket.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>Events recorded since the last <see cref="TakeEvents"/>; the service stores them with the ticket.</summary>
    public IReadOnlyList<TicketEvent> TakeEvents()
    {
        var events = _pending.ToList();
        _pending.Clear();
        return events;
    }

    /// <param name="by">The clerk signed on at the window (credited with this and recorded on the event).</param>
    public void CallTo(Guid windowId, DateTimeOffset at, WindowClerk? by = null)
    {
        Require(TicketStatus.Waiting, "叫号");
        if (TargetWindowId is { } target && target != windowId)
            throw new DomainException("Ticket.OtherWindow", $"{Code} 号已转给其他窗口");
        at = at.ToUniversalTime();
        Status = TicketStatus.Called;
        WindowId = windowId;
        CalledAt = at;
        FirstCalledAt ??= at;
        RecallCount = 0;
        Credit(by);
        Record(TicketEventKind.Called, at, windowId, by: by);
    }

    /// <summary>Calls again; once <paramref name="maxRecalls"/> recalls were made, the visitor is a no-show instead.</summary>
    /// <returns>false when the ticket became a no-show.</returns>
    public bool Recall(int maxRecalls, DateTimeOffset at, WindowClerk? by = null)
    {
        Require(TicketStatus.Called, "重呼");
        at = at.ToUniversalTime();
        if (RecallCount >= maxRecalls)
        {
            MarkNoShow(at, by);
            return false;
        }
        RecallCount++;
        CalledAt = at;
        Credit(by);
        Record(TicketEventKind.Recalled, at, WindowId, $"第 {RecallCount} 次重呼", by);
        return true;
    }

    public void MarkNoShow(DateTimeOffset at, WindowClerk? by = null)
    {
        Require(TicketStatus.Called, "过号");
        Status = TicketStatus.NoShow;
        FinishedAt = at.ToUniversalTime();
        Credit(by);
        Record(TicketEventKind.NoShow, FinishedAt.Value, WindowId, by: by);
    }

    public void StartServing(DateTimeOffset at, WindowClerk? by = null)
    {
        if (Status is not (TicketStatus.Called or TicketStatus.Held))
            throw Illegal("开始办理");
        Status = TicketStatus.Serving;
        ServingStartedAt ??= at.ToUniversalTime();
        Credit(by);
        Record(TicketEventKind.Serving, at.ToUniversalTime(), WindowId, by: by);
    }

    /// <summary>
    /// A duty manager took the window over from <paramref name="from"/> while the visitor was at it: the event
    /// says who took over from whom and why, and the new clerk is credited from now on.
    /// </summary>
    public void TakenOver(WindowClerk from, WindowClerk by, string reason, DateTimeOffset at)
    {
        if (Status is not (TicketStatus.Called or TicketStatus.Serving or TicketStatus.Held))
            throw Illegal("接管");
        Credit(by);
        Record(TicketEventKind.TakenOver, at.ToUniversalTime(), WindowId, Truncate($"{from.Label} → {by.Label}：{reason}", TicketEvent.DetailMaxLength), by);
    }

    private void Credit(WindowClerk? clerk)
    {
        if (clerk is null) return; // not done by a clerk (tools, tests of the state machine): keep what was recorded
        ServedByStaffId = clerk.StaffId;
        ServedByName = Guard.Text(clerk.Label, ServiceWindow.ClerkMaxLength, "窗口人员");
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>Parks the visitor at the window (fetching a document, waiting for a signature).</summary>
    public void Hold(string reason, DateTimeOffset at, WindowClerk? by = null)
    {
        if (Status is not (TicketStatus.Called or TicketStatus.Serving))
            throw Illegal("挂起");
        var why = Guard.Text(reason, ReasonMaxLength, "挂起原因");
        Status = TicketStatus.Held;
        Credit(by);
        Record(TicketEventKind.Held, at.ToUniversalTime(), WindowId, why, by);
    }

    public void Finish(ServiceOutcome outcome, string? note, DateTimeOffset at, WindowClerk? by = null)
    {
        Require(TicketStatus.Serving, "办结");
        Status = TicketStatus.Finished;
        Outcome = outcome;
        OutcomeNote = Guard.OptionalText(note, NoteMaxLength, "办理备注");
        FinishedAt = at.ToUniversalTime();
        Credit(by);
        Record(TicketEventKind.Finished, FinishedAt.Value, WindowId, outcome.ToString(), by);
    }

    /// <summary>
    /// Sends the visitor to another service type and/or a specific window. The ticket waits again with its
    /// original arrival time, so it is not put at the back of the queue.
    /// </summary>
    public void Transfer(Guid toServiceTypeId, Guid? toWindowId, DateTimeOffset at, WindowClerk? by = null)
    {
        if (Status is not (TicketStatus.Called or TicketStatus.Serving or TicketStatus.Held))
            throw Illegal("转移");
        var from = WindowId;
        ServiceTypeId = toServiceTypeId;
        TargetWindowId = toWindowId;
        Status = TicketStatus.Waiting;
        WindowId = null;
        CalledAt = null;
        ServingStartedAt = null;
        RecallCount = 0;
        ServedByStaffId = null; // credited again to whoever calls it next, as WindowId is set again
        ServedByName = null;
        Record(TicketEventKind.Transferred, at.ToUniversalTime(), from,
            toWindowId is null ? $"type:{toServiceTypeId}" : $"type:{toServiceTypeId};window:{toWindowId}", by);
    }

    /// <summary>Only once, and only after the service ended.</summary>
    public void MarkRated(DateTimeOffset at)
    {
        if (RatedAt is not null)
            throw new DomainException("Ticket.AlreadyRated", $"{Code} 号已经评价过了，每张号只能评价一次");
        if (Status != TicketStatus.Finished)
            throw new DomainException("Ticket.NotFinished", $"{Code} 号尚未办结，办结后才能评价");
        RatedAt = at.ToUniversalTime();
        Record(TicketEventKind.Rated, RatedAt.Value, WindowId, staffId: ServedByStaffId); // the rating is of the clerk who served
    }

    private void Require(TicketStatus status, string action)
    {
        if (Status != status) throw Illegal(action);
    }

    private DomainException Illegal(string action) =>
        new("Ticket.IllegalTransition", $"{Code} 号当前状态为「{StatusText(Status)}」，不能{action}");

    public static string StatusText(TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "等候中",
        TicketStatus.Called => "已叫号",
        TicketStatus.Serving => "办理中",
        TicketStatus.Held => "挂起",
        TicketStatus.Finished => "已办结",
        TicketStatus.NoShow => "过号",
        _ => status.ToString(),
    };

    private void Record(TicketEventKind kind, DateTimeOffset at, Guid? windowId, string? detail = null, WindowClerk? by = null, Guid? staffId = null)
    {
        Version = Guid.NewGuid();
        _pending.Add(new TicketEvent(Id, kind, at, ServiceTypeId, windowId, detail, by?.StaffId ?? staffId));
    }
}
