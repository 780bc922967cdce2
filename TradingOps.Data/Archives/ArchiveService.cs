using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Witness;
using TradingOps.Data.Identity;
using TradingOps.Data.Witness;

namespace TradingOps.Data.Archives;

/// <summary>What a close did: the archive's lock hash, the number of files stored, when.</summary>
public sealed record ArchiveLockResult(string ProjectCode, string LockHash, int Files, DateTimeOffset LockedAt, DateOnly RetainUntil);

/// <summary>
/// 结束项目并归档 (Liaoning 6.9.3–6.9.4): an operator closes a project whose transaction is over. Refused with EVERY
/// reason at once (sessions not ended, incidents open, objections or complaints open, already closed). In ONE
/// transaction: the project closed, a "project.closed" entry on its witness log, the archive created if missing
/// (custodian: the project's responsible staff), the files assembled (including that entry), locked with their hash and
/// the category's retention, each stored as an <see cref="ArchiveDocument"/>. Later records are appended on read
/// (<see cref="ArchiveAssembler"/>). Observer and Display only read: refused on the server.
/// </summary>
public sealed class ArchiveService(
    IDbContextFactory<TradingOpsDbContext> factory,
    ArchiveAssembler assembler,
    ICurrentActor actor,
    TimeProvider clock,
    IOptions<ArchiveOptions> options)
{
    public static readonly string[] CloserRoles = [Roles.Staff, Roles.DutyManager, Roles.Supervisor, Roles.Admin];

    private static readonly BookingStatus[] Live = [BookingStatus.Requested, BookingStatus.Confirmed, BookingStatus.Changed, BookingStatus.Extended];

    /// <summary>Why the project cannot be closed now (empty: it can). Each reason in Chinese.</summary>
    public static async Task<IReadOnlyList<string>> BlockersAsync(TradingOpsDbContext db, Core.Projects.TradingProject project, CancellationToken ct)
    {
        var code = project.Code;
        var reasons = new List<string>();
        if (project.IsClosed)
            reasons.Add($"项目 {code} 已于 {CenterTime.ToLocal(project.ClosedAt!.Value):yyyy-MM-dd HH:mm} 结束");
        var sessions = await (from b in db.RoomBookings.AsNoTracking()
                              join r in db.Rooms.AsNoTracking() on b.RoomId equals r.Id
                              where b.ProjectCode == code && Live.Contains(b.Status) && b.Phase != SessionPhase.Ended
                              orderby b.StartsAt
                              select new { r.Code, b.StartsAt }).ToListAsync(ct);
        if (sessions.Count > 0)
            reasons.Add($"场次尚未结束：{string.Join("、", sessions.Select(s => $"{s.Code} {CenterTime.ToLocal(s.StartsAt):MM-dd HH:mm}"))}");
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.ProjectCode == code && Incident.OpenStates.Contains(i.State))
            .OrderBy(i => i.OpenedAt).Select(i => i.Number).ToListAsync(ct);
        if (incidents.Count > 0) reasons.Add($"异常事件尚未处理完毕：{string.Join("、", incidents)}");
        var cases = await db.Cases.AsNoTracking().Where(c => c.ProjectCode == code && CaseStates.Open.Contains(c.State))
            .OrderBy(c => c.ReceivedAt).Select(c => c.Number).ToListAsync(ct);
        if (cases.Count > 0) reasons.Add($"异议投诉尚未办结：{string.Join("、", cases)}");
        return reasons;
    }

    public async Task<ArchiveLockResult> CloseProjectAsync(string projectCode, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!(who.Kind is ActorKind.System or ActorKind.Job) && !await UserRoles.HasAnyAsync(db, who, CloserRoles, ct))
            throw new DomainException("Archive.ReadOnly", "当前账号只能查阅档案，不能结束项目或归档");
        var code = (projectCode ?? "").Trim();
        return await WitnessLedger.InTransactionAsync(db, async () =>
        {
            var project = await db.TradingProjects.FirstOrDefaultAsync(p => p.Code == code || p.Code == code.ToUpper(), ct)
                          ?? throw new DomainException("Archive.ProjectNotFound", $"项目 {code} 不存在");
            var reasons = await BlockersAsync(db, project, ct);
            if (reasons.Count > 0)
                throw new DomainException("Archive.CannotClose", $"项目 {project.Code} 不能结束归档：{string.Join("；", reasons)}");
            var now = clock.GetUtcNow();
            project.Close(who.Name, now);
            await WitnessLog.AppendAsync(db, new WitnessDraft(project.Code, project.Id, null, WitnessEntryKind.System, WitnessCodes.ProjectClosed,
                $"项目结束并归档（{who.Name}）", null, now, who.Name), now, ct);
            var key = project.Code.ToUpperInvariant();
            var archive = await db.ProjectArchives.SingleOrDefaultAsync(a => a.ProjectCode == key, ct);
            if (archive is null)
            {
                var custodian = await db.Staff.Where(s => s.Id == project.ResponsibleStaffId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? who.Name;
                archive = new ProjectArchive(project.Code, project.Id, project.Name, project.Category, custodian, now);
                db.ProjectArchives.Add(archive);
            }
            await db.SaveChangesAsync(ct); // inside the transaction: the assembly below reads the close and its entry
            var files = await assembler.AssembleAsync(db, project, ct);
            archive.Lock(files, who.Name, now, options.Value.YearsFor(project.Category));
            foreach (var f in files) db.ArchiveDocuments.Add(new ArchiveDocument(archive.Id, f, who.Name, now));
            return new ArchiveLockResult(project.Code, archive.LockHash!, files.Count, now, archive.RetainUntil!.Value);
        }, ct);
    }
}
