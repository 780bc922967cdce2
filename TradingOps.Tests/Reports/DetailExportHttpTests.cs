using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Reports;

/// <summary>The detail exports over HTTP: who may take them, how a bad period is refused, the file name, the audit line.</summary>
[FullLane]
public sealed class DetailExportHttpTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private async Task<HttpClient> SignedInAsync(string account)
    {
        var client = app.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, account, IdentitySeeder.DemoPassword)));
        return client;
    }

    [Theory]
    [InlineData("ledger", "项目登记台账")]
    [InlineData("rooms", "场地使用明细")]
    [InlineData("tickets", "票号明细")]
    [InlineData("ratings", "满意度评价明细")]
    public async Task A_supervisor_downloads_a_detail_export_named_after_its_period_and_the_export_is_audited(string key, string title)
    {
        var to = CenterTime.Today(TimeProvider.System);
        var from = to.AddDays(-6);
        using var client = await SignedInAsync("supervisor");
        var response = await client.GetAsync($"/reports/{key}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportEndpoints.XlsxType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{title}_{from:yyyy-MM-dd}_{to:yyyy-MM-dd}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(title);
        var rows = sheet.LastRowUsed().RowNumber() - 2; // header and totals
        Assert.Equal("合计", sheet.Cell(rows + 2, 1).GetString());

        await using var db = await app.Services.NewContextAsync();
        var audited = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Entity == ReportEndpoints.ReportExportEntity && e.Key == key && e.Action == AuditAction.Exported && e.ActorName == "supervisor")
            .ToListAsync();
        var entry = Assert.Single(audited, e => e.Changes.Contains($"\"from\":\"{from:yyyy-MM-dd}\"") && e.Changes.Contains($"\"to\":\"{to:yyyy-MM-dd}\""));
        using var details = JsonDocument.Parse(entry.Changes);
        Assert.Equal(title, details.RootElement.GetProperty("report").GetString());
        Assert.Equal(rows, details.RootElement.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task The_ticket_export_holds_every_ticket_of_the_days_asked_for()
    {
        var today = CenterTime.Today(TimeProvider.System);
        await using var db = await app.Services.NewContextAsync();
        var expected = await db.QueueTickets.CountAsync(t => t.ServiceDate == today);
        Assert.True(expected > 0, "the demo queue has tickets today");

        using var client = await SignedInAsync("duty");
        using var workbook = new XLWorkbook(await client.GetStreamAsync($"/reports/tickets?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}"));
        var sheet = workbook.Worksheet("票号明细");
        Assert.Equal(expected + 2, sheet.LastRowUsed().RowNumber());
        Assert.Equal(expected, sheet.Cell(expected + 2, 2).GetValue<int>());
    }

    [Theory]
    [InlineData("staff")]
    [InlineData("display")]
    public async Task Accounts_outside_the_supervisors_get_no_detail_export(string account)
    {
        using var client = await SignedInAsync(account);
        foreach (var key in ReportEndpoints.DetailKeys)
        {
            var response = await client.GetAsync($"/reports/{key}?from=2026-11-01&to=2026-11-30");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(ReportEndpoints.XlsxType, response.Content.Headers.ContentType?.MediaType);
        }
        using var anonymous = app.NewClient();
        var refused = await anonymous.GetAsync("/reports/tickets?from=2026-11-01&to=2026-11-30");
        Assert.True(HttpStatus.IsRedirect(refused.StatusCode) || refused.StatusCode == HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("tickets", "", "请指定起止日期")]
    [InlineData("rooms", "?from=2026-11-01", "请指定起止日期")]
    [InlineData("ratings", "?from=2026-13-01&to=2026-11-30", "日期格式不正确（from=2026-13-01）")]
    [InlineData("tickets", "?from=20261101&to=2026-11-30", "应为 yyyy-MM-dd")]
    [InlineData("ledger", "?from=2026-11-30&to=2026-11-01", "截止日期不能早于起始日期")]
    [InlineData("tickets", "?from=2025-01-01&to=2026-11-30", "一次最多导出 400 天")]
    public async Task A_bad_missing_reversed_or_too_long_period_is_refused_with_a_Chinese_problem(string key, string query, string title)
    {
        using var client = await SignedInAsync("supervisor");
        var response = await client.GetAsync($"/reports/{key}{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(title, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }
}
