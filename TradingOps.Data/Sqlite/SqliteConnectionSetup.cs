using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TradingOps.Data.Sqlite;

/// <summary>
/// Every SQLite connection the app opens waits inside SQLite for a busy writer (<c>PRAGMA busy_timeout</c>)
/// instead of failing at once. Without it, Microsoft.Data.Sqlite retries a busy database itself, sleeping
/// 150 ms between tries, which puts a 150 ms step on any write that meets another; SQLite's own busy handler
/// retries after 1, 2, 5, 10... ms. Durability is untouched: <c>synchronous</c> stays at its default (FULL).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    /// <summary>How long a statement waits for another writer before SQLite reports the database busy.</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private const string Setup = "PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = Setup;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Setup;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
