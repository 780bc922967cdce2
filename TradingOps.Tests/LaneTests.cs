using System.Reflection;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests;

/// <summary>The two test lanes keep servers, browsers and the whole web app out of the fast lane.</summary>
public sealed class LaneTests
{
    private static readonly Type[] FullLaneFixtures = [typeof(TradingOpsApp), typeof(PostgreSqlServer), typeof(RedisServer)];

    [Fact]
    public void Every_test_class_given_a_server_or_the_web_app_as_fixture_is_marked_for_the_full_lane()
    {
        var collections = typeof(LaneTests).Assembly.GetTypes()
            .Select(t => (Type: t, Name: NameIn<CollectionDefinitionAttribute>(t)))
            .Where(c => c.Name is not null)
            .ToDictionary(c => c.Name!, c => c.Type);

        IEnumerable<Type> Fixtures(Type test)
        {
            foreach (var parameter in test.GetConstructors().SelectMany(c => c.GetParameters())) yield return parameter.ParameterType;
            foreach (var fixture in FixtureArguments(test, typeof(IClassFixture<>))) yield return fixture;
            var name = NameIn<CollectionAttribute>(test);
            if (name is not null && collections.TryGetValue(name, out var definition))
                foreach (var fixture in FixtureArguments(definition, typeof(ICollectionFixture<>))) yield return fixture;
        }

        var unmarked = typeof(LaneTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.IsDefined(typeof(FactAttribute), inherit: true)))
            .Where(t => Fixtures(t).Any(f => FullLaneFixtures.Any(heavy => heavy.IsAssignableFrom(f))))
            .Where(t => !t.IsDefined(typeof(FullLaneAttribute), inherit: true))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(unmarked.Count == 0, $"mark these classes [FullLane]: {string.Join(", ", unmarked)}");
    }

    [Fact]
    public void In_the_fast_lane_a_server_fixture_refuses_to_start_and_names_the_missing_mark()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Lanes.RequireFullLane("a PostgreSQL server", "fast"));
        Assert.Contains("[FullLane]", refused.Message);
        Lanes.RequireFullLane("a PostgreSQL server", null); // the full lane (and a plain dotnet test) starts it
    }

    /// <summary>The collection name given to [Collection]/[CollectionDefinition] (xunit keeps it only as the constructor argument).</summary>
    private static string? NameIn<TAttribute>(Type type) =>
        type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(TAttribute))?.ConstructorArguments.FirstOrDefault().Value as string;

    private static IEnumerable<Type> FixtureArguments(Type type, Type fixture) =>
        type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == fixture).Select(i => i.GenericTypeArguments[0]);
}
