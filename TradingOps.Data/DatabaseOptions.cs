using System.ComponentModel.DataAnnotations;

namespace TradingOps.Data;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSQL }

/// <summary>Section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite a relative file is placed under the app's content root.</summary>
    [Required(ErrorMessage = "请配置 Database:ConnectionString（数据库连接字符串）")]
    public string ConnectionString { get; set; } = "Data Source=tradingops.db";

    /// <summary>Apply pending migrations when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Fill an empty database with a demo center (off unless configured; on in Development).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// PostgreSQL and SQL Server: how often a command that failed on a lost connection is tried again before the
    /// failure reaches the user ("数据库暂时不可用"). Kept short so a database outage gets a clear answer in seconds
    /// rather than a request hanging for a minute; a blip of a second or two is still ridden out.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetryCount { get; set; } = 3;

    /// <summary>Longest wait between those tries, in seconds.</summary>
    [Range(1, 60)]
    public int MaxRetryDelaySeconds { get; set; } = 2;

    /// <summary>How many trading projects the demo year holds.</summary>
    [Range(0, 200_000)]
    public int DemoProjectsPerYear { get; set; } = 10_000;

    /// <summary>
    /// Days of past window tickets, ratings and room sessions the demo seeds (0: none), so statistics and
    /// satisfaction results have history. Tickets per working day follow the project volume (10 per project a year / 250).
    /// </summary>
    [Range(0, 400)]
    public int DemoHistoryDays { get; set; }

    /// <summary>
    /// Seed the demo's year of projects and its history after the app starts serving (the first page in seconds on a
    /// first start; the statistics jobs wait for it and pages say it is still loading). Off: seeded before start-up ends.
    /// </summary>
    public bool DemoHistoryInBackground { get; set; }
}
