using System.Text.Json;
using TradingOps.Core.Common;

namespace TradingOps.Core.Statistics;

/// <summary>One line of a disclosure: a service type or a window with its counts.</summary>
public sealed record DisclosureLine(string Dimension, string Name, LevelCounts Counts)
{
    public decimal? Rate => Counts.Rate;
}

/// <summary>
/// 定期公示: the satisfaction results of one week or month as published to the public (national 10.5,
/// Liaoning 12.2.2). A snapshot: computing the same period again replaces it, it is never duplicated.
/// Shows service types and windows, never clerks' names or visitors' comments.
/// </summary>
public sealed class SatisfactionDisclosure : Entity
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SatisfactionDisclosure() { Lines = "[]"; }

    public SatisfactionDisclosure(Period period, LevelCounts counts, int followUpsClosed, int followUpsOpen, int followUpsOverdue,
        IEnumerable<DisclosureLine> lines, DateTimeOffset computedAt)
    {
        Lines = "[]";
        if (period.Kind == PeriodKind.Day)
            throw new DomainException("Disclosure.Period", "公示按周或按月发布");
        Kind = period.Kind;
        PeriodStart = period.Start;
        PeriodEnd = period.End;
        Replace(counts, followUpsClosed, followUpsOpen, followUpsOverdue, lines, computedAt);
    }

    public PeriodKind Kind { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public int VerySatisfied { get; private set; }
    public int Satisfied { get; private set; }
    public int Acceptable { get; private set; }
    public int Dissatisfied { get; private set; }
    public int VeryDissatisfied { get; private set; }
    /// <summary>The rate as a fraction, null when nobody rated.</summary>
    public decimal? Rate { get; private set; }
    public int FollowUpsClosed { get; private set; }
    public int FollowUpsOpen { get; private set; }
    public int FollowUpsOverdue { get; private set; }
    /// <summary>Per service type and per window, as JSON.</summary>
    public string Lines { get; private set; }
    public DateTimeOffset ComputedAt { get; private set; }

    public Period Period => new(Kind, PeriodStart, PeriodEnd);
    public LevelCounts Counts => new(VerySatisfied, Satisfied, Acceptable, Dissatisfied, VeryDissatisfied);

    public IReadOnlyList<DisclosureLine> ReadLines() => JsonSerializer.Deserialize<List<DisclosureLine>>(Lines, Json) ?? [];

    /// <summary>The period computed again: same row, new figures.</summary>
    public void Replace(LevelCounts counts, int followUpsClosed, int followUpsOpen, int followUpsOverdue,
        IEnumerable<DisclosureLine> lines, DateTimeOffset computedAt)
    {
        (VerySatisfied, Satisfied, Acceptable, Dissatisfied, VeryDissatisfied) =
            (counts.VerySatisfied, counts.Satisfied, counts.Acceptable, counts.Dissatisfied, counts.VeryDissatisfied);
        Rate = counts.Rate is { } r ? decimal.Round(r, 6) : null;
        FollowUpsClosed = followUpsClosed;
        FollowUpsOpen = followUpsOpen;
        FollowUpsOverdue = followUpsOverdue;
        Lines = JsonSerializer.Serialize(lines.ToList(), Json);
        ComputedAt = computedAt.ToUniversalTime();
    }
}
