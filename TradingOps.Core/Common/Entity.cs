namespace TradingOps.Core.Common;

/// <summary>Base for aggregates: a time-ordered GUID key assigned on creation, so audit entries
/// written in the same transaction always know the key.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();
}
