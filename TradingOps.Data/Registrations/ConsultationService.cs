using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Live;
using TradingOps.Core.Registrations;

namespace TradingOps.Data.Registrations;

public sealed record ConsultationDraft(ConsultationChannel Channel, string? Topic, string? Enquirer, string? Contact, string? Question,
    string? Answer, string? ReferTo, DateTimeOffset? FollowUpDueAt);

/// <summary>咨询登记: recorded by the first responder (the signed-in clerk), referred and followed up.</summary>
public sealed class ConsultationService(IDbContextFactory<TradingOpsDbContext> factory, ILiveEventPublisher live,
    ICurrentActor actor, TimeProvider clock)
{
    /// <summary>Records a consultation; null on success, else the Chinese reason.</summary>
    public async Task<string?> RecordAsync(ConsultationDraft d, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        Consultation c;
        try
        {
            c = new Consultation(d.Channel, d.Topic!, d.Enquirer!, d.Contact, d.Question!, d.Answer, await ResponderAsync(db, ct), now);
            if (!PlainText.IsBlank(d.ReferTo))
                c.Refer(d.ReferTo, d.FollowUpDueAt ?? throw new DomainException("Consultation.FollowUpDue", "转办时请填写回访期限"), now);
            else if (PlainText.IsBlank(d.Answer))
                return "请填写答复内容，或填写转办部门";
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
        db.Consultations.Add(c);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new ConsultationChanged(now, c.Id), ct);
        return null;
    }

    public async Task<string?> FollowUpAsync(Guid id, string note, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Consultations.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return "咨询记录不存在";
        try { c.FollowUp(note, clock.GetUtcNow()); }
        catch (DomainException ex) { return ex.Message; }
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new ConsultationChanged(clock.GetUtcNow(), c.Id), ct);
        return null;
    }

    public async Task<IReadOnlyList<Consultation>> RecentAsync(int take = 50, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Consultations.AsNoTracking().OrderByDescending(c => c.ReceivedAt).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
    }

    private async Task<string> ResponderAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        if (who.UserId is { } userId && await db.Staff.Where(s => s.UserId == userId).Select(s => s.Name).SingleOrDefaultAsync(ct) is { } name)
            return name;
        return PlainText.Truncate(who.Name, 50);
    }
}
