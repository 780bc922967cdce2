using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Common;
using TradingOps.Core.Registrations;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Registrations;

/// <summary>The desk in Chromium: clerk pages, the agency's API calls and the wall panel updating live.</summary>
[FullLane]
public sealed class RegistrationBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private static readonly LocatorAssertionsToHaveTextOptions WithinTwoSeconds = new() { Timeout = 2000 };

    private Task<IPage> SignedInAsync(IBrowser browser, string account) =>
        Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, account);

    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    private static ILocator Input(IPage page, string testId) => page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).First.ClickAsync();
    }

    private async Task<Guid> RoomIdAsync(string code)
    {
        await using var db = await server.Services.NewContextAsync();
        return await db.Rooms.Where(r => r.Code == code).Select(r => r.Id).SingleAsync();
    }

    [Fact]
    public async Task A_clerk_returns_with_a_notice_the_agency_resubmits_the_clerk_accepts_with_a_room_and_the_wall_follows_within_2_seconds()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var wall = await SignedInAsync(browser, "display");
        await wall.GotoAsync(Url("/wall/registrations"));
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        var pendingBefore = int.Parse(await wall.GetByTestId("wall-pending").InnerTextAsync());
        var clerk = await SignedInAsync(browser, "staff");

        // The agency registers online. The API takes a signed-in staff session for now, so the clerk's browser session sends it.
        var day = CenterTime.Today(TimeProvider.System).AddDays(30);
        var created = await clerk.APIRequest.PostAsync(Url("/api/registrations"), new() { DataObject = new
        {
            projectName = "市公交集团报废车辆资产处置（浏览器测试）", category = "StateAssets", method = "Auction", initiator = "市公交集团",
            agency = "恒远拍卖有限公司", contactName = "张三", contactPhone = "0411-88886612", amount = 1_450_000,
            bidOpeningAt = CenterTime.At(day, new TimeOnly(9, 30)), materials = new[] { "公共资源进场交易申请表" },
            slots = new[] { new { roomId = await RoomIdAsync("K208"), start = CenterTime.At(day, new TimeOnly(9, 0)), end = CenterTime.At(day, new TimeOnly(11, 0)), purpose = "拍卖会" } },
        } });
        Assert.Equal(201, created.Status);
        var body = JsonDocument.Parse(await created.TextAsync()).RootElement;
        var (id, code) = (body.GetProperty("id").GetGuid(), body.GetProperty("code").GetString()!);
        await Expect(wall.GetByTestId("wall-pending")).ToHaveTextAsync((pendingBefore + 1).ToString(), WithinTwoSeconds);

        // The clerk finds it on the live pending board and reviews it.
        await clerk.GotoAsync(Url("/registrations"));
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        var row = clerk.Locator($"[data-testid=pending-row][data-code='{code}']");
        await Expect(row.GetByTestId("countdown")).ToContainTextAsync("剩余");
        await clerk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("registrations-board-1920x1080.png") });
        await row.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await Expect(clerk.GetByTestId("code")).ToHaveTextAsync(code);
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await clerk.GetByTestId("start-review").ClickAsync();
        await Expect(clerk.GetByTestId("status")).ToHaveTextAsync("审核中");

        // Return with a one-time notice: the two missing materials are pre-marked from the checklist.
        await clerk.GetByRole(AriaRole.Tab, new() { Name = "退回并一次性告知" }).ClickAsync();
        await Input(clerk, "extra-material").FillAsync("资产评估报告");
        await Input(clerk, "extra-note").FillAsync("评估基准日已超过一年");
        await clerk.GetByTestId("return").ClickAsync();
        await Expect(clerk.GetByTestId("status")).ToHaveTextAsync("已退回");
        await Expect(clerk.GetByTestId("notice-items").Locator("li")).ToHaveCountAsync(2);
        await Expect(wall.GetByTestId("wall-pending")).ToHaveTextAsync(pendingBefore.ToString(), WithinTwoSeconds);

        await clerk.GotoAsync(Url($"/registrations/{id}/notice"));
        await Expect(clerk.GetByTestId("notice-item")).ToHaveCountAsync(2);
        await Expect(clerk.GetByTestId("notice")).ToContainTextAsync("评估基准日已超过一年");
        await clerk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("registration-notice-print.png"), FullPage = true });
        await clerk.GotoAsync(Url($"/registrations/{id}"));
        await Expect(clerk.GetByTestId("status")).ToHaveTextAsync("已退回");
        await Fixtures.Browser.WaitInteractiveAsync(clerk);

        await clerk.GetByTestId("mark-sent").ClickAsync();
        await Expect(clerk.GetByTestId("notice-sent")).ToContainTextAsync("送达代理机构");

        // The agency resubmits through the API; the clerk's open page and the wall follow by themselves.
        var resubmitted = await clerk.APIRequest.PostAsync(Url($"/api/registrations/{id}/resubmission"),
            new() { DataObject = new { materials = new[] { "资产处置批准文件", "资产评估报告" } } });
        Assert.Equal(200, resubmitted.Status);
        await Expect(clerk.GetByTestId("status")).ToHaveTextAsync("已补正");
        await Expect(wall.GetByTestId("wall-pending")).ToHaveTextAsync((pendingBefore + 1).ToString(), WithinTwoSeconds);

        // Accept: responsible staff, points to observe, the room checked and booked.
        await clerk.GetByTestId("start-review").ClickAsync();
        await Expect(clerk.GetByTestId("status")).ToHaveTextAsync("审核中");
        await clerk.GetByTestId("responsible-staff").First.ClickAsync();
        await clerk.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await Input(clerk, "points").FillAsync("拍卖会前一日核对竞买保证金到账情况");
        await clerk.GetByTestId("check-conflicts").ClickAsync();
        await Expect(clerk.GetByTestId("no-conflicts")).ToBeVisibleAsync();
        await clerk.GetByTestId("accept").ClickAsync();
        await Expect(clerk.GetByTestId("status")).ToHaveTextAsync("已办结");
        await Expect(clerk.GetByTestId("slot")).ToContainTextAsync("已预约");
        await Expect(wall.GetByTestId("wall-pending")).ToHaveTextAsync(pendingBefore.ToString(), WithinTwoSeconds);
        await clerk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("registration-accepted-1920x1080.png") });
        await wall.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("registrations-wall-1920x1080.png") });

        await using var db = await server.Services.NewContextAsync();
        var r = await db.Registrations.Include(x => x.Notices).SingleAsync(x => x.Id == id);
        Assert.Equal(RegistrationStatus.Accepted, r.Status);
        Assert.NotNull(r.ResponsibleStaffId);
        Assert.NotNull(r.ProjectId);
        Assert.All(r.Slots, s => Assert.True(s.Confirmed));
        Assert.NotNull(Assert.Single(r.Notices).SentAt);
    }

    [Fact]
    public async Task The_window_form_shows_Chinese_messages_on_each_bad_field_and_saves_nothing()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var clerk = await SignedInAsync(browser, "staff");
        int before;
        await using (var db = await server.Services.NewContextAsync()) before = await db.Registrations.CountAsync();

        await clerk.GotoAsync(Url("/registrations/new"));
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await Input(clerk, "projectName").FillAsync("市第一中学食堂改造");
        await Input(clerk, "amount").FillAsync("-5");
        await Input(clerk, "bidOpeningAt").FillAsync("2020-01-01T09:00");
        await clerk.GetByTestId("submit").ClickAsync();

        await Expect(clerk.GetByTestId("form-errors")).ToBeVisibleAsync();
        foreach (var message in new[] { "金额不能为负数", "请选择交易类别", "请选择交易方式", "请填写招标人/采购人", "请填写联系人", "计划开标时间不能早于现在" })
            await Expect(clerk.GetByText(message)).ToBeVisibleAsync();
        await clerk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("registration-form-errors-1920x1080.png") });
        await using (var db = await server.Services.NewContextAsync()) Assert.Equal(before, await db.Registrations.CountAsync());

        // Corrected, it registers and opens the new registration.
        await Input(clerk, "amount").FillAsync("2300000");
        await Input(clerk, "bidOpeningAt").FillAsync(CenterTime.Today(TimeProvider.System).AddDays(20).ToString("yyyy-MM-dd") + "T09:30");
        await ChooseAsync(clerk, "category", "工程建设");
        await ChooseAsync(clerk, "method", "公开招标");
        await Input(clerk, "initiator").FillAsync("市第一中学");
        await Input(clerk, "contactName").FillAsync("刘老师");
        await Input(clerk, "contactPhone").FillAsync("0411-86661234");
        await clerk.GetByTestId("submit").ClickAsync();
        await Expect(clerk).ToHaveURLAsync(new Regex("/registrations/[0-9a-f-]{36}$"));
        await Expect(clerk.GetByTestId("status")).ToHaveTextAsync("已提交");
        await using (var db = await server.Services.NewContextAsync()) Assert.Equal(before + 1, await db.Registrations.CountAsync());
    }

    [Fact]
    public async Task A_clerk_records_a_phone_consultation_by_quick_entry_as_its_first_responder()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var clerk = await SignedInAsync(browser, "staff");
        await clerk.GotoAsync(Url("/consultations"));
        await Fixtures.Browser.WaitInteractiveAsync(clerk);

        await clerk.GetByTestId("cons-save").ClickAsync();
        await Expect(clerk.GetByTestId("cons-error")).ToContainTextAsync("不能为空");

        await Input(clerk, "cons-topic").FillAsync("场地预约");
        await Input(clerk, "cons-enquirer").FillAsync("孙女士（中科招标）");
        await Input(clerk, "cons-question").FillAsync("评标室可以提前一天预约吗？（浏览器测试）");
        await Input(clerk, "cons-answer").FillAsync("可以，在登记时一并申请场地即可。");
        await clerk.GetByTestId("cons-save").ClickAsync();
        var row = clerk.GetByTestId("consultations").Locator("tr", new() { HasText = "（浏览器测试）" });
        await Expect(row).ToContainTextAsync("已答复");
        await clerk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("consultations-1920x1080.png") });

        await using var db = await server.Services.NewContextAsync();
        var c = await db.Consultations.SingleAsync(x => x.Question.Contains("（浏览器测试）"));
        Assert.Equal(ConsultationChannel.OnSite, c.Channel);
        Assert.False(string.IsNullOrWhiteSpace(c.FirstResponder));
    }

    [Fact]
    public async Task A_room_conflict_is_shown_to_the_clerk_and_the_acceptance_saves_nothing()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var clerk = await SignedInAsync(browser, "staff");
        var day = CenterTime.Today(TimeProvider.System).AddDays(40);
        var room = await RoomIdAsync("K207");
        async Task<Guid> RegisterAsync(string name, int startHour)
        {
            var response = await clerk.APIRequest.PostAsync(Url("/api/registrations"), new() { DataObject = new
            {
                projectName = name, category = "GovernmentProcurement", method = "OpenTender", initiator = "市人民医院",
                contactName = "王五", contactPhone = "0411-88880000", amount = 800_000,
                materials = new[] { "公共资源进场交易申请表", "政府采购系统项目备案或审批表" },
                slots = new[] { new { roomId = room, start = CenterTime.At(day, new TimeOnly(startHour, 0)), end = CenterTime.At(day, new TimeOnly(startHour + 2, 0)), purpose = "开标" } },
            } });
            Assert.Equal(201, response.Status);
            return JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("id").GetGuid();
        }
        var first = await RegisterAsync("先受理的采购项目（冲突测试）", 9);
        var second = await RegisterAsync("后受理的采购项目（冲突测试）", 10);
        string firstCode;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TradingOps.Web.Infrastructure.WebCurrentActor>().ActAs(TradingOps.Core.Auditing.Actor.System("test"));
            var desk = scope.ServiceProvider.GetRequiredService<TradingOps.Data.Registrations.RegistrationService>();
            await using var db = await server.Services.NewContextAsync();
            var staff = await db.Staff.Where(s => s.IsActive).Select(s => s.Id).FirstAsync();
            Assert.True((await desk.StartReviewAsync(first)).Succeeded);
            Assert.True((await desk.AcceptAsync(first, new(staff, null, null))).Succeeded);
            firstCode = await db.Registrations.Where(r => r.Id == first).Join(db.TradingProjects, r => r.ProjectId, p => p.Id, (r, p) => p.Code).SingleAsync();
            Assert.NotNull(TradingOps.Core.Projects.ProjectCodes.NumberOf(firstCode)); // the one project code format
        }

        await clerk.GotoAsync(Url($"/registrations/{second}"));
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await clerk.GetByTestId("start-review").ClickAsync();
        await Expect(clerk.GetByTestId("status")).ToHaveTextAsync("审核中");
        await clerk.GetByTestId("check-conflicts").ClickAsync();
        await Expect(clerk.GetByTestId("conflicts")).ToContainTextAsync("与已有预约冲突");
        await Expect(clerk.GetByTestId("conflicts")).ToContainTextAsync(firstCode);
        await clerk.GetByTestId("responsible-staff").First.ClickAsync();
        await clerk.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await clerk.GetByTestId("accept").ClickAsync();
        await Expect(clerk.GetByTestId("conflicts")).ToContainTextAsync("未保存任何内容");
        await Expect(clerk.GetByTestId("status")).ToHaveTextAsync("审核中");
        await clerk.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("registration-room-conflict-1920x1080.png") });

        await using var check = await server.Services.NewContextAsync();
        var r = await check.Registrations.SingleAsync(x => x.Id == second);
        Assert.Equal(RegistrationStatus.InReview, r.Status);
        Assert.Null(r.ResponsibleStaffId);
        Assert.Null(r.ProjectId);
    }
}
