using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;

namespace TradingOps.Tests.Fixtures;

/// <summary>Window counters of a test's own on the demo center, so the demo queue and other tests do not get in the way.</summary>
public static class TestCounters
{
    private static readonly SemaphoreSlim Lock = new(1, 1);

    /// <summary>A new service type (an unused prefix letter) and a window serving only it; the node's queue model is told.</summary>
    public static async Task<(string Prefix, int Window)> NewAsync(IServiceProvider services)
    {
        await Lock.WaitAsync();
        try
        {
            await using var db = await services.NewContextAsync();
            var used = await db.ServiceTypes.Select(t => t.Prefix).ToListAsync();
            var prefix = "ZYXWVUTSRQ".First(p => !used.Contains(p.ToString())).ToString();
            var type = new ServiceType(prefix, "测试业务" + prefix, 90);
            var zone = await db.ServiceWindows.GroupBy(w => w.ZoneId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            var number = 90 + used.Count;
            db.AddRange(type, new ServiceWindow(zone, number, $"{number}号窗口", [type]));
            await db.SaveChangesAsync();
            // Set up in the database directly: say so, as the queue set-up page does, so the node's queue model reads it.
            await services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new QueueSetupChanged(DateTimeOffset.UtcNow));
            await services.GetRequiredService<TradingOps.Web.Live.LiveEventBus>().DeliveredAsync();
            return (prefix, number);
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>Signs off every window the demo account's staff record sits at (one clerk sits at one window).</summary>
    public static async Task SignOffEverywhereAsync(IServiceProvider services, string userName)
    {
        await using var db = await services.NewContextAsync();
        var staffIds = await db.Users.Where(u => u.UserName == userName)
            .Join(db.Staff, u => u.Id, s => s.UserId, (u, s) => s.Id).ToListAsync();
        foreach (var window in await db.ServiceWindows.Where(w => w.ClerkStaffId != null && staffIds.Contains(w.ClerkStaffId.Value)).ToListAsync())
            window.SignOff();
        await db.SaveChangesAsync();
    }
}
