using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TradingOps.Data.Queue;

/// <summary>
/// Row locks for LINQ queries on PostgreSQL: a query tagged <see cref="SkipLocked"/> (<c>TagWith</c>) gets
/// <c>FOR UPDATE SKIP LOCKED</c> appended, so the query itself stays LINQ over the rule's expression
/// (<see cref="Core.Queue.QueueRules.CallableBy"/>) instead of a hand-written SQL copy of it. The tag is EF Core's
/// documented way to reach a command from an interceptor (a leading <c>-- tag</c> comment line).
/// </summary>
public sealed class RowLockTag : DbCommandInterceptor
{
    public const string SkipLocked = "row-lock: FOR UPDATE SKIP LOCKED";
    private static readonly string Marker = $"-- {SkipLocked}";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Lock(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Lock(command);
        return ValueTask.FromResult(result);
    }

    private static void Lock(DbCommand command)
    {
        if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal))
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + "\nFOR UPDATE SKIP LOCKED";
    }
}
