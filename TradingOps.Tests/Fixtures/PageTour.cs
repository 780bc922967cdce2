using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TradingOps.Data;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Fixtures;

/// <summary>One stop of a page tour: a routable page, a URL that opens it on the demo center, and who may open it.</summary>
public sealed record PageStop(string Template, string Url, IReadOnlyList<string> Accounts);

/// <summary>
/// Every routable page of the app (found from its route attributes, so a new page joins the tour by itself) with a URL
/// that shows real demo content (detail pages get the id of a demo record) and the demo accounts that may open it, as
/// <see cref="PageCatalog"/> decides. The accessibility and English tours walk it.
/// </summary>
public static class PageTour
{
    public const string Anonymous = PageCatalog.Anonymous;

    /// <summary>Route templates with parameters → the URL of a demo record (null: none in the demo, the catalog's URL is used).</summary>
    private static readonly Dictionary<string, Func<TradingOpsDbContext, Task<string?>>> Resolvers = new()
    {
        ["/venue/outages/{Id:guid}"] = async db => Path("/venue/outages/", await db.RoomOutages.Select(o => (Guid?)o.Id).FirstOrDefaultAsync()),
        ["/venue/outages/overrun/{RoomId:guid}"] = async db => Path("/venue/outages/overrun/", await db.RoomBookings.Select(b => (Guid?)b.RoomId).FirstOrDefaultAsync()),
        ["/venue/bookings/{Id:guid}"] = async db => Path("/venue/bookings/", await db.RoomBookings.OrderBy(b => b.StartsAt).Select(b => (Guid?)b.Id).FirstOrDefaultAsync()),
        ["/doorplate/{Code}"] = async db => "/doorplate/" + (await db.RoomBookings.Join(db.Rooms, b => b.RoomId, r => r.Id, (b, r) => r.Code).FirstOrDefaultAsync() ?? "K201"),
        ["/queue/window/{Number:int}"] = async db => "/queue/window/" + (await db.ServiceWindows.OrderBy(w => w.Number).Select(w => (int?)w.Number).FirstOrDefaultAsync() ?? 1),
        ["/queue/hall/{ZoneId:guid}"] = async db => Path("/queue/hall/", await db.ServiceWindows.Select(w => (Guid?)w.ZoneId).FirstOrDefaultAsync()),
        ["/queue/ticket/{Token}"] = async db => "/queue/ticket/" + await db.QueueTickets.OrderByDescending(t => t.Id).Select(t => t.RatingToken).FirstOrDefaultAsync(),
        ["/queue/rate/{Token}"] = async db => "/queue/rate/" + await db.QueueTickets.OrderByDescending(t => t.Id).Select(t => t.RatingToken).FirstOrDefaultAsync(),
        ["/queue/pad/{Number:int}"] = async db => "/queue/pad/" + (await db.ServiceWindows.OrderBy(w => w.Number).Select(w => (int?)w.Number).FirstOrDefaultAsync() ?? 1),
        ["/registrations/{Id:guid}"] = async db => Path("/registrations/", await db.DeficiencyNotices.Select(n => (Guid?)n.RegistrationId).FirstOrDefaultAsync()),
        ["/registrations/{Id:guid}/notice"] = async db => Path("/registrations/", await db.DeficiencyNotices.Select(n => (Guid?)n.RegistrationId).FirstOrDefaultAsync(), "/notice"),
        ["/evaluation/sessions/{BookingId:guid}"] = DrawnSession(""),
        ["/evaluation/sessions/{BookingId:guid}/calls"] = DrawnSession("/calls"),
        ["/evaluation/sessions/{BookingId:guid}/rounds"] = DrawnSession("/rounds"),
        ["/evaluation/sessions/{BookingId:guid}/committee"] = DrawnSession("/committee"),
        ["/evaluation/sessions/{BookingId:guid}/print"] = DrawnSession("/print"),
        ["/evaluation/sessions/{BookingId:guid}/passes"] = DrawnSession("/passes"),
        ["/evaluation/rooms/{RoomId:guid}"] = async db => Path("/evaluation/rooms/", await db.DrawRequests.Join(db.RoomBookings, r => r.BookingId, b => b.Id, (r, b) => (Guid?)b.RoomId).FirstOrDefaultAsync()),
        ["/evaluation/experts/{Id:guid}"] = async db => Path("/evaluation/experts/", await db.Experts.Select(e => (Guid?)e.Id).FirstOrDefaultAsync()),
        ["/witness/incidents/{Id:guid}"] = async db => Path("/witness/incidents/", await db.Incidents.Select(i => (Guid?)i.Id).FirstOrDefaultAsync()),
        ["/witness/sessions/{BookingId:guid}"] = async db => Path("/witness/sessions/", await db.WitnessAssignments.Select(a => (Guid?)a.BookingId).FirstOrDefaultAsync()),
        ["/witness/chains/{ChainKey}"] = async db => "/witness/chains/" + (await db.WitnessEntries.Select(e => e.ChainKey).FirstOrDefaultAsync() ?? "GC2026-001"),
        ["/witness/misconduct/{Id:guid}"] = async db => Path("/witness/misconduct/", await db.MisconductRecords.Select(m => (Guid?)m.Id).FirstOrDefaultAsync()),
        ["/witness/certificates/{Id:guid}"] = async db => Path("/witness/certificates/", await db.WitnessCertificates.Select(c => (Guid?)c.Id).FirstOrDefaultAsync()),
        ["/verify/{Number}"] = async db => "/verify/" + (await db.WitnessCertificates.Select(c => c.Number).FirstOrDefaultAsync() ?? "JZ2026-000001"),
        ["/rate/session/{Token}"] = async db => "/rate/session/" + (await db.SessionRatingInvites.Select(i => i.Token).FirstOrDefaultAsync() ?? "unknown"),
        ["/cases/{Id:guid}"] = async db => Path("/cases/", await db.Cases.Select(c => (Guid?)c.Id).FirstOrDefaultAsync()),
        ["/archives/{Code}"] = async db => "/archives/" + (await db.ProjectArchives.Select(a => a.ProjectCode).FirstOrDefaultAsync()
                                                         ?? await db.TradingProjects.Select(p => p.Code).FirstAsync()),
        ["/facilities/faults/{Id:guid}"] = async db => Path("/facilities/faults/", await db.Faults.Select(f => (Guid?)f.Id).FirstOrDefaultAsync()),
        ["/facilities/equipment/{Id:guid}"] = async db => Path("/facilities/equipment/", await db.Equipment.Select(e => (Guid?)e.Id).FirstOrDefaultAsync()),
        ["/facilities/inspections/{Id:guid}"] = async db => Path("/facilities/inspections/", await db.InspectionTasks.Select(t => (Guid?)t.Id).FirstOrDefaultAsync()),
    };

