using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Core.Witness;
using TradingOps.Data.Floor;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Witness;

/// <summary>The demo app with one project witnessed through a bid opening that has ended: ready for its certificate.</summary>
public sealed class CertificateServer : TradingOpsServer, IAsyncLifetime
{
    public const string ProjectName = "见证书核验测试项目（门诊楼改造）";
    public const string Agency = "见证书测试招标代理有限公司";
    public const string WitnessName = "见证人钱七";

    /// <summary>Each test witnesses its own project (a certificate per project), numbered from 1.</summary>
    private int _projects;

    public async Task<(string Code, Guid BookingId)> WitnessedProjectAsync()
    {
        var code = $"GC2026-CERT-{Interlocked.Increment(ref _projects):D2}";
        var now = TimeProvider.System.GetUtcNow();
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        List<(Guid Id, string Code)> rooms;
        await using (var db = await Services.NewContextAsync())
            rooms = (await db.Rooms.Where(r => r.Type == TradingOps.Core.Organisation.RoomType.BidOpeningRoom).OrderBy(r => r.Code)
                .Select(r => new { r.Id, r.Code }).ToListAsync()).Select(r => (r.Id, r.Code)).ToList();
        var refused = new List<string>();
        foreach (var room in rooms)
        {
            try
            {
                var booking = await bookings.BookAsync(new BookingRequest(room.Id, null, code, ProjectName, Agency, BookingPurpose.BidOpening, 5,
                    now.AddMinutes(-5), now.AddMinutes(30), "钱经理", "13912340000", null));
                foreach (var command in new[] { SessionCommand.Confirm, SessionCommand.CheckIn, SessionCommand.Start })
                    await bookings.SessionAsync(booking.Id, command);
                await scope.ServiceProvider.GetRequiredService<WitnessLedger>().RecordAsync(new WitnessDraft(code, null, booking.Id,
                    WitnessEntryKind.Step, "bid-open", "开标", null, TimeProvider.System.GetUtcNow(), WitnessName));
                await bookings.SessionAsync(booking.Id, SessionCommand.End);
                return (code, booking.Id);
            }
            catch (TradingOps.Core.Common.DomainException e)
            {
                refused.Add($"{room.Code}: {e.Message}");
            }
        }
        throw new InvalidOperationException($"no free bid-opening room for the test: {string.Join("; ", refused)}");
    }

    public async Task<WitnessCertificate> IssueAsync(string code)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
        return await scope.ServiceProvider.GetRequiredService<CertificateService>().IssueAsync(code);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;
    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The certificate end to end: its PDF read back (text, and the QR code decoded to the absolute verify address), the QR
/// followed anonymously to a verify page that says it matches; a reprint keeps the number; the browser walk.
/// </summary>
[FullLane]
public sealed class CertificateWebTests(CertificateServer server) : IClassFixture<CertificateServer>
{
    private async Task<HttpClient> SignedInAsync(string user)
    {
        // A real HTTP client on the server's address (its cookie container keeps the sign-in).
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        var response = await TradingOpsApp.SignInAsync(client, user, TradingOps.Web.Identity.IdentitySeeder.DemoPassword);
        Assert.True(TradingOpsApp.SetsAuthCookie(response), $"{user} signs in");
        return client;
    }

    [Fact]
    public async Task The_certificate_pdf_reads_back_and_its_qr_code_leads_anonymously_to_a_verify_page_that_says_it_matches()
    {
        var (code, _) = await server.WitnessedProjectAsync();
        var certificate = await server.IssueAsync(code);
        using var staff = await SignedInAsync("staff");

        var response = await staff.GetAsync($"/witness/certificates/{certificate.Id}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();

        var text = PdfReadBack.Text(pdf);
        Assert.Contains("进场交易见证书", text);
        Assert.Contains(certificate.Number, text);
        Assert.Contains(code, text);
        Assert.Contains(CertificateServer.WitnessName, text);
        Assert.Contains("/rate/session/", text);
        var qr = Assert.Single(PdfReadBack.Qr(pdf));
        Assert.Equal($"http://localhost:5080/verify/{certificate.Number}", qr);

        using var anonymous = server.NewClient();
        anonymous.BaseAddress = server.BaseAddress;
        var page = await anonymous.GetStringAsync(new Uri(qr).PathAndQuery);
        Assert.Contains("有效：与见证记录一致", page);
        Assert.Contains(certificate.Number, page);
        Assert.Contains(code, page);
        foreach (var secret in new[] { CertificateServer.ProjectName, CertificateServer.Agency, CertificateServer.WitnessName, certificate.HeadHash })
            Assert.DoesNotContain(secret, page);
    }

    [Fact]
    public async Task A_reprint_keeps_the_number_and_the_pdf_says_which_print_it_is()
    {
        var (code, _) = await server.WitnessedProjectAsync();
        var certificate = await server.IssueAsync(code);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
            await scope.ServiceProvider.GetRequiredService<CertificateService>().ReprintAsync(certificate.Id);
        }
        using var staff = await SignedInAsync("staff");

        var text = PdfReadBack.Text(await staff.GetByteArrayAsync($"/witness/certificates/{certificate.Id}/pdf"));

        Assert.Contains(certificate.Number, text);
        Assert.Contains("第 2 次打印", text);
    }

    [Fact]
    public async Task A_malformed_number_is_refused_on_the_verify_page_and_an_unknown_one_is_not_found()
    {
        using var anonymous = server.NewClient();
        anonymous.BaseAddress = server.BaseAddress;
        Assert.Contains("编号格式不正确", await anonymous.GetStringAsync("/verify/JZ2026-12"));
        Assert.Contains("证书不存在", await anonymous.GetStringAsync("/verify?number=JZ2026-999999"));
    }

    [Fact]
    public async Task Staff_issue_a_certificate_in_the_browser_and_anyone_checks_it_on_the_public_verify_page()
    {
        var (code, _) = await server.WitnessedProjectAsync();
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var staff = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await staff.GotoAsync(new Uri(server.BaseAddress, "/witness/certificates").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(staff);

        await staff.Locator("input[data-testid=cert-project], [data-testid=cert-project] input").First.FillAsync(code);
        await staff.GetByTestId("cert-check").ClickAsync();
        await Expect(staff.GetByTestId("cert-can-issue")).ToBeVisibleAsync();
        await staff.GetByTestId("cert-issue").ClickAsync();
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/witness/certificates/[0-9a-f-]{36}$"));
        await Expect(staff.GetByTestId("cert-number")).ToContainTextAsync("JZ");
        var number = (await staff.GetByTestId("cert-number").InnerTextAsync()).Trim();
        await Expect(staff.GetByTestId("cert-sessions")).ToContainTextAsync(CertificateServer.WitnessName);
        await staff.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("witness-certificate-detail.png") });

        var anonymous = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        await anonymous.GotoAsync(new Uri(server.BaseAddress, "/verify").ToString());
        await anonymous.GetByTestId("verify-number").FillAsync(number.ToLowerInvariant());
        await anonymous.GetByRole(AriaRole.Button, new() { Name = "核验" }).ClickAsync();
        await Expect(anonymous.GetByTestId("verify-verdict")).ToHaveTextAsync("有效：与见证记录一致");
        await Expect(anonymous.GetByTestId("verify-project")).ToHaveTextAsync(code);
        await anonymous.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Fixtures.Browser.ScreenshotPath("witness-certificate-verify.png") });
    }
}
