using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Witness;

/// <summary>
/// The witness log's tamper evidence on a real database: the database refuses UPDATE and DELETE; an attacker who
/// drops the triggers still cannot edit, delete, insert, reorder or cut off entries without verification naming
/// the first bad entry (a cut-off tail against the daily anchor); the anchor file is written once per day.
/// </summary>
public abstract class WitnessTamperContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    protected const string Project = "GC2026-101";
    private static readonly DateOnly Day = new(2026, 12, 2);
    private readonly FakeTimeProvider _clock = new(CenterTime.At(Day, new TimeOnly(9, 0)));
    private readonly string _folder = Directory.CreateTempSubdirectory("witness-anchors-").FullName;
    private ServiceProvider _services = null!;
    protected List<WitnessEntry> Original = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Actor.User("u-witness", "witness"), clock: _clock,
            configure: s => s.Configure<WitnessOptions>(o => o.AnchorFolder = _folder));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var ledger = _services.CreateScope().ServiceProvider.GetRequiredService<WitnessLedger>();
        foreach (var text in new[] { "开标准备就绪", "投标人签到", "投标文件递交截止", "开标", "唱标完毕" })
        {
            await ledger.RecordAsync(new WitnessDraft(Project, null, null, WitnessEntryKind.Observation, null, text, null, _clock.GetUtcNow(), "witness"));
            _clock.Advance(TimeSpan.FromMinutes(20));
        }
        _clock.SetUtcNow(CenterTime.At(Day.AddDays(1), new TimeOnly(0, 10)));
        Assert.Equal(AnchorOutcome.Written, (await Anchors().AnchorAsync(Day)).Outcome);
        Original = await ChainAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private WitnessAnchorService Anchors() => _services.CreateScope().ServiceProvider.GetRequiredService<WitnessAnchorService>();

    protected async Task<List<WitnessEntry>> ChainAsync()
    {
        await using var db = await _services.NewContextAsync();
        return await WitnessLog.ChainAsync(db, Project);
    }

    protected async Task SqlAsync(string sql)
    {
        await using var db = await _services.NewContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>The attacker with the database owner's rights: drops the guard first.</summary>
    private async Task DropGuardAsync()
    {
        await using var db = await _services.NewContextAsync();
        await db.Database.ExecuteSqlRawAsync(WitnessLogGuard.DropSql(db.Database.ProviderName));
    }

    private async Task<ChainReport> VerifyAsync() => (await Anchors().ReadChainAsync(Project)).Report;

    private static string Where(long sequence) => $"\"ChainKey\" = '{Project}' AND \"Sequence\" = {sequence}";

    protected static async Task AssertRefusedAsync(Func<Task> statement)
    {
        var ex = await Assert.ThrowsAnyAsync<DbException>(statement);
        Assert.Contains(WitnessLogGuard.Message, ex.Message);
    }

    [Fact]
    public async Task The_database_refuses_an_UPDATE_of_a_witness_entry()
    {
        await AssertRefusedAsync(() => SqlAsync($"UPDATE \"WitnessEntries\" SET \"Text\" = '开标（已改）' WHERE {Where(4)}"));
        await using var db = await _services.NewContextAsync();
        await AssertRefusedAsync(() => db.WitnessEntries.Where(e => e.ChainKey == Project).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "someone")));
        Assert.Equal(Original.Select(e => (e.Text, e.Actor)), (await ChainAsync()).Select(e => (e.Text, e.Actor)));
    }

    [Fact]
    public async Task The_database_refuses_a_DELETE_of_a_witness_entry()
    {
        await AssertRefusedAsync(() => SqlAsync($"DELETE FROM \"WitnessEntries\" WHERE {Where(5)}"));
        await using var db = await _services.NewContextAsync();
        await AssertRefusedAsync(() => db.WitnessEntries.ExecuteDeleteAsync());
        Assert.Equal(5, (await ChainAsync()).Count);
    }

    [Fact]
    public async Task An_untouched_chain_verifies_intact_against_its_anchor_and_the_read_is_audited()
    {
        var report = await VerifyAsync();
        Assert.True(report.Verdict.Intact, report.Verdict.Detail);
        Assert.Equal((5L, Original[^1].Hash), (report.Verdict.Entries, report.Verdict.HeadHash));
        var check = Assert.Single(report.Anchors);
        Assert.Equal((Day, true, 5L), (check.Day, check.Matches, check.Head!.Sequence));
        await using var db = await _services.NewContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "WitnessChain" && a.Key == Project && a.Action == AuditAction.Read && a.ActorName == "witness"));
    }

    [Fact]
    public async Task A_direct_SQL_edit_of_an_entrys_text_is_named_at_that_entry()
    {
        await DropGuardAsync();
        await SqlAsync($"UPDATE \"WitnessEntries\" SET \"Text\" = '开标（已改）' WHERE {Where(4)}");

        var verdict = (await VerifyAsync()).Verdict;
        Assert.Equal((ChainBreak.ContentChanged, 4L, (Guid?)Original[3].Id), (verdict.Break, verdict.FirstBadSequence, verdict.FirstBadEntryId));
    }

    [Fact]
    public async Task A_deleted_entry_is_named_at_the_entry_after_the_gap()
    {
        await DropGuardAsync();
        await SqlAsync($"DELETE FROM \"WitnessEntries\" WHERE {Where(3)}");

        var verdict = (await VerifyAsync()).Verdict;
        Assert.Equal((ChainBreak.SequenceGap, 4L, (Guid?)Original[3].Id), (verdict.Break, verdict.FirstBadSequence, verdict.FirstBadEntryId));
    }

    [Fact]
    public async Task A_deleted_entry_with_the_later_ones_renumbered_is_named_where_the_link_points_outside_the_chain()
    {
        await DropGuardAsync();
        await SqlAsync($"DELETE FROM \"WitnessEntries\" WHERE {Where(3)}");
        await SqlAsync($"UPDATE \"WitnessEntries\" SET \"Sequence\" = \"Sequence\" + 1000 WHERE \"ChainKey\" = '{Project}' AND \"Sequence\" > 3");
        await SqlAsync($"UPDATE \"WitnessEntries\" SET \"Sequence\" = \"Sequence\" - 1001 WHERE \"ChainKey\" = '{Project}' AND \"Sequence\" > 1000");

        var verdict = (await VerifyAsync()).Verdict;
        Assert.Equal((ChainBreak.LinkBroken, 3L, (Guid?)Original[3].Id), (verdict.Break, verdict.FirstBadSequence, verdict.FirstBadEntryId));
        Assert.Contains("被删除", verdict.Detail);
    }

    [Fact]
    public async Task A_forged_entry_inserted_with_consistent_sequences_and_hash_is_named_as_the_first_bad_entry()
    {
        await DropGuardAsync();
        await SqlAsync($"UPDATE \"WitnessEntries\" SET \"Sequence\" = \"Sequence\" + 1000 WHERE \"ChainKey\" = '{Project}' AND \"Sequence\" >= 3");
        await SqlAsync($"UPDATE \"WitnessEntries\" SET \"Sequence\" = \"Sequence\" - 999 WHERE \"ChainKey\" = '{Project}' AND \"Sequence\" > 1000");
        // The attacker knows the hash rule: the forged entry links to entry 2 and carries its own correct hash.
        var at = Original[1].RecordedAt.AddMinutes(5);
        var forged = new WitnessEntry(new WitnessDraft(Project, null, null, WitnessEntryKind.Observation, null, "投标人甲的投标文件已按时递交", null, at, "witness"),
            3, Original[1].Hash, at);
        await using (var db = await _services.NewContextAsync())
        {
            db.WitnessEntries.Add(forged);
            await db.SaveChangesAsync();
        }

        var verdict = (await VerifyAsync()).Verdict;
        Assert.Equal((ChainBreak.LinkBroken, 3L, (Guid?)forged.Id), (verdict.Break, verdict.FirstBadSequence, verdict.FirstBadEntryId));
        Assert.Contains("插入", verdict.Detail);
    }

    [Fact]
    public async Task A_forged_entry_appended_and_backdated_into_an_anchored_day_is_named_only_against_the_anchor()
    {
        var at = Original[^1].RecordedAt.AddMinutes(30);
        var forged = new WitnessEntry(new WitnessDraft(Project, null, null, WitnessEntryKind.Observation, null, "异议已当场答复", null, at, "witness"),
            6, Original[^1].Hash, at);
        await using (var db = await _services.NewContextAsync())
        {
            db.WitnessEntries.Add(forged);
            await db.SaveChangesAsync();
        }

        var chain = await ChainAsync();
        Assert.True(WitnessChain.Verify(Project, chain).Intact);
        var verdict = (await VerifyAsync()).Verdict;
        Assert.Equal((ChainBreak.AnchorMismatch, 6L, (Guid?)forged.Id), (verdict.Break, verdict.FirstBadSequence, verdict.FirstBadEntryId));
    }

    [Fact]
    public async Task Two_entries_swapped_are_named_at_the_first_of_them_as_a_reordering()
    {
        await DropGuardAsync();
        await SqlAsync($"UPDATE \"WitnessEntries\" SET \"Sequence\" = -3 WHERE {Where(3)}");
        await SqlAsync($"UPDATE \"WitnessEntries\" SET \"Sequence\" = 3 WHERE {Where(4)}");
        await SqlAsync($"UPDATE \"WitnessEntries\" SET \"Sequence\" = 4 WHERE {Where(-3)}");

        var verdict = (await VerifyAsync()).Verdict;
        Assert.Equal((ChainBreak.LinkBroken, 3L, (Guid?)Original[3].Id), (verdict.Break, verdict.FirstBadSequence, verdict.FirstBadEntryId));
        Assert.Contains("调换", verdict.Detail);
    }

    [Fact]
    public async Task A_cut_off_tail_passes_the_chain_alone_and_is_named_against_the_anchor()
    {
        await DropGuardAsync();
        await SqlAsync($"DELETE FROM \"WitnessEntries\" WHERE \"ChainKey\" = '{Project}' AND \"Sequence\" >= 4");

        var chain = await ChainAsync();
        Assert.True(WitnessChain.Verify(Project, chain).Intact);
        var report = await VerifyAsync();
        Assert.Equal((ChainBreak.AnchorMismatch, 4L, (Guid?)null), (report.Verdict.Break, report.Verdict.FirstBadSequence, report.Verdict.FirstBadEntryId));
        Assert.Equal("第 3 条之后的记录缺失（锚定于 2026-12-02，当日链头为第 5 条）", report.Verdict.Detail);
        Assert.False(Assert.Single(report.Anchors).Matches);
    }

    [Fact]
    public async Task A_chain_deleted_whole_is_still_found_by_verifying_all_chains()
    {
        await DropGuardAsync();
        await SqlAsync($"DELETE FROM \"WitnessEntries\" WHERE \"ChainKey\" = '{Project}'");
        await SqlAsync($"DELETE FROM \"WitnessChainHeads\" WHERE \"ChainKey\" = '{Project}'");

        var verdict = Assert.Single(await Anchors().VerifyAllAsync());
        Assert.Equal((Project, ChainBreak.AnchorMismatch, 1L), (verdict.ChainKey, verdict.Break, verdict.FirstBadSequence));
    }

    [Fact]
    public async Task Anchoring_a_day_again_leaves_its_file_byte_for_byte_and_lists_it_once()
    {
        var path = Path.Combine(_folder, WitnessAnchorFile.FileNameOf(Day));
        var before = await File.ReadAllBytesAsync(path);
        var ledger = _services.CreateScope().ServiceProvider.GetRequiredService<WitnessLedger>();
        await ledger.RecordAsync(new WitnessDraft(Project, null, null, WitnessEntryKind.Observation, null, "次日补充说明", null, _clock.GetUtcNow(), "witness"));

        var again = await Anchors().AnchorAsync(Day);
        var caughtUp = await Anchors().CatchUpAsync();

        Assert.Equal(AnchorOutcome.Unchanged, again.Outcome);
        Assert.Equal([(Day, AnchorOutcome.Unchanged)], caughtUp.Select(r => (r.Day, r.Outcome)));
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFiles(_folder));
        await using var db = await _services.NewContextAsync();
        var listed = Assert.Single(await db.WitnessAnchors.ToListAsync());
        Assert.Equal((Day, again.Digest, 1), (listed.Day, (string?)listed.Digest, listed.Chains));
    }

    [Fact]
    public async Task A_days_anchor_is_not_overwritten_when_the_database_no_longer_agrees_with_it()
    {
        var path = Path.Combine(_folder, WitnessAnchorFile.FileNameOf(Day));
        var before = await File.ReadAllBytesAsync(path);
        await DropGuardAsync();
        await SqlAsync($"DELETE FROM \"WitnessEntries\" WHERE {Where(5)}");

        var result = await Anchors().AnchorAsync(Day);
        Assert.Equal(AnchorOutcome.Conflict, result.Outcome);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));

        File.Delete(path); // and with the file gone too, the listed digest still refuses a new one
        Assert.Equal(AnchorOutcome.Conflict, (await Anchors().AnchorAsync(Day)).Outcome);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_day_that_has_not_ended_cannot_be_anchored()
    {
        var today = CenterTime.Today(_clock);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Anchors().AnchorAsync(today));
        Assert.Contains("尚未结束", ex.Message);
    }

    [Fact]
    public async Task An_anchor_file_changed_on_disk_is_reported_untrusted_and_not_used()
    {
        var path = Path.Combine(_folder, WitnessAnchorFile.FileNameOf(Day));
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("\"sequence\": 5", "\"sequence\": 3"));

        var report = await VerifyAsync();
        Assert.Empty(report.Anchors);
        Assert.Equal(AnchorFileProblem.DigestMismatch, Assert.Single(report.UntrustedFiles).Problem);
    }
}

public sealed class SqliteWitnessTamperTests : WitnessTamperContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlWitnessTamperTests(PostgreSqlServer server) : WitnessTamperContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_tamper_{Guid.NewGuid():N}");

    [Fact]
    public async Task The_database_refuses_a_TRUNCATE_of_the_witness_log()
    {
        await AssertRefusedAsync(() => SqlAsync("TRUNCATE \"WitnessEntries\""));
        Assert.Equal(Original.Select(e => e.Id), (await ChainAsync()).Select(e => e.Id));
    }
}
