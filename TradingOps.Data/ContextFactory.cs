using Microsoft.EntityFrameworkCore;

namespace TradingOps.Data;

/// <summary>Hands out the provider's context as the common <see cref="TradingOpsDbContext"/>.</summary>
internal sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<TradingOpsDbContext>
    where TContext : TradingOpsDbContext
{
    public TradingOpsDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<TradingOpsDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
