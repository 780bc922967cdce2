using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Data.Identity;

namespace TradingOps.Data.Archives;

/// <summary>An access request as the requests page lists it.</summary>
public sealed record ArchiveRequestRow(Guid Id, string ProjectCode, ArchiveAccessScope Scope, string Reason, string RequestedBy, DateTimeOffset RequestedAt,
    ArchiveRequestState State, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote, DateTimeOffset? ExpiresAt)
{
    public static ArchiveRequestRow Of(ArchiveAccessRequest r) =>
        new(r.Id, r.ProjectCode, r.Scope, r.Reason, r.RequestedBy, r.RequestedAt, r.State, r.DecidedBy, r.DecidedAt, r.DecisionNote, r.ExpiresAt);

    public bool Usable(DateTimeOffset now) => State == ArchiveRequestState.Approved && now < ExpiresAt;
}

/// <summary>The archive page's view: the record's facts, and the content only when the reader may see it (the view audited).</summary>
public sealed record ArchiveView(string ProjectCode, string ProjectName, TradingCategory Category, ArchiveState State, string? Custodian,
    DateTimeOffset? LockedAt, string? LockedBy, string? LockHash, DateOnly? RetainUntil, bool MayRead, ArchiveContents? Contents,
    IReadOnlyList<ArchiveRequestRow> MyRequests, IReadOnlyList<string> CloseBlockers, bool ProjectClosed);

