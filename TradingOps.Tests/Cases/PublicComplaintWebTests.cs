using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Cases;

/// <summary>
/// The demo app behind a trusted proxy (loopback), so each test is its own visitor (X-Forwarded-For) with limits of its
/// own: 3 forms per hour, 4 lookups per minute.
/// </summary>
public sealed class ComplaintServer() : TradingOpsServer(new Dictionary<string, string>
{
    ["Network:KnownProxies"] = "127.0.0.1,::1",
    ["Cases:PublicFormsPerHour"] = "3",
    ["Cases:TrackingLookupsPerMinute"] = "4",
});

/// <summary>
/// Issue 20, item 4, over HTTP as a browser posts it: the public form registers a case through the one intake path and
/// answers with the tracking code only; refused forms say why, keep what was typed and save nothing; form posts and
/// lookups are limited per client address; the lookup shows the state and dates and nothing of what was written.
/// </summary>
[FullLane]
public sealed class PublicComplaintWebTests(ComplaintServer server) : IClassFixture<ComplaintServer>
{
    private HttpClient NewClient() =>
        new(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

    private static HttpRequestMessage From(string visitor, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", visitor);
        return request;
    }

    private static Dictionary<string, string> Complaint(string subject) => new()
    {
        ["Input.Kind"] = nameof(CaseKind.Complaint),
        ["Input.Stage"] = nameof(CaseStage.Evaluation),
        ["Input.ProjectCode"] = "GC2026-TS01",
        ["Input.Subject"] = subject,
        ["Input.Details"] = "评审因素打分与招标文件不一致，请核查。",
        ["Input.Name"] = "网上投诉人",
        ["Input.Phone"] = "13912345678",
    };

    /// <summary>Opens the page and posts the form with its antiforgery token, as the browser does.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string visitor, Dictionary<string, string> fields)
    {
        var page = await (await client.SendAsync(From(visitor, HttpMethod.Get, "/complaints"))).Content.ReadAsStringAsync();
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the form carries an antiforgery token");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = "complaint" };
        return await client.SendAsync(From(visitor, HttpMethod.Post, "/complaints", new FormUrlEncodedContent(form)));
    }

    private async Task<int> CasesWithSubjectAsync(string subject)
    {
        await using var db = await server.Services.NewContextAsync();
        return await db.Cases.CountAsync(c => c.Subject == subject);
    }

    private static string TrackingCodeIn(string html) =>
        Regex.Match(html, "data-testid=\"complaint-tracking-code\">([^<]+)<").Groups[1].Value;

    [Fact]
    public async Task A_posted_form_registers_a_public_form_case_unassigned_with_its_forward_clock_and_answers_with_the_tracking_code_only()
    {
        using var client = NewClient();
        var response = await PostAsync(client, "198.51.100.11", Complaint("网上表单受理测试"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var code = TrackingCodeIn(html);
        Assert.True(TrackingCode.TryNormalize(code, out var normal) && normal == code, $"a well-formed tracking code: '{code}'");

        await using var db = await server.Services.NewContextAsync();
        var stored = await db.Cases.SingleAsync(c => c.TrackingCode == code);
        Assert.Equal(("网上表单受理测试", CaseChannel.PublicForm, CaseKind.Complaint, CaseState.Received, (string?)null, "网上表单"),
            (stored.Subject, stored.Channel, stored.Kind, stored.State, stored.Handler, stored.ReceivedBy));
        Assert.True(stored.ForwardDueAt > stored.ReceivedAt, "the center's forwarding clock is set");
        Assert.Equal(CaseEvent.Received, (await db.CaseEvents.SingleAsync(e => e.CaseId == stored.Id)).Code);
        Assert.DoesNotContain(stored.Number, html); // the internal register number never goes out
        Assert.Contains($"/complaints/track?code={code}", html);

        var lookup = await client.SendAsync(From("198.51.100.11", HttpMethod.Get, $"/complaints/track?code={code.ToLowerInvariant().Replace("-", "")}"));
        var result = await lookup.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"track-state\" data-state=\"Received\">已受理", result);
    }

    [Fact]
    public async Task Script_laden_text_is_refused_with_its_reason_nothing_is_saved_and_the_typed_fields_are_kept()
    {
        using var client = NewClient();
        var fields = Complaint("脚本测试事由甲");
        fields["Input.Details"] = "请看<script>alert('x')</script>";
        fields["Input.Email"] = "keep@example.cn";
        var response = await PostAsync(client, "198.51.100.12", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"complaint-error\"", html);
        Assert.Contains("具体内容不能包含网页代码或脚本", html);
        Assert.DoesNotContain("<script>alert", html); // echoed as text, never as markup
        Assert.Contains("&lt;script&gt;alert", html);
        foreach (var kept in new[] { "value=\"脚本测试事由甲\"", "value=\"GC2026-TS01\"", "value=\"网上投诉人\"", "value=\"13912345678\"", "value=\"keep@example.cn\"" })
            Assert.Contains(kept, html);
        Assert.Matches("<option value=\"Complaint\" selected", html);
        Assert.DoesNotContain("complaint-tracking-code", html);
        Assert.Equal(0, await CasesWithSubjectAsync("脚本测试事由甲"));
    }

    [Fact]
    public async Task Oversized_text_a_missing_project_code_and_a_bad_phone_are_refused_each_with_its_reason_and_nothing_saved()
    {
        var max = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CaseOptions>>().Value.PublicTextMaxLength;
        using var client = NewClient();
        var fields = Complaint("超长测试事由乙");
        fields["Input.Details"] = new string('长', max + 1);
        fields["Input.ProjectCode"] = "";
        fields["Input.Phone"] = "12345";
        var html = await (await PostAsync(client, "198.51.100.13", fields)).Content.ReadAsStringAsync();
        Assert.Contains($"具体内容不能超过 {max} 个字符", html);
        Assert.Contains("异议和投诉须写明项目编号", html);
        Assert.Contains("联系电话格式不正确", html);
        Assert.Contains(new string('长', max + 1) + "</textarea>", html);
        Assert.Contains($"已写 {max + 1} 字，最多 {max} 字", html);
        Assert.Equal(0, await CasesWithSubjectAsync("超长测试事由乙"));
    }

    [Fact]
    public async Task The_reasons_are_given_in_english_to_an_english_reader()
    {
        using var client = NewClient();
        await client.SendAsync(From("198.51.100.14", HttpMethod.Get, "/culture?culture=en&redirectUri=%2Fcomplaints"));
        var fields = Complaint("英文原因测试");
        fields["Input.Subject"] = "<b>bold</b>";
        var html = await (await PostAsync(client, "198.51.100.14", fields)).Content.ReadAsStringAsync();
        Assert.Contains("Subject may not contain web code or script", html);
        Assert.Contains("Complaints and reports", html);
    }

    [Fact]
    public async Task The_form_post_beyond_the_hourly_limit_of_one_address_is_refused_with_429_and_registers_nothing()
    {
        using var client = NewClient();
        const string visitor = "198.51.100.21";
        for (var i = 1; i <= 3; i++)
        {
            var ok = await PostAsync(client, visitor, Complaint($"频率测试{i}"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(1, await CasesWithSubjectAsync($"频率测试{i}"));
        }
        var refused = await PostAsync(client, visitor, Complaint("频率测试4")); // showing the form is still allowed
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("请求过于频繁", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await CasesWithSubjectAsync("频率测试4"));
        // Another visitor behind the same proxy has a limit of their own.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "198.51.100.22", Complaint("频率测试5"))).StatusCode);
    }

    [Fact]
    public async Task Lookups_beyond_the_limit_per_minute_are_refused_with_429_malformed_ones_counted_too()
    {
        using var client = NewClient();
        const string visitor = "198.51.100.31";
        foreach (var code in new[] { "nonsense", "2222-2222-2222", "<script>", "ABCD-EFGH-JKMN" })
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(From(visitor, HttpMethod.Get, $"/complaints/track?code={Uri.EscapeDataString(code)}"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(From(visitor, HttpMethod.Get, "/complaints/track?code=3333-3333-3333"))).StatusCode);
        // The page without a lookup is not a guess: it opens.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(From(visitor, HttpMethod.Get, "/complaints/track"))).StatusCode);
    }

    [Fact]
    public async Task The_lookup_shows_the_state_and_dates_but_nothing_written_who_raised_it_the_project_the_party_or_the_number()
    {
        using var client = NewClient();
        const string visitor = "198.51.100.41";
        string[] secrets = ["保密事由壬癸甲", "保密内容：某评委收受好处", "保密投诉人欧阳", "13987650001", "oyang.secret@example.cn", "保密投诉单位有限公司", "GC2026-MIMI77", "保密监督部门甲处"];
        var fields = Complaint(secrets[0]);
        fields["Input.Details"] = secrets[1];
        fields["Input.Name"] = secrets[2];
        fields["Input.Phone"] = secrets[3];
        fields["Input.Email"] = secrets[4];
        fields["Input.Organisation"] = secrets[5];
        fields["Input.ProjectCode"] = secrets[6];
        var code = TrackingCodeIn(await (await PostAsync(client, visitor, fields)).Content.ReadAsStringAsync());
        Assert.NotEmpty(code);

        // The desk forwards it to the department (the legal clock starts).
        string number;
        await using (var db = await server.Services.NewContextAsync())
        {
            var c = await db.Cases.SingleAsync(x => x.TrackingCode == code);
            var preset = await db.CaseClockPresets.Where(p => p.Kind == CaseKind.Complaint && p.Active).OrderBy(p => p.Key).FirstAsync();
            var calendar = await server.Services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
            c.Forward(preset, secrets[7], "公函", null, "test-desk", TimeProvider.System.GetUtcNow(), calendar);
            await db.SaveChangesAsync();
            number = c.Number;
        }

        var html = await (await client.SendAsync(From(visitor, HttpMethod.Get, $"/complaints/track?code={code}"))).Content.ReadAsStringAsync();
        var today = TradingOps.Core.Common.CenterTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        Assert.Contains("已转交处理", html);
        Assert.Contains($"data-testid=\"track-received\">{today}<", html);
        Assert.Contains($"data-testid=\"track-forwarded\">{today}<", html);
        Assert.Contains("data-testid=\"track-answered\">—<", html);
        foreach (var secret in secrets.Append(number))
            Assert.DoesNotContain(secret, html);
    }

    [Fact]
    public async Task In_chromium_the_public_fills_the_form_reads_the_tracking_code_looks_it_up_and_sees_received_on_a_wall_screen_and_a_phone()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        await page.GotoAsync(new Uri(server.BaseAddress, "/complaints").ToString());
        await Expect(page.GetByTestId("complaint-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("channel-phone")).ToHaveTextAsync(new CaseOptions().ComplaintPhone);
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("complaints-form.png") });

        // A refusal first: the reason next to the form, what was typed kept.
        await page.GetByTestId("complaint-kind").SelectOptionAsync(nameof(CaseKind.Complaint));
        await page.GetByTestId("complaint-subject").FillAsync("评标专家打分异常");
        await page.GetByTestId("complaint-details").FillAsync("第三评审因素各专家打分差异过大。<script>x</script>");
        await Expect(page.GetByTestId("complaint-details-count")).ToContainTextAsync("已写 34 字"); // counted while typing
        await page.GetByTestId("complaint-name").FillAsync("赵六");
        await page.GetByTestId("complaint-submit").ClickAsync();
        await Expect(page.GetByTestId("complaint-error")).ToContainTextAsync("具体内容不能包含网页代码或脚本");
        await Expect(page.GetByTestId("complaint-error")).ToContainTextAsync("异议和投诉须写明项目编号");
        await Expect(page.GetByTestId("complaint-subject")).ToHaveValueAsync("评标专家打分异常");
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("complaints-refused.png"), FullPage = true });

        await page.GetByTestId("complaint-project").FillAsync("GC2026-0001");
        await page.GetByTestId("complaint-stage").SelectOptionAsync(nameof(CaseStage.Evaluation));
        await page.GetByTestId("complaint-details").FillAsync("第三评审因素各专家打分差异过大，请核查。");
        await page.GetByTestId("complaint-phone").FillAsync("13912345678");
        await page.GetByTestId("complaint-submit").ClickAsync();
        var codeElement = page.GetByTestId("complaint-tracking-code");
        await Expect(codeElement).ToBeVisibleAsync();
        var code = (await codeElement.TextContentAsync())!.Trim();
        Assert.True(TrackingCode.TryNormalize(code, out _), code);
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("complaints-received.png") });

        await page.GetByTestId("complaint-track-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/complaints/track\\?code="));
        await Expect(page.GetByTestId("track-state")).ToHaveTextAsync("已受理");
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("complaints-track.png") });

        // The lookup typed by hand in lower case without dashes, on a phone.
        var phone = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", IsMobile = true, HasTouch = true,
        });
        await phone.GotoAsync(new Uri(server.BaseAddress, "/complaints").ToString());
        await Expect(phone.GetByTestId("complaint-form")).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("complaints-form-phone.png") });
        await phone.GotoAsync(new Uri(server.BaseAddress, "/complaints/track").ToString());
        await phone.GetByTestId("track-code").FillAsync(code.Replace("-", "").ToLowerInvariant());
        await phone.GetByTestId("track-submit").ClickAsync();
        await Expect(phone.GetByTestId("track-state")).ToHaveTextAsync("已受理");
        await Expect(phone.GetByTestId("track-found-code")).ToHaveTextAsync(code);
        await phone.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("complaints-track-phone.png") });
    }
}
