using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Archives;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Archives;

/// <summary>
/// One archive per project on a real database: assembled from every record (the draw without a name, an ID number or a
/// phone; personal data masked), closed only when nothing is pending (all reasons at once), locked with stored files
/// whose hash is the lock hash, later records appended without touching a stored file, the database refusing to update
/// one, and two-person access (no self-approval, approvals personal and expiring, every view audited, Observer reads
/// under an approval but never closes).
/// </summary>
public abstract class ArchiveContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private static readonly Actor Staff = Actor.User("u-staff", "staff");
    private static readonly Actor Clerk = Actor.User("u-clerk", "clerk2");
    private static readonly Actor Supervisor = Actor.User("u-supervisor", "supervisor");
    private static readonly Actor Observer = Actor.User("u-observer", "observer");
    private static readonly Actor Display = Actor.User("u-display", "display");
    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(10, 0)));
    private ServiceProvider _services = null!;
    private ArchiveTestData _data = null!;
    protected DbCommandCounter Commands { get; } = new();

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Staff, clock: _clock, configure: s => s.AddDbInterceptors(Commands));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        await ArchiveTestData.UserAsync(db, Staff, Roles.Staff);
        await ArchiveTestData.UserAsync(db, Clerk, Roles.Staff);
        await ArchiveTestData.UserAsync(db, Supervisor, Roles.Supervisor);
        await ArchiveTestData.UserAsync(db, Observer, Roles.Observer);
        await ArchiveTestData.UserAsync(db, Display, Roles.Display);
        await db.SaveChangesAsync();
        _data = new ArchiveTestData(_services, _clock);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> As<T, TService>(Actor who, Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = who;
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Task<ArchiveContents?> ReadAsync() => As<ArchiveContents?, IArchiveContents>(Staff, s => s.ReadAsync(_data.Project));
    private Task<ArchiveLockResult> CloseAsync(Actor? who = null) => As<ArchiveLockResult, ArchiveService>(who ?? Staff, s => s.CloseProjectAsync(_data.Project));
    private Task<ArchiveView?> ViewAsync(Actor who) => As<ArchiveView?, ArchiveAccessService>(who, s => s.ViewAsync(_data.Project));
    private Task<ArchiveRequestRow> RequestAsync(Actor who, ArchiveAccessScope scope = ArchiveAccessScope.View) =>
        As<ArchiveRequestRow, ArchiveAccessService>(who, s => s.RequestAsync(_data.Project, scope, "复核异议处理过程"));
    private Task<ArchiveRequestRow> ApproveAsync(Actor who, Guid id) => As<ArchiveRequestRow, ArchiveAccessService>(who, s => s.ApproveAsync(id, null));

    private async Task<List<AuditEntry>> ArchiveReadsAsync()
    {
        await using var db = await _services.NewContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Entity == ArchiveAccess.AuditEntity && a.Action == AuditAction.Read).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task The_open_archive_is_assembled_from_every_record_one_section_each()
    {
        await _data.CompleteAsync();

        var archive = (await ReadAsync())!;

        Assert.Equal(ArchiveState.Open, archive.State);
        var sections = archive.Files.Select(f => f.Section).Distinct().ToHashSet();
        foreach (var s in Enum.GetValues<ArchiveSection>().Where(s => s != ArchiveSection.Additions))
            Assert.Contains(s, sections);
        Assert.Contains(archive.Files, f => f.Name == ArchiveNames.WitnessLog);
        var caseNumber = await FirstCaseNumberAsync();
        Assert.Contains(archive.Files, f => f.Name == ArchiveNames.Case(caseNumber));
        Assert.Contains(archive.Files, f => f.Name == "10-certificate-" + new CertificateNumber(2026, 1) + ".json");
        Assert.True(archive.Complete, string.Join("；", archive.Checklist.Where(c => !c.Present).Select(c => c.Missing)));
        var verification = archive.Files.Single(f => f.Name == ArchiveNames.ChainVerification);
        Assert.True(JsonDocument.Parse(verification.ContentJson).RootElement.GetProperty("record").GetProperty("intact").GetBoolean());
        // the same records give the same files, byte for byte
        var again = (await ReadAsync())!;
        Assert.Equal(archive.Files.Select(f => (f.Name, f.Sha256)), again.Files.Select(f => (f.Name, f.Sha256)));
    }

    private async Task<string> FirstCaseNumberAsync()
    {
        await using var db = await _services.NewContextAsync();
        return await db.Cases.Select(c => c.Number).FirstAsync();
    }

    [Fact]
    public async Task The_draw_file_is_sealed_and_holds_expert_codes_but_no_name_id_number_or_phone()
    {
        await _data.CompleteAsync();

        var archive = (await ReadAsync())!;

        var draw = Assert.Single(archive.Files, f => f.Section == ArchiveSection.Draws);
        Assert.True(draw.Sealed);
        Assert.Contains("E90001", draw.ContentJson);
        Assert.Contains(ArchiveHash.Of("[\"E90001\",\"E90002\",\"E90003\"]"), draw.ContentJson);
        Assert.DoesNotContain("E90003", draw.ContentJson); // the candidate list itself stays sealed
        foreach (var file in archive.Files)
        {
            foreach (var name in ArchiveTestData.ExpertNames) Assert.DoesNotContain(name, file.ContentJson);
            foreach (var phone in ArchiveTestData.ExpertPhones) Assert.DoesNotContain(phone, file.ContentJson);
            foreach (var id in _data.ExpertIdNumbers) Assert.DoesNotContain(id, file.ContentJson);
            Assert.DoesNotContain("示范设计研究院", file.ContentJson);
        }
    }

    [Fact]
    public async Task Personal_data_is_masked_the_raisers_phone_and_email_and_the_contacts_id_number()
    {
        await _data.CompleteAsync();

        var archive = (await ReadAsync())!;

        var all = string.Join("\n", archive.Files.Select(f => f.ContentJson));
        Assert.DoesNotContain(ArchiveTestData.RaiserPhone, all);
        Assert.DoesNotContain(ArchiveTestData.RaiserEmail, all);
        Assert.DoesNotContain(ArchiveTestData.ContactIdNumber, all);
        Assert.DoesNotContain("13912345678", all);
        Assert.Contains("137****5678", all);
        Assert.Contains(IdNumber.Mask(ArchiveTestData.ContactIdNumber), all);
        Assert.Contains("+08:00", all); // instants in center time, as each file's header says
        Assert.Contains(ArchiveJson.TimeNote, all);
    }

    [Fact]
    public async Task Assembly_reads_each_table_once_whatever_the_number_of_records()
    {
        await _data.CompleteAsync();
        await _data.RatingAsync(RatingLevel.Dissatisfied, "空调太冷", RatedService.Witness);
        await _data.CaseAsync(leaveOpen: true);
        await _data.IncidentAsync();
        await ReadAsync();
        var first = Commands.Count;
        await ReadAsync();
        var one = Commands.Count - first;

        await _data.RatingAsync(RatingLevel.VerySatisfied, null, RatedService.Venue, evaluation: true);
        await _data.CaseAsync(leaveOpen: true);
        await _data.IncidentAsync();
        var before = Commands.Count;
        await ReadAsync();

        Assert.Equal(one, Commands.Count - before);
        Assert.InRange(one, 10, 30);
    }

    [Fact]
    public async Task Close_is_refused_with_every_reason_at_once_and_nothing_is_saved()
    {
        await _data.ProjectAsync(endSessions: false);
        var incident = await _data.IncidentAsync(leaveOpen: true);
        var kase = await _data.CaseAsync(leaveOpen: true);

        var ex = await Assert.ThrowsAsync<DomainException>(() => CloseAsync());

        Assert.Contains("场次尚未结束：K301", ex.Message);
        Assert.Contains("P301", ex.Message);
        Assert.Contains($"异常事件尚未处理完毕：{incident.Number}", ex.Message);
        Assert.Contains($"异议投诉尚未办结：{kase.Number}", ex.Message);
        await using var db = await _services.NewContextAsync();
        Assert.False((await db.TradingProjects.SingleAsync(p => p.Code == _data.Project)).IsClosed);
        Assert.Empty(await db.ProjectArchives.ToListAsync());
        Assert.Empty(await db.ArchiveDocuments.ToListAsync());
    }

    [Fact]
    public async Task Closing_twice_is_refused_because_the_project_is_already_closed()
    {
        await _data.CompleteAsync();
        await CloseAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => CloseAsync());

        Assert.Contains("已于", ex.Message);
        Assert.Contains("结束", ex.Message);
    }

    [Fact]
    public async Task Close_locks_the_archive_with_stored_files_whose_hash_is_the_lock_hash()
    {
        await _data.CompleteAsync();
        var open = (await ReadAsync())!;

        var result = await CloseAsync();

        await using var db = await _services.NewContextAsync();
        var archive = await db.ProjectArchives.SingleAsync();
        Assert.Equal(ArchiveState.Locked, archive.State);
        Assert.Equal("钱档案", archive.Custodian);
        Assert.Equal(new DateOnly(2041, 12, 3), archive.RetainUntil); // 15 years for engineering
        var stored = (await db.ArchiveDocuments.AsNoTracking().Where(d => d.ArchiveId == archive.Id).ToListAsync()).Select(d => d.ToFile()).ToList();
        Assert.Equal(result.Files, stored.Count);
        Assert.Equal(ProjectArchive.LockHashOf(stored), archive.LockHash);
        Assert.Equal(result.LockHash, archive.LockHash);
        Assert.All(stored, f => Assert.Equal(ArchiveHash.Of(f.ContentJson), f.Sha256));
        Assert.True((await db.TradingProjects.SingleAsync(p => p.Code == _data.Project)).IsClosed);
        // the close is on the witness log, and the stored log has it
        var chain = await WitnessLog.ChainAsync(db, _data.Project);
        Assert.Equal(WitnessCodes.ProjectClosed, chain[^1].Code);
        Assert.Contains(WitnessCodes.ProjectClosed, stored.Single(f => f.Name == ArchiveNames.WitnessLog).ContentJson);
        Assert.Equal(open.Files.Select(f => f.Name).Order(), stored.Select(f => f.Name).Order());

        var locked = (await ReadAsync())!;
        Assert.Equal(ArchiveState.Locked, locked.State);
        Assert.DoesNotContain(locked.Files, f => f.Appended); // nothing changed since
        Assert.True(locked.Complete);
    }

    [Fact]
    public async Task A_rating_after_the_lock_is_appended_and_no_stored_file_changes()
    {
        await _data.CompleteAsync();
        await CloseAsync();
        List<(string Name, string Sha256, string Json)> before;
        await using (var db = await _services.NewContextAsync())
            before = (await db.ArchiveDocuments.AsNoTracking().OrderBy(d => d.Name).ToListAsync()).Select(d => (d.Name, d.Sha256, d.ContentJson)).ToList();
        _clock.Advance(TimeSpan.FromDays(2));

        await _data.RatingAsync(RatingLevel.VeryDissatisfied, "归档后补充的评价", RatedService.Witness);
        var archive = (await ReadAsync())!;

        var added = Assert.Single(archive.Files, f => f.Appended);
        Assert.Equal(ArchiveSection.Additions, added.Section);
        Assert.Equal(ArchiveNames.Ratings, ArchiveNames.BaseOf(added.Name));
        Assert.StartsWith("add-20261205-", added.Name);
        Assert.Contains("归档后补充的评价", added.ContentJson);
        await using (var db = await _services.NewContextAsync())
        {
            var now = (await db.ArchiveDocuments.AsNoTracking().OrderBy(d => d.Name).ToListAsync()).ToList();
            Assert.Equal(before.Count + 1, now.Count);
            Assert.Equal(before, now.Where(d => !d.Appended).Select(d => (d.Name, d.Sha256, d.ContentJson)).ToList());
            var lockHash = (await db.ProjectArchives.SingleAsync()).LockHash;
            Assert.Equal(ProjectArchive.LockHashOf(now.Select(d => d.ToFile())), lockHash); // additions are outside the lock hash
        }
        // read again: nothing new, nothing appended twice
        var again = (await ReadAsync())!;
        Assert.Single(again.Files, f => f.Appended);
    }

    [Fact]
    public async Task A_certificate_revoked_after_the_lock_is_appended_and_the_checklist_says_so()
    {
        await _data.CompleteAsync();
        await CloseAsync();
        await using (var db = await _services.NewContextAsync())
        {
            var certificate = await db.WitnessCertificates.SingleAsync();
            certificate.Revoke("见证书信息有误", "supervisor", _clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var archive = (await ReadAsync())!;

        Assert.Contains(archive.Files, f => f.Appended && ArchiveNames.BaseOf(f.Name).StartsWith(ArchiveNames.CertificatePrefix));
        var check = archive.Checklist.Single(c => c.Code == ArchiveCompleteness.Certificate);
        Assert.False(check.Present);
        Assert.Contains("已撤销", check.Missing);
    }

    [Fact]
    public async Task The_database_refuses_to_update_a_stored_file()
    {
        await _data.CompleteAsync();
        await CloseAsync();
        await using var db = await _services.NewContextAsync();
        await db.Database.ExecuteSqlRawAsync(ArchiveDocumentGuard.CreateSql(db.Database.ProviderName));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"ArchiveDocuments\" SET \"ContentJson\" = 'tampered' WHERE \"Name\" = '05-witness-log.json'"));

        Assert.Contains(ArchiveDocumentGuard.Message, ex.Message + ex.InnerException?.Message);
        var file = await db.ArchiveDocuments.AsNoTracking().SingleAsync(d => d.Name == ArchiveNames.WitnessLog);
        Assert.Equal(ArchiveHash.Of(file.ContentJson), file.Sha256);
        // appending still works (a later record) and the guard is idempotent
        await db.Database.ExecuteSqlRawAsync(ArchiveDocumentGuard.CreateSql(db.Database.ProviderName));
        await _data.RatingAsync(RatingLevel.Acceptable, "追加", RatedService.Witness);
        Assert.Contains((await ReadAsync())!.Files, f => f.Appended);
    }

    [Fact]
    public async Task Observer_and_Display_may_not_close_a_project()
    {
        await _data.CompleteAsync();

        var observer = await Assert.ThrowsAsync<DomainException>(() => CloseAsync(Observer));
        var display = await Assert.ThrowsAsync<DomainException>(() => CloseAsync(Display));

        Assert.Equal("Archive.ReadOnly", observer.Code);
        Assert.Equal("Archive.ReadOnly", display.Code);
        await using var db = await _services.NewContextAsync();
        Assert.Empty(await db.ProjectArchives.ToListAsync());
    }

    [Fact]
    public async Task A_locked_archive_needs_an_approval_by_another_person_and_self_approval_is_refused()
    {
        await _data.CompleteAsync();
        await CloseAsync();

        var view = (await ViewAsync(Supervisor))!;
        Assert.False(view.MayRead);
        Assert.Null(view.Contents);
        await Assert.ThrowsAsync<DomainException>(() => As<ArchiveFile, ArchiveAccessService>(Supervisor, s => s.FileAsync(_data.Project, ArchiveNames.WitnessLog)));

        var request = await RequestAsync(Supervisor);
        var self = await Assert.ThrowsAsync<DomainException>(() => ApproveAsync(Supervisor, request.Id));
        Assert.Equal("Archive.SelfApproval", self.Code);
        var byStaff = await Assert.ThrowsAsync<DomainException>(() => ApproveAsync(Clerk, request.Id));
        Assert.Equal("Archive.NotApprover", byStaff.Code);
        Assert.False((await ViewAsync(Supervisor))!.MayRead);
    }

    [Fact]
    public async Task An_approval_serves_only_its_requester_and_stops_when_it_expires()
    {
        await _data.CompleteAsync();
        await CloseAsync();
        var request = await RequestAsync(Clerk);
        var approved = await ApproveAsync(Supervisor, request.Id);
        Assert.Equal(_clock.GetUtcNow().AddHours(new ArchiveOptions().AccessHours), approved.ExpiresAt);

        Assert.True((await ViewAsync(Clerk))!.MayRead);
        Assert.False((await ViewAsync(Staff))!.MayRead); // someone else's approval

        _clock.Advance(TimeSpan.FromHours(new ArchiveOptions().AccessHours));
        Assert.False((await ViewAsync(Clerk))!.MayRead);
        await Assert.ThrowsAsync<DomainException>(() => As<ArchiveFile, ArchiveAccessService>(Clerk, s => s.FileAsync(_data.Project, ArchiveNames.WitnessLog)));
    }

    [Fact]
    public async Task Every_view_of_content_and_every_file_opened_is_in_the_audit_trail()
    {
        await _data.CompleteAsync();
        await ViewAsync(Staff); // open archive: readable, audited
        await As<ArchiveFile, ArchiveAccessService>(Staff, s => s.FileAsync(_data.Project, ArchiveNames.Bookings));
        await CloseAsync();
        await ViewAsync(Clerk); // no approval: no content, nothing read
        var request = await RequestAsync(Clerk);
        await ApproveAsync(Supervisor, request.Id);
        await ViewAsync(Clerk);
        await As<ArchiveFile, ArchiveAccessService>(Clerk, s => s.FileAsync(_data.Project, ArchiveNames.WitnessLog));

        var reads = await ArchiveReadsAsync();

        Assert.Equal(
            [("staff", "view"), ("staff", $"file:{ArchiveNames.Bookings}"), ("clerk2", "view"), ("clerk2", $"file:{ArchiveNames.WitnessLog}")],
            reads.Select(r => (r.ActorName, JsonDocument.Parse(r.Changes).RootElement.GetProperty("what").GetString()!)));
        Assert.All(reads, r => Assert.Equal(AuditAction.Read, r.Action));
    }

    [Fact]
    public async Task Observer_may_request_and_read_with_an_approval()
    {
        await _data.CompleteAsync();
        await CloseAsync();

        var request = await RequestAsync(Observer);
        await ApproveAsync(Supervisor, request.Id);
        var view = (await ViewAsync(Observer))!;

        Assert.True(view.MayRead);
        Assert.NotNull(view.Contents);
        Assert.Contains(await ArchiveReadsAsync(), r => r.ActorName == "observer");
        var other = await RequestAsync(Clerk);
        await Assert.ThrowsAsync<DomainException>(() => ApproveAsync(Observer, other.Id));
    }

    [Fact]
    public async Task Display_may_not_request_or_read_an_archive()
    {
        await _data.CompleteAsync();
        await CloseAsync();

        await Assert.ThrowsAsync<DomainException>(() => RequestAsync(Display));
        await Assert.ThrowsAsync<DomainException>(() => ViewAsync(Display));
    }
}

public sealed class SqliteArchiveTests : ArchiveContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlArchiveTests(PostgreSqlServer server) : ArchiveContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_archive_{Guid.NewGuid():N}");
}
