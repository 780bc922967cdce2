using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;

namespace TradingOps.Data.Auditing;

/// <summary>
/// Writes one <see cref="AuditEntry"/> per added, modified or deleted row into the same SaveChanges,
/// hence the same transaction as the change itself: either both are stored or neither is.
/// </summary>
public sealed class AuditInterceptor(ICurrentActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Values never copied into the trail.</summary>
    private static readonly HashSet<string> Secret =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Value" /* tokens */, "TwoFactorRecoveryCodes", "SecretHash" /* paired devices */,
         "ProtectedName", "ProtectedIdNumber", "ProtectedPhone", "IdFingerprint" /* evaluation area: protected identities */];

    /// <summary>
    /// Heartbeats, not changes by a person: a window's last-action time moves with every queue action (which is
    /// audited itself) and only drives idle sign-off. A row whose only change is a heartbeat writes no entry.
    /// </summary>
    private static readonly HashSet<string> Heartbeats = ["LastActionAt"];

    /// <summary>
    /// Whole documents (a locked archive's stored files): described by size, not copied — the trail would otherwise keep
    /// a copy of what an approved destruction removes. Their SHA-256 column is in the trail.
    /// </summary>
    private static readonly HashSet<string> Documents = ["ContentJson"];

    /// <summary>Personal ID numbers: the trail says that one was recorded or changed, in masked form only.</summary>
    private static readonly HashSet<string> PersonalIds = ["ContactIdNumber"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // Synchronous saves are rare (tools, tests); the actor lookup completes synchronously on those paths.
        Append(eventData.Context, actor.GetAsync().AsTask().GetAwaiter().GetResult());
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Append(eventData.Context, await actor.GetAsync(cancellationToken));
        return result;
    }

    private void Append(DbContext? context, Actor who)
    {
        if (context is null || context is TradingOpsDbContext { AuditDisabled: true }) return;
        context.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow();
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.Entity is not AuditEntry and not Core.Evaluation.ExpertEngagement /* derived slot locks: the member's row is audited */ and not Core.Witness.WitnessChainHead /* the chain's lock row: the entry is the record */ and not Core.Health.DeviceHeartbeat /* a device's own heartbeat every few seconds: pairing and reload requests are the audited acts */ && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => Describe(e, who, now))
            .Where(e => e is not null)
            .ToList();
        context.AddRange(entries!);
    }

    private static AuditEntry? Describe(EntityEntry entry, Actor who, DateTimeOffset now)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            var secret = Secret.Contains(name) || entry.Metadata.ClrType.Name == "DataProtectionKey"; // key material
            if (property.Metadata.ClrType == typeof(byte[]) || Documents.Contains(name))
            {
                // Files (workbooks, attachments) are described, not copied into the trail.
                changes[name] = new { size = property.CurrentValue switch { byte[] b => b.Length, string t => t.Length, _ => (int?)null } };
                continue;
            }
            var personal = PersonalIds.Contains(name);
            object? Shown(object? value) => secret ? "***" : personal ? IdNumber.Mask(value as string) : value;
            switch (entry.State)
            {
                case EntityState.Added:
                    changes[name] = new { @new = Shown(property.CurrentValue) };
                    break;
                case EntityState.Deleted:
                    changes[name] = new { old = Shown(property.OriginalValue) };
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = new { old = Shown(property.OriginalValue), @new = Shown(property.CurrentValue) };
                    break;
            }
        }
        // A row whose only change is its optimistic-concurrency stamp (Identity touches it on role changes) says nothing.
        if (entry.State == EntityState.Modified && changes.Keys.All(k => k == "ConcurrencyStamp" || Heartbeats.Contains(k))) return null;

        var action = entry.State switch
        {
            EntityState.Added => AuditAction.Added,
            EntityState.Deleted => AuditAction.Deleted,
            _ => AuditAction.Modified,
        };
        var key = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties
            .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
        return new AuditEntry(now, who, EntityName(entry), Truncate(key, AuditEntry.KeyMaxLength), action,
            JsonSerializer.Serialize(changes, Json));
    }

    /// <summary>The CLR type's plain name (IdentityUserRole, not IdentityUserRole`1); a join table's own name.</summary>
    private static string EntityName(EntityEntry entry)
    {
        var type = entry.Metadata.ClrType;
        if (entry.Metadata.HasSharedClrType) return entry.Metadata.Name;
        return type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;
    }

    private static string Truncate(string value, int max) => TradingOps.Core.Common.PlainText.Truncate(value, max);

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Chinese readable
    };
}

/// <summary>An actor fixed for the scope: jobs, seeding and tools set it; tests use it directly.</summary>
public sealed class FixedActor(Actor actor) : ICurrentActor
{
    public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(actor);
}
