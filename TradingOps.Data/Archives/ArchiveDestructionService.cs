using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Data.Identity;
using TradingOps.Data.Witness;

namespace TradingOps.Data.Archives;

/// <summary>One archive as the retention page lists it.</summary>
public sealed record RetentionRow(Guid Id, string ProjectCode, string ProjectName, TradingCategory Category, ArchiveState State, string Custodian,
    DateTimeOffset? LockedAt, DateOnly? RetainUntil, DateTimeOffset? DestroyedAt, string? DestroyedBy, string? LockHash)
{
    /// <summary>Locked and its retention period has run out (it may be proposed for destruction; nothing happens by itself).</summary>
    public bool PastRetention(DateOnly today) => State == ArchiveState.Locked && RetainUntil is { } until && today >= until;
}

/// <summary>
/// 档案销毁 (national 6.6, Liaoning 6.9; DOMAIN.md: "destruction only by the rules, never automatic"): a locked archive
/// past its retention is proposed by an operator, approved or refused by a supervisor or admin who is not the proposer,
/// and carried out by an approver in ONE transaction: the stored documents deleted, the archive marked destroyed, the
/// request stamped with the lock hash of what was destroyed. The archive's row, the request and the audit trail stay as
/// proof. Nothing here runs by itself: no job calls it, and only a signed-in person with the role may.
/// </summary>
public sealed class ArchiveDestructionService(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock)
{
    public static readonly string[] RequesterRoles = [Roles.Staff, Roles.DutyManager, Roles.Supervisor, Roles.Admin];
    public static readonly string[] ApproverRoles = [Roles.Supervisor, Roles.Admin];

