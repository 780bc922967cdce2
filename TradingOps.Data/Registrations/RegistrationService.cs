using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Live;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;

namespace TradingOps.Data.Registrations;

/// <summary>The result of a desk action: done, refused with field messages, refused by a rule, or blocked by room conflicts.</summary>
public sealed record RegistrationOutcome(Guid? Id, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<BookingConflict> Conflicts)
{
    public bool Succeeded => Errors.Count == 0 && Conflicts.Count == 0;
    public static RegistrationOutcome Done(Guid id) => new(id, new Dictionary<string, string[]>(), []);
    public static RegistrationOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors, []);
    public static RegistrationOutcome Refused(string message) => Invalid(new Dictionary<string, string[]> { [""] = [message] });
    public static RegistrationOutcome Blocked(IReadOnlyList<BookingConflict> conflicts) => new(null, new Dictionary<string, string[]>(), conflicts);
    public string? Message => Errors.TryGetValue("", out var m) ? m[0] : Errors.Values.FirstOrDefault()?.FirstOrDefault();
}

public sealed record AcceptRequest(Guid ResponsibleStaffId, string? PointsToObserve, ConditionalAcceptance? Conditional);

/// <summary>
/// The registration desk's commands: each one a short-lived context and one transaction, then a
/// <see cref="RegistrationChanged"/> event. Rule violations come back as Chinese messages, never exceptions.
/// </summary>
public sealed class RegistrationService(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    IRoomBookingPort booking,
    ILiveEventPublisher live,
    ICurrentActor actor,
    IOptions<RegistrationOptions> options,
    TimeProvider clock)
{
    public ServiceTimePolicy Policy => options.Value.Policy();

    public async Task<RegistrationOutcome> SubmitAsync(RegistrationDraft draft, RegistrationChannel channel, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var errors = draft.Validate(now);
        await using var db = await factory.CreateDbContextAsync(ct);
        var roomIds = draft.Slots.Where(s => s.RoomId is not null).Select(s => s.RoomId!.Value).Distinct().ToList();
        var known = await db.Rooms.Where(r => roomIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
        for (var i = 0; i < draft.Slots.Count; i++)
            if (draft.Slots[i].RoomId is { } room && room != Guid.Empty && !known.Contains(room))
                errors.TryAdd($"slots[{i}].roomId", ["场地不存在"]);
        if (errors.Count > 0) return RegistrationOutcome.Invalid(errors);

        var calendar = await calendars.GetAsync(ct);
        try
        {
            var code = $"DJ{CenterTime.ToLocal(now):yyyyMMdd}-{Random.Shared.Next(0, 1_000_000):D6}";
            var registration = new Registration(code, draft, channel, await ActorNameAsync(db, ct), now, Policy.DueAt(now, calendar));
            db.Registrations.Add(registration);
            await db.SaveChangesAsync(ct);
            await PublishAsync(registration);
            return RegistrationOutcome.Done(registration.Id);
        }
        catch (DomainException ex)
        {
            return RegistrationOutcome.Refused(ex.Message);
        }
    }

    public Task<RegistrationOutcome> StartReviewAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, async (r, db, now, _) => r.StartReview(await ActorNameAsync(db, ct), now), ct);

    public Task<RegistrationOutcome> ReturnAsync(Guid id, IReadOnlyList<DeficiencyItem> items, CancellationToken ct = default) =>
        ChangeAsync(id, async (r, db, now, _) =>
        {
            var notice = r.Return(items, await ActorNameAsync(db, ct), now);
            db.DeficiencyNotices.Add(notice);
        }, ct);

    public Task<RegistrationOutcome> MarkNoticeSentAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, (r, _, now, _) => { r.MarkNoticeSent(now); return Task.CompletedTask; }, ct);

    public Task<RegistrationOutcome> ResubmitAsync(Guid id, IReadOnlyList<string> materials, CancellationToken ct = default) =>
        ChangeAsync(id, (r, _, now, calendar) => { r.Resubmit(materials, now, Policy.DueAt(now, calendar)); return Task.CompletedTask; }, ct);

    public Task<RegistrationOutcome> RejectAsync(Guid id, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, (r, _, now, _) => { r.Reject(reason, now); return Task.CompletedTask; }, ct);

    public Task<RegistrationOutcome> GrantGreenChannelAsync(Guid id, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, (r, _, _, _) => { r.GrantGreenChannel(reason); return Task.CompletedTask; }, ct);

    public Task<RegistrationOutcome> ReceiveMissingMaterialsAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, (r, _, now, _) => { r.ReceiveMissingMaterials(now); return Task.CompletedTask; }, ct);

    /// <summary>Conflicts the clerk sees before accepting (nothing is saved).</summary>
    public async Task<IReadOnlyList<BookingConflict>> PreviewConflictsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return registration is null ? [] : await booking.FindConflictsAsync(id, registration.Slots, ct);
    }

    /// <summary>
    /// 办结: in one transaction the registration is accepted, its trading project created and its rooms booked
    /// through <see cref="IRoomBookingPort"/>; on any conflict everything is rolled back and the conflicts returned.
    /// </summary>
    public async Task<RegistrationOutcome> AcceptAsync(Guid id, AcceptRequest request, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        RegistrationOutcome outcome;
        Registration? accepted = null;
        IReadOnlyList<Core.Live.LiveEvent> afterCommit = [];
        try
        {
            outcome = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var r = await LoadAsync(db, id, ct);
                if (r is null) return RegistrationOutcome.Refused("登记不存在");
                var now = clock.GetUtcNow();
                if (!await db.Staff.AnyAsync(s => s.Id == request.ResponsibleStaffId && s.IsActive, ct))
                    return RegistrationOutcome.Invalid(new Dictionary<string, string[]> { ["responsibleStaffId"] = ["请选择在职的服务责任人"] });
                r.Accept(request.ResponsibleStaffId, request.PointsToObserve, request.Conditional, now);
                var project = new TradingProject($"XM{r.Code[2..]}", r.ProjectName, r.Category, r.Method, r.Initiator, r.Agency,
                    Math.Min(r.Amount, TradingProject.MaxAmount), request.ResponsibleStaffId, now);
                if (r.BidOpeningAt is { } opening && opening > now) project.ScheduleBidOpening(opening);
                db.TradingProjects.Add(project);
                r.LinkProject(project.Id);
                var unit = new EfAcceptanceUnitOfWork(db);
                var conflicts = await booking.BookAsync(unit, r, ct);
                if (conflicts.Count > 0)
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return RegistrationOutcome.Blocked(conflicts);
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                afterCommit = unit.AfterCommit;
                accepted = r;
                return RegistrationOutcome.Done(r.Id);
            });
        }
        catch (DomainException ex)
        {
            return RegistrationOutcome.Refused(ex.Message);
        }
        if (accepted is not null)
        {
            await PublishAsync(accepted);
            foreach (var change in afterCommit) await live.PublishAsync(change, ct);
        }
        return outcome;
    }

    private async Task<RegistrationOutcome> ChangeAsync(Guid id, Func<Registration, TradingOpsDbContext, DateTimeOffset, WorkdayCalendar, Task> change, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var registration = await LoadAsync(db, id, ct);
        if (registration is null) return RegistrationOutcome.Refused("登记不存在");
        try
        {
            await change(registration, db, clock.GetUtcNow(), calendar);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            return RegistrationOutcome.Refused(ex.Message);
        }
        await PublishAsync(registration);
        return RegistrationOutcome.Done(id);
    }

    private static Task<Registration?> LoadAsync(TradingOpsDbContext db, Guid id, CancellationToken ct) =>
        db.Registrations.Include(r => r.Notices).SingleOrDefaultAsync(r => r.Id == id, ct);

    private async Task<string> ActorNameAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        if (who.UserId is { } userId
            && await db.Staff.Where(s => s.UserId == userId).Select(s => s.Name).SingleOrDefaultAsync(ct) is { } name)
            return name;
        return PlainText.Truncate(who.Name, 50);
    }

    private ValueTask PublishAsync(Registration r) =>
        live.PublishAsync(new RegistrationChanged(clock.GetUtcNow(), r.Id, r.Code, r.Status));
}
