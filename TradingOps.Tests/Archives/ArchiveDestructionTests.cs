using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Data;
using TradingOps.Data.Archives;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Archives;

/// <summary>
/// Retention and destruction (issue 20 item 5: "destruction only by approved request, never automatic") on a real
/// database: refused before the retention runs out (with the date), asked by one person and approved by another with the
/// approver's role, carried out in one transaction that deletes the stored content and keeps the archive's row, the
/// request with the lock hash and the audit trail as proof.
/// </summary>
public sealed class ArchiveDestructionTests : IAsyncLifetime
{
    private static readonly Actor Clerk = Actor.User("u-arc-clerk", "clerk");
    private static readonly Actor Supervisor = Actor.User("u-arc-super", "supervisor");
    private static readonly Actor Admin = Actor.User("u-arc-admin", "admin");
    private static readonly Actor Observer = Actor.User("u-arc-observer", "observer");

    private const string Expired = "GC2010-0007";   // locked 2010, 15 years: retained until 2025-05-06
    private const string Retained = "GC2024-0311";  // locked 2024, 15 years: retained until 2039-06-03
    private const string OpenCode = "GC2026-0999";

    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(10, 0)));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Clerk, clock: _clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        foreach (var (who, role) in new[] { (Clerk, Roles.Staff), (Supervisor, Roles.Supervisor), (Admin, Roles.Admin), (Observer, Roles.Observer) })
        {
            var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role) ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
            db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.Name, NormalizedUserName = who.Name.ToUpperInvariant(), DisplayName = who.Name });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
        }
        AddLocked(db, Expired, CenterTime.At(new DateOnly(2010, 5, 6), new TimeOnly(15, 0)));
        AddLocked(db, Retained, CenterTime.At(new DateOnly(2024, 6, 3), new TimeOnly(15, 0)));
        db.ProjectArchives.Add(new ProjectArchive(OpenCode, null, "未关闭项目", TradingCategory.Engineering, "档案员", _clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private static void AddLocked(TradingOpsDbContext db, string code, DateTimeOffset lockedAt)
    {
        var archive = new ProjectArchive(code, null, $"{code} 政府采购项目", TradingCategory.GovernmentProcurement, "档案员", lockedAt.AddDays(-30));
        var files = ArchiveSamples.Files().Where(f => !f.Appended).ToList();
        archive.Lock(files, "档案员", lockedAt, 15);
        db.ProjectArchives.Add(archive);
        db.ArchiveDocuments.AddRange(files.Select(f => new ArchiveDocument(archive.Id, f, "档案员", lockedAt)));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private ArchiveDestructionService As(Actor who)
    {
        var scope = _services.CreateScope().ServiceProvider;
        scope.GetRequiredService<TestActor>().Actor = who;
        return scope.GetRequiredService<ArchiveDestructionService>();
    }

    private async Task<(ProjectArchive Archive, int Documents, int Requests)> StateAsync(string code)
    {
        await using var db = await _services.NewContextAsync();
        var archive = await db.ProjectArchives.AsNoTracking().SingleAsync(a => a.ProjectCode == code);
        return (archive, await db.ArchiveDocuments.CountAsync(d => d.ArchiveId == archive.Id),
            await db.ArchiveDestructionRequests.CountAsync(r => r.ArchiveId == archive.Id));
    }

    [Fact]
    public async Task Requesting_destruction_before_the_retention_runs_out_is_refused_with_the_date()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => As(Clerk).RequestAsync(Retained, "库房整理"));
        Assert.Equal("Archive.Retained", e.Code);
        Assert.Contains("2039-06-03", e.Message);
        Assert.Equal(0, (await StateAsync(Retained)).Requests);
    }

    [Fact]
    public async Task An_archive_that_is_not_locked_cannot_be_proposed_for_destruction()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => As(Clerk).RequestAsync(OpenCode, "误建"));
        Assert.Equal("Archive.NotLocked", e.Code);
    }

    [Fact]
    public async Task The_supervising_department_reads_but_cannot_propose_a_destruction()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => As(Observer).RequestAsync(Expired, "保管期满"));
        Assert.Equal("Archive.ReadOnly", e.Code);
        Assert.Equal(0, (await StateAsync(Expired)).Requests);
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request()
    {
        var request = await As(Supervisor).RequestAsync(Expired, "保管期满，经档案鉴定小组鉴定无继续保存价值");
        var e = await Assert.ThrowsAsync<DomainException>(() => As(Supervisor).ApproveAsync(request.Id, null));
        Assert.Equal("Archive.SelfApproval", e.Code);
        Assert.Equal(ArchiveRequestState.Pending, (await As(Admin).RequestsAsync(Expired)).Single().State);
    }

    [Fact]
    public async Task Only_a_supervisor_or_admin_approves_and_carries_out()
    {
        var request = await As(Clerk).RequestAsync(Expired, "保管期满");
        Assert.Equal("Archive.NotApprover", (await Assert.ThrowsAsync<DomainException>(() => As(Observer).ApproveAsync(request.Id, null))).Code);
        Assert.Equal("Archive.NotApprover", (await Assert.ThrowsAsync<DomainException>(() => As(Clerk).ApproveAsync(request.Id, null))).Code);
        await As(Supervisor).ApproveAsync(request.Id, "同意");
        Assert.Equal("Archive.NotApprover", (await Assert.ThrowsAsync<DomainException>(() => As(Clerk).CarryOutAsync(request.Id))).Code);
        Assert.Equal(ArchiveState.Locked, (await StateAsync(Expired)).Archive.State);
    }

    [Fact]
    public async Task No_job_or_system_actor_can_carry_out_a_destruction()
    {
        var request = await As(Clerk).RequestAsync(Expired, "保管期满");
        await As(Supervisor).ApproveAsync(request.Id, null);
        foreach (var machine in new[] { Actor.Job("retention"), Actor.System("cleanup") })
            Assert.Equal("Archive.NotApprover", (await Assert.ThrowsAsync<DomainException>(() => As(machine).CarryOutAsync(request.Id))).Code);
        var (archive, documents, _) = await StateAsync(Expired);
        Assert.Equal(ArchiveState.Locked, archive.State);
        Assert.Equal(4, documents);
    }

    [Fact]
    public async Task Carrying_out_a_request_not_yet_approved_is_refused_and_changes_nothing()
    {
        var request = await As(Clerk).RequestAsync(Expired, "保管期满");
        Assert.Equal("Archive.NotApproved", (await Assert.ThrowsAsync<DomainException>(() => As(Admin).CarryOutAsync(request.Id))).Code);
        await As(Admin).RefuseAsync(request.Id, "仍有未结诉讼，继续保存");
        Assert.Equal("Archive.NotApproved", (await Assert.ThrowsAsync<DomainException>(() => As(Admin).CarryOutAsync(request.Id))).Code);
        var (archive, documents, _) = await StateAsync(Expired);
        Assert.Equal(ArchiveState.Locked, archive.State);
        Assert.Equal(4, documents);
    }

    [Fact]
    public async Task A_second_request_while_one_is_open_is_refused()
    {
        await As(Clerk).RequestAsync(Expired, "保管期满");
        var e = await Assert.ThrowsAsync<DomainException>(() => As(Supervisor).RequestAsync(Expired, "再次申请"));
        Assert.Equal("Archive.DestructionPending", e.Code);
    }

    [Fact]
    public async Task Carrying_out_an_approved_request_deletes_the_stored_content_and_keeps_the_archive_row_the_request_and_the_lock_hash()
    {
        var before = (await StateAsync(Expired)).Archive;
        var request = await As(Clerk).RequestAsync(Expired, "保管期满，经鉴定无继续保存价值");
        await As(Supervisor).ApproveAsync(request.Id, "同意销毁");
        _clock.Advance(TimeSpan.FromHours(2));

        var done = await As(Admin).CarryOutAsync(request.Id);

        var (archive, documents, requests) = await StateAsync(Expired);
        Assert.Equal(0, documents);
        Assert.Equal(ArchiveState.Destroyed, archive.State);
        Assert.Equal("admin", archive.DestroyedBy);
        Assert.Equal(_clock.GetUtcNow(), archive.DestroyedAt);
        Assert.Equal(before.LockHash, archive.LockHash);                // the row keeps what it was
        Assert.Equal(1, requests);
        Assert.Equal(before.LockHash, done.DestroyedLockHash);
        Assert.Equal(_clock.GetUtcNow(), done.CarriedOutAt);
        Assert.Equal(4, (await StateAsync(Retained)).Documents);       // another archive untouched

        await using var db = await _services.NewContextAsync();
        var stored = await db.ArchiveDestructionRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id);
        Assert.Equal(("clerk", "supervisor", before.LockHash), (stored.RequestedBy, stored.DecidedBy, stored.DestroyedLockHash));
        var line = await db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Entity == ArchiveAccess.AuditEntity && a.Key == Expired && a.Action == AuditAction.Deleted);
        Assert.Equal("admin", line.ActorName);
        foreach (var file in ArchiveSamples.Files().Where(f => !f.Appended))
        {
            Assert.Contains(file.Name, line.Changes);
            Assert.Contains(file.Sha256, line.Changes);
        }
        // What was destroyed is not copied into the trail.
        Assert.DoesNotContain(await db.AuditEntries.AsNoTracking().Where(a => a.At >= done.CarriedOutAt).Select(a => a.Changes).ToListAsync(),
            c => c.Contains("华信招标代理有限公司"));

        Assert.Equal("Archive.AlreadyDestroyed", (await Assert.ThrowsAsync<DomainException>(() => As(Clerk).RequestAsync(Expired, "再销毁"))).Code);
    }

    [Fact]
    public async Task The_retention_list_says_which_archives_are_past_retention()
    {
        var rows = await As(Observer).ArchivesAsync();
        var today = CenterTime.Today(_clock);
        Assert.True(rows.Single(r => r.ProjectCode == Expired).PastRetention(today));
        Assert.False(rows.Single(r => r.ProjectCode == Retained).PastRetention(today));
        Assert.False(rows.Single(r => r.ProjectCode == OpenCode).PastRetention(today));
        Assert.Equal(new DateOnly(2025, 5, 6), rows.Single(r => r.ProjectCode == Expired).RetainUntil);
    }
}
