using System.Reflection;

namespace TradingOps.Data.Scheduling;

/// <summary>
/// The Quartz.NET job-store schema, as the Quartz assembly itself carries it for each database (the DDL its
/// store runs under SchemaProvisioning.CreateIfMissing: create-if-missing statements, never a drop). The
/// Scheduling migration of each provider runs it, so the schema comes with the application's migrations and
/// Quartz only validates it at start-up.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = "QRTZ_";

    /// <summary>Tables in drop order (children first), for Down migrations.</summary>
    public static readonly string[] Tables =
    [
        "FIRED_TRIGGERS", "PAUSED_JOB_GRPS", "PAUSED_TRIGGER_GRPS", "SCHEDULER_STATE", "LOCKS", "SIMPLE_TRIGGERS",
        "SIMPROP_TRIGGERS", "CRON_TRIGGERS", "BLOB_TRIGGERS", "TRIGGERS", "JOB_DETAILS", "CALENDARS",
    ];

    /// <summary>The statements for a provider: "Sqlite", "PostgreSQL" or "SqlServer".</summary>
    public static IReadOnlyList<string> Statements(string dialect)
    {
        var resource = dialect switch
        {
            "Sqlite" => "create_sqlite.sql",
            "PostgreSQL" => "create_postgres.sql",
            "SqlServer" => "create_sqlServer.sql",
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "no Quartz schema for this provider"),
        };
        var assembly = typeof(Quartz.IJob).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Schema." + resource, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        var script = new StreamReader(stream).ReadToEnd().Replace("{0}", TablePrefix).Replace("{1}", TablePrefix);
        return script.Split("\n--;;", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => string.Join('\n', s.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0)
            .ToList();
    }

    /// <summary>Drop statements for Down migrations (identifiers are unquoted, as Quartz's own SQL is).</summary>
    public static IEnumerable<string> DropStatements() => Tables.Select(t => $"DROP TABLE IF EXISTS {TablePrefix}{t}");
}
