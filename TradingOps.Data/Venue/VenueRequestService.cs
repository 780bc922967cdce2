using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Notifications;
using TradingOps.Core.Registrations;
using TradingOps.Core.Venue;

namespace TradingOps.Data.Venue;

/// <summary>What the desk form takes (an agency representative at the desk; staff type it in). Times are local.</summary>
public sealed record VenueRequestDraft(VenueRequestKind Kind, string? ProjectCode, string? ProjectName, string? Agency,
    string? ContactName, string? ContactPhone, BookingPurpose? Purpose, int? Attendees, Guid? RoomId,
    DateOnly? Date, TimeOnly? From, TimeOnly? Until, Guid? BookingId, string? Details);

/// <summary>
/// The venue desk's requests: received at the desk or from a registration, each with its clock on the working-hour
/// calendar; answered, refused or closed. Every change is one transaction, then a <see cref="VenueRequestChanged"/>.
/// </summary>
public sealed class VenueRequestService(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    ICurrentActor actor,
    ILiveEventPublisher live,
    IOptions<VenueRequestOptions> options,
    TimeProvider clock)
{
    public VenueRequestOptions Options => options.Value;

    /// <summary>A request typed in at the desk. A change or cancellation names its booking; project and agency come from it when left blank.</summary>
    public async Task<VenueRequest> CreateAsync(VenueRequestDraft draft, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var who = await actor.GetAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        RoomBooking? booking = null;
        if (draft.Kind != VenueRequestKind.Booking)
        {
            if (draft.BookingId is not { } bookingId)
                throw new DomainException("Request.Booking", draft.Kind == VenueRequestKind.Change ? "变更申请须指明要变更的预约" : "取消申请须指明要取消的预约");
            booking = await db.RoomBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, ct)
                ?? throw new DomainException("Request.BookingNotFound", "要变更或取消的预约不存在");
            if (!booking.HoldsRoom)
                throw new DomainException("Request.BookingClosed", $"预约 {booking.Label} 已结束、取消或爽约，不能再申请变更或取消");
        }
        if (draft.RoomId is { } roomId && !await db.Rooms.AnyAsync(r => r.Id == roomId, ct))
            throw new DomainException("Request.RoomNotFound", "场地不存在");
        DateTimeOffset? start = null, end = null;
        if (draft.From is not null || draft.Until is not null)
        {
            if (draft.Date is not { } date && booking is null)
                throw new DomainException("Request.Date", "请填写日期");
            var day = draft.Date ?? DateOnly.FromDateTime(CenterTime.ToLocal(booking!.StartsAt).DateTime);
            if (draft.From is not { } f || draft.Until is not { } u)
                throw new DomainException("Request.Times", "请同时填写开始和结束时间");
            start = CenterTime.At(day, f);
            end = CenterTime.At(u <= f ? day.AddDays(1) : day, u);
            if (u <= f && draft.Purpose != BookingPurpose.OvernightEvaluation && booking?.Purpose != BookingPurpose.OvernightEvaluation)
                throw new DomainException("Request.EndBeforeStart", "结束时间必须晚于开始时间");
        }
        var request = new VenueRequest(draft.Kind, VenueRequestSource.Desk,
            PlainText.IsBlank(draft.ProjectCode) ? booking?.ProjectCode ?? "" : draft.ProjectCode,
            PlainText.IsBlank(draft.ProjectName) ? booking?.ProjectName ?? "" : draft.ProjectName,
            PlainText.IsBlank(draft.Agency) ? booking?.Agency : draft.Agency,
            draft.ContactName, draft.ContactPhone, draft.Purpose ?? booking?.Purpose, draft.Attendees ?? booking?.Attendees,
            draft.RoomId ?? (draft.Kind == VenueRequestKind.Booking ? null : booking?.RoomId),
            start, end, booking?.Id, draft.Details, who.Name, now, options.Value.DueAt(draft.Kind, now, calendar));
        db.VenueRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await PublishAsync(request, ct);
        return request;
    }

    /// <summary>
    /// 办结: a booking request with the booking it led to, a change or cancellation with what was done. When a booking
    /// is at hand the agency is told (<see cref="NotificationKind.RequestAnswered"/>) in the same transaction.
    /// </summary>
    public Task<VenueRequest> AnswerAsync(Guid id, Guid? bookingId, string? answer, CancellationToken ct = default) =>
        ChangeAsync(id, async (db, request, who, now) =>
        {
            var target = bookingId ?? request.BookingId;
            var booking = target is { } b ? await db.RoomBookings.AsNoTracking().SingleOrDefaultAsync(x => x.Id == b, ct) : null;
            if (bookingId is not null && booking is null)
                throw new DomainException("Request.BookingNotFound", "所关联的预约不存在");
            request.MarkAnswered(booking?.Id, answer, who, now);
            return booking is null ? null : (booking, PlainText.IsBlank(answer) ? "您的申请已办理" : $"您的申请已办理：{answer!.Trim()}");
        }, ct);

    /// <summary>不予办理, with the reason; the agency is told when the request concerns a booking.</summary>
    public Task<VenueRequest> RefuseAsync(Guid id, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, async (db, request, who, now) =>
        {
            request.Refuse(reason, who, now);
            var booking = request.BookingId is { } b ? await db.RoomBookings.AsNoTracking().SingleOrDefaultAsync(x => x.Id == b, ct) : null;
            return booking is null ? null : (booking, $"您的申请不予办理：{request.Answer}");
        }, ct);

    private async Task<VenueRequest> ChangeAsync(Guid id,
        Func<TradingOpsDbContext, VenueRequest, string, DateTimeOffset, Task<(RoomBooking Booking, string Detail)?>> change, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.VenueRequests.SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new DomainException("Request.NotFound", "申请不存在");
        var notice = await change(db, request, who.Name, now);
        if (notice is { } n)
        {
            var room = await db.Rooms.Where(r => r.Id == n.Booking.RoomId).Select(r => r.Name).SingleAsync(ct);
            db.OutboxMessages.AddRange(BookingNotices.For(NotificationKind.RequestAnswered, n.Booking, room, await Floor.BookingOutbox.CenterNameAsync(db, ct), now, n.Detail));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Request.Concurrent", "该申请刚被其他人处理，请刷新后查看");
        }
        await PublishAsync(request, ct);
        return request;
    }


    private ValueTask PublishAsync(VenueRequest request, CancellationToken ct) =>
        live.PublishAsync(new VenueRequestChanged(clock.GetUtcNow(), request.ToRow()), ct);

    // ---- the registration desk's hooks (called inside its transactions; the caller publishes after commit) ----

    /// <summary>A submitted registration that asks for rooms becomes a booking request (one per registration, its first slot shown).</summary>
    public static VenueRequest? ForSubmittedRegistration(TradingOpsDbContext db, Registration registration, VenueRequestOptions o,
        WorkdayCalendar calendar, DateTimeOffset now)
    {
        if (registration.Slots.Count == 0) return null;
        var first = registration.Slots.OrderBy(s => s.Start).First();
        var more = registration.Slots.Count > 1
            ? string.Join("；", registration.Slots.OrderBy(s => s.Start).Select(s => $"{s.Purpose} {BookingNotices.Slot(s.Start, s.End)}"))
            : first.Purpose;
        var request = new VenueRequest(VenueRequestKind.Booking, VenueRequestSource.Registration, registration.Code,
            PlainText.Truncate(registration.ProjectName, VenueRequest.TextMaxLength),
            registration.Agency is null ? null : PlainText.Truncate(registration.Agency, 100),
            registration.ContactName is null ? null : PlainText.Truncate(registration.ContactName, 50), null, PurposeOf(first.Purpose), null, first.RoomId,
            first.Start, first.End, null, PlainText.Truncate($"进场登记申请场地 {registration.Slots.Count} 处：{more}", VenueRequest.DetailsMaxLength),
            PlainText.Truncate(registration.SubmittedBy, 100), now, o.DueAt(VenueRequestKind.Booking, now, calendar), registration.Id);
        db.VenueRequests.Add(request);
        return request;
    }

    /// <summary>The acceptance confirmed (or left for approval) the registration's rooms: its open request is answered with them.</summary>
    public static async Task<VenueRequest?> AnswerForRegistrationAsync(TradingOpsDbContext db, Guid registrationId, IReadOnlyList<RoomBooking> bookings,
        string by, DateTimeOffset now, CancellationToken ct)
    {
        var request = await db.VenueRequests.Where(r => r.RegistrationId == registrationId && r.Status == VenueRequestStatus.Open)
            .OrderByDescending(r => r.ReceivedAt).FirstOrDefaultAsync(ct);
        if (request is null || bookings.Count == 0) return null;
        var waiting = bookings.Count(b => b.Status == BookingStatus.Requested);
        request.MarkAnswered(bookings.OrderBy(b => b.StartsAt).First().Id,
            waiting > 0 ? $"登记办结，{bookings.Count} 处场地已预约，其中 {waiting} 处待主管审批确认" : $"登记办结，{bookings.Count} 处场地已确认", by, now);
        return request;
    }

    /// <summary>The registration was returned or rejected: its open request is closed with the reason.</summary>
    public static async Task<VenueRequest?> CloseForRegistrationAsync(TradingOpsDbContext db, Guid registrationId, string reason,
        string by, DateTimeOffset now, CancellationToken ct)
    {
        var request = await db.VenueRequests.Where(r => r.RegistrationId == registrationId && r.Status == VenueRequestStatus.Open)
            .OrderByDescending(r => r.ReceivedAt).FirstOrDefaultAsync(ct);
        request?.Withdraw(reason, by, now);
        return request;
    }

    private static BookingPurpose PurposeOf(string purpose) =>
        purpose.Contains("跨夜") || purpose.Contains("隔夜") ? BookingPurpose.OvernightEvaluation
        : purpose.Contains("评") ? BookingPurpose.Evaluation
        : purpose.Contains("谈判") || purpose.Contains("磋商") || purpose.Contains("澄清") ? BookingPurpose.Negotiation
        : BookingPurpose.BidOpening;
}
