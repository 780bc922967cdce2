using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TradingOps.Data;
using TradingOps.Data.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>
/// Every provider's migrations create the witness log's guard (the SQL Server one cannot be run here, so its script is
/// checked): a migration set regenerated without the <see cref="WitnessLogGuard.CreateSql"/> call fails here.
/// </summary>
public sealed class WitnessLogGuardScriptTests
{
    public static TheoryData<string> Providers => ["Sqlite", "PostgreSQL", "SqlServer"];

    private static TradingOpsDbContext Context(string provider) => provider switch
    {
        "Sqlite" => new SqliteTradingOpsDbContext(new DbContextOptionsBuilder<SqliteTradingOpsDbContext>().UseSqlite("Data Source=:memory:").Options),
        "PostgreSQL" => new PostgreSqlTradingOpsDbContext(new DbContextOptionsBuilder<PostgreSqlTradingOpsDbContext>().UseNpgsql("Host=127.0.0.1;Database=none").Options),
        _ => new SqlServerTradingOpsDbContext(new DbContextOptionsBuilder<SqlServerTradingOpsDbContext>().UseSqlServer("Server=127.0.0.1;Database=none").Options),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_make_the_database_refuse_updates_and_deletes_of_witness_entries(string provider)
    {
        using var db = Context(provider);
        var script = db.GetService<IMigrator>().GenerateScript();
        var guard = WitnessLogGuard.CreateSql(db.Database.ProviderName);

        var expected = provider switch
        {
            "Sqlite" => ["BEFORE UPDATE ON \"WitnessEntries\"", "BEFORE DELETE ON \"WitnessEntries\"", "RAISE(ABORT, 'witness log is append-only')"],
            "PostgreSQL" => ["BEFORE UPDATE OR DELETE ON \"WitnessEntries\"", "BEFORE TRUNCATE ON \"WitnessEntries\"", "RAISE EXCEPTION 'witness log is append-only'"],
            _ => new[] { "INSTEAD OF UPDATE, DELETE", "THROW 51900" },
        };
        foreach (var part in expected)
        {
            Assert.Contains(part, guard);
            Assert.Contains(part, script);
        }
        // created after the table it guards
        Assert.True(script.IndexOf(expected[0], StringComparison.Ordinal) > script.IndexOf("WitnessEntries", StringComparison.Ordinal));
    }
}
