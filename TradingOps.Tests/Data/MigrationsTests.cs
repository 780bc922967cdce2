using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TradingOps.Data;

namespace TradingOps.Tests.Data;

public sealed class MigrationsTests
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
    public void Each_providers_migrations_are_current_with_the_model(string provider)
    {
        using var db = Context(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"the {provider} model has changes without a migration: run ./build.sh migration NAME");
    }

    [Fact]
    public void The_SQL_Server_idempotent_migration_script_is_generated()
    {
        using var db = Context("SqlServer");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("CREATE TABLE [Rooms]", script);
        Assert.Contains("CREATE TABLE [AuditEntries]", script);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        foreach (var migration in db.Database.GetMigrations())
            Assert.Contains($"N'{migration}'", script);
        var output = Path.Combine(AppContext.BaseDirectory, "sqlserver-migrations.sql");
        File.WriteAllText(output, script);
    }
}