    public async Task<IReadOnlyList<RetentionRow>> ArchivesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ProjectArchives.AsNoTracking()
            .Select(a => new RetentionRow(a.Id, a.ProjectCode, a.ProjectName, a.Category, a.State, a.Custodian, a.LockedAt, a.RetainUntil,
                a.DestroyedAt, a.DestroyedBy, a.LockHash))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Category).ThenBy(r => r.RetainUntil ?? DateOnly.MaxValue).ThenBy(r => r.ProjectCode, StringComparer.Ordinal).ToList();
    }

    public async Task<RetentionRow?> ArchiveAsync(string projectCode, CancellationToken ct = default)
    {
        var code = Key(projectCode);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ProjectArchives.AsNoTracking().Where(a => a.ProjectCode == code)
            .Select(a => new RetentionRow(a.Id, a.ProjectCode, a.ProjectName, a.Category, a.State, a.Custodian, a.LockedAt, a.RetainUntil,
                a.DestroyedAt, a.DestroyedBy, a.LockHash))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Destruction requests, newest first; of one project when <paramref name="projectCode"/> is given.</summary>
    public async Task<IReadOnlyList<ArchiveDestructionRequest>> RequestsAsync(string? projectCode = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.ArchiveDestructionRequests.AsNoTracking();
        if (projectCode is not null)
        {
            var code = Key(projectCode);
            query = query.Where(r => r.ProjectCode == code);
        }
        return (await query.ToListAsync(ct)).OrderByDescending(r => r.RequestedAt).ToList();
    }

    /// <summary>Whether the current person may approve, refuse and carry out (the page shows the buttons; the methods check again).</summary>
    public async Task<bool> IsApproverAsync(CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await UserRoles.HasAnyAsync(db, who, ApproverRoles, ct);
    }

    public async Task<bool> MayRequestAsync(CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await UserRoles.HasAnyAsync(db, who, RequesterRoles, ct);
    }

    /// <summary>Proposes destroying a locked archive whose retention has run out; refused, with the date, before then.</summary>
    public async Task<ArchiveDestructionRequest> RequestAsync(string projectCode, string reason, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await UserRoles.HasAnyAsync(db, who, RequesterRoles, ct))
            throw new DomainException("Archive.ReadOnly", "当前账号只能查看档案，不能申请销毁");
        var code = Key(projectCode);
        var archive = await db.ProjectArchives.SingleOrDefaultAsync(a => a.ProjectCode == code, ct)
            ?? throw new DomainException("Archive.NotFound", $"项目 {code} 没有档案");
        var now = clock.GetUtcNow();
        EnsureDestroyable(archive, now);
        if (await db.ArchiveDestructionRequests.AnyAsync(r => r.ArchiveId == archive.Id
                && (r.State == ArchiveRequestState.Pending || (r.State == ArchiveRequestState.Approved && r.CarriedOutAt == null)), ct))
            throw new DomainException("Archive.DestructionPending", $"项目 {code} 的档案已有尚未办结的销毁申请");
        var request = new ArchiveDestructionRequest(archive.Id, archive.ProjectCode, reason, who.Name, now);
        db.ArchiveDestructionRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>Approves a pending request: a supervisor or admin who is not the requester.</summary>
    public Task<ArchiveDestructionRequest> ApproveAsync(Guid requestId, string? note, CancellationToken ct = default) =>
        DecideAsync(requestId, (r, who, now) => r.Approve(who.Name, now, note), ct);

    public Task<ArchiveDestructionRequest> RefuseAsync(Guid requestId, string reason, CancellationToken ct = default) =>
        DecideAsync(requestId, (r, who, now) => r.Refuse(who.Name, now, reason), ct);

    private async Task<ArchiveDestructionRequest> DecideAsync(Guid requestId, Action<ArchiveDestructionRequest, Actor, DateTimeOffset> decide, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureApproverAsync(db, who, ct);
        var request = await db.ArchiveDestructionRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct)
            ?? throw new DomainException("Archive.RequestNotFound", "销毁申请不存在");
        decide(request, who, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>
    /// Carries out an approved request in one transaction: the archive's stored documents deleted (their names and hashes
    /// written to the audit trail, never their content), the archive marked destroyed, the request stamped with the lock hash.
    /// </summary>
    public async Task<ArchiveDestructionRequest> CarryOutAsync(Guid requestId, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureApproverAsync(db, who, ct);
        return await WitnessLedger.InTransactionAsync(db, async () =>
        {
            var now = clock.GetUtcNow();
            var request = await db.ArchiveDestructionRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct)
                ?? throw new DomainException("Archive.RequestNotFound", "销毁申请不存在");
            var archive = await db.ProjectArchives.SingleAsync(a => a.Id == request.ArchiveId, ct);
            if (request.State != ArchiveRequestState.Approved)
                throw new DomainException("Archive.NotApproved", "销毁申请尚未批准");
            EnsureDestroyable(archive, now);
            var destroyed = await db.ArchiveDocuments.AsNoTracking().Where(d => d.ArchiveId == archive.Id)
                .OrderBy(d => d.Name).Select(d => new { d.Name, d.Sha256 }).ToListAsync(ct);
            // Deleted in the database, not through the change tracker: the trail keeps what existed (names, hashes), not the content.
            await db.ArchiveDocuments.Where(d => d.ArchiveId == archive.Id).ExecuteDeleteAsync(ct);
            archive.MarkDestroyed(who.Name, now);
            request.CarriedOut(archive.LockHash ?? "", now);
            db.AuditEntries.Add(new AuditEntry(now, who, ArchiveAccess.AuditEntity, archive.ProjectCode, AuditAction.Deleted,
                JsonSerializer.Serialize(new { destroyed = "ArchiveDocument", request = request.Id, lockHash = archive.LockHash, documents = destroyed },
                    new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
            return request;
        }, ct);
    }

    private static void EnsureDestroyable(ProjectArchive archive, DateTimeOffset now)
    {
        if (archive.State == ArchiveState.Destroyed)
            throw new DomainException("Archive.AlreadyDestroyed", $"项目 {archive.ProjectCode} 的档案已于 {CenterTime.ToLocal(archive.DestroyedAt!.Value):yyyy-MM-dd} 销毁");
        if (archive.State != ArchiveState.Locked)
            throw new DomainException("Archive.NotLocked", $"项目 {archive.ProjectCode} 的档案尚未归档锁定，不能销毁");
        if (archive.RetainUntil is { } until && DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime) < until)
            throw new DomainException("Archive.Retained", $"项目 {archive.ProjectCode} 的档案保管期限至 {until:yyyy-MM-dd}，期满前不能销毁");
    }

    private static async Task EnsureApproverAsync(TradingOpsDbContext db, Actor who, CancellationToken ct)
    {
        if (!await UserRoles.HasAnyAsync(db, who, ApproverRoles, ct))
            throw new DomainException("Archive.NotApprover", "档案销毁申请只能由科室负责人或管理员审批和执行");
    }

    private static string Key(string projectCode) => (projectCode ?? "").Trim().ToUpperInvariant();
}
