using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Floor;

/// <summary>A room, or <paramref name="SeatsOut"/> of its evaluation seats (null: the whole room), out of service for [From, Until).</summary>
public sealed record OutageRequest(Guid RoomId, DateTimeOffset From, DateTimeOffset Until, int? SeatsOut, string Reason);

/// <summary>A booking hit (or at risk) and where it could go: no proposal when it has started or nothing fits within the search.</summary>
public sealed record ProposalRow(RoomBooking Booking, string RoomName, Proposal? Proposal, string? TargetRoomName, string? TargetZoneName);

/// <summary>An outage, its room, and every booking it hits with a proposal each.</summary>
public sealed record OutageImpact(RoomOutage Outage, Room Room, IReadOnlyList<ProposalRow> Rows);

/// <summary>An overrunning session, until when it is taken to hold its room, and the later bookings it puts at risk.</summary>
public sealed record OverrunImpact(Room Room, RoomBooking Running, DateTimeOffset ProjectedEnd, IReadOnlyList<ProposalRow> Rows);

/// <summary>An outage as the list shows it.</summary>
public sealed record OutageListRow(RoomOutage Outage, string RoomCode, string RoomName, string ZoneName);

/// <summary>
/// Accepting proposals: either every proposal was applied (<see cref="Moved"/>), or none was and <see cref="Message"/>
/// says why and <see cref="Fresh"/> holds new proposals for the same bookings.
/// </summary>
public sealed record AcceptOutcome(bool Accepted, IReadOnlyList<RoomBooking> Moved, string? Message, IReadOnlyList<ProposalRow> Fresh);

