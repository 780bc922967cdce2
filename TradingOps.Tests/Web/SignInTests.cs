using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Data.Identity;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Web;

[FullLane]
public sealed class SignInTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    public static TheoryData<string> Pages => ["/", "/projects", "/venues", "/admin/audit", "/admin/calendar"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_requests_to_pages_are_sent_to_the_login_page(string page)
    {
        using var client = app.NewClient();
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ReturnUrl=", response.Headers.Location!.Query);
    }

    [Fact]
    public async Task The_login_page_itself_is_open_and_in_Chinese_by_default()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("公共资源交易中心运营管理平台", html);
        Assert.Contains("密码", html);
    }

    [Fact]
    public async Task The_English_switch_changes_the_interface_language()
    {
        using var client = app.NewClient();
        var switched = await client.GetAsync("/culture?culture=en&redirectUri=%2Faccount%2Flogin");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var html = await client.GetStringAsync("/account/login");
        Assert.Contains("Trading Center Operations Console", html);
    }

    [Fact]
    public async Task A_demo_account_signs_in_and_reaches_the_home_page()
    {
        using var client = app.NewClient();
        var response = await TradingOpsApp.SignInAsync(client, "duty", IdentitySeeder.DemoPassword);
        Assert.True(HttpStatus.IsRedirect(response.StatusCode), $"sign-in redirects ({response.StatusCode})");
        Assert.True(TradingOpsApp.SetsAuthCookie(response));
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("运行概况", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_account_is_locked_after_five_failed_sign_ins_and_then_refuses_even_the_right_password()
    {
        const string password = "CorrectHorse2026";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var created = await users.CreateAsync(new ApplicationUser { UserName = "lockout-probe", DisplayName = "锁定测试" }, password);
            Assert.True(created.Succeeded);
        }
        using var client = app.NewClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await TradingOpsApp.SignInAsync(client, "lockout-probe", "wrong-password-1");
            Assert.Contains("账号或密码不正确", await failed.Content.ReadAsStringAsync());
        }
        var fifth = await TradingOpsApp.SignInAsync(client, "lockout-probe", "wrong-password-1");
        Assert.Contains("已被锁定", await fifth.Content.ReadAsStringAsync());

        var right = await TradingOpsApp.SignInAsync(client, "lockout-probe", password);
        Assert.False(TradingOpsApp.SetsAuthCookie(right));
        Assert.Contains("已被锁定", await right.Content.ReadAsStringAsync());
        await using var check = app.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await manager.IsLockedOutAsync((await manager.FindByNameAsync("lockout-probe"))!));
    }

    [Fact]
    public async Task The_sign_in_answer_for_a_locked_account_is_the_same_as_for_an_unknown_name()
    {
        const string password = "CorrectHorse2026";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.CreateAsync(new ApplicationUser { UserName = "enumeration-probe", DisplayName = "枚举测试" }, password)).Succeeded);
        }
        using var client = app.NewClient();
        string? known = null, unknown = null;
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            known = LoginError(await (await TradingOpsApp.SignInAsync(client, "enumeration-probe", "wrong-password-1")).Content.ReadAsStringAsync());
            unknown = LoginError(await (await TradingOpsApp.SignInAsync(client, "no-such-account-here", "wrong-password-1")).Content.ReadAsStringAsync());
            Assert.Equal(unknown, known);
        }
        var right = await TradingOpsApp.SignInAsync(client, "enumeration-probe", password); // locked now
        Assert.False(TradingOpsApp.SetsAuthCookie(right));
        Assert.Equal(unknown, LoginError(await right.Content.ReadAsStringAsync()));
        Assert.Contains("已被锁定", known);
    }

    private static string LoginError(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\">([^<]*)<");
        Assert.True(match.Success, "the sign-in page shows an error");
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task Signing_out_needs_the_pages_form_token_and_ends_the_session()
    {
        using var client = app.NewClient();
        await TradingOpsApp.SignInAsync(client, "supervisor", IdentitySeeder.DemoPassword);
        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var home = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedOut = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var after = await client.GetAsync("/");
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Passwords_shorter_than_twelve_characters_are_refused_in_Chinese()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = "short-password" }, "abc123defgh");
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description == "密码至少需要 12 个字符");
    }

    [Fact]
    public async Task A_staff_account_is_refused_admin_pages()
    {
        using var client = app.NewClient();
        await TradingOpsApp.SignInAsync(client, "staff", IdentitySeeder.DemoPassword);
        var response = await client.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/projects")).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_sign_in_and_ready_checks_the_database()
    {
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Contains("\"database\"", body);
        Assert.Contains("Healthy", body);
    }
}
