using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Data.Identity;
using TradingOps.Data.Queries;

namespace TradingOps.Data.Cases;

/// <summary>The register's filters: kind, state, channel, only overdue, handler (user name), project code (part), text in number or subject.</summary>
public sealed record CaseFilter(
    CaseKind? Kind = null,
    CaseState? State = null,
    CaseChannel? Channel = null,
    bool OverdueOnly = false,
    string? Handler = null,
    string? Project = null,
    string? Text = null);

/// <summary>A register row: the case's row (no personal data) with its project's name.</summary>
public sealed record CaseListRow(CaseRow Row, string? ProjectName);

/// <summary>One case for its page: the case, who raised it masked, its timeline oldest first, the suspension's incident, the project's parties.</summary>
public sealed record CaseDetail(Case Case, CaseRaiser Raiser, IReadOnlyList<CaseEvent> Timeline, string? IncidentNumber,
    string? Initiator, string? Agency);

/// <summary>The desk's reads: the register (filtered, paged), one case with its timeline, the audited full read of who raised it.</summary>
public sealed class CaseQueries(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>The roles that may read who raised a case in full (RoleSets.PersonalDataViewers).</summary>
    public static readonly string[] RaiserReaders = [Roles.DutyManager, Roles.Supervisor, Roles.Admin];

    /// <summary>Latest received first.</summary>
    public async Task<Page<CaseListRow>> SearchAsync(CaseFilter filter, int skip, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Cases.AsNoTracking();
        if (filter.Kind is { } kind) query = query.Where(c => c.Kind == kind);
        if (filter.State is { } state) query = query.Where(c => c.State == state);
        if (filter.Channel is { } channel) query = query.Where(c => c.Channel == channel);
        if (filter.OverdueOnly) query = query.Where(CaseRules.OverdueAt(clock.GetUtcNow()));
        if (PlainText.Clean(filter.Handler) is { } handler) query = query.Where(c => c.Handler == handler);
        if (PlainText.Clean(filter.Project)?.ToUpperInvariant() is { } project) query = query.Where(c => c.ProjectCode != null && c.ProjectCode.Contains(project));
        if (PlainText.Clean(filter.Text) is { } text)
        {
            var upper = text.ToUpperInvariant();
            query = query.Where(c => c.Number.Contains(upper) || c.Subject.Contains(text));
        }
        var total = await query.CountAsync(ct);
        var cases = await query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Serial).Skip(Math.Max(0, skip)).Take(take).ToListAsync(ct);
        return new Page<CaseListRow>(cases.Select(c => new CaseListRow(c.ToRow(), c.ProjectName)).ToList(), total);
    }

    public async Task<CaseDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var timeline = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).ToListAsync(ct);
        var incident = c.IncidentId is { } incidentId ? await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, ct) : null;
        var project = c.ProjectCode is null ? null : await db.TradingProjects.AsNoTracking().Where(p => p.Code == c.ProjectCode)
            .Select(p => new { p.Initiator, p.Agency }).SingleOrDefaultAsync(ct);
        return new CaseDetail(c, CaseRaiser.MaskedOf(c), CaseTimeline.Order(timeline), incident?.Number,
            project?.Initiator, project?.Agency);
    }

    /// <summary>The desk users a case can be handled by (for the register's handler filter): those handling one now.</summary>
    public async Task<IReadOnlyList<string>> HandlersAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Cases.AsNoTracking().Where(c => c.Handler != null).Select(c => c.Handler!).Distinct().OrderBy(h => h).ToListAsync(ct);
    }

    /// <summary>Project codes and names starting with (or containing) what was typed, for the desk entry's autocomplete.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> ProjectsAsync(string? typed, CancellationToken ct = default)
    {
        var text = PlainText.Clean(typed)?.ToUpperInvariant();
        if (text is null || text.Length < 2) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.TradingProjects.AsNoTracking().Where(p => p.Code.Contains(text) || p.Name.Contains(typed!.Trim()))
            .OrderBy(p => p.Code).Take(10).Select(p => new { p.Code, p.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Code, r.Name)).ToList();
    }

    /// <summary>
    /// Who raised the case, in full: only for <see cref="RaiserReaders"/>, checked here on the server, and written to the
    /// audit trail (who read which case) before it is handed out.
    /// </summary>
    public async Task<CaseRaiser> RaiserAsync(Guid id, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await UserRoles.HasAnyAsync(db, who, RaiserReaders, ct))
            throw new DomainException("PersonalData.Forbidden", "无权查看提出人的完整信息");
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException("Case.NotFound", "案件不存在");
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who, "Case", id.ToString(), AuditAction.Read,
            JsonSerializer.Serialize(new { field = "RaisedBy", number = c.Number })));
        await db.SaveChangesAsync(ct);
        return CaseRaiser.FullOf(c);
    }
}
