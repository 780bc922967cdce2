using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Data.Archives;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Archives;

/// <summary>
/// The demo app with a fixed archive reader (the export's input; part D's assembler is not what is tested here) and
/// archive rows in each state: an open one (no row yet, assembled live), a locked one, a destroyed one.
/// </summary>
public sealed class ArchiveExportApp : TradingOpsApp, IAsyncLifetime
{
    public const string Open = "GC2026-EXP-OPEN";
    public const string Locked = "GC2026-EXP-LOCK";
    public const string Destroyed = "GC2026-EXP-GONE";

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IArchiveContents, FixedArchiveContents>();

    public async Task InitializeAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        await using var db = await Services.NewContextAsync();
        var locked = new ProjectArchive(Locked, null, ArchiveSamples.Name, TradingCategory.Engineering, "档案员", now.AddDays(-30));
        locked.Lock(ArchiveSamples.Files(), "档案员", now.AddDays(-10), 15);
        var gone = new ProjectArchive(Destroyed, null, "已销毁的项目", TradingCategory.Other, "档案员", now.AddYears(-3));
        gone.Lock(ArchiveSamples.Files(), "档案员", now.AddYears(-3), 1);
        gone.MarkDestroyed("admin", now.AddDays(-1));
        db.ProjectArchives.AddRange(locked, gone);
        // duty asked to download, supervisor approved; observer holds a view-only approval.
        var download = new ArchiveAccessRequest(locked.Id, Locked, ArchiveAccessScope.Download, "审计署专项审计需要", "duty", now.AddHours(-2));
        download.Approve("supervisor", now.AddHours(-1), TimeSpan.FromHours(72), null);
        var view = new ArchiveAccessRequest(locked.Id, Locked, ArchiveAccessScope.View, "监督检查", "observer", now.AddHours(-2));
        view.Approve("supervisor", now.AddHours(-1), TimeSpan.FromHours(72), null);
        db.ArchiveAccessRequests.AddRange(download, view);
        await db.SaveChangesAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private sealed class FixedArchiveContents : IArchiveContents
    {
        public Task<ArchiveContents?> ReadAsync(string projectCode, CancellationToken ct = default) => Task.FromResult<ArchiveContents?>(projectCode switch
        {
            Open => ArchiveSamples.Open(Open),
            Locked => ArchiveSamples.Locked() with { ProjectCode = Locked },
            Destroyed => ArchiveSamples.Locked() with { ProjectCode = Destroyed, State = ArchiveState.Destroyed, Files = [] },
            _ => null,
        });
    }
}

/// <summary>
/// GET /archives/{code}/export through the web host: an open archive exports; a locked one only under the reader's own
/// approved download request; a destroyed one is gone; every export is in the audit trail; the ZIP verifies.
/// </summary>
[FullLane]
public sealed class ArchiveExportWebTests(ArchiveExportApp app) : IClassFixture<ArchiveExportApp>
{
    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = app.NewClient();
        var response = await TradingOpsApp.SignInAsync(client, user, IdentitySeeder.DemoPassword);
        Assert.True(TradingOpsApp.SetsAuthCookie(response), $"{user} signs in");
        return client;
    }

    private async Task<int> ExportsAsync(string code, string user)
    {
        await using var db = await app.Services.NewContextAsync();
        return await db.AuditEntries.CountAsync(a => a.Entity == ArchiveAccess.AuditEntity && a.Key == code && a.Action == AuditAction.Exported && a.ActorName == user);
    }

    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        var entries = TradingOps.Web.Archives.ArchiveExport.ReadEntries(new MemoryStream(zip), out var problem);
        Assert.Null(problem);
        return new(entries!);
    }

    [Fact]
    public async Task An_open_archive_exports_as_a_zip_named_after_the_project_whose_manifest_verifies_and_the_export_is_audited()
    {
        using var staff = await SignedInAsync("staff");
        var before = await ExportsAsync(ArchiveExportApp.Open, "staff");

        var response = await staff.GetAsync($"/archives/{ArchiveExportApp.Open.ToLowerInvariant()}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"档案-{ArchiveExportApp.Open}-{CenterTime.Today(TimeProvider.System):yyyyMMdd}.zip", response.Content.Headers.ContentDisposition?.FileNameStar);
        var entries = Entries(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("summary.pdf", entries.Keys);
        Assert.Empty(ArchiveManifest.Verify(entries));
        Assert.Contains("\"exportedBy\": \"staff\"", System.Text.Encoding.UTF8.GetString(entries["manifest.json"]));
        Assert.Equal(before + 1, await ExportsAsync(ArchiveExportApp.Open, "staff"));
    }

    [Fact]
    public async Task A_locked_archive_without_the_readers_own_approved_download_request_is_refused_with_403()
    {
        foreach (var user in new[] { "staff", "observer" }) // observer holds a view-only approval: not a download
        {
            using var client = await SignedInAsync(user);
            var response = await client.GetAsync($"/archives/{ArchiveExportApp.Locked}/export");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("批准", await response.Content.ReadAsStringAsync());
            Assert.Equal(0, await ExportsAsync(ArchiveExportApp.Locked, user));
        }
    }

    [Fact]
    public async Task A_locked_archive_exports_under_a_download_request_approved_by_another_person_and_the_export_is_audited()
    {
        using var duty = await SignedInAsync("duty");
        var before = await ExportsAsync(ArchiveExportApp.Locked, "duty");

        var response = await duty.GetAsync($"/archives/{ArchiveExportApp.Locked}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = Entries(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(ArchiveManifest.Verify(entries));
        Assert.Contains("\"state\": \"Locked\"", System.Text.Encoding.UTF8.GetString(entries["manifest.json"]));
        Assert.Equal(before + 1, await ExportsAsync(ArchiveExportApp.Locked, "duty"));
    }

    [Fact]
    public async Task A_destroyed_archive_is_gone()
    {
        using var admin = await SignedInAsync("admin");
        var response = await admin.GetAsync($"/archives/{ArchiveExportApp.Destroyed}/export");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("销毁", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_project_has_no_archive_to_export()
    {
        using var staff = await SignedInAsync("staff");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/archives/NO-SUCH-PROJECT/export")).StatusCode);
    }
}
