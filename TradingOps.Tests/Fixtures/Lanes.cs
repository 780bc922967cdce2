using Xunit.Abstractions;
using Xunit.Sdk;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// Puts a test class (or one test) in the full lane: <c>./test.sh</c> runs it, <c>./test.sh fast</c> does not.
/// Every test that starts a PostgreSQL or Redis server, a browser, a web node process or the whole web app
/// (<see cref="TradingOpsApp"/>: in-process HTTP over a seeded demo center) belongs there; those fixtures refuse
/// to start in the fast lane (<see cref="Lanes.RequireFullLane"/>), so a test that forgets the mark fails there
/// instead of slowing it down. Inherited: a base class marked once marks its subclasses.
/// </summary>
[TraitDiscoverer("TradingOps.Tests.Fixtures.FullLaneDiscoverer", "TradingOps.Tests")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class FullLaneAttribute : Attribute, ITraitAttribute;

/// <summary>Gives <see cref="FullLaneAttribute"/> its trait, the one the lanes' filters select on.</summary>
public sealed class FullLaneDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        [new(Lanes.Trait, Lanes.Full)];
}

/// <summary>The two test lanes: the trait that splits them and the fast lane's guard.</summary>
public static class Lanes
{
    public const string Trait = "Lane";
    public const string Full = "Full";

    /// <summary>Set to <c>fast</c> by <c>./test.sh fast</c> (and by <c>./test.sh</c> for its fast half).</summary>
    public const string Variable = "TRADINGOPS_TEST_LANE";

    /// <summary>
    /// Called by the fixtures that start servers, browsers or the web app: in the fast lane they throw, naming the
    /// mark the test is missing.
    /// </summary>
    public static void RequireFullLane(string what) => RequireFullLane(what, Environment.GetEnvironmentVariable(Variable));

    public static void RequireFullLane(string what, string? lane)
    {
        if (string.Equals(lane, "fast", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"This test starts {what}, which the fast lane does not run: mark its class [FullLane] (TradingOps.Tests.Fixtures; README, Tests).");
    }
}