    private static Func<TradingOpsDbContext, Task<string?>> DrawnSession(string suffix) =>
        async db => Path("/evaluation/sessions/", await db.CommitteeMembers.Select(m => (Guid?)m.BookingId).FirstOrDefaultAsync(), suffix);

    private static string? Path(string prefix, Guid? id, string suffix = "") => id is { } value ? $"{prefix}{value}{suffix}" : null;

    /// <summary>Every page, with a demo URL and the accounts that may open it (in the catalog's order of roles).</summary>
    public static async Task<IReadOnlyList<PageStop>> StopsAsync(IServiceProvider services)
    {
        var templates = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Distinct().Order().ToList();
        var missing = templates.Where(t => !PageCatalog.Pages.ContainsKey(t)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"pages without a row in PageCatalog: {string.Join(", ", missing)}");

        var stops = new List<PageStop>();
        await using var db = await services.NewContextAsync();
        foreach (var template in templates)
        {
            var (url, allowed) = PageCatalog.Pages[template];
            if (Resolvers.TryGetValue(template, out var resolve)) url = await resolve(db) ?? url;
            else if (template.Contains('{')) throw new InvalidOperationException($"{template}: add a resolver to PageTour so the tour opens a demo record");
            stops.Add(new PageStop(template, url, allowed.Select(AccountOf).ToList()));
        }
        return stops;
    }

    /// <summary>The demo account holding a role ("anonymous" stays anonymous).</summary>
    public static string AccountOf(string role) =>
        role == Anonymous ? Anonymous : IdentitySeeder.DemoAccounts.Single(a => a.Role == role).UserName;

    /// <summary>Signs a browser context in as a demo account (nothing for "anonymous").</summary>
    public static async Task SignInAsync(IBrowserContext context, Uri baseAddress, string account)
    {
        if (account == Anonymous) return;
        var page = await context.NewPageAsync();
        await Browser.SignInAsync(page, baseAddress, account);
        await page.CloseAsync();
    }
}
