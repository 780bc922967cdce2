using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TradingOps.Tests.Fixtures;

/// <summary>Counts the database commands EF Core sends (queries, writes, scalars), for round-trip tests and the bench.</summary>
public sealed class DbCommandCounter : DbCommandInterceptor
{
    private long _count;
    private readonly List<string> _log = [];

    public long Count => Interlocked.Read(ref _count);

    /// <summary>The commands' SQL since the last <see cref="Reset"/> (for a failing test's message).</summary>
    public IReadOnlyList<string> Log { get { lock (_log) return [.. _log]; } }

    /// <summary>The commands sent after the first <paramref name="skip"/> counted (for a failing test's message).</summary>
    public string Since(long skip) { lock (_log) return string.Join("\n---\n", _log.Skip((int)skip)); }

    public void Reset()
    {
        lock (_log) _log.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    private void Counted(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        lock (_log) _log.Add(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Counted(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Counted(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Counted(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return ValueTask.FromResult(result);
    }
}