/// <summary>
/// Rooms and seats out of service (停用) and what they do to the bookings: an outage is registered under its room's
/// lock with the bookings it hits and a proposal for each (<see cref="Proposals"/>), offered to the agencies through the
/// outbox in the same transaction; proposals are accepted one or all at once in one transaction that locks every room
/// involved (in Guid order) and re-checks each target against the bookings as they are now. If another desk took a
/// target a moment earlier, nothing of the accept is saved and the caller gets fresh proposals. The same proposals
/// serve the later bookings put at risk by an overrunning session.
/// </summary>
public sealed class OutageService(
    IDbContextFactory<TradingOpsDbContext> factory,
    ICurrentActor actor,
    ILiveEventPublisher live,
    TimeProvider clock,
    IOptions<FloorOptions> options)
{
    private static readonly BookingStatus[] Holding = RoomBooking.HoldingStatuses;

    /// <summary>Outages not yet over (active now or planned), earliest first.</summary>
    public async Task<IReadOnlyList<OutageListRow>> CurrentAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.RoomOutages.AsNoTracking().Where(o => o.Until > now)
            .Join(db.Rooms, o => o.RoomId, r => r.Id, (o, r) => new { o, r })
            .Join(db.Zones, x => x.r.ZoneId, z => z.Id, (x, z) => new { x.o, x.r, z })
            .ToListAsync(ct);
        return rows.Where(x => x.o.EffectiveUntil > now).OrderBy(x => x.o.From).ThenBy(x => x.r.Code)
            .Select(x => new OutageListRow(x.o, x.r.Code, x.r.Name, x.z.Name)).ToList();
    }

    /// <summary>Rooms that can be taken out of service, by zone and code.</summary>
    public async Task<IReadOnlyList<Room>> RoomsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Rooms.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
    }

    /// <summary>
    /// Registers the outage (refused: end before start, a period already over, an overlap with another outage of the
    /// room) and returns the bookings it hits with a proposal each; each hit booking's contact is told in the same
    /// transaction (ProposalOffered). Published to every node's floor after commit.
    /// </summary>
    public async Task<OutageImpact> CreateAsync(OutageRequest request, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var now = clock.GetUtcNow();
        OutageImpact? impact = null;
        await InTransactionAsync([request.RoomId], async db =>
        {
            var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.RoomId, ct)
                ?? throw new DomainException("Outage.RoomNotFound", "场地不存在");
            var outage = new RoomOutage(room, request.From, request.Until, request.SeatsOut, request.Reason, who.Name, now);
            if (outage.Until <= now)
                throw new DomainException("Outage.InPast", "停用时段已经过去，不能登记");
            var overlapping = (await db.RoomOutages.AsNoTracking()
                    .Where(o => o.RoomId == room.Id && o.From < outage.Until && o.Until > outage.From).ToListAsync(ct))
                .Where(o => o.EffectiveUntil > outage.From).OrderBy(o => o.From).FirstOrDefault();
            if (overlapping is not null)
                throw new DomainException("Outage.Overlap",
                    $"{room.Name} 在 {Local(overlapping.From)} 至 {Local(overlapping.EffectiveUntil)} 已有停用登记（{overlapping.Reason}），时段不能重叠");
            db.RoomOutages.Add(outage);

            impact = await ImpactAsync(db, outage, room, now, ct);
            var center = await BookingOutbox.CenterNameAsync(db, ct);
            foreach (var row in impact.Rows)
            {
                var detail = row.Proposal is { } p
                    ? $"{room.Name} 停用（{outage.Reason}），建议调整至 {row.TargetRoomName} {BookingNotices.Slot(p.StartsAt, p.EndsAt)}，请联系场地安排岗确认"
                    : $"{room.Name} 停用（{outage.Reason}），场地安排岗将与您联系另行安排";
                db.OutboxMessages.AddRange(BookingNotices.For(NotificationKind.ProposalOffered, row.Booking, room.Name, center, now, detail));
            }
        }, ct);
        await live.PublishAsync(new RoomOutageChanged(clock.GetUtcNow(), impact!.Outage.ToRow()), ct);
        return impact;
    }

    /// <summary>The outage with the bookings it hits now and fresh proposals for them; null for an unknown outage.</summary>
    public async Task<OutageImpact?> ImpactAsync(Guid outageId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var outage = await db.RoomOutages.AsNoTracking().SingleOrDefaultAsync(o => o.Id == outageId, ct);
        if (outage is null) return null;
        var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == outage.RoomId, ct);
        return await ImpactAsync(db, outage, room, clock.GetUtcNow(), ct);
    }

    /// <summary>Ends the outage now (the room is back early); published to every node's floor after commit.</summary>
    public async Task<RoomOutage> ReturnToServiceAsync(Guid outageId, CancellationToken ct = default)
    {
        var roomId = await RoomOfOutageAsync(outageId, ct);
        RoomOutage? outage = null;
        await InTransactionAsync([roomId], async db =>
        {
            outage = await db.RoomOutages.SingleAsync(o => o.Id == outageId, ct);
            outage.ReturnToService(clock.GetUtcNow());
        }, ct);
        await live.PublishAsync(new RoomOutageChanged(clock.GetUtcNow(), outage!.ToRow()), ct);
        return outage;
    }

    /// <summary>Every overrunning session with the later bookings of its room it puts at risk, and a proposal for each
    /// (proposals of all overruns planned together, so none collide).</summary>
    public async Task<IReadOnlyList<OverrunImpact>> OverrunsAsync(Guid? roomId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var runningQuery = db.RoomBookings.AsNoTracking()
            .Where(b => Holding.Contains(b.Status) && (b.Phase == SessionPhase.InSession || b.Phase == SessionPhase.Suspended) && b.EndsAt < now);
        if (roomId is { } only) runningQuery = runningQuery.Where(b => b.RoomId == only);
        var running = (await runningQuery.ToListAsync(ct)).Where(b => Proposals.Overruns(b, now)).OrderBy(b => b.EndsAt).ToList();
        if (running.Count == 0) return [];
        var rooms = await db.Rooms.AsNoTracking().ToListAsync(ct);
        var horizon = running.Max(r => Proposals.RiskHorizon(r, now)).AddHours(2);
        var runningRooms = running.Select(r => r.RoomId).ToList();
        var later = await db.RoomBookings.AsNoTracking()
            .Where(b => runningRooms.Contains(b.RoomId) && Holding.Contains(b.Status) && b.Phase == SessionPhase.NotStarted && b.StartsAt < horizon && b.EndsAt > now)
            .ToListAsync(ct);
        var atRisk = running.Select(r => (Running: r, Hit: Proposals.AtRisk(r, later, now))).ToList();
        var hit = atRisk.SelectMany(x => x.Hit).DistinctBy(b => b.Id).ToList();
        var plan = await PlanAsync(db, rooms, hit, now, ct);
        return atRisk.Select(x =>
        {
            var room = rooms.Single(r => r.Id == x.Running.RoomId);
            return new OverrunImpact(room, x.Running, Proposals.ProjectedEnd(x.Running, now), Rows(x.Hit, rooms, plan));
        }).ToList();
    }

    /// <summary>
    /// Accepts the proposals (one, or all of a list) in one transaction: every room involved is locked in Guid order, each
    /// target re-checked against the bookings and outages as they are now (the proposals accepted before it in the same
    /// call included), the bookings moved and their contacts told (ProposalAccepted). If a target was taken meanwhile,
    /// nothing is saved and the outcome carries fresh proposals for the same bookings and a message naming the booking.
    /// Other bad input (a booking started, cancelled or gone) is refused with a <see cref="DomainException"/>, nothing saved.
    /// </summary>
    public async Task<AcceptOutcome> AcceptAsync(IReadOnlyList<Proposal> proposals, CancellationToken ct = default)
    {
        if (proposals.Count == 0) throw new DomainException("Proposal.None", "没有要接受的建议");
        if (proposals.Select(p => p.BookingId).Distinct().Count() != proposals.Count)
            throw new DomainException("Proposal.Duplicate", "同一预约只能接受一条建议");
        var ids = proposals.Select(p => p.BookingId).ToList();
        List<Guid> sources;
        await using (var db = await factory.CreateDbContextAsync(ct))
            sources = await db.RoomBookings.Where(b => ids.Contains(b.Id)).Select(b => b.RoomId).ToListAsync(ct);
        if (sources.Count != ids.Count) throw new DomainException("Booking.NotFound", "预约不存在");

        var now = clock.GetUtcNow();
        var moved = new List<(RoomBooking Booking, BookingSlot Before)>();
        string? stale = null;
        try
        {
            await InTransactionAsync(sources.Concat(proposals.Select(p => p.RoomId)), async db =>
            {
                moved.Clear();
                var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
                var bookings = await db.RoomBookings.Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
                var from = proposals.Min(p => p.StartsAt).AddHours(-RoomBooking.MaxOvernightDuration.TotalHours - 4);
                var until = proposals.Max(p => p.EndsAt).AddHours(4);
                var targetRooms = proposals.Select(p => p.RoomId).Distinct().ToList();
                var current = (await HoldingAsync(db, targetRooms, from, until, ct)).Select(b => Proposals.AsProjected(b, now)).ToList();
                var outages = await OutagesAsync(db, targetRooms, from, until, ct);
                var center = await BookingOutbox.CenterNameAsync(db, ct);
                foreach (var proposal in proposals.OrderBy(p => bookings[p.BookingId].StartsAt))
                {
                    var booking = bookings[proposal.BookingId];
                    if (!rooms.TryGetValue(proposal.RoomId, out var target))
                        throw new DomainException("Booking.RoomNotFound", "场地不存在");
                    if (!booking.HoldsRoom || booking.Phase != SessionPhase.NotStarted)
                        throw new DomainException("Proposal.BookingClosed", $"预约 {booking.Label} 已开始、结束或取消，不能按建议调整");
                    if (!Proposals.StillFree(proposal, booking, target, current, outages, options.Value.OpeningHours, now))
                    {
                        stale = booking.Label;
                        throw new StaleProposal();
                    }
                    var before = new BookingSlot(booking.RoomId, booking.StartsAt, booking.EndsAt);
                    booking.MoveTo(target, proposal.StartsAt, proposal.EndsAt);
                    current.RemoveAll(b => b.Id == booking.Id);
                    current.Add(booking);
                    moved.Add((booking, before));
                    var detail = $"原 {rooms[before.RoomId].Name} {BookingNotices.Slot(before.StartsAt, before.EndsAt)}";
                    db.OutboxMessages.AddRange(BookingNotices.For(NotificationKind.ProposalAccepted, booking, target.Name, center, now, detail));
                }
            }, ct);
        }
        catch (StaleProposal)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var rooms = await db.Rooms.AsNoTracking().ToListAsync(ct);
            var hit = await db.RoomBookings.AsNoTracking().Where(b => ids.Contains(b.Id)).ToListAsync(ct);
            var plan = await PlanAsync(db, rooms, hit, clock.GetUtcNow(), ct);
            return new AcceptOutcome(false, [],
                $"预约 {stale} 的建议时段刚刚已被占用（可能另一岗位接受了同一时段），本次调整均未保存；已重新生成建议，请确认后再接受",
                Rows(hit.OrderBy(b => b.StartsAt).ToList(), rooms, plan));
        }
        var at = clock.GetUtcNow();
        foreach (var (booking, before) in moved)
            await live.PublishAsync(new BookingMoved(at, booking.ToRow(), before), ct);
        return new AcceptOutcome(true, moved.Select(m => m.Booking).ToList(), null, []);
    }

    private sealed class StaleProposal : Exception;

    private async Task<OutageImpact> ImpactAsync(TradingOpsDbContext db, RoomOutage outage, Room room, DateTimeOffset now, CancellationToken ct)
    {
        var from = outage.From.AddHours(-RoomBooking.MaxOvernightDuration.TotalHours - 4);
        var until = outage.EffectiveUntil.AddHours(4);
        var hit = (await HoldingAsync(db, [room.Id], from, until, ct))
            .Where(b => b.EndsAt > now && Availability.Blocks(outage, room, b.Purpose, b.Attendees) && outage.Covers(b.OccupiedFrom, b.OccupiedUntil))
            .OrderBy(b => b.StartsAt).ToList();
        var rooms = await db.Rooms.AsNoTracking().ToListAsync(ct);
        var plan = await PlanAsync(db, rooms, hit, now, ct, outage);
        return new OutageImpact(outage, room, Rows(hit, rooms, plan));
    }

    /// <summary>
    /// Proposals for the bookings, planned together against every room's holding bookings (overrunning sessions as
    /// projected) and outages around them (plus <paramref name="extra"/>, an outage not saved yet).
    /// </summary>
    private async Task<IReadOnlyList<Proposal>> PlanAsync(TradingOpsDbContext db, IReadOnlyList<Room> rooms, IReadOnlyList<RoomBooking> hit,
        DateTimeOffset now, CancellationToken ct, RoomOutage? extra = null)
    {
        if (hit.Count == 0) return [];
        var from = hit.Min(b => b.StartsAt).AddHours(-RoomBooking.MaxOvernightDuration.TotalHours - 4);
        var until = hit.Max(b => b.EndsAt).AddDays(Proposals.SearchDays + 2);
        var bookings = (await HoldingAsync(db, null, from, until, ct)).Select(b => Proposals.AsProjected(b, now)).ToList();
        var outages = await OutagesAsync(db, null, from, until, ct);
        if (extra is not null && outages.All(o => o.Id != extra.Id)) outages.Add(extra);
        return Proposals.Plan(hit, rooms, bookings, outages, options.Value.OpeningHours, now);
    }

    private static List<ProposalRow> Rows(IReadOnlyList<RoomBooking> hit, IReadOnlyList<Room> rooms, IReadOnlyList<Proposal> plan) =>
        hit.Select(b =>
        {
            var p = plan.FirstOrDefault(x => x.BookingId == b.Id);
            var target = p is null ? null : rooms.First(r => r.Id == p.RoomId);
            return new ProposalRow(b, rooms.First(r => r.Id == b.RoomId).Name, p, target?.Name, null);
        }).ToList();

    private static async Task<List<RoomBooking>> HoldingAsync(TradingOpsDbContext db, IReadOnlyList<Guid>? roomIds, DateTimeOffset from,
        DateTimeOffset until, CancellationToken ct)
    {
        var query = db.RoomBookings.AsNoTracking()
            .Where(b => Holding.Contains(b.Status) && ((b.StartsAt < until && b.EndsAt > from) || b.Phase == SessionPhase.InSession || b.Phase == SessionPhase.Suspended));
        if (roomIds is not null) query = query.Where(b => roomIds.Contains(b.RoomId));
        return await query.ToListAsync(ct);
    }

    private static async Task<List<RoomOutage>> OutagesAsync(TradingOpsDbContext db, IReadOnlyList<Guid>? roomIds, DateTimeOffset from,
        DateTimeOffset until, CancellationToken ct)
    {
        var query = db.RoomOutages.AsNoTracking().Where(o => o.From < until && o.Until > from);
        if (roomIds is not null) query = query.Where(o => roomIds.Contains(o.RoomId));
        return (await query.ToListAsync(ct)).Where(o => o.EffectiveUntil > from).ToList();
    }


    private async Task<Guid> RoomOfOutageAsync(Guid outageId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RoomOutages.Where(o => o.Id == outageId).Select(o => (Guid?)o.RoomId).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("Outage.NotFound", "停用登记不存在");
    }

    /// <summary>The work in one transaction that first locks the rooms (see <see cref="BookingService.InRoomsLockAsync{T}"/>).</summary>
    private Task InTransactionAsync(IEnumerable<Guid> roomIds, Func<TradingOpsDbContext, Task> work, CancellationToken ct) =>
        BookingService.InRoomsLockAsync(factory, roomIds, async db => { await work(db); return true; }, ct);

    private static string Local(DateTimeOffset t) => $"{CenterTime.ToLocal(t):yyyy-MM-dd HH:mm}";
}
