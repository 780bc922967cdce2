using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Devices;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Devices;

namespace TradingOps.Tests.Devices;

/// <summary>Rating pads and kiosks as paired devices, over HTTP against the real app (issue 15, items 2 and 4).</summary>
[FullLane]
public sealed class PairedDeviceHttpTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private static async Task<HttpResponseMessage> RateAsync(HttpClient pad, int window, string ticket, string level = "VerySatisfied")
    {
        // A forged or resent post needs no offer on screen: the antiforgery token of any form of the site will do.
        var html = await pad.GetStringAsync("/devices/pair");
        return await pad.PostAsync($"/queue/pad/{window}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = DeviceKit.AntiforgeryToken(html), ["_handler"] = "pad", ["ticket"] = ticket, ["level"] = level,
        }));
    }

    private async Task<HttpClient> PairedPadAsync(int window)
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.RatingPad, $"{window}号窗口评价器", window);
        var pad = app.NewClient();
        var entered = await DeviceKit.EnterCodeAsync(pad, $"/queue/pad/{window}", paired.Secret);
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        Assert.EndsWith($"/queue/pad/{window}", entered.Headers.Location!.OriginalString);
        var cookie = entered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DeviceCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        return pad;
    }

    [Fact]
    public async Task An_unpaired_browser_at_a_pad_gets_the_pairing_screen_and_no_ticket_or_rating_token()
    {
        var ticket = await DeviceKit.FinishedTicketAsync(app.Services, 1, DateTimeOffset.UtcNow);

        var html = await app.NewClient().GetStringAsync("/queue/pad/1");

        Assert.Contains("data-testid=\"device-pairing\"", html);
        Assert.Contains("配对码", html);
        Assert.DoesNotContain(ticket.RatingToken, html);
        Assert.DoesNotContain(ticket.Code, html);
        Assert.DoesNotContain(ticket.Id.ToString(), html);
        Assert.DoesNotContain("name=\"ticket\"", html);
        Assert.DoesNotContain("name=\"level\"", html);
        Assert.DoesNotContain("1号窗口", html);
    }

    [Fact]
    public async Task There_is_no_default_or_empty_pad_secret_and_the_old_pad_key_opens_nothing()
    {
        using var keyed = app.WithWebHostBuilder(b => b.UseSetting("Queue:PadKey", "counter-tablets-2026"));
        var client = keyed.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var url in new[] { "/queue/pad/1", "/queue/pad/1?key=", "/queue/pad/1?key=counter-tablets-2026" })
        {
            var html = await client.GetStringAsync(url);
            Assert.Contains("data-testid=\"device-pairing\"", html);
            Assert.DoesNotContain("name=\"level\"", html);
        }
        foreach (var code in new[] { "", " ", "counter-tablets-2026", "0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000" })
        {
            var pad = app.NewClient();
            var response = await DeviceKit.EnterCodeAsync(pad, "/queue/pad/1", code);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("配对码无效或已被撤销", await response.Content.ReadAsStringAsync());
            Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(DeviceCookie.Name, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_paired_pad_offers_the_ticket_just_finished_at_its_window_without_its_token_and_a_second_submit_is_thanked_not_refused()
    {
        var pad = await PairedPadAsync(3);
        var ticket = await DeviceKit.FinishedTicketAsync(app.Services, 3, DateTimeOffset.UtcNow);

        var html = await pad.GetStringAsync("/queue/pad/3");
        Assert.Contains(ticket.Code, html);
        Assert.DoesNotContain(ticket.RatingToken, html);

        var rated = await RateAsync(pad, 3, ticket.Id.ToString());
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Contains("感谢您的评价", await rated.Content.ReadAsStringAsync());

        var again = await RateAsync(pad, 3, ticket.Id.ToString(), "VeryDissatisfied");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var answer = await again.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"pad-already-rated\"", answer);
        Assert.Contains("已经评价过了", answer);
        Assert.DoesNotContain("role=\"alert\"", answer);

        await using var db = await app.Services.NewContextAsync();
        var ratings = await db.SatisfactionRatings.Where(r => r.TicketId == ticket.Id).ToListAsync();
        Assert.Equal(TradingOps.Core.Queue.RatingLevel.VerySatisfied, Assert.Single(ratings).Level);
        Assert.Equal(TradingOps.Core.Queue.RatingChannel.Pad, ratings[0].Channel);
    }

    [Fact]
    public async Task A_pad_paired_with_window_2_cannot_rate_a_ticket_finished_at_window_1()
    {
        var pad = await PairedPadAsync(2);
        var ofWindow1 = await DeviceKit.FinishedTicketAsync(app.Services, 1, DateTimeOffset.UtcNow);

        var elsewhere = await pad.GetStringAsync("/queue/pad/1");
        Assert.Contains("data-testid=\"pad-other-window\"", elsewhere);
        Assert.DoesNotContain(ofWindow1.Code, elsewhere);

        var refused = await RateAsync(pad, 2, ofWindow1.Id.ToString());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("不是在本窗口办结的", await refused.Content.ReadAsStringAsync());
        await using var db = await app.Services.NewContextAsync();
        Assert.False(await db.SatisfactionRatings.AnyAsync(r => r.TicketId == ofWindow1.Id));
    }

    [Fact]
    public async Task A_pad_cannot_rate_a_ticket_finished_longer_ago_than_the_pad_rating_minutes()
    {
        var pad = await PairedPadAsync(4);
        var old = await DeviceKit.FinishedTicketAsync(app.Services, 4, DateTimeOffset.UtcNow.AddMinutes(-6)); // Queue:PadRatingMinutes = 5

        Assert.DoesNotContain(old.Code, await pad.GetStringAsync("/queue/pad/4"));
        var refused = await RateAsync(pad, 4, old.Id.ToString());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("办结已超过 5 分钟", await refused.Content.ReadAsStringAsync());
        await using var db = await app.Services.NewContextAsync();
        Assert.False(await db.SatisfactionRatings.AnyAsync(r => r.TicketId == old.Id));
    }

    [Fact]
    public async Task A_revoked_device_secret_is_refused_and_the_pad_shows_the_pairing_screen_again()
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.RatingPad, "5号窗口评价器", 5);
        var pad = app.NewClient();
        await DeviceKit.EnterCodeAsync(pad, "/queue/pad/5", paired.Secret);
        var ticket = await DeviceKit.FinishedTicketAsync(app.Services, 5, DateTimeOffset.UtcNow);
        Assert.Contains(ticket.Code, await pad.GetStringAsync("/queue/pad/5"));

        await DeviceKit.RevokeAsync(app.Services, paired.DeviceId);

        var after = await pad.GetStringAsync("/queue/pad/5");
        Assert.Contains("data-testid=\"device-pairing\"", after);
        Assert.DoesNotContain(ticket.Code, after);
        var rating = await pad.PostAsync("/queue/pad/5", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = DeviceKit.AntiforgeryToken(after), ["_handler"] = "pad", ["ticket"] = ticket.Id.ToString(), ["level"] = "Satisfied",
        }));
        Assert.True((int)rating.StatusCode < 500, $"{rating.StatusCode}");
        var again = await DeviceKit.EnterCodeAsync(app.NewClient(), "/queue/pad/5", paired.Secret);
        Assert.Contains("配对码无效或已被撤销", await again.Content.ReadAsStringAsync());
        await using var db = await app.Services.NewContextAsync();
        Assert.False(await db.SatisfactionRatings.AnyAsync(r => r.TicketId == ticket.Id));
    }

    [Fact]
    public async Task Pairing_and_revoking_a_device_are_in_the_audit_trail_with_the_admin_and_without_the_secret()
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.Kiosk, "大厅东侧取号机");
        await DeviceKit.EnterCodeAsync(app.NewClient(), "/devices/pair", paired.Secret);
        await DeviceKit.RevokeAsync(app.Services, paired.DeviceId);

        await using var db = await app.Services.NewContextAsync();
        var trail = await db.AuditEntries.Where(e => e.Key == paired.DeviceId.ToString()).OrderBy(e => e.Id).ToListAsync();
        var pairing = Assert.Single(trail, e => e.Entity == "PairedDevice" && e.Action == AuditAction.Added);
        Assert.Equal("admin", pairing.ActorName);
        Assert.Contains("大厅东侧取号机", pairing.Changes);
        Assert.Contains("\"SecretHash\":{\"new\":\"***\"}", pairing.Changes);
        var revocation = Assert.Single(trail, e => e.Entity == "PairedDevice" && e.Action == AuditAction.Modified);
        Assert.Equal("admin", revocation.ActorName);
        Assert.Contains("RevokedAt", revocation.Changes);
        Assert.Single(trail, e => e.Entity == "DevicePairing" && e.Action == AuditAction.SignedIn);

        var normalized = DeviceSecret.Normalize(paired.Secret)!;
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Changes.Contains(normalized) || e.Changes.Contains(DeviceSecret.Hash(normalized))));
        Assert.False(await db.PairedDevices.AnyAsync(d => d.SecretHash == normalized));
    }

    [Fact]
    public async Task Two_paired_kiosks_behind_one_address_each_get_their_own_ticket_limit()
    {
        var east = await PairedKioskAsync("东侧取号机");
        var west = await PairedKioskAsync("西侧取号机");
        await using var db = await app.Services.NewContextAsync();
        var typeId = (await db.ServiceTypes.FirstAsync(t => t.Prefix == "G")).Id.ToString();

        for (var i = 0; i < 6; i++) // Queue:KioskTicketsPerMinute = 6
            Assert.True(HttpStatus.IsRedirect((await TakeAsync(east, typeId)).StatusCode), $"east kiosk, visitor {i + 1}");
        Assert.Contains("取号过于频繁", await (await TakeAsync(east, typeId)).Content.ReadAsStringAsync());

        // The 7th visitor at this address, at another kiosk: served.
        var seventh = await TakeAsync(west, typeId);
        Assert.True(HttpStatus.IsRedirect(seventh.StatusCode), $"west kiosk: {seventh.StatusCode}");
    }

    private async Task<HttpClient> PairedKioskAsync(string name)
    {
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.Kiosk, name);
        var kiosk = app.NewClient();
        var entered = await DeviceKit.EnterCodeAsync(kiosk, "/devices/pair", paired.Secret);
        Assert.EndsWith("/queue/kiosk", entered.Headers.Location!.OriginalString);
        return kiosk;
    }

    private static async Task<HttpResponseMessage> TakeAsync(HttpClient kiosk, string typeId)
    {
        var html = await kiosk.GetStringAsync("/queue/kiosk");
        return await kiosk.PostAsync("/queue/kiosk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = DeviceKit.AntiforgeryToken(html), ["_handler"] = "kiosk", ["type"] = typeId,
        }));
    }

    [Fact]
    public async Task A_second_rating_through_the_slip_QR_page_is_answered_kindly_not_with_an_error_page()
    {
        var ticket = await DeviceKit.FinishedTicketAsync(app.Services, 9, DateTimeOffset.UtcNow);
        var holder = app.NewClient();
        async Task<HttpResponseMessage> RateAsync(string level)
        {
            var html = await holder.GetStringAsync("/devices/pair");
            return await holder.PostAsync($"/queue/rate/{ticket.RatingToken}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = DeviceKit.AntiforgeryToken(html), ["_handler"] = "rate", ["ticket"] = ticket.RatingToken, ["level"] = level,
            }));
        }

        Assert.Contains("data-testid=\"rate-thanks\"", await (await RateAsync("Satisfied")).Content.ReadAsStringAsync());
        var again = await RateAsync("VeryDissatisfied");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var answer = await again.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"rate-already\"", answer);
        Assert.DoesNotContain("role=\"alert\"", answer);
        await using var db = await app.Services.NewContextAsync();
        Assert.Equal(TradingOps.Core.Queue.RatingLevel.Satisfied, (await db.SatisfactionRatings.SingleAsync(r => r.TicketId == ticket.Id)).Level);
    }

    [Fact]
    public async Task A_code_of_another_kind_of_device_does_not_pair_a_pad()
    {
        var kiosk = await DeviceKit.PairAsync(app.Services, DeviceKind.Kiosk, "取号机");
        var response = await DeviceKit.EnterCodeAsync(app.NewClient(), "/queue/pad/6", kiosk.Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("此配对码属于取号机，不能用于评价器", await response.Content.ReadAsStringAsync());
    }
}
