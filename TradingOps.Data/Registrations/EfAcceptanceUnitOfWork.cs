using TradingOps.Core.Registrations;

namespace TradingOps.Data.Registrations;

/// <summary>The acceptance's unit of work: its context, inside its transaction.</summary>
public sealed class EfAcceptanceUnitOfWork(TradingOpsDbContext db) : IAcceptanceUnitOfWork
{
    public TradingOpsDbContext Db { get; } = db;

    /// <summary>Changes to announce once the transaction has committed (never before: it may roll back).</summary>
    public List<Core.Live.LiveEvent> AfterCommit { get; } = [];

    /// <summary>What the clerk is told after the acceptance (e.g. rooms left for a supervisor's approval).</summary>
    public List<string> Notes { get; } = [];
}
