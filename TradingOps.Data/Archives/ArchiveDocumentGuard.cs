namespace TradingOps.Data.Archives;

/// <summary>
/// The database's own refusal to change a stored archive file: a trigger that makes UPDATE on "ArchiveDocuments" fail,
/// whoever connects, so a locked archive's file can only be added (later records are appended as new files). DELETE
/// stays possible: the approved destruction of an archive past its retention removes its files (part E).
/// For the combined migration: <c>migrationBuilder.Sql(ArchiveDocumentGuard.CreateSql(migrationBuilder.ActiveProvider))</c>
/// after the table exists, <see cref="DropSql"/> in Down. Idempotent (safe to run on a database that has it).
/// </summary>
/// <remarks>A later SQLite migration that rebuilds the table drops the trigger with it: such a migration must call <see cref="CreateSql"/> again.</remarks>
public static class ArchiveDocumentGuard
{
    public const string Message = "archive documents are append-only";

    /// <summary>Declared on the EF model (SQL Server then saves the table without an OUTPUT clause, which a trigger forbids).</summary>
    public const string TriggerName = "ArchiveDocuments_no_update";

    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string PostgreSql = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private const string SqlServer = "Microsoft.EntityFrameworkCore.SqlServer";

    public static string CreateSql(string? activeProvider) => activeProvider switch
    {
        Sqlite => $"""
            CREATE TRIGGER IF NOT EXISTS "{TriggerName}" BEFORE UPDATE ON "ArchiveDocuments"
            BEGIN SELECT RAISE(ABORT, '{Message}'); END;
            """,
        PostgreSql => $"""
            CREATE OR REPLACE FUNCTION "ArchiveDocuments_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{Message}' USING ERRCODE = 'insufficient_privilege', HINT = TG_OP || ' refused on "ArchiveDocuments"';
            END;
            $$;
            DROP TRIGGER IF EXISTS "{TriggerName}" ON "ArchiveDocuments";
            CREATE TRIGGER "{TriggerName}" BEFORE UPDATE ON "ArchiveDocuments"
                FOR EACH ROW EXECUTE FUNCTION "ArchiveDocuments_append_only"();
            """,
        // INSTEAD OF: the statement does nothing and fails, whatever it touched.
        SqlServer => $"""
            IF OBJECT_ID(N'[{TriggerName}]', N'TR') IS NULL
            EXEC(N'CREATE TRIGGER [{TriggerName}] ON [ArchiveDocuments] INSTEAD OF UPDATE AS
            BEGIN
                SET NOCOUNT ON;
                THROW 51901, N''{Message}'', 1;
            END');
            """,
        _ => throw new NotSupportedException($"No archive-document guard for provider {activeProvider}"),
    };

    public static string DropSql(string? activeProvider) => activeProvider switch
    {
        Sqlite => $"""DROP TRIGGER IF EXISTS "{TriggerName}";""",
        PostgreSql => $"""
            DROP TRIGGER IF EXISTS "{TriggerName}" ON "ArchiveDocuments";
            DROP FUNCTION IF EXISTS "ArchiveDocuments_append_only"();
            """,
        SqlServer => $"DROP TRIGGER IF EXISTS [{TriggerName}];",
        _ => throw new NotSupportedException($"No archive-document guard for provider {activeProvider}"),
    };
}
