using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using TradingOps.Core.Common;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Localization;

/// <summary>
/// Issue 22, English: a workbook exported in English has English sheet names, titles, headers and fixed labels (the
/// request's language decides, as on the pages); exported in Chinese it stays Chinese.
/// </summary>
[FullLane]
public sealed partial class EnglishWorkbookTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    private async Task<HttpClient> SupervisorAsync()
    {
        var client = app.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, "supervisor", IdentitySeeder.DemoPassword)));
        return client;
    }

    [Theory]
    [InlineData("tickets", "Ticket detail")]
    [InlineData("ratings", "Satisfaction detail")]
    [InlineData("rooms", "Room usage detail")]
    [InlineData("ledger", "Registration ledger")]
    public async Task A_detail_export_in_English_has_English_headers_sheet_name_and_file_name(string key, string title)
    {
        var to = CenterTime.Today(TimeProvider.System);
        var from = to.AddDays(-6);
        using var client = await SupervisorAsync();
        var response = await client.GetAsync($"/reports/{key}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&culture=en&ui-culture=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{title}_{from:yyyy-MM-dd}_{to:yyyy-MM-dd}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(title);
        var headers = sheet.Row(1).CellsUsed().Select(c => c.HeaderText()).ToList();
        Assert.NotEmpty(headers);
        Assert.All(headers, h => Assert.False(Han().IsMatch(h), $"header '{h}' of {key} is not English"));
        Assert.Equal("Total", sheet.Cell(sheet.LastRowUsed().RowNumber(), 1).GetString());
        Assert.DoesNotMatch(Han(), sheet.PageSetup.Header.Center.GetText(XLHFOccurrence.AllPages));
    }

    [Fact]
    public async Task The_same_export_in_Chinese_keeps_its_Chinese_headers()
    {
        var to = CenterTime.Today(TimeProvider.System);
        using var client = await SupervisorAsync();
        using var workbook = new XLWorkbook(await client.GetStreamAsync($"/reports/tickets?from={to.AddDays(-6):yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
        var sheet = workbook.Worksheet("票号明细");
        Assert.Equal("票号", sheet.Cell(1, 2).HeaderText());
    }
}
