using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Evaluation;

namespace TradingOps.Data.Evaluation;

/// <summary>The pool list's filters: specialty code, status, region (exact), employer (part of the name), expert code (prefix).</summary>
public sealed record ExpertFilter(string? Specialty = null, ExpertStatus? Status = null, string? Region = null, string? Employer = null, string? Code = null);

/// <summary>One expert as the pool list shows it: masks only, never a name.</summary>
public sealed record ExpertRow(Guid Id, string Code, string IdMasked, string? PhoneMasked, string Employer, string Region, string Specialties,
    ExpertStatus Status, ExpertSource Source)
{
    public IReadOnlyList<string> SpecialtyCodes => Expert.SplitSpecialties(Specialties);
}

public sealed record ExpertPage(IReadOnlyList<ExpertRow> Items, int Total);

/// <summary>How many active experts a specialty has (the desk watches thin specialties).</summary>
public sealed record SpecialtyCount(string Code, string Name, string Category, int Active);

public sealed record UnavailabilityRow(Guid Id, DateTimeOffset From, DateTimeOffset Until, string Reason, string By);

/// <summary>One expert's record for the pool desk: masks, status with its reason, unavailable periods, sessions served.</summary>
public sealed record ExpertDetail(ExpertRow Row, string? StatusReason, string AddedBy, DateTimeOffset AddedAt,
    IReadOnlyList<UnavailabilityRow> Unavailable, int Sessions);

/// <summary>Reads of the expert pool (issue 18 item 1). Names stay protected: nothing here unprotects.</summary>
public sealed class ExpertPoolQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    /// <summary>One page of the filtered pool, ordered by code: two commands (count and page).</summary>
    public async Task<ExpertPage> PageAsync(ExpertFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Filtered(db.Experts.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(e => e.Code).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(e => new ExpertRow(e.Id, e.Code, e.IdMasked, e.PhoneMasked, e.Employer, e.Region, e.Specialties, e.Status, e.Source))
            .ToListAsync(ct);
        return new ExpertPage(items, total);
    }

    public static IQueryable<Expert> Filtered(IQueryable<Expert> experts, ExpertFilter filter)
    {
        if (Clean(filter.Specialty) is { } specialty)
        {
            var code = "," + specialty.ToUpperInvariant() + ",";
            experts = experts.Where(e => ("," + e.Specialties + ",").Contains(code));
        }
        if (filter.Status is { } status) experts = experts.Where(e => e.Status == status);
        if (Clean(filter.Region) is { } region) experts = experts.Where(e => e.Region == region);
        if (Clean(filter.Employer) is { } employer) experts = experts.Where(e => e.Employer.Contains(employer));
        if (Clean(filter.Code) is { } prefix)
        {
            var upper = prefix.ToUpperInvariant();
            experts = experts.Where(e => e.Code.StartsWith(upper));
        }
        return experts;
    }

    /// <summary>Every specialty of the catalogue with its number of active experts, in one command.</summary>
    public async Task<IReadOnlyList<SpecialtyCount>> SpecialtyCountsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ExpertSpecialties.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new SpecialtyCount(s.Code, s.Name, s.Category,
                db.Experts.Count(e => e.Status == ExpertStatus.Active && ("," + e.Specialties + ",").Contains("," + s.Code + ","))))
            .ToListAsync(ct);
    }

    /// <summary>The regions experts come from (the filter's choices), in one command.</summary>
    public async Task<IReadOnlyList<string>> RegionsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Experts.AsNoTracking().Select(e => e.Region).Distinct().OrderBy(r => r).ToListAsync(ct);
    }

    public async Task<ExpertDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var expert = await db.Experts.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new
            {
                Row = new ExpertRow(e.Id, e.Code, e.IdMasked, e.PhoneMasked, e.Employer, e.Region, e.Specialties, e.Status, e.Source),
                e.StatusReason, e.AddedBy, e.AddedAt,
                Sessions = db.CommitteeMembers.Count(m => m.ExpertId == e.Id),
            })
            .SingleOrDefaultAsync(ct);
        if (expert is null) return null;
        var unavailable = await db.ExpertUnavailabilities.AsNoTracking().Where(u => u.ExpertId == id)
            .Select(u => new UnavailabilityRow(u.Id, u.From, u.Until, u.Reason, u.By)).ToListAsync(ct);
        return new ExpertDetail(expert.Row, expert.StatusReason, expert.AddedBy, expert.AddedAt,
            unavailable.OrderBy(u => u.From).ToList(), expert.Sessions);
    }

    private static string? Clean(string? text) => TradingOps.Core.Common.PlainText.Clean(text) is { Length: > 0 } t ? t : null;
}
