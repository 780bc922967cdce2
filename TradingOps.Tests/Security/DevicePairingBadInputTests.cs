using System.Net;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Devices;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Devices;

namespace TradingOps.Tests.Security;

/// <summary>
/// The bad-input battery for the paired-device surfaces: pairing codes typed on a device, and rating posts of a
/// paired pad. Each is answered with a clear Chinese message (never a 5xx), sets no device cookie and writes no rating.
/// </summary>
[FullLane]
public sealed class DevicePairingBadInputTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private const string LongText = "长";

    public static TheoryData<string, string> Codes()
    {
        var valid = DeviceSecret.Normalize(DeviceSecret.New())!; // well formed, never paired
        var data = new TheoryData<string, string>();
        foreach (var page in new[] { "/devices/pair", "/queue/pad/7" })
        {
            data.Add(page, "");
            data.Add(page, "   ");
            data.Add(page, "\t\r\n");
            data.Add(page, valid[..^1]);
            data.Add(page, valid + "7");
            data.Add(page, valid);
            data.Add(page, DeviceSecret.Hash(valid));                       // the stored form is not a credential
            data.Add(page, new string('A', 5_000));
            data.Add(page, string.Concat(Enumerable.Repeat(LongText, 52)));
            data.Add(page, valid[..20] + "\u200B" + valid[20..]);            // zero-width space
            data.Add(page, "' OR '1'='1' --");
            data.Add(page, "<script>alert(1)</script>");
            data.Add(page, "𠮷𠮷𠮷𠮷");
            data.Add(page, "%00%27%22");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task A_malformed_or_unknown_pairing_code_gets_a_Chinese_message_and_pairs_nothing(string page, string code)
    {
        var client = app.NewClient();
        var response = await DeviceKit.EnterCodeAsync(client, page, code);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        Assert.Contains("配对码无效或已被撤销", body);
        Assert.False(SetsDeviceCookie(response));
    }

    [Fact]
    public async Task A_pairing_code_with_a_NUL_character_is_refused_with_a_4xx_and_pairs_nothing()
    {
        // The framework's form handling refuses it before the page (400, empty body): not a server error.
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.HallDisplay, "NUL 测试叫号屏");
        var normalized = DeviceSecret.Normalize(paired.Secret)!;
        foreach (var page in new[] { "/devices/pair", "/queue/pad/7" })
        {
            var response = await DeviceKit.EnterCodeAsync(app.NewClient(), page, normalized[..20] + "\0" + normalized[20..]);
            Assert.InRange((int)response.StatusCode, 200, 499);
            Assert.False(SetsDeviceCookie(response));
        }
    }

    [Fact]
    public async Task A_pairing_post_without_a_code_field_or_without_antiforgery_is_refused_without_a_server_error()
    {
        var client = app.NewClient();
        var html = await client.GetStringAsync("/devices/pair");
        var noCode = await client.PostAsync("/devices/pair", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = DeviceKit.AntiforgeryToken(html), ["_handler"] = "device-pairing",
        }));
        Assert.Equal(HttpStatusCode.OK, noCode.StatusCode);
        Assert.Contains("配对码无效或已被撤销", await noCode.Content.ReadAsStringAsync());

        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.Kiosk, "无令牌测试取号机");
        var forged = await app.NewClient().PostAsync("/devices/pair", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "device-pairing", ["code"] = paired.Secret,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(SetsDeviceCookie(forged));
    }

    public static TheoryData<string, string, string?, string?> RatingPosts() => new()
    {
        { "ticket-not-a-guid", "not-a-guid", "Satisfied", null },
        { "ticket-empty", "", "Satisfied", null },
        { "ticket-unknown", Guid.NewGuid().ToString(), "Satisfied", null },
        { "ticket-injection", "'; DELETE FROM SatisfactionRatings; --", "Satisfied", null },
        { "level-missing", "{ticket}", null, null },
        { "level-unknown", "{ticket}", "Bogus", null },
        { "level-number", "{ticket}", "99", null },
        { "level-flags", "{ticket}", "Satisfied,Dissatisfied", null },
        { "reason-unknown", "{ticket}", "Dissatisfied", "随便写的原因" },
        { "comment-oversized", "{ticket}", "Satisfied", null },
    };

    [Theory]
    [MemberData(nameof(RatingPosts))]
    public async Task A_malformed_rating_post_of_a_paired_pad_gets_a_Chinese_message_and_writes_no_rating(string name, string ticket, string? level, string? reason)
    {
        var pad = await PadAsync();
        var finished = await DeviceKit.FinishedTicketAsync(app.Services, 8, DateTimeOffset.UtcNow);
        var html = await pad.GetStringAsync("/devices/pair");
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", DeviceKit.AntiforgeryToken(html)), new("_handler", "pad"),
            new("ticket", ticket.Replace("{ticket}", finished.Id.ToString())),
        };
        if (level is not null) form.Add(new("level", level));
        if (reason is not null) form.Add(new("reason", reason));
        if (name == "comment-oversized") form.Add(new("comment", new string('长', 5_000)));
        await using var db = await app.Services.NewContextAsync();
        var before = await db.SatisfactionRatings.CountAsync();

        var response = await pad.PostAsync("/queue/pad/8", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", answer);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", answer);
        Assert.Equal(before, await db.SatisfactionRatings.CountAsync());
    }

    private static HttpClient? _pad;

    private async Task<HttpClient> PadAsync()
    {
        if (_pad is not null) return _pad;
        var paired = await DeviceKit.PairAsync(app.Services, DeviceKind.RatingPad, "8号窗口评价器", 8);
        var pad = app.NewClient();
        await DeviceKit.EnterCodeAsync(pad, "/queue/pad/8", paired.Secret);
        return _pad = pad;
    }

    private static bool SetsDeviceCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(DeviceCookie.Name + "=", StringComparison.Ordinal));
}
