using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Archives;
using TradingOps.Core.Projects;

namespace TradingOps.Data.Archives;

public sealed record ArchiveListFilter(string? Text = null, TradingCategory? Category = null, ArchiveState? State = null, int Page = 0);

/// <summary>One project on the archives list: its archive's state, completeness (present / required), custodian, lock date.</summary>
public sealed record ArchiveListRow(string ProjectCode, string ProjectName, TradingCategory Category, TradingMethod Method, ArchiveState State,
    int Present, int Required, string? Custodian, DateTimeOffset? LockedAt, DateTimeOffset RegisteredAt);

/// <summary>
/// The archives list: every project (newest first), one page at a time. Completeness is the checklist of each row's
/// archive as it reads now (the same rule as the archive page; a page of <see cref="PageSize"/> rows bounds the work).
/// Listing shows no content: no audit line.
/// </summary>
public sealed class ArchiveListQuery(IDbContextFactory<TradingOpsDbContext> factory, ArchiveAssembler assembler)
{
    public const int PageSize = 20;

    public async Task<(IReadOnlyList<ArchiveListRow> Rows, int Total)> ListAsync(ArchiveListFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var projects = db.TradingProjects.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var t = filter.Text.Trim();
            projects = projects.Where(p => p.Code.Contains(t) || p.Name.Contains(t));
        }
        if (filter.Category is { } c) projects = projects.Where(p => p.Category == c);
        var rows = from p in projects
                   join a in db.ProjectArchives.AsNoTracking() on p.Code.ToUpper() equals a.ProjectCode into archives
                   from a in archives.DefaultIfEmpty()
                   join s in db.Staff.AsNoTracking() on p.ResponsibleStaffId equals s.Id into staff
                   from s in staff.DefaultIfEmpty()
                   select new { p.Code, p.Name, p.Category, p.Method, p.RegisteredAt, State = a == null ? ArchiveState.Open : a.State,
                       Custodian = a != null ? a.Custodian : s.Name, LockedAt = a == null ? null : a.LockedAt };
        if (filter.State is { } st) rows = rows.Where(r => r.State == st);
        var total = await rows.CountAsync(ct);
        var page = (await rows.OrderByDescending(r => r.RegisteredAt).ThenBy(r => r.Code).Skip(Math.Max(0, filter.Page) * PageSize).Take(PageSize).ToListAsync(ct));
        var result = new List<ArchiveListRow>(page.Count);
        foreach (var r in page)
        {
            var contents = r.State == ArchiveState.Destroyed ? null : await assembler.ReadAsync(db, r.Code, ct);
            var checklist = contents?.Checklist ?? [];
            result.Add(new ArchiveListRow(r.Code, r.Name, r.Category, r.Method, r.State, checklist.Count(x => x.Present),
                checklist.Count, r.Custodian, r.LockedAt, r.RegisteredAt));
        }
        return (result, total);
    }
}
