using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>The content root the anchor folder is relative to.</summary>
public sealed record WitnessAnchorFolder(string ContentRoot)
{
    public string Resolve(WitnessOptions options) => Path.GetFullPath(Path.Combine(ContentRoot, options.AnchorFolder));
}

public enum AnchorOutcome
{
    /// <summary>The day's file was written (and listed).</summary>
    Written,
    /// <summary>The day's file was already there, signed and saying what the database says: left as it was.</summary>
    Unchanged,
    /// <summary>The day's file (or its listing) disagrees with the database: nothing written, someone must look.</summary>
    Conflict,
}

public sealed record AnchorResult(DateOnly Day, AnchorOutcome Outcome, string? Digest, int Chains, string? Detail);

/// <summary>A chain's verification: the verdict, each anchor's check, and the anchor files that could not be trusted.</summary>
public sealed record ChainReport(ChainVerdict Verdict, IReadOnlyList<AnchorCheck> Anchors, IReadOnlyList<AnchorFileCheck> UntrustedFiles);

/// <summary>The anchors found in the folder: the trusted ones (signature checked) and those that are not.</summary>
public sealed record AnchorSet(IReadOnlyList<AnchorFileCheck> Files)
{
    public IEnumerable<WitnessAnchorContent> Trusted => Files.Where(f => f.Trusted).Select(f => f.Content!);
    public IReadOnlyList<AnchorFileCheck> Untrusted => Files.Where(f => !f.Trusted).ToList();
}

