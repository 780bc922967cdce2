namespace TradingOps.Data.Witness;

/// <summary>
/// The database's own refusal to change the witness log: triggers that make UPDATE and DELETE on "WitnessEntries"
/// fail (and TRUNCATE on PostgreSQL), whoever connects, so an entry can only be appended. Called from the migration
/// that creates them (<c>migrationBuilder.Sql(WitnessLogGuard.CreateSql(migrationBuilder.ActiveProvider))</c>, its
/// Down <see cref="DropSql"/>).
/// </summary>
/// <remarks>
/// A later SQLite migration that rebuilds the table (column changes) drops its triggers with it: such a migration
/// must call <see cref="CreateSql"/> again. The message names the rule so a refused statement explains itself.
/// </remarks>
public static class WitnessLogGuard
{
    public const string Message = "witness log is append-only";

    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string PostgreSql = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private const string SqlServer = "Microsoft.EntityFrameworkCore.SqlServer";

    public static string CreateSql(string? activeProvider) => activeProvider switch
    {
        Sqlite => $"""
            CREATE TRIGGER "WitnessEntries_no_update" BEFORE UPDATE ON "WitnessEntries"
            BEGIN SELECT RAISE(ABORT, '{Message}'); END;
            CREATE TRIGGER "WitnessEntries_no_delete" BEFORE DELETE ON "WitnessEntries"
            BEGIN SELECT RAISE(ABORT, '{Message}'); END;
            """,
        PostgreSql => $"""
            CREATE OR REPLACE FUNCTION "WitnessEntries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{Message}' USING ERRCODE = 'insufficient_privilege', HINT = TG_OP || ' refused on "WitnessEntries"';
            END;
            $$;
            CREATE TRIGGER "WitnessEntries_no_update_delete" BEFORE UPDATE OR DELETE ON "WitnessEntries"
                FOR EACH ROW EXECUTE FUNCTION "WitnessEntries_append_only"();
            CREATE TRIGGER "WitnessEntries_no_truncate" BEFORE TRUNCATE ON "WitnessEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION "WitnessEntries_append_only"();
            """,
        // INSTEAD OF: the statement does nothing and fails, whatever it touched (an UPDATE of zero rows included).
        SqlServer => $"""
            EXEC(N'CREATE TRIGGER [WitnessEntries_append_only] ON [WitnessEntries] INSTEAD OF UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;
                THROW 51900, N''{Message}'', 1;
            END');
            """,
        _ => throw new NotSupportedException($"No witness-log guard for provider {activeProvider}"),
    };

    /// <summary>Removes the triggers (the migration's Down; the tests' attacker who has the owner's rights).</summary>
    public static string DropSql(string? activeProvider) => activeProvider switch
    {
        Sqlite => """
            DROP TRIGGER IF EXISTS "WitnessEntries_no_update";
            DROP TRIGGER IF EXISTS "WitnessEntries_no_delete";
            """,
        PostgreSql => """
            DROP TRIGGER IF EXISTS "WitnessEntries_no_update_delete" ON "WitnessEntries";
            DROP TRIGGER IF EXISTS "WitnessEntries_no_truncate" ON "WitnessEntries";
            DROP FUNCTION IF EXISTS "WitnessEntries_append_only"();
            """,
        SqlServer => "DROP TRIGGER IF EXISTS [WitnessEntries_append_only];",
        _ => throw new NotSupportedException($"No witness-log guard for provider {activeProvider}"),
    };

    /// <summary>Declared on the EF model (SQL Server then saves the table without an OUTPUT clause, which a trigger forbids).</summary>
    public const string TriggerName = "WitnessEntries_append_only";
}
