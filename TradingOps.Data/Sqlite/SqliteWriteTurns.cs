using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TradingOps.Data.Sqlite;

/// <summary>
/// SQLite has one writer at a time. Queue writes in this process take turns for it here, one database file
/// at a time, so that a window calling the next ticket waits in line and is woken the moment the previous
/// write commits, instead of colliding with it inside SQLite and sleeping in the driver's busy back-off.
/// Hold a turn only around a short write transaction: never around reads that need no lock, and never
/// around publishing (an earlier lock around more than the write made "call next" slower, commit c183d2a).
/// Writers in other processes are still excluded by SQLite itself (BEGIN IMMEDIATE, busy_timeout).
/// </summary>
public sealed class SqliteWriteTurns
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _files = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for this database's turn; dispose the result to pass it on. On other providers (which have
    /// row locks) it returns at once and holds nothing.
    /// </summary>
    public async ValueTask<Turn> TakeAsync(DbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsSqlite()) return default;
        var gate = _files.GetOrAdd(FileOf(db.Database.GetConnectionString()), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private static string FileOf(string? connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return source is "" or ":memory:" ? connectionString ?? "" : Path.GetFullPath(source);
    }

    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
