using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Core.Cases;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Cases;

/// <summary>
/// The server's clock as the real one moved forward by a chosen amount: a walk can let days pass (a legal deadline
/// running out) without waiting for them. Everything that reads the time through <see cref="TimeProvider"/> — deadlines,
/// the wall's clock tick, sign-in cookies — sees the same shifted instant.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void MoveForward(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}

/// <summary>The web app on Kestrel with a <see cref="ShiftedClock"/>.</summary>
public sealed class ShiftedClockServer : TradingOpsServer
{
    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }
}

/// <summary>
/// The walk of issue 20 in Chromium: someone objects to a tender document through the public form and gets a tracking
/// code; the desk takes the case and forwards it to the initiator under the tender-documents preset, which suspends the
/// project; the initiator's three days pass (the server's clock is moved on) and the wall raises the overdue alert; the
/// answer arrives, the project resumes, the case is resolved and the alert drops; the public lookup reads 已办结; the
/// project's archive shows the case; its ZIP export opens and its manifest verifies, also on the verification page.
/// </summary>
[FullLane]
public sealed class CaseWalkBrowserTests(ShiftedClockServer server) : IClassFixture<ShiftedClockServer>
{
    [Fact]
    public async Task Public_objection_gets_a_tracking_code_is_routed_suspends_alerts_the_wall_when_overdue_is_resolved_and_shows_in_the_archive_whose_export_verifies()
    {
        var project = $"WALK20-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        await using (var db = await server.Services.NewContextAsync())
        {
            var staff = await db.Staff.OrderBy(s => s.EmployeeNo).Select(s => s.Id).FirstAsync();
            db.TradingProjects.Add(new TradingProject(project, "示范市滨河公园景观提升工程施工", TradingCategory.Engineering, TradingMethod.OpenTender,
                "示范市园林局", "走查招标代理有限公司", 8_600_000m, staff, server.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        await using var chromium = await Fixtures.Browser.OpenAsync();

        // 1. The public: the channels page, the online form, a tracking code.
        var visitor = await Fixtures.Browser.WallSizedPageAsync(chromium.Browser);
        await visitor.GotoAsync(new Uri(server.BaseAddress, "/complaints").ToString());
        await Expect(visitor.GetByTestId("channel-phone")).ToBeVisibleAsync();
        await visitor.GetByTestId("complaint-kind").SelectOptionAsync(nameof(CaseKind.Objection));
        await visitor.GetByTestId("complaint-stage").SelectOptionAsync(nameof(CaseStage.TenderDocuments));
        await visitor.GetByTestId("complaint-project").FillAsync(project);
        await visitor.GetByTestId("complaint-subject").FillAsync("招标文件资格条件排斥潜在投标人");
        await visitor.GetByTestId("complaint-details").FillAsync("招标文件第三章要求投标人近三年在本市有同类业绩，属于以不合理条件限制、排斥潜在投标人。");
        await visitor.GetByTestId("complaint-name").FillAsync("周建华");
        await visitor.GetByTestId("complaint-organisation").FillAsync("走查园林绿化有限公司");
        await visitor.GetByTestId("complaint-phone").FillAsync("13911112222");
        await visitor.GetByTestId("complaint-submit").ClickAsync();
        await Expect(visitor.GetByTestId("complaint-tracking-code")).ToBeVisibleAsync();
        var code = (await visitor.GetByTestId("complaint-tracking-code").InnerTextAsync()).Trim();
        Assert.True(TrackingCode.TryNormalize(code, out _), $"a tracking code: {code}");
        await Shot(visitor, "case-walk-1-tracking-code.png");

        Guid caseId;
        string number;
        await using (var db = await server.Services.NewContextAsync())
            (caseId, number) = await db.Cases.Where(c => c.TrackingCode == code).Select(c => ValueTuple.Create(c.Id, c.Number)).SingleAsync();

        // 2. The desk takes the case and forwards it to the initiator under the tender-documents preset: the project is suspended.
        var desk = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await desk.GotoAsync(new Uri(server.BaseAddress, "/cases").ToString());
        await desk.GetByTestId($"case-row-{number}").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(desk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/cases/{caseId}$"));
        await Fixtures.Browser.WaitInteractiveAsync(desk);
        await desk.GetByTestId("case-take-over").ClickAsync();
        await desk.GetByTestId("case-forward").ClickAsync();
        await desk.GetByTestId("case-forward-preset").ClickAsync();
        await desk.Locator(".mud-popover-open").GetByText("对招标文件的异议").ClickAsync();
        await Expect(desk.GetByTestId("case-forward-source")).ToContainTextAsync("第二十二条");
        await desk.GetByTestId("case-forward-reference").FillAsync("走查转〔2026〕异1号");
        await desk.GetByTestId("case-forward-submit").ClickAsync();
        await Expect(desk.GetByTestId("case-state")).ToHaveAttributeAsync("data-state", nameof(CaseState.Forwarded));
        await Expect(desk.GetByTestId("case-due")).ToContainTextAsync("待招标人答复");
        await Shot(desk, "case-walk-2-forwarded.png");
        DateTimeOffset due;
        await using (var db = await server.Services.NewContextAsync())
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            Assert.NotNull(c.IncidentId);
            Assert.True(c.IsSuspending);
            Assert.True(await db.Incidents.AnyAsync(i => i.Id == c.IncidentId && i.ProjectCode == project && i.State == TradingOps.Core.Witness.IncidentState.Suspended));
            due = c.ResponseDueAt!.Value;
        }

        // 3. The initiator's three days run out: the duty wall raises the overdue alert (kind, number, who is awaited; no subject, no raiser).
        server.Clock.MoveForward(due - server.Clock.GetUtcNow() + TimeSpan.FromMinutes(30));
        var wall = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=alerts").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        var alert = wall.GetByTestId($"alert-case-{number}");
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(alert).ToContainTextAsync("招标人");
        await Shot(wall, "case-walk-3-wall-alert.png");
        var wallHtml = await wall.ContentAsync();
        Assert.DoesNotContain("周建华", wallHtml);
        Assert.DoesNotContain("排斥潜在投标人", wallHtml);

        // 4. The answer arrives: recorded, the project resumes, the case is resolved; the wall drops the alert.
        var desk2 = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "staff");
        await desk2.GotoAsync(new Uri(server.BaseAddress, $"/cases/{caseId}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(desk2);
        await desk2.GetByTestId("case-answer").ClickAsync();
        await desk2.GetByTestId("case-answer-text").FillAsync("招标人书面答复：删除本市业绩要求，发布澄清公告。");
        await desk2.GetByTestId("case-answer-submit").ClickAsync();
        await Expect(desk2.GetByTestId("case-state")).ToHaveAttributeAsync("data-state", nameof(CaseState.Answered));
        await Expect(alert).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await desk2.GetByTestId("case-lift-text").FillAsync("招标人已澄清，恢复招标活动");
        await desk2.GetByTestId("case-resume").ClickAsync();
        await Expect(desk2.GetByTestId("case-resolve")).ToBeVisibleAsync();
        await desk2.GetByTestId("case-resolve").ClickAsync();
        await desk2.GetByTestId("case-resolve-text").FillAsync("答复已告知异议人，澄清公告已发布");
        await desk2.GetByTestId("case-resolve-submit").ClickAsync();
        await Expect(desk2.GetByTestId("case-state")).ToHaveAttributeAsync("data-state", nameof(CaseState.Resolved));
        await Shot(desk2, "case-walk-4-resolved.png");
        await using (var db = await server.Services.NewContextAsync())
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            Assert.False(c.IsSuspending);
            Assert.True(await db.Incidents.AnyAsync(i => i.Id == c.IncidentId && i.State == TradingOps.Core.Witness.IncidentState.Resumed));
        }

        // 5. The public lookup: closed, with its dates, and nothing else.
        await visitor.GotoAsync(new Uri(server.BaseAddress, $"/complaints/track?code={code}").ToString());
        await Expect(visitor.GetByTestId("track-state")).ToHaveAttributeAsync("data-state", nameof(PublicCaseState.Closed));
        var lookup = await visitor.ContentAsync();
        Assert.DoesNotContain(number, lookup);
        Assert.DoesNotContain("周建华", lookup);
        Assert.DoesNotContain(project, lookup);

        // 6. The project's archive shows the case.
        await desk2.GotoAsync(new Uri(server.BaseAddress, $"/archives/{project}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(desk2);
        var caseFile = desk2.GetByTestId("archive-section-Cases").GetByTestId($"archive-file-09-case-{number}.json");
        await Expect(caseFile).ToBeVisibleAsync();
        await Shot(desk2, "case-walk-5-archive.png");

        // 7. Its ZIP export opens and the manifest verifies, here and on the verification page.
        var response = await desk2.APIRequest.GetAsync(new Uri(server.BaseAddress, $"/archives/{project}/export").ToString());
        Assert.Equal(200, response.Status);
        var zip = await response.BodyAsync();
        var entries = TradingOps.Web.Archives.ArchiveExport.ReadEntries(new MemoryStream(zip), out var problem);
        Assert.Null(problem);
        Assert.NotNull(entries);
        Assert.Empty(ArchiveManifest.Verify(entries!));
        Assert.Contains("manifest.json", entries!.Keys);
        Assert.Contains("summary.pdf", entries.Keys);
        Assert.Contains("archive.xlsx", entries.Keys);
        var record = entries[$"records/09-case-{number}.json"];
        Assert.Contains(number, System.Text.Encoding.UTF8.GetString(record));

        var path = Path.Combine(Path.GetTempPath(), $"walk20-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, zip);
        try
        {
            await desk2.GotoAsync(new Uri(server.BaseAddress, "/archives/verify").ToString());
            await Fixtures.Browser.WaitInteractiveAsync(desk2);
            await desk2.GetByTestId("verify-zip-input").SetInputFilesAsync(path);
            await Expect(desk2.GetByTestId("verify-zip-result")).ToHaveAttributeAsync("data-verdict", "ok");
            await Shot(desk2, "case-walk-6-zip-verified.png");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, FullPage = true, Path = Fixtures.Browser.ScreenshotPath(name) });
}
