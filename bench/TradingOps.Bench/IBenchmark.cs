namespace TradingOps.Bench;

/// <summary>One benchmark: found by reflection, run by name, prints its figures to standard output.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task<int> RunAsync(string[] args);
}

/// <summary>Percentiles of a set of measurements (nearest-rank).</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static string Summary(IEnumerable<double> values, string unit = "ms")
    {
        var sorted = values.Order().ToList();
        return $"n={sorted.Count} p50={Of(sorted, 50):0.0}{unit} p95={Of(sorted, 95):0.0}{unit} p99={Of(sorted, 99):0.0}{unit} max={(sorted.Count == 0 ? double.NaN : sorted[^1]):0.0}{unit}";
    }
}
