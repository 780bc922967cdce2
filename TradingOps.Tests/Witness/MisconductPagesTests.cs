using Bunit;
using Bunit.TestDoubles;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>The misconduct register, a record's page and the workbook, over a real SQLite file.</summary>
public sealed class MisconductPagesTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private static DateTimeOffset At(string local) => CenterTime.At(DateOnly.Parse(local[..10]), TimeOnly.Parse(local[11..]));

    private readonly FakeTimeProvider _clock = new(At("2026-12-03 10:00"));
    private BunitAuthorizationContext _auth = default!;
    private MisconductRecord _overdue = null!, _expert = null!, _closed = null!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        _auth = AddAuthorization();
    }

    Task IAsyncLifetime.InitializeAsync() => SeedAsync();

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private static void Until<T>(IRenderedComponent<T> c, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent =>
        c.WaitForAssertion(assertion, TimeSpan.FromSeconds(10));

    private async Task SeedAsync()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var calendar = new WorkdayCalendar([], [2026]);
        MisconductRecord New(string project, MisconductParty party, string? name, string? code, MisconductCategory category, string found) =>
            new(project, null, null, party, name, code, category, OnTheSpotAction.Reminded, $"{project} 现场情况", [], At(found), "见证员 周敏",
                At(found).AddMinutes(5), MisconductRules.ReportDue(At(found), 1, calendar));
        _overdue = New("GC-2026-0948", MisconductParty.InitiatorRepresentative, "市第二中学", null, MisconductCategory.ImproperEvaluation, "2026-11-27 16:30");
        _expert = New("ZC-2026-0517", MisconductParty.Expert, null, "E00427", MisconductCategory.ImproperContact, "2026-11-20 14:20");
        _expert.Report("见证报〔2026〕517号", "科室负责人", At("2026-11-21 10:00"));
        _closed = New("GC-2026-0905", MisconductParty.Bidder, "鑫达建筑工程有限公司", null, MisconductCategory.CommunicationDevice, "2026-11-12 09:40");
        _closed.Report("见证报〔2026〕905号", "科室负责人", At("2026-11-12 15:00"));
        _closed.ReceiveFeedback("已约谈该投标人", "科室负责人", At("2026-11-18 10:00"));
        _closed.Close("科室负责人", At("2026-11-19 10:00"));
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        db.MisconductRecords.AddRange(_overdue, _expert, _closed);
        await db.SaveChangesAsync();
    }

    [Fact]
    public void The_register_lists_every_record_latest_first_and_marks_the_unreported_one_past_its_due_time_overdue()
    {
        _auth.SetAuthorized("staff").SetRoles(Roles.Staff);
        var page = Render<MisconductRegister>();
        Until(page, () => Assert.Equal(3, page.FindAll("[data-testid=mis-row-link]").Count));
        var states = page.FindAll("[data-testid=mis-state]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["逾期未报告", "已报告", "已办结"], states);
        Assert.Contains("专家 E00427", page.Markup);
        Assert.NotEmpty(page.FindAll("[data-testid=mis-new]"));
    }

    [Fact]
    public void The_register_opened_with_the_overdue_filter_shows_only_the_overdue_record_and_the_export_link_carries_the_filter()
    {
        _auth.SetAuthorized("observer").SetRoles(Roles.Observer);
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/witness/misconduct?state=Overdue");
        var page = Render<MisconductRegister>();
        Until(page, () => Assert.Single(page.FindAll("[data-testid=mis-row-link]")));
        Assert.Contains("GC-2026-0948", page.Find("[data-testid=mis-table]").TextContent);
        Assert.Contains("state=Overdue", page.Find("[data-testid=mis-export]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=mis-new]")); // an Observer is not offered to record
    }

    [Fact]
    public void An_Observer_reads_a_record_without_any_report_or_feedback_action_and_the_view_is_audited()
    {
        _auth.SetAuthorized("observer").SetRoles(Roles.Observer);
        var page = Render<MisconductDetail>(p => p.Add(x => x.Id, _overdue.Id));
        Until(page, () => Assert.Contains("市第二中学", page.Find("[data-testid=mis-party-label]").TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=mis-readonly]"));
        Assert.Empty(page.FindAll("[data-testid=mis-actions]"));
        Assert.Empty(page.FindAll("[data-testid=mis-report]"));
        using var db = Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContext();
        Assert.True(db.AuditEntries.Any(a => a.Entity == nameof(MisconductRecord) && a.Key == _overdue.Id.ToString()));
    }

    [Fact]
    public void An_operator_is_offered_the_report_on_a_recorded_record_and_the_feedback_on_a_reported_one()
    {
        _auth.SetAuthorized("staff").SetRoles(Roles.Staff);
        var recorded = Render<MisconductDetail>(p => p.Add(x => x.Id, _overdue.Id));
        Until(recorded, () => Assert.NotEmpty(recorded.FindAll("[data-testid=mis-report]")));
        var reported = Render<MisconductDetail>(p => p.Add(x => x.Id, _expert.Id));
        Until(reported, () => Assert.NotEmpty(reported.FindAll("[data-testid=mis-feedback-save]")));
        Assert.Contains("见证报〔2026〕517号", reported.Find("[data-testid=mis-reported]").TextContent);
    }

    [Fact]
    public async Task A_record_made_from_a_session_takes_the_sessions_project_and_lands_with_its_witness_entry()
    {
        _auth.SetAuthorized("staff").SetRoles(Roles.Staff);
        Guid bookingId;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync())
        {
            var center = new TradingOps.Core.Organisation.Center("T", "测试中心", null);
            var zone = new TradingOps.Core.Organisation.Zone(center.Id, "开标区", TradingOps.Core.Organisation.ZoneKind.BidOpening, "2F");
            var room = new TradingOps.Core.Organisation.Room(zone.Id, "K201", "第一开标室", TradingOps.Core.Organisation.RoomType.BidOpeningRoom, 60, 0);
            var booking = new TradingOps.Core.Floor.RoomBooking(room, null, "GC-2026-0999", "示范道路工程", "华信招标代理有限公司",
                TradingOps.Core.Floor.BookingPurpose.BidOpening, 20, At("2026-12-03 09:00"), At("2026-12-03 11:00"),
                TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "test", At("2026-12-01 09:00"));
            db.AddRange(center, zone, room, booking);
            await db.SaveChangesAsync();
            bookingId = booking.Id;
        }
        var nav = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        nav.NavigateTo($"/witness/misconduct/new?booking={bookingId}");
        var page = Render<MisconductNew>();
        Until(page, () => Assert.Contains("GC-2026-0999", page.Find("[data-testid=mis-session]").TextContent));
        void Type(string testId, string value) => page.Find($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").Change(value);
        Type("mis-found", "2026-12-03 09:35");
        Type("mis-party-name", "恒基市政工程有限公司");
        Type("mis-description", "唱标时大声喧哗，经提醒后停止");
        page.Find("[data-testid=mis-evidence-add]").Click();
        Type("mis-evidence-ref", "K201-1");
        Type("mis-evidence-from", "09:30");
        Type("mis-evidence-until", "09:40");
        page.Find("[data-testid=mis-save]").Click();

        Until(page, () => Assert.Matches("/witness/misconduct/[0-9a-f-]{36}$", nav.Uri));
        await using var check = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var record = await check.MisconductRecords.SingleAsync(r => r.BookingId == bookingId);
        Assert.Equal(("GC-2026-0999", "恒基市政工程有限公司", At("2026-12-03 09:35")), (record.ProjectCode, record.PartyName, record.FoundAt));
        Assert.Equal(At("2026-12-03 09:40"), Assert.Single(record.EvidenceItems).Until);
        Assert.True(await check.WitnessEntries.AnyAsync(e => e.ChainKey == "GC-2026-0999" && e.Code == WitnessCodes.MisconductRecorded));
    }

    [Fact]
    public async Task The_workbook_reads_back_with_a_row_per_record_the_expert_by_code_and_the_overdue_state()
    {
        var rows = await Services.GetRequiredService<MisconductQueries>().ListAsync(new MisconductFilter(From: new DateOnly(2026, 11, 1), To: new DateOnly(2026, 12, 3)));
        using var file = new MemoryStream();
        MisconductExport.Write(rows, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 3), _clock.GetUtcNow(), file);

        file.Position = 0;
        using var workbook = new XLWorkbook(file);
        var sheet = workbook.Worksheet("不良行为");
        Assert.Equal("发现时间", sheet.Cell(1, 1).GetString());
        Assert.True(sheet.SheetView.SplitRow == 1);
        Assert.Equal(3, sheet.RowsUsed().Count() - 2); // header and totals
        Assert.Equal(["GC-2026-0905", "ZC-2026-0517", "GC-2026-0948"], Enumerable.Range(2, 3).Select(r => sheet.Cell(r, 2).GetString()));
        Assert.Equal(("评标专家", "E00427"), (sheet.Cell(3, 3).GetString(), sheet.Cell(3, 4).GetString()));
        Assert.Equal("逾期未报告", sheet.Cell(4, 11).GetString());
        Assert.Equal("已办结", sheet.Cell(2, 11).GetString());
        Assert.Equal("见证报〔2026〕905号", sheet.Cell(2, 13).GetString());
        Assert.Equal(new DateTime(2026, 11, 12, 9, 40, 0), sheet.Cell(2, 1).GetDateTime());
    }
}
