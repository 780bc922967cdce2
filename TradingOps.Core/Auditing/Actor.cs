namespace TradingOps.Core.Auditing;

public enum ActorKind { User, Job, System, Anonymous }

/// <summary>Who is acting: a signed-in person, a scheduled job, or the system itself.</summary>
public sealed record Actor(ActorKind Kind, string? UserId, string Name)
{
    public static Actor User(string userId, string name) => new(ActorKind.User, userId, name);
    public static Actor Job(string jobName) => new(ActorKind.Job, null, $"job:{jobName}");
    public static Actor System(string what) => new(ActorKind.System, null, $"system:{what}");
    public static Actor Anonymous { get; } = new(ActorKind.Anonymous, null, "anonymous");
}

/// <summary>Port: the actor of the current operation, for the audit trail.</summary>
public interface ICurrentActor
{
    ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default);
}
