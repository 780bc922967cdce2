using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Devices;
using TradingOps.Core.Queue;
using TradingOps.Data.Devices;
using TradingOps.Web.Devices;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Tests.Fixtures;

/// <summary>Paired devices and counter tickets for tests, made the way the app makes them.</summary>
public static class DeviceKit
{
    /// <summary>Pairs a device as the demo admin does on /admin/devices; returns the secret shown once.</summary>
    public static async Task<PairedDeviceSecret> PairAsync(IServiceProvider services, DeviceKind kind, string name, int? windowNumber = null)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await services.NewContextAsync();
        var admin = await db.Users.SingleAsync(u => u.UserName == "admin");
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.User(admin.Id, admin.UserName!));
        Guid? windowId = windowNumber is { } n ? (await db.ServiceWindows.SingleAsync(w => w.Number == n)).Id : null;
        return await scope.ServiceProvider.GetRequiredService<DeviceService>().PairAsync(kind, name, windowId);
    }

    public static async Task RevokeAsync(IServiceProvider services, Guid deviceId)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await services.NewContextAsync();
        var admin = await db.Users.SingleAsync(u => u.UserName == "admin");
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.User(admin.Id, admin.UserName!));
        await scope.ServiceProvider.GetRequiredService<DeviceService>().RevokeAsync(deviceId);
    }

    /// <summary>Types the code on a page's pairing screen, as a person at the device does (the client keeps the cookie).</summary>
    public static async Task<HttpResponseMessage> EnterCodeAsync(HttpClient client, string page, string code)
    {
        var html = await client.GetStringAsync(page);
        return await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html), ["_handler"] = "device-pairing", ["code"] = code,
        }));
    }

    /// <summary>A client that presents a device's secret the way a paired browser does (its cookie), without the pairing screen.</summary>
    public static HttpClient AsDevice(TradingOpsApp app, string secret)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{DeviceCookie.Name}={DeviceSecret.Normalize(secret)}");
        return client;
    }

    public static string AntiforgeryToken(string html)
    {
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the form carries an antiforgery token");
        return token;
    }

    private static int _number = 700;

    /// <summary>A ticket issued, called, served and finished at the window at <paramref name="finishedAt"/>.</summary>
    public static async Task<QueueTicket> FinishedTicketAsync(IServiceProvider services, int windowNumber, DateTimeOffset finishedAt)
    {
        await using var db = await services.NewContextAsync();
        var window = await db.ServiceWindows.Include(w => w.ServiceTypes).SingleAsync(w => w.Number == windowNumber);
        var type = window.ServiceTypes.First();
        var ticket = new QueueTicket(type.Id, type.Prefix, QueueRules.ServiceDateOf(finishedAt), Interlocked.Increment(ref _number),
            finishedAt.AddMinutes(-10), TicketChannel.Kiosk);
        ticket.CallTo(window.Id, finishedAt.AddMinutes(-6));
        ticket.StartServing(finishedAt.AddMinutes(-5));
        ticket.Finish(ServiceOutcome.Completed, null, finishedAt);
        db.QueueTickets.Add(ticket);
        db.TicketEvents.AddRange(ticket.TakeEvents());
        await db.SaveChangesAsync();
        return ticket;
    }
}