/// <summary>
/// 档案查阅 (Liaoning 6.9.5, national 6.8): who may read what. An open archive: every archive reader. A locked one: only
/// under the reader's own approved, unexpired request (<see cref="ArchiveAccess.MayAsync"/>) — requested by one person
/// (operators and Observer), approved or refused by another (supervisors, admins; never their own), withdrawn by the
/// requester. Every view of content (the archive page's files, one file) writes an audit line.
/// </summary>
public sealed class ArchiveAccessService(
    IDbContextFactory<TradingOpsDbContext> factory,
    ArchiveAssembler assembler,
    ICurrentActor actor,
    TimeProvider clock,
    IOptions<ArchiveOptions> options)
{
    public static readonly string[] ReaderRoles = [Roles.Staff, Roles.DutyManager, Roles.Supervisor, Roles.Admin, Roles.Observer];
    public static readonly string[] ApproverRoles = [Roles.Supervisor, Roles.Admin];

    public async Task<ArchiveView?> ViewAsync(string projectCode, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureReaderAsync(db, who, ct);
        var now = clock.GetUtcNow();
        var code = (projectCode ?? "").Trim().ToUpperInvariant();
        var (project, archive, record) = await ArchiveAccess.FindAsync(db, projectCode, now, ct);
        if (record is null) return null;
        var mine = archive is null ? [] : await db.ArchiveAccessRequests.AsNoTracking()
            .Where(r => r.ArchiveId == archive.Id && r.RequestedBy == who.Name).OrderByDescending(r => r.RequestedAt).ToListAsync(ct);
        var may = await ArchiveAccess.MayAsync(db, record, who, ArchiveAccessScope.View, now, ct);
        ArchiveContents? contents = null;
        if (may)
        {
            contents = await assembler.ReadAsync(db, code, ct);
            ArchiveAccess.Record(db, who, record, "view", now);
            await db.SaveChangesAsync(ct);
        }
        var custodian = archive?.Custodian ?? (project is null ? null
            : await db.Staff.AsNoTracking().Where(s => s.Id == project.ResponsibleStaffId).Select(s => s.Name).FirstOrDefaultAsync(ct));
        var blockers = project is null ? [] : await ArchiveService.BlockersAsync(db, project, ct);
        return new ArchiveView(record.ProjectCode, record.ProjectName, record.Category, record.State, custodian, record.LockedAt, record.LockedBy,
            record.LockHash, record.RetainUntil, may, contents, mine.Select(ArchiveRequestRow.Of).ToList(), blockers, project?.IsClosed ?? true);
    }

    /// <summary>One file's JSON, when the reader may see the archive; the read is audited ("file:NAME").</summary>
    public async Task<ArchiveFile> FileAsync(string projectCode, string name, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureReaderAsync(db, who, ct);
        var now = clock.GetUtcNow();
        var code = (projectCode ?? "").Trim().ToUpperInvariant();
        var (_, _, record) = await ArchiveAccess.FindAsync(db, projectCode, now, ct);
        if (record is null) throw new DomainException("Archive.NotFound", $"项目 {code} 不存在");
        if (!await ArchiveAccess.MayAsync(db, record, who, ArchiveAccessScope.View, now, ct))
            throw new DomainException("Archive.NoAccess", record.State == ArchiveState.Destroyed
                ? "该档案已按批准的申请销毁" : "查阅已归档的档案须先提出申请，并经另一人批准且在有效期内");
        var contents = await assembler.ReadAsync(db, code, ct);
        var file = contents?.Files.FirstOrDefault(f => f.Name == name) ?? throw new DomainException("Archive.FileNotFound", $"档案中没有文件 {name}");
        ArchiveAccess.Record(db, who, record, $"file:{name}", now);
        await db.SaveChangesAsync(ct);
        return file;
    }

    public async Task<ArchiveRequestRow> RequestAsync(string projectCode, ArchiveAccessScope scope, string reason, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureReaderAsync(db, who, ct);
        var code = (projectCode ?? "").Trim().ToUpperInvariant();
        var archive = await db.ProjectArchives.AsNoTracking().SingleOrDefaultAsync(a => a.ProjectCode == code, ct)
                      ?? throw new DomainException("Archive.NotLocked", $"项目 {code} 尚未归档，档案页面可直接查看，无需申请");
        if (archive.State != ArchiveState.Locked)
            throw new DomainException("Archive.NotLocked", archive.State == ArchiveState.Destroyed ? "该档案已销毁，不能申请查阅" : "档案尚未归档锁定，无需申请");
        if (PlainText.LooksLikeMarkup(reason))
            throw new DomainException("Archive.Markup", "查阅事由不能包含网页标记或脚本");
        var request = new ArchiveAccessRequest(archive.Id, archive.ProjectCode, scope, reason, who.Name, clock.GetUtcNow());
        db.ArchiveAccessRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return ArchiveRequestRow.Of(request);
    }

    public Task<ArchiveRequestRow> ApproveAsync(Guid requestId, string? note, CancellationToken ct = default) =>
        DecideAsync(requestId, approver: true, (r, who, now) => r.Approve(who, now, TimeSpan.FromHours(options.Value.AccessHours), note), ct);

    public Task<ArchiveRequestRow> RefuseAsync(Guid requestId, string reason, CancellationToken ct = default) =>
        DecideAsync(requestId, approver: true, (r, who, now) => r.Refuse(who, now, reason), ct);

    public Task<ArchiveRequestRow> WithdrawAsync(Guid requestId, CancellationToken ct = default) =>
        DecideAsync(requestId, approver: false, (r, who, now) => r.Withdraw(who, now), ct);

    private async Task<ArchiveRequestRow> DecideAsync(Guid requestId, bool approver, Action<ArchiveAccessRequest, string, DateTimeOffset> decide, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (approver && !await UserRoles.HasAnyAsync(db, who, ApproverRoles, ct))
            throw new DomainException("Archive.NotApprover", "只有主管或管理员可以审批档案查阅申请");
        if (!approver) await EnsureReaderAsync(db, who, ct);
        var request = await db.ArchiveAccessRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct)
                      ?? throw new DomainException("Archive.RequestNotFound", "查阅申请不存在");
        decide(request, who.Name, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Archive.RequestDecided", "该申请已经处理");
        }
        return ArchiveRequestRow.Of(request);
    }

    /// <summary>Pending requests (for approvers; empty for others) and the reader's own, newest first.</summary>
    public async Task<(IReadOnlyList<ArchiveRequestRow> Pending, IReadOnlyList<ArchiveRequestRow> Mine, bool MayApprove)> RequestsAsync(CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var mayApprove = await UserRoles.HasAnyAsync(db, who, ApproverRoles, ct);
        var pending = mayApprove
            ? await db.ArchiveAccessRequests.AsNoTracking().Where(r => r.State == ArchiveRequestState.Pending).OrderBy(r => r.RequestedAt).Take(200).ToListAsync(ct)
            : [];
        var mine = await db.ArchiveAccessRequests.AsNoTracking().Where(r => r.RequestedBy == who.Name).OrderByDescending(r => r.RequestedAt).Take(200).ToListAsync(ct);
        return (pending.Select(ArchiveRequestRow.Of).ToList(), mine.Select(ArchiveRequestRow.Of).ToList(), mayApprove);
    }

    private static async Task EnsureReaderAsync(TradingOpsDbContext db, Actor who, CancellationToken ct)
    {
        if (who.Kind is ActorKind.System or ActorKind.Job) return;
        if (!await UserRoles.HasAnyAsync(db, who, ReaderRoles, ct))
            throw new DomainException("Archive.NotReader", "当前账号不能查阅档案");
    }
}
