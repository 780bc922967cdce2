using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Admin;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Web;

[FullLane]
public sealed class AuditExportTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private async Task<HttpClient> AdminAsync()
    {
        var client = app.NewClient();
        await TradingOpsApp.SignInAsync(client, "admin", IdentitySeeder.DemoPassword);
        return client;
    }

    [Fact]
    public async Task An_admin_exports_a_periods_trail_as_CSV_that_Excel_opens_in_Chinese_and_the_export_is_itself_traced()
    {
        using var client = await AdminAsync();
        var today = CenterTime.Today(TimeProvider.System);
        var response = await client.GetAsync($"/admin/audit/export?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "UTF-8 BOM for Excel");
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("时间,操作人,操作人类型,操作,对象,记录,主键,变更内容", lines[0].TrimEnd('\r'));
        Assert.Contains(lines, l => l.Contains(",admin,User,登录成功,登录,")); // the page's names for the action and the entity

        await using var db = await app.Services.NewContextAsync();
        var traced = await db.AuditEntries.Where(e => e.Entity == "AuditTrail" && e.Action == AuditAction.Exported).ToListAsync();
        Assert.Contains(traced, e => e.ActorName == "admin" && e.Changes.Contains($"\"rows\":{lines.Length - 1}"));
    }

    [Theory]
    [InlineData("", "请指定起止日期")]
    [InlineData("?from=2026-11-02&to=2026-11-01", "截止日期不能早于起始日期")]
    [InlineData("?from=2025-01-01&to=2026-11-01", "一次最多导出")]
    public async Task A_bad_export_period_is_refused_with_a_Chinese_problem(string query, string message)
    {
        using var client = await AdminAsync();
        var response = await client.GetAsync("/admin/audit/export" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("平常文本", "平常文本")]
    public void CSV_cells_are_quoted_and_never_start_a_formula(string value, string expected) =>
        Assert.Equal(expected, AuditExportEndpoints.Csv(value));
}
