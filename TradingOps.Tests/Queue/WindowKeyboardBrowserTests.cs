using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data.Queue;
using TradingOps.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Queue;

/// <summary>
/// Issue 22: everything a clerk does at a window works from the keyboard alone — reached by Tab in the order it is
/// shown, activated by Enter or Space, with a focus ring the clerk can see. No clicks after signing in.
/// </summary>
[FullLane]
public sealed class WindowKeyboardBrowserTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    [Fact]
    public async Task A_clerk_signs_on_calls_recalls_serves_finishes_marks_a_no_show_transfers_and_records_a_walk_in_with_the_keyboard_only()
    {
        var (prefix, windowNumber) = await TestCounters.NewAsync(server.Services);
        await TestCounters.SignOffEverywhereAsync(server.Services, "staff");
        await using (var db = await server.Services.NewContextAsync())
        {
            var type = await db.ServiceTypes.SingleAsync(t => t.Prefix == prefix);
            using var scope = server.Services.CreateScope();
            var queue = scope.ServiceProvider.GetRequiredService<QueueService>();
            for (var i = 0; i < 3; i++) await queue.IssueAsync(type.Id, TicketChannel.Kiosk);
        }

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await page.GotoAsync(Url($"/queue/window/{windowNumber}"));
        await Fixtures.Browser.WaitInteractiveAsync(page);

        await TabToAsync(page, page.GetByTestId("sign-on"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("call-next")).ToBeEnabledAsync();

        // First ticket: called, recalled, served, finished.
        await TabToAsync(page, page.GetByTestId("call-next"));
        await page.Keyboard.PressAsync("Enter");
        var first = page.GetByTestId($"ticket-{prefix}001");
        await Expect(first.GetByTestId("ticket-status")).ToHaveTextAsync("已叫号");

        // Everything the clerk can do with the called ticket comes by Tab in the order it is shown.
        var order = await TabOrderAsync(page);
        string[] shown = ["call-next", "start", "recall", "no-show", "hold-reason", "hold", "transfer-type", "transfer-window", "transfer", "window-consultation-toggle"];
        Assert.Equal(shown, order.Where(shown.Contains).Distinct().ToArray());

        await TabToAsync(page, first.GetByTestId("recall"));
        await page.Keyboard.PressAsync(" ");
        await Expect(first.GetByTestId("ticket-status")).ToHaveTextAsync("已叫号 ×2");
        await TabToAsync(page, first.GetByTestId("start"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(first.GetByTestId("ticket-status")).ToHaveTextAsync("办理中 ×2"); // the recall count stays on the ticket
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("window-keyboard-serving.png") });
        await TabToAsync(page, first.GetByTestId("finish"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(first).ToHaveCountAsync(0);

        // Second ticket: nobody comes.
        await TabToAsync(page, page.GetByTestId("call-next"));
        await page.Keyboard.PressAsync("Enter");
        var second = page.GetByTestId($"ticket-{prefix}002");
        await TabToAsync(page, second.GetByTestId("no-show"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(second).ToHaveCountAsync(0);

        // Third ticket: sent back to the queue of its type.
        await TabToAsync(page, page.GetByTestId("call-next"));
        await page.Keyboard.PressAsync("Enter");
        var third = page.GetByTestId($"ticket-{prefix}003");
        await TabToAsync(page, third.GetByTestId("transfer"));
        await page.Keyboard.PressAsync("Enter");
        // 转移 cannot be undone: it asks first, and the question is answered from the keyboard too.
        await TabToAsync(page, page.GetByTestId("irreversible-confirm"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(third).ToHaveCountAsync(0);

        // A walk-in's question, recorded at the window (咨询登记).
        var topic = "键盘登记" + prefix;
        await TabToAsync(page, page.GetByTestId("window-consultation-toggle"));
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, Field(page, "cons-topic"));
        await page.Keyboard.TypeAsync(topic);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("张先生");
        await TabToAsync(page, Field(page, "cons-question"));
        await page.Keyboard.TypeAsync("窗口能否代办？");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("可以，请带营业执照。");
        await TabToAsync(page, page.GetByTestId("cons-save"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(Field(page, "cons-topic")).ToHaveValueAsync("");

        await using var check = await server.Services.NewContextAsync();
        async Task<TicketEventKind[]> EventsOf(string code)
        {
            var id = await check.QueueTickets.Where(t => t.Code == code).Select(t => t.Id).SingleAsync();
            return await check.TicketEvents.Where(e => e.TicketId == id).OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Kind).ToArrayAsync();
        }
        Assert.Equal([TicketEventKind.Issued, TicketEventKind.Called, TicketEventKind.Recalled, TicketEventKind.Serving, TicketEventKind.Finished], await EventsOf($"{prefix}001"));
        Assert.Equal([TicketEventKind.Issued, TicketEventKind.Called, TicketEventKind.NoShow], await EventsOf($"{prefix}002"));
        Assert.Equal([TicketEventKind.Issued, TicketEventKind.Called, TicketEventKind.Transferred], await EventsOf($"{prefix}003"));
        Assert.True(await check.Consultations.AnyAsync(c => c.Topic == topic));
    }

    /// <summary>A text field by its test id (MudBlazor puts the id on the input itself or on its wrapper).</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>
    /// Presses Tab (wrapping round the page) until <paramref name="target"/> has the focus, and checks the focus is
    /// drawn: a keyboard user has to see where they are.
    /// </summary>
    private static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 150)
    {
        await target.WaitForAsync();
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) break;
            if (i == maxPresses - 1) Assert.Fail($"Tab never reached {target} in {maxPresses} presses");
        }
        var ring = await page.EvaluateAsync<string>("""
            () => { const e = document.activeElement, s = getComputedStyle(e), box = e.closest('.mud-input-control');
                    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) return 'outline';
                    if (box && box.querySelector('.mud-input-outlined-border, .mud-input-underline')) return 'field';
                    return 'none: ' + e.outerHTML.slice(0, 120); }
            """);
        Assert.True(ring is "outline" or "field", $"no visible focus on {target}: {ring}");
    }

    /// <summary>The data-testid of each focus stop (or the nearest marked ancestor) over one round of Tab from the page's start.</summary>
    private static async Task<List<string>> TabOrderAsync(IPage page)
    {
        // Tab on from the top of the page's <main> (a blur alone leaves the browser's starting point where the focus was).
        await page.EvaluateAsync("() => { const m = document.querySelector('main'); m.setAttribute('tabindex', '-1'); m.focus(); }");
        var order = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string?>("() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null");
            if (id is not null) order.Add(id);
            if (id == "cons-save" || (i > 10 && await page.EvaluateAsync<bool>("() => document.activeElement === document.body"))) break;
        }
        return order;
    }
}
