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

    /// <summary>Refused as an obvious duplicate of this open registration (same initiator, project name and category).</summary>
    public Guid? DuplicateOf { get; init; }

    /// <summary>A repeated Idempotency-Key with the same body: <see cref="Id"/> is the registration the first request created.</summary>
    public bool Replayed { get; init; }

    /// <summary>The Idempotency-Key was already used by this user for a different body.</summary>
    public bool KeyReused { get; init; }

    /// <summary>What the clerk is told besides "done" (e.g. rooms booked but left for a supervisor's approval).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static RegistrationOutcome Duplicate(Guid existing, string code) =>
        Refused($"该项目已有一份未办结的登记（{code}），同一招标人/采购人的同名同类项目不能重复登记，请在原登记上继续办理") with { DuplicateOf = existing };
}

/// <summary>The client's Idempotency-Key for a submission: who sent it, the key, and a hash of the body it came with.</summary>
public sealed record IdempotencyClaim(string UserId, string Key, string RequestHash);

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
    TimeProvider clock,
    IOptions<TradingOps.Core.Venue.VenueRequestOptions>? venueRequests = null)
{
    /// <summary>The clocks of the venue requests a registration that asks for rooms opens (issue 17).</summary>
    private TradingOps.Core.Venue.VenueRequestOptions RequestClocks => venueRequests?.Value ?? new();

    public ServiceTimePolicy Policy => options.Value.Policy();

    /// <summary>
    /// Registers the draft once. With an <paramref name="idempotency"/> claim, a key already used by the same user
    /// returns the registration it created (same body) or is refused (another body), and the key is saved with the
    /// registration in one transaction. An open registration of the same project by the same initiator is refused
    /// as a duplicate. Both hold under concurrent submissions: they rest on unique indexes, not on a prior read.
    /// </summary>
    public async Task<RegistrationOutcome> SubmitAsync(RegistrationDraft draft, RegistrationChannel channel, CancellationToken ct = default,
        IdempotencyClaim? idempotency = null)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (idempotency is not null && await PriorAsync(db, idempotency, now, ct) is { } prior) return prior;
        var errors = draft.Validate(now);
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
            // A request with the same key may have finished since the first look: its answer comes first.
            if (await OpenDuplicateAsync(db, registration.OpenKey, ct) is { } open)
                return idempotency is not null && await PriorAsync(db, idempotency, now, ct) is { } replay ? replay : open;
            db.Registrations.Add(registration);
            var venueRequest = Venue.VenueRequestService.ForSubmittedRegistration(db, registration, RequestClocks, calendar, now);
            if (idempotency is not null)
            {
                // Keys live a day; an expired one may be used again.
                await db.IdempotentRequests.Where(k => k.ExpiresAt <= now).ExecuteDeleteAsync(ct);
                db.IdempotentRequests.Add(new IdempotentRequest
                {
                    UserId = idempotency.UserId, Key = idempotency.Key, RequestHash = idempotency.RequestHash,
                    RegistrationId = registration.Id, CreatedAt = now, ExpiresAt = now + IdempotentRequest.Lifetime,
                });
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request got there first (same key, or the same project at the same moment): answer as if
                // this one had arrived after it. Anything else (a genuine fault) goes on up.
                db.ChangeTracker.Clear();
                if (idempotency is not null && await PriorAsync(db, idempotency, now, ct) is { } first) return first;
                if (await OpenDuplicateAsync(db, registration.OpenKey, ct) is { } duplicate) return duplicate;
                throw;
            }
            await PublishAsync(registration);
            if (venueRequest is not null) await PublishAsync([venueRequest]);
            return RegistrationOutcome.Done(registration.Id);
        }
        catch (DomainException ex)
        {
            return RegistrationOutcome.Refused(ex.Message);
        }
    }

    private static async Task<RegistrationOutcome?> PriorAsync(TradingOpsDbContext db, IdempotencyClaim claim, DateTimeOffset now, CancellationToken ct)
    {
        var prior = await db.IdempotentRequests.AsNoTracking()
            .Where(k => k.UserId == claim.UserId && k.Key == claim.Key && k.ExpiresAt > now)
            .Select(k => new { k.RequestHash, k.RegistrationId }).FirstOrDefaultAsync(ct);
        if (prior is null) return null;
        return prior.RequestHash == claim.RequestHash
            ? RegistrationOutcome.Done(prior.RegistrationId) with { Replayed = true }
            : RegistrationOutcome.Refused("此 Idempotency-Key 已用于内容不同的另一次登记：新的登记请使用新的 Idempotency-Key") with { KeyReused = true };
    }

    private static async Task<RegistrationOutcome?> OpenDuplicateAsync(TradingOpsDbContext db, string? openKey, CancellationToken ct)
    {
        if (openKey is null) return null;
        var open = await db.Registrations.AsNoTracking().Where(r => r.OpenKey == openKey)
            .Select(r => new { r.Id, r.Code }).FirstOrDefaultAsync(ct);
        return open is null ? null : RegistrationOutcome.Duplicate(open.Id, open.Code);
    }

    public Task<RegistrationOutcome> StartReviewAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, async (r, db, now, _) => r.StartReview(await ActorNameAsync(db, ct), now), ct);

    public Task<RegistrationOutcome> ReturnAsync(Guid id, IReadOnlyList<DeficiencyItem> items, CancellationToken ct = default) =>
        ChangeAsync(id, async (r, db, now, calendar) =>
        {
            var clerk = await ActorNameAsync(db, ct);
            var notice = r.Return(items, clerk, now, await NoticeTermsAsync(db, now, calendar, ct));
            db.DeficiencyNotices.Add(notice);
            await Venue.VenueRequestService.CloseForRegistrationAsync(db, r.Id, "登记被退回补正，补正后重新计时", clerk, now, ct);
        }, ct);

    public Task<RegistrationOutcome> MarkNoticeSentAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, (r, _, now, _) => { r.MarkNoticeSent(now); return Task.CompletedTask; }, ct);

    public Task<RegistrationOutcome> ResubmitAsync(Guid id, IReadOnlyList<string> materials, CancellationToken ct = default) =>
        ChangeAsync(id, (r, db, now, calendar) =>
        {
            r.Resubmit(materials, now, Policy.DueAt(now, calendar));
            Venue.VenueRequestService.ForSubmittedRegistration(db, r, RequestClocks, calendar, now);
            return Task.CompletedTask;
        }, ct);

    public Task<RegistrationOutcome> RejectAsync(Guid id, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, async (r, db, now, _) =>
        {
            r.Reject(reason, now);
            await Venue.VenueRequestService.CloseForRegistrationAsync(db, r.Id, $"登记不予受理：{PlainText.Truncate(reason, 150)}", await ActorNameAsync(db, ct), now, ct);
        }, ct);

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
                // 项目编号 from the one format (Core ProjectCodes): the next number of the category's series this month.
                var series = ProjectCodes.Series(r.Category, now);
                var taken = await db.TradingProjects.Where(p => p.Code.StartsWith(series)).Select(p => p.Code).ToListAsync(ct);
                var project = new TradingProject(ProjectCodes.Next(r.Category, now, ProjectCodes.LastNumbers(taken)), r.ProjectName, r.Category, r.Method, r.Initiator, r.Agency,
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
                var booked = db.RoomBookings.Local.Where(b => b.ProjectId == project.Id).ToList();
                var answered = await Venue.VenueRequestService.AnswerForRegistrationAsync(db, r.Id, booked, await ActorNameAsync(db, ct), now, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                afterCommit = answered is null ? unit.AfterCommit : [.. unit.AfterCommit, new TradingOps.Core.Venue.VenueRequestChanged(now, answered.ToRow())];
                accepted = r;
                return RegistrationOutcome.Done(r.Id) with { Notes = [.. unit.Notes] };
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
        List<TradingOps.Core.Venue.VenueRequest> requests;
        try
        {
            await change(registration, db, clock.GetUtcNow(), calendar);
            requests = db.ChangeTracker.Entries<TradingOps.Core.Venue.VenueRequest>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity).ToList();
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            return RegistrationOutcome.Refused(ex.Message);
        }
        await PublishAsync(registration);
        await PublishAsync(requests);
        return RegistrationOutcome.Done(id);
    }

    /// <summary>
    /// The one generator of notice numbers (<see cref="NoticeNumber"/>): the day's next running number; the unique
    /// index on the number refuses a duplicate should two clerks return files in the same instant. The deadline is
    /// Registration:ResubmitWithinWorkingDays working days after today on the holiday calendar.
    /// </summary>
    internal async Task<NoticeTerms> NoticeTermsAsync(TradingOpsDbContext db, DateTimeOffset now, WorkdayCalendar calendar, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var prefix = NoticeNumber.DayPrefix(day);
        var taken = await db.DeficiencyNotices.Where(n => n.Number != null && n.Number.StartsWith(prefix)).Select(n => n.Number!).ToListAsync(ct);
        var next = taken.Select(n => int.TryParse(n[prefix.Length..], out var k) ? k : 0).DefaultIfEmpty(0).Max() + 1;
        var days = options.Value.ResubmitWithinWorkingDays;
        return new NoticeTerms(NoticeNumber.Format(day, next), days, calendar.AddWorkingDays(day, days));
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

    private async Task PublishAsync(IEnumerable<TradingOps.Core.Venue.VenueRequest> requests)
    {
        foreach (var request in requests)
            await live.PublishAsync(new TradingOps.Core.Venue.VenueRequestChanged(clock.GetUtcNow(), request.ToRow()));
    }

    private ValueTask PublishAsync(Registration r) =>
        live.PublishAsync(new RegistrationChanged(clock.GetUtcNow(), PendingRegistrationRow.Of(r)));
}
