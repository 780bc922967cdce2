using System.IO.Compression;
using System.Text;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Data;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Archives;

namespace TradingOps.Tests.Archives;

/// <summary>档案核验 as an auditor uses it: an exported ZIP uploaded, the verdict shown, each problem named.</summary>
public sealed class ArchiveVerifyPageTests : TradingOpsBunitContext
{
    private static byte[] Exported()
    {
        using var buffer = new MemoryStream();
        ArchiveExport.Write(ArchiveSamples.Locked(), buffer, "档案管理员", ArchiveSamples.ExportedAt);
        return buffer.ToArray();
    }

    private static byte[] WithExtraEntry(byte[] zip)
    {
        var buffer = new MemoryStream();
        buffer.Write(zip);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("records/99-forged.json").Open(), new UTF8Encoding(false)))
            writer.Write("""{"note":"事后补入"}""");
        return buffer.ToArray();
    }

    private IRenderedComponent<ArchiveVerify> Upload(byte[] bytes, string name)
    {
        var page = Render<ArchiveVerify>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, name));
        page.WaitForAssertion(() => page.Find("[data-testid=verify-zip-result]"));
        return page;
    }

    [Fact]
    public void An_exported_zip_as_it_was_exported_is_verified_and_its_project_shown()
    {
        var page = Upload(Exported(), "档案-GC2026-0420-20261203.zip");
        var result = page.Find("[data-testid=verify-zip-result]");
        Assert.Equal("ok", result.GetAttribute("data-verdict"));
        Assert.Contains("核验通过", result.TextContent);
        Assert.Contains(ArchiveSamples.Code, page.Find("[data-testid=verify-zip-project]").TextContent);
    }

    [Fact]
    public void A_zip_with_a_file_added_after_the_export_fails_and_names_the_file()
    {
        var page = Upload(WithExtraEntry(Exported()), "档案.zip");
        Assert.Equal("bad", page.Find("[data-testid=verify-zip-result]").GetAttribute("data-verdict"));
        var row = Assert.Single(page.FindAll("[data-testid=verify-zip-problems] tbody tr"));
        Assert.Equal(nameof(ManifestProblemKind.ExtraFile), row.GetAttribute("data-kind"));
        Assert.Contains("records/99-forged.json", row.TextContent);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_named_unreadable()
    {
        var page = Upload(Encoding.UTF8.GetBytes("这不是压缩包"), "说明.txt");
        var result = page.Find("[data-testid=verify-zip-result]");
        Assert.Equal("unreadable", result.GetAttribute("data-verdict"));
        Assert.Contains("不是有效的 ZIP", result.TextContent);
    }
}

/// <summary>档案保管与销毁 on a real database: the retention periods with their sources, a clerk's request, a second person's approval and the destruction.</summary>
public sealed class RetentionPageTests : SqliteLiveBunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(10, 0));
    private readonly TestActor _actor = new(Actor.User("u-ret-clerk", "clerk"));
    private BunitAuthorizationContext _auth = default!;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddScoped<ICurrentActor>(_ => _actor);
        _auth = AddAuthorization();
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        foreach (var (id, name, role) in new[] { ("u-ret-clerk", "clerk", Roles.Staff), ("u-ret-super", "supervisor", Roles.Supervisor) })
        {
            var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role) ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
            db.Users.Add(new ApplicationUser { Id = id, UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = r.Id });
        }
        var old = new ProjectArchive("ZC2009-0031", null, "市教育局教学设备采购", TradingCategory.GovernmentProcurement, "档案员", Now.AddYears(-18));
        var files = ArchiveSamples.Files().Where(f => !f.Appended).ToList();
        old.Lock(files, "档案员", CenterTime.At(new DateOnly(2009, 9, 1), new TimeOnly(16, 0)), 15);
        db.ProjectArchives.Add(old);
        db.ArchiveDocuments.AddRange(files.Select(f => new ArchiveDocument(old.Id, f, "档案员", Now.AddYears(-17))));
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public void Retention_periods_are_shown_per_category_with_their_cited_source_and_the_old_archive_as_past_retention()
    {
        _auth.SetAuthorized("clerk").SetRoles(Roles.Staff);
        var page = Render<RetentionPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=retention-archives]"));
        var procurement = page.Find("[data-testid=retention-periods] tr[data-category=GovernmentProcurement]");
        Assert.Contains("15", procurement.TextContent);
        Assert.Contains("《政府采购法》第四十二条", procurement.TextContent);
        var row = page.Find("[data-testid=retention-archives] tr[data-project=ZC2009-0031]");
        Assert.Equal("true", row.GetAttribute("data-past"));
        Assert.Contains("2024-09-01", row.TextContent);
    }

    [Fact]
    public void A_clerk_requests_destruction_and_a_supervisor_other_than_the_clerk_approves_and_carries_it_out()
    {
        _auth.SetAuthorized("clerk").SetRoles(Roles.Staff);
        var page = Render<RetentionPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=retention-pick]"));
        page.Find("[data-testid=retention-pick]").Click();
        page.Find("[data-testid=retention-request-reason] input, input[data-testid=retention-request-reason]").Input("保管期满，经鉴定无继续保存价值");
        page.Find("[data-testid=retention-request-submit]").Click();
        page.WaitForAssertion(() => Assert.Equal("Pending", page.Find("[data-testid=retention-requests] tr[data-project=ZC2009-0031]").GetAttribute("data-state")));
        Assert.Empty(page.FindAll("[data-testid=retention-approve]")); // a clerk does not decide

        _actor.Actor = Actor.User("u-ret-super", "supervisor");
        _auth.SetAuthorized("supervisor").SetRoles(Roles.Supervisor);
        var approver = Render<RetentionPage>();
        approver.WaitForAssertion(() => approver.Find("[data-testid=retention-approve]"));
        approver.Find("[data-testid=retention-approve]").Click();
        approver.WaitForAssertion(() => approver.Find("[data-testid=retention-carry-out]"));
        approver.Find("[data-testid=retention-carry-out]").Click();
        approver.WaitForAssertion(() => Assert.Contains("已执行销毁", approver.Find("[data-testid=retention-done]").TextContent));
        Assert.Contains("已销毁", approver.Find("[data-testid=retention-archives] tr[data-project=ZC2009-0031]").TextContent);

        var panel = Render<RetentionPanel>(p => p.Add(x => x.ProjectCode, "zc2009-0031"));
        panel.WaitForAssertion(() => Assert.Equal("Destroyed", panel.Find("[data-testid=retention-panel-state]").GetAttribute("data-state")));
        Assert.Contains("《政府采购法》第四十二条", panel.Markup);
    }
}
