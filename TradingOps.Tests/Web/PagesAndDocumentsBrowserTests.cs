using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data.Floor;
using TradingOps.Data.Queue;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using ZXing;
using ZXing.Common;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Web;

/// <summary>
/// A server whose public address (Public:BaseAddress) reaches it under another name than the one the tests browse
/// (localhost vs 127.0.0.1, the port chosen before it starts), and whose
/// letterhead names a configured center: what a slip's QR and a printed notice carry can then be followed for real.
/// </summary>
public sealed class PublicAddressServer : TradingOpsServer
{
    public const string CenterName = "测试市公共资源交易中心";

    public PublicAddressServer() : this(FreePort())
    {
    }

    private PublicAddressServer(int port) : base(new Dictionary<string, string>
    {
        ["Public:BaseAddress"] = $"http://localhost:{port}/", ["Public:CenterName"] = CenterName,
    }, port)
    {
        // The browser in the tests uses 127.0.0.1: a QR built from the request's host instead of the configured one shows.
        PublicBaseAddress = new Uri($"http://localhost:{port}/");
    }

    public Uri PublicBaseAddress { get; }
}

/// <summary>
/// Issue 22, "Pages and documents" (helper D) in Chromium as people meet them: actions that cannot be undone ask
/// first and a cancel changes nothing, suspend and pause offer their reasons on the first click, the rating form
/// says which level is missing, and a ticket slip's QR is an absolute URL a phone can open.
/// </summary>
[FullLane]
public sealed class PagesAndDocumentsBrowserTests(PublicAddressServer server) : IClassFixture<PublicAddressServer>
{
    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    [Fact]
    public async Task On_the_floor_suspend_offers_the_reasons_at_once_and_end_asks_first_and_cancel_changes_nothing()
    {
        var (bookingId, roomCode) = await RunningSessionAsync($"I22D-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}");
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await page.GotoAsync(Url("/floor"));
        await Fixtures.Browser.WaitInteractiveAsync(page);

        // 暂停: one click shows the reason list; a reason and one confirm suspend the session with that reason.
        await page.GetByTestId($"Suspend-{roomCode}").ClickAsync();
        var reasons = page.GetByTestId("reason-dialog");
        await Expect(reasons).ToBeVisibleAsync();
        foreach (var reason in RoomBooking.SuspendReasons.Take(4)) await Expect(reasons).ToContainTextAsync(reason);
        await Expect(page.GetByTestId("reason-confirm")).ToBeDisabledAsync(); // nothing picked yet
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("floor-suspend-reasons.png") });
        await reasons.GetByText(RoomBooking.SuspendReasons[1]).ClickAsync();
        await page.GetByTestId("reason-confirm").ClickAsync();
        await Eventually.FoundAsync(async () => await PhaseAsync(bookingId) is (SessionPhase.Suspended, var r) && r == RoomBooking.SuspendReasons[1] ? "suspended" : null,
            TimeSpan.FromSeconds(15), "the session suspended with the picked reason");

        // 结束: asks "确定结束…？此操作不可撤销"; 取消 leaves the session as it was.
        await page.GetByTestId($"End-{roomCode}").ClickAsync();
        var dialog = page.GetByTestId("irreversible-dialog");
        await Expect(dialog).ToContainTextAsync($"确定结束 {roomCode}");
        await Expect(dialog).ToContainTextAsync("此操作不可撤销");
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("floor-end-confirm.png") });
        await page.GetByTestId("irreversible-cancel").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal(SessionPhase.Suspended, (await PhaseAsync(bookingId)).Phase);

        // Confirmed, it ends.
        await page.GetByTestId($"End-{roomCode}").ClickAsync();
        await page.GetByTestId("irreversible-confirm").ClickAsync();
        await Eventually.FoundAsync(async () => (await PhaseAsync(bookingId)).Phase == SessionPhase.Ended ? "ended" : null,
            TimeSpan.FromSeconds(15), "the session ended after the confirmation");
    }

    [Fact]
    public async Task At_the_window_transfer_asks_first_and_cancel_keeps_the_ticket_and_pause_offers_the_reasons_at_once()
    {
        var (prefix, windowNumber) = await TestCounters.NewAsync(server.Services);
        await using var chromium = await Fixtures.Browser.OpenAsync();
        await TestCounters.SignOffEverywhereAsync(server.Services, "staff");
        var console = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await console.GotoAsync(Url($"/queue/window/{windowNumber}"));
        await Fixtures.Browser.WaitInteractiveAsync(console);
        await console.GetByTestId("sign-on").ClickAsync();
        using (var scope = server.Services.CreateScope())
        {
            await using var db = await server.Services.NewContextAsync();
            var type = await db.ServiceTypes.SingleAsync(t => t.Prefix == prefix);
            await scope.ServiceProvider.GetRequiredService<QueueService>().IssueAsync(type.Id, TicketChannel.Kiosk);
        }
        await Expect(console.GetByTestId("call-next")).ToBeEnabledAsync();
        await console.GetByTestId("call-next").ClickAsync();
        var card = console.GetByTestId($"ticket-{prefix}001");
        await Expect(card).ToBeVisibleAsync();

        // 转移 asks; 取消 keeps the ticket called at this window.
        await card.GetByTestId("transfer").ClickAsync();
        var dialog = console.GetByTestId("irreversible-dialog");
        await Expect(dialog).ToContainTextAsync($"确定将 {prefix}001 转移到");
        await Expect(dialog).ToContainTextAsync("此操作不可撤销");
        await console.GetByTestId("irreversible-cancel").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(card).ToBeVisibleAsync();
        Assert.Equal(TicketStatus.Called, await TicketStatusAsync($"{prefix}001"));

        // Confirmed, the ticket leaves the window and waits again.
        await card.GetByTestId("transfer").ClickAsync();
        await console.GetByTestId("irreversible-confirm").ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        Assert.Equal(TicketStatus.Waiting, await TicketStatusAsync($"{prefix}001"));

        // 暂停叫号: one click shows the reasons; 其他 asks for words, and the words are what is stored.
        await console.GetByTestId("pause").ClickAsync();
        var reasons = console.GetByTestId("reason-dialog");
        foreach (var reason in ServiceWindow.PauseReasons.Take(4)) await Expect(reasons).ToContainTextAsync(reason);
        await reasons.GetByText("其他（请填写原因）").ClickAsync();
        await Expect(console.GetByTestId("reason-confirm")).ToBeDisabledAsync(); // 其他 without words is no reason
        await console.Locator("[data-testid=reason-other] input, input[data-testid=reason-other]").First.FillAsync("窗口打印机卡纸");
        await console.GetByTestId("reason-confirm").ClickAsync();
        await Expect(console.GetByTestId("window-status")).ToContainTextAsync("窗口打印机卡纸");
        await using var check = await server.Services.NewContextAsync();
        Assert.Equal("窗口打印机卡纸", (await check.ServiceWindows.SingleAsync(w => w.Number == windowNumber)).PauseReason);
    }

    [Fact]
    public async Task The_rating_pad_and_the_QR_page_name_the_missing_level_next_to_it_move_the_focus_there_and_keep_the_comment()
    {
        var (prefix, windowNumber) = await TestCounters.NewAsync(server.Services);
        var finished = await DeviceKit.FinishedTicketAsync(server.Services, windowNumber, DateTimeOffset.UtcNow);
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var paired = await DeviceKit.PairAsync(server.Services, TradingOps.Core.Devices.DeviceKind.RatingPad, $"{windowNumber}号窗口评价器", windowNumber);
        var pad = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        await pad.GotoAsync(Url($"/queue/pad/{windowNumber}"));
        await pad.GetByLabel("配对码").FillAsync(paired.Secret);
        await pad.GetByRole(AriaRole.Button, new() { Name = "配对" }).ClickAsync();
        await Expect(pad.GetByText(finished.Code)).ToBeVisibleAsync();

        // Submitted without a level: the message sits at the levels, the focus is on them, the comment is kept, nothing is saved.
        await pad.GetByLabel("意见和建议（选填）").FillAsync("办得很快");
        await pad.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(pad.GetByTestId("level-missing")).ToHaveTextAsync("请为「本次服务」选择满意程度");
        await Expect(pad.Locator("[data-testid=level-VerySatisfied] input")).ToBeFocusedAsync();
        await Expect(pad.GetByLabel("意见和建议（选填）")).ToHaveValueAsync("办得很快");
        await pad.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("rating-pad-level-missing.png") });
        await using (var db = await server.Services.NewContextAsync())
            Assert.False(await db.SatisfactionRatings.AnyAsync(r => r.TicketId == finished.Id));

        // With a level, it is recorded with the kept comment.
        await pad.GetByTestId("level-Satisfied").ClickAsync();
        await pad.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(pad.GetByText("感谢您的评价！")).ToBeVisibleAsync();
        await using (var db = await server.Services.NewContextAsync())
            Assert.Equal("办得很快", (await db.SatisfactionRatings.SingleAsync(r => r.TicketId == finished.Id)).Comment);

        // The holder's own page (the slip's QR) says the same.
        var other = await DeviceKit.FinishedTicketAsync(server.Services, windowNumber, DateTimeOffset.UtcNow);
        var phone = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        await phone.GotoAsync(Url($"/queue/rate/{other.RatingToken}"));
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(phone.GetByTestId("level-missing")).ToHaveTextAsync("请为「本次服务」选择满意程度");
        await Expect(phone.Locator("[data-testid=level-VerySatisfied] input")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_ticket_slip_QR_is_an_absolute_URL_on_the_public_address_that_opens_the_tickets_page()
    {
        Assert.NotEqual(server.BaseAddress.Host, server.PublicBaseAddress.Host); // the kiosk's host is not what the QR may use
        var (prefix, _) = await TestCounters.NewAsync(server.Services);
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var kiosk = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        await kiosk.GotoAsync(Url("/queue/kiosk"));
        await kiosk.GetByTestId($"kiosk-{prefix}").ClickAsync();
        await Expect(kiosk.GetByTestId("ticket-code")).ToHaveTextAsync($"{prefix}001");
        await kiosk.GetByTestId("ticket-slip").ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("ticket-slip.png") });

        // Read the QR as a phone does: from the pixels the browser drew.
        var scanned = await ScanQrAsync(kiosk, kiosk.GetByTestId("ticket-qr"));
        Assert.True(Uri.TryCreate(scanned, UriKind.Absolute, out var url), $"the QR holds an absolute URL, not «{scanned}»");
        Assert.Equal(server.PublicBaseAddress.GetLeftPart(UriPartial.Authority), url.GetLeftPart(UriPartial.Authority));
        string token;
        await using (var db = await server.Services.NewContextAsync())
            token = (await db.QueueTickets.SingleAsync(t => t.Code == $"{prefix}001")).RatingToken;
        Assert.Equal($"/queue/rate/{token}", url.AbsolutePath);

        // The phone opens it: the ticket's own page.
        var phone = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        var response = await phone.GotoAsync(url.ToString());
        Assert.True(response!.Ok);
        await Expect(phone.Locator("body")).ToContainTextAsync($"{prefix}001");
    }

    [Fact]
    public async Task The_deficiency_notice_prints_as_an_official_document_and_the_registration_page_keeps_every_submission()
    {
        var (id, firstAt) = await ReturnedRegistrationAsync();
        string number;
        DateOnly by;
        await using (var db = await server.Services.NewContextAsync())
        {
            var notice = await db.DeficiencyNotices.AsNoTracking().SingleAsync(n => n.RegistrationId == id);
            (number, by) = (notice.Number!, notice.ResubmitBy!.Value);
        }
        Assert.Matches(@"^BZ-\d{8}-\d{3}$", number);
        var calendar = await server.Services.GetRequiredService<TradingOps.Core.Calendar.IWorkdayCalendarProvider>().GetAsync();
        Assert.Equal(calendar.AddWorkingDays(TradingOps.Core.Common.CenterTime.Today(TimeProvider.System), 5), by);

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await page.GotoAsync(Url($"/registrations/{id}/notice"));
        await Expect(page.GetByTestId("notice-number")).ToContainTextAsync(number);
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("registration-notice.png"), FullPage = true });

        // Printed to PDF (A4, print media) and read back as text: letterhead, number, deadline, seal; no screen-only hint.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        // The PDF's fonts map some ideographs to their Kangxi-radical twins (⼼ for 心): compare as NFKC, without spaces.
        static string Read(string s) => string.Concat(s.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));
        var text = Read(PdfReadBack.Text(pdf));
        Assert.Contains(Read(PublicAddressServer.CenterName), text);
        Assert.Contains(number, text);
        Assert.Contains(Read($"请于5个工作日内（{by.Year}年{by.Month}月{by.Day}日前）补正"), text);
        Assert.Contains(Read("（盖章）"), text);
        Assert.DoesNotContain("Ctrl+P", text);
        Assert.Equal(1, PdfReadBack.Pages(pdf));

        // The agency resubmits: the registration page shows the first 提交时间 and both submissions.
        await WithRegistrationsAsync(s => s.ResubmitAsync(id, ["资产评估报告"]));
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GotoAsync(Url($"/registrations/{id}"));
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("first-submitted")).ToHaveTextAsync(TradingOps.Web.Fmt.Minute(firstAt));
        await Expect(page.GetByTestId("submission")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("submission").Nth(1)).ToContainTextAsync("资产评估报告");
        await Expect(page.GetByTestId("submission").Nth(1)).ToContainTextAsync(number);
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("registration-submissions.png"), FullPage = true });
    }

    private async Task<(Guid Id, DateTimeOffset FirstAt)> ReturnedRegistrationAsync()
    {
        var draft = TradingOps.Tests.Registrations.RegistrationTestData.Draft(TimeProvider.System.GetUtcNow(), TradingOps.Core.Projects.TradingCategory.StateAssets, "公共资源进场交易申请表");
        var submitted = await WithRegistrationsAsync(s => s.SubmitAsync(draft, TradingOps.Core.Registrations.RegistrationChannel.Window));
        var id = submitted.Id!.Value;
        await WithRegistrationsAsync(s => s.StartReviewAsync(id));
        await WithRegistrationsAsync(s => s.ReturnAsync(id, [new TradingOps.Core.Registrations.DeficiencyItem("资产评估报告", TradingOps.Core.Registrations.DeficiencyKind.Missing, "须为一年内的评估报告")]));
        await using var db = await server.Services.NewContextAsync();
        return (id, (await db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id)).SubmittedAt);
    }

    private async Task<TradingOps.Data.Registrations.RegistrationOutcome> WithRegistrationsAsync(
        Func<TradingOps.Data.Registrations.RegistrationService, Task<TradingOps.Data.Registrations.RegistrationOutcome>> action)
    {
        string adminId;
        await using (var db = await server.Services.NewContextAsync())
            adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.User(adminId, "admin"));
        var outcome = await action(scope.ServiceProvider.GetRequiredService<TradingOps.Data.Registrations.RegistrationService>());
        Assert.True(outcome.Succeeded, string.Join("；", outcome.Errors.SelectMany(e => e.Value)));
        return outcome;
    }

    /// <summary>The QR's text, decoded with ZXing from the SVG as the browser draws it on a canvas (white quiet zone around).</summary>
    private static async Task<string> ScanQrAsync(IPage page, ILocator qr)
    {
        var pixels = await qr.EvaluateAsync<QrPixels>("""
            async el => {
              const svg = el.querySelector('svg');
              const box = svg.getBoundingClientRect();
              const img = new Image();
              img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
              await img.decode();
              const pad = 24, w = Math.ceil(box.width) + 2 * pad, h = Math.ceil(box.height) + 2 * pad;
              const canvas = document.createElement('canvas'); canvas.width = w; canvas.height = h;
              const g = canvas.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, w, h);
              g.drawImage(img, pad, pad, Math.ceil(box.width), Math.ceil(box.height));
              const d = g.getImageData(0, 0, w, h).data, gray = [];
              for (let i = 0; i < d.length; i += 4) gray.push(Math.round(0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]));
              return { width: w, height: h, gray };
            }
            """);
        var source = new RGBLuminanceSource(pixels.Gray.Select(v => (byte)v).ToArray(), pixels.Width, pixels.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        Assert.NotNull(result);
        return result.Text;
    }

    private sealed class QrPixels
    {
        public int Width { get; set; }
        public int Height { get; set; }
        public int[] Gray { get; set; } = [];
    }

    private async Task<(SessionPhase Phase, string? Reason)> PhaseAsync(Guid bookingId)
    {
        await using var db = await server.Services.NewContextAsync();
        var b = await db.RoomBookings.AsNoTracking().SingleAsync(b => b.Id == bookingId);
        return (b.Phase, b.SuspendReason);
    }

    private async Task<TicketStatus> TicketStatusAsync(string code)
    {
        await using var db = await server.Services.NewContextAsync();
        return (await db.QueueTickets.AsNoTracking().SingleAsync(t => t.Code == code)).Status;
    }

    /// <summary>A bid opening in session now in a free room, through the booking service.</summary>
    private async Task<(Guid Booking, string Room)> RunningSessionAsync(string project)
    {
        var now = TimeProvider.System.GetUtcNow();
        Room room;
        string adminId;
        await using (var db = await server.Services.NewContextAsync())
        {
            var holding = RoomBooking.HoldingStatuses;
            var busy = await db.RoomBookings.Where(b => holding.Contains(b.Status) && b.StartsAt < now.AddHours(2) && b.EndsAt > now.AddHours(-3))
                .Select(b => b.RoomId).Distinct().ToListAsync();
            room = (await db.Rooms.Where(r => r.Type == RoomType.BidOpeningRoom && r.InService).ToListAsync())
                .Where(r => !busy.Contains(r.Id)).OrderBy(r => r.Code).First();
            adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
        }
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.User(adminId, "admin"));
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        var booking = await bookings.BookAsync(new BookingRequest(room.Id, null, project, "道路照明改造工程施工", "确认测试代理有限公司",
            BookingPurpose.BidOpening, 30, now.AddMinutes(2), now.AddMinutes(32), "王经理", "13912345678", "confirm@agency.example.cn"));
        foreach (var step in new[] { SessionCommand.Confirm, SessionCommand.CheckIn, SessionCommand.Start })
            await bookings.SessionAsync(booking.Id, step);
        return (booking.Id, room.Code);
    }
}
