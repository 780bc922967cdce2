namespace TradingOps.Core.Auditing;

public enum AuditAction { Added, Modified, Deleted, Read, Exported, SignedIn, SignInFailed }

/// <summary>One line of the audit trail: who did what to which record, and the values that changed.</summary>
public sealed class AuditEntry
{
    public const int EntityMaxLength = 100;
    public const int KeyMaxLength = 100;
    public const int ActorMaxLength = 256;

    private AuditEntry() { Entity = Key = ActorName = Changes = ""; }

    public AuditEntry(DateTimeOffset at, Actor actor, string entity, string key, AuditAction action, string changes)
    {
        At = at.ToUniversalTime();
        ActorId = actor.UserId;
        ActorName = actor.Name;
        ActorKind = actor.Kind;
        Entity = entity;
        Key = key;
        Action = action;
        Changes = changes;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public ActorKind ActorKind { get; private set; }
    public string Entity { get; private set; }
    public string Key { get; private set; }
    public AuditAction Action { get; private set; }

    /// <summary>JSON object: property → { "old": …, "new": … }.</summary>
    public string Changes { get; private set; }
}
