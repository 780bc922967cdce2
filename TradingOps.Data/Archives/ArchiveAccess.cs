using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;

namespace TradingOps.Data.Archives;

/// <summary>
/// The one rule of who may read an archive's content (Liaoning 6.9.5): an open archive — whoever may open the archive
/// pages (the page's roles decide); a locked one — only under an approved, unexpired request of the reader for that
/// scope (a download approval covers viewing); a destroyed one — nobody. Every view and download is written to the audit
/// trail with <see cref="RecordAsync"/>, whatever the state.
/// </summary>
public static class ArchiveAccess
{
    public const string AuditEntity = "ProjectArchive";

    /// <summary>
    /// The project and its archive row by code (typed as a person types it); <c>Record</c> is the row, or — for an archive
    /// that is still open and has no row yet (it is assembled live) — an unsaved open record of the project, so the
    /// access rule and the audit line apply all the same. All null when neither exists.
    /// </summary>
    public static async Task<(Core.Projects.TradingProject? Project, ProjectArchive? Archive, ProjectArchive? Record)> FindAsync(
        TradingOpsDbContext db, string? projectCode, DateTimeOffset now, CancellationToken ct = default)
    {
        var typed = (projectCode ?? "").Trim();
        var code = typed.ToUpperInvariant();
        var project = await db.TradingProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Code == typed || p.Code == code, ct);
        var archive = await db.ProjectArchives.AsNoTracking().SingleOrDefaultAsync(a => a.ProjectCode == code, ct);
        var record = archive ?? (project is null ? null : new ProjectArchive(project.Code, project.Id, project.Name, project.Category, "—", now));
        return (project, archive, record);
    }

    public static async Task<bool> MayAsync(TradingOpsDbContext db, ProjectArchive archive, Actor who, ArchiveAccessScope scope, DateTimeOffset now, CancellationToken ct = default)
    {
        if (archive.State == ArchiveState.Destroyed) return false;
        if (archive.State == ArchiveState.Open) return true;
        var approvals = await db.ArchiveAccessRequests.AsNoTracking()
            .Where(r => r.ArchiveId == archive.Id && r.State == ArchiveRequestState.Approved && r.RequestedBy == who.Name)
            .ToListAsync(ct);
        return approvals.Any(r => r.Grants(who.Name, scope, now));
    }

    /// <summary>Adds the audit line of a read (<paramref name="what"/>: "view", "file:NAME", "export") to <paramref name="db"/>; the caller saves.</summary>
    public static void Record(TradingOpsDbContext db, Actor who, ProjectArchive archive, string what, DateTimeOffset now) =>
        db.AuditEntries.Add(new AuditEntry(now, who, AuditEntity, archive.ProjectCode,
            what == "export" ? AuditAction.Exported : AuditAction.Read,
            JsonSerializer.Serialize(new { project = archive.ProjectCode, state = archive.State.ToString(), what })));

    public static async Task RecordAsync(TradingOpsDbContext db, Actor who, ProjectArchive archive, string what, DateTimeOffset now, CancellationToken ct = default)
    {
        Record(db, who, archive, what, now);
        await db.SaveChangesAsync(ct);
    }
}
