using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TradingOps.Web.ScaleOut;

namespace TradingOps.Tests.ScaleOut;

/// <summary>Which failures mean "the database cannot be reached" (a 503 and a retry) and which are errors of their own.</summary>
public sealed class DatabaseUnavailableTests
{
    public static TheoryData<string, Exception> Unavailable() => new()
    {
        { "SQLite busy", new SqliteException("database is locked", 5) },
        { "SQLite cannot open", new SqliteException("unable to open database file", 14) },
        { "Npgsql connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "PostgreSQL shutting down", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01") },
        { "PostgreSQL starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03") },
        { "wrapped by EF Core on save", new DbUpdateException("An error occurred while saving", new NpgsqlException("Exception while reading from stream", new TimeoutException())) },
        { "retries exhausted", new InvalidOperationException("transient failure", new RetryLimitExceededException("retry limit", new NpgsqlException("connection lost"))) },
        { "inside an aggregate", new AggregateException(new InvalidOperationException("other"), new SqliteException("database is locked", 5)) },
    };

    public static TheoryData<string, Exception> NotUnavailable() => new()
    {
        { "SQLite constraint", new SqliteException("UNIQUE constraint failed", 19) },
        { "PostgreSQL unique violation", new PostgresException("duplicate key value", "ERROR", "ERROR", "23505") },
        { "EF concurrency conflict", new DbUpdateConcurrencyException("changed by someone else") },
        { "a timeout elsewhere", new TimeoutException("the report took too long") },
        { "a bug", new NullReferenceException() },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void A_database_that_cannot_be_reached_is_recognised(string _, Exception failure) =>
        Assert.True(DatabaseUnavailable.Is(failure));

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void Errors_of_the_request_itself_are_not_taken_for_an_outage(string _, Exception failure) =>
        Assert.False(DatabaseUnavailable.Is(failure));
}
