using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TradingOps.Data;

// Used only by `dotnet ef` to build each provider's model; no database is contacted.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTradingOpsDbContext>
{
    public SqliteTradingOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTradingOpsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlTradingOpsDbContext>
{
    public PostgreSqlTradingOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlTradingOpsDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerTradingOpsDbContext>
{
    public SqlServerTradingOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerTradingOpsDbContext>().UseSqlServer("Server=localhost;Database=design").Options);
}
