using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;

namespace TradingOps.Data.Queue;

/// <summary>Admins maintain the service types (业务类型) and which types each window serves.</summary>
public sealed class QueueSetupService(IDbContextFactory<TradingOpsDbContext> factory, ILiveEventPublisher live, TimeProvider clock)
{
    public async Task<Guid> AddTypeAsync(string prefix, string name, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var order = await db.ServiceTypes.Select(t => (int?)t.SortOrder).MaxAsync(ct) ?? 0;
        var type = new ServiceType(prefix, name, order + 1);
        if (await db.ServiceTypes.AnyAsync(t => t.Prefix == type.Prefix, ct))
            throw new DomainException("ServiceType.PrefixTaken", $"号码前缀 {type.Prefix} 已被使用");
        db.ServiceTypes.Add(type);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new QueueSetupChanged(clock.GetUtcNow()), ct);
        return type.Id;
    }

    public Task RenameTypeAsync(Guid id, string name, CancellationToken ct = default) => ChangeTypeAsync(id, t => t.Rename(name), ct);

    public Task SetTypeActiveAsync(Guid id, bool active, CancellationToken ct = default) =>
        ChangeTypeAsync(id, t => { if (active) t.Activate(); else t.Deactivate(); }, ct);

    private async Task ChangeTypeAsync(Guid id, Action<ServiceType> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var type = await db.ServiceTypes.SingleOrDefaultAsync(t => t.Id == id, ct)
                   ?? throw new DomainException("ServiceType.Unknown", "没有这种业务");
        change(type);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new QueueSetupChanged(clock.GetUtcNow()), ct);
    }

    public async Task SetWindowTypesAsync(Guid windowId, IReadOnlyCollection<Guid> typeIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var window = await db.ServiceWindows.Include(w => w.ServiceTypes).SingleOrDefaultAsync(w => w.Id == windowId, ct)
                     ?? throw new DomainException("ServiceWindow.Unknown", "没有这个窗口");
        var types = await db.ServiceTypes.Where(t => typeIds.Contains(t.Id)).ToListAsync(ct);
        window.Serve(types);
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new WindowStateChanged(clock.GetUtcNow(), windowId), ct);
    }

    public async Task SetWindowInServiceAsync(Guid windowId, bool inService, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var window = await db.ServiceWindows.SingleOrDefaultAsync(w => w.Id == windowId, ct)
                     ?? throw new DomainException("ServiceWindow.Unknown", "没有这个窗口");
        if (inService) window.Open();
        else
        {
            if (await db.QueueTickets.AnyAsync(t => t.WindowId == windowId
                    && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving || t.Status == TicketStatus.Held), ct))
                throw new DomainException("ServiceWindow.HasVisitor", $"{window.Number} 号窗口还有正在办理的号，办结或转移后才能停用");
            window.SignOff();
            window.Close();
        }
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new WindowStateChanged(clock.GetUtcNow(), windowId), ct);
    }
}