/// <summary>
/// The daily anchors outside the database (每日锚定) and verification against them: writes a day's signed file once
/// (a rerun finds it and leaves it; never a second different file for a day), lists it in the database, and checks
/// chains against every trusted file in the folder.
/// </summary>
public sealed class WitnessAnchorService(IDbContextFactory<TradingOpsDbContext> factory, IOptions<WitnessOptions> options, WitnessAnchorFolder folder,
    TimeProvider clock, ICurrentActor actor, ILogger<WitnessAnchorService> logger)
{
    /// <summary>At most this many days are anchored in one catch-up run (after a long outage the next runs continue).</summary>
    public const int MaxDaysPerRun = 400;

    public string Folder => folder.Resolve(options.Value);

    /// <summary>The center's public key and the former keys still trusted (what a file must be signed with).</summary>
    public IReadOnlyCollection<string> TrustedKeys()
    {
        using var key = WitnessAnchorFile.SigningKey(options.Value.AnchorSigningKey);
        return [WitnessAnchorFile.PublicKeyOf(key), .. options.Value.AnchorTrustedKeys];
    }

    /// <summary>Each chain's last entry recorded before <paramref name="asOf"/>.</summary>
    public static async Task<List<AnchorHead>> HeadsAsOfAsync(TradingOpsDbContext db, DateTimeOffset asOf, CancellationToken ct = default)
    {
        var heads = await db.WitnessEntries.AsNoTracking()
            .Where(e => e.RecordedAt < asOf && !db.WitnessEntries.Any(n => n.ChainKey == e.ChainKey && n.RecordedAt < asOf && n.Sequence > e.Sequence))
            .Select(e => new { e.ChainKey, e.Sequence, e.Hash })
            .ToListAsync(ct);
        return heads.Select(h => new AnchorHead(h.ChainKey, h.Sequence, h.Hash)).ToList();
    }

    /// <summary>
    /// Anchors every ended day not yet anchored, from the first day with entries (or the day after the last anchor)
    /// up to yesterday; yesterday is looked at again on every run.
    /// </summary>
    public async Task<IReadOnlyList<AnchorResult>> CatchUpAsync(CancellationToken ct = default)
    {
        var yesterday = CenterTime.Today(clock).AddDays(-1);
        DateOnly? from;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var lastAnchored = await db.WitnessAnchors.MaxAsync(a => (DateOnly?)a.Day, ct);
            if (lastAnchored is { } last) from = last < yesterday ? last.AddDays(1) : yesterday;
            else
            {
                var first = await db.WitnessEntries.MinAsync(e => (DateTimeOffset?)e.RecordedAt, ct);
                from = first is { } f ? DateOnly.FromDateTime(CenterTime.ToLocal(f).DateTime) : null;
            }
        }
        var results = new List<AnchorResult>();
        if (from is null) return results;
        for (var day = from.Value; day <= yesterday && results.Count < MaxDaysPerRun; day = day.AddDays(1))
            results.Add(await AnchorAsync(day, ct));
        return results;
    }

    /// <summary>Writes the day's anchor file if it is not there, or confirms the one there; refuses a day that has not ended.</summary>
    public async Task<AnchorResult> AnchorAsync(DateOnly day, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (WitnessAnchorContent.EndOf(day) > now)
            throw new DomainException("Witness.AnchorDayNotEnded", $"{day:yyyy-MM-dd} 尚未结束，不能锚定");
        var dir = Folder;
        Directory.CreateDirectory(dir);
        var fileName = WitnessAnchorFile.FileNameOf(day);
        var path = Path.Combine(dir, fileName);

        await using var db = await factory.CreateDbContextAsync(ct);
        var heads = await HeadsAsOfAsync(db, WitnessAnchorContent.EndOf(day), ct);
        var listed = await db.WitnessAnchors.SingleOrDefaultAsync(a => a.Day == day, ct);

        if (File.Exists(path))
        {
            var check = WitnessAnchorFile.Read(fileName, await File.ReadAllBytesAsync(path, ct), TrustedKeys());
            if (!check.Trusted)
                return Conflict(day, check.Digest, $"已有的锚定文件不可信（{check.Detail}），未覆盖");
            var existing = check.Content!;
            if (!existing.SameHeads(WitnessAnchorContent.Of(day, existing.GeneratedAt, heads)))
                return Conflict(day, check.Digest, "已有的锚定文件与数据库当前的链头不符，未覆盖：请核验见证链");
            if (listed is null) await ListAsync(db, existing, fileName, ct);
            else if (listed.Digest != check.Digest)
                return Conflict(day, check.Digest, "数据库登记的摘要与锚定文件不符");
            return new AnchorResult(day, AnchorOutcome.Unchanged, check.Digest, existing.Heads.Count, null);
        }

        // A listed day whose file is gone is written again only when the database still gives the listed digest.
        var content = WitnessAnchorContent.Of(day, listed?.WrittenAt ?? now, heads);
        if (listed is not null && listed.Digest != content.Digest())
            return Conflict(day, listed.Digest, "锚定文件缺失，且数据库当前的链头与当日登记的摘要不符：请核验见证链");
        using (var key = WitnessAnchorFile.SigningKey(options.Value.AnchorSigningKey))
        {
            var temp = Path.Combine(dir, $".{fileName}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllBytesAsync(temp, WitnessAnchorFile.Write(content, key), ct);
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp); // another node wrote it first: check what it wrote
                return await AnchorAsync(day, ct);
            }
        }
        if (listed is null) await ListAsync(db, content, fileName, ct);
        logger.LogInformation("Witness anchor {Day} written: {Chains} chains, digest {Digest}", day, heads.Count, content.Digest());
        return new AnchorResult(day, AnchorOutcome.Written, content.Digest(), heads.Count, null);
    }

    private async Task ListAsync(TradingOpsDbContext db, WitnessAnchorContent content, string fileName, CancellationToken ct)
    {
        db.WitnessAnchors.Add(new WitnessAnchor(content, fileName, content.GeneratedAt));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.WitnessAnchors.AsNoTracking().AnyAsync(a => a.Day == content.Day, ct)) throw;
            // listed by another node meanwhile
        }
    }

    private AnchorResult Conflict(DateOnly day, string? digest, string detail)
    {
        logger.LogError("Witness anchor {Day}: {Detail}", day, detail);
        return new AnchorResult(day, AnchorOutcome.Conflict, digest, 0, detail);
    }

    /// <summary>Every anchor file in the folder, each checked (digest, signature, key).</summary>
    public AnchorSet ReadAnchors()
    {
        var dir = Folder;
        if (!Directory.Exists(dir)) return new AnchorSet([]);
        var trusted = TrustedKeys();
        var files = new List<AnchorFileCheck>();
        foreach (var path in Directory.EnumerateFiles(dir, WitnessAnchorFile.Prefix + "*.json").Order(StringComparer.Ordinal))
            files.Add(WitnessAnchorFile.Read(Path.GetFileName(path), File.ReadAllBytes(path), trusted));
        return new AnchorSet(files);
    }

    /// <summary>One day's anchor file, checked; null when there is none.</summary>
    public AnchorFileCheck? ReadAnchor(DateOnly day)
    {
        var name = WitnessAnchorFile.FileNameOf(day);
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? WitnessAnchorFile.Read(name, File.ReadAllBytes(path), TrustedKeys()) : null;
    }

    /// <summary>One chain recomputed and checked against the anchors; the read is audited (who looked at which chain).</summary>
    public async Task<(IReadOnlyList<WitnessEntry> Entries, ChainReport Report)> ReadChainAsync(string chainKey, CancellationToken ct = default)
    {
        var key = WitnessChain.KeyOf(chainKey);
        await using var db = await factory.CreateDbContextAsync(ct);
        var entries = await WitnessLog.ChainAsync(db, key, ct);
        var report = Verify(key, entries, ReadAnchors());
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), await actor.GetAsync(ct), "WitnessChain", key, AuditAction.Read,
            JsonSerializer.Serialize(new { entries = entries.Count, intact = report.Verdict.Intact, firstBad = report.Verdict.FirstBadSequence })));
        await db.SaveChangesAsync(ct);
        return (entries, report);
    }

    public static ChainReport Verify(string chainKey, IReadOnlyList<WitnessEntry> entries, AnchorSet anchors) =>
        new(WitnessChain.VerifyAgainst(chainKey, entries, anchors.Trusted),
            WitnessChain.CheckAnchors(chainKey, entries, anchors.Trusted), anchors.Untrusted);

    /// <summary>
    /// Every chain verified: those in the database and those only an anchor still names (a chain deleted whole).
    /// Audited as one read.
    /// </summary>
    public async Task<IReadOnlyList<ChainVerdict>> VerifyAllAsync(CancellationToken ct = default)
    {
        var anchors = ReadAnchors();
        await using var db = await factory.CreateDbContextAsync(ct);
        var keys = (await db.WitnessEntries.Select(e => e.ChainKey).Distinct().ToListAsync(ct))
            .Concat(await db.WitnessChainHeads.Select(h => h.ChainKey).ToListAsync(ct))
            .Concat(anchors.Trusted.SelectMany(a => a.Heads).Select(h => h.ChainKey))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var verdicts = new List<ChainVerdict>(keys.Count);
        foreach (var key in keys)
        {
            var entries = await WitnessLog.ChainAsync(db, key, ct);
            verdicts.Add(WitnessChain.VerifyAgainst(key, entries, anchors.Trusted));
        }
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), await actor.GetAsync(ct), "WitnessChain", "*", AuditAction.Read,
            JsonSerializer.Serialize(new { chains = verdicts.Count, broken = verdicts.Count(v => !v.Intact) })));
        await db.SaveChangesAsync(ct);
        return verdicts;
    }
}
