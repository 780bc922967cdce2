using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingOps.Core.Calendar;

namespace TradingOps.Data.Calendar;

/// <summary>Loads the calendar from the database once and keeps it until admins change it.</summary>
internal sealed class DbWorkdayCalendarProvider(IServiceScopeFactory scopes, IOptions<CalendarOptions> options)
    : IWorkdayCalendarProvider
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile WorkdayCalendar? _current;

    public async ValueTask<WorkdayCalendar> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } cached) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } loaded) return loaded;
            await using var scope = scopes.CreateAsyncScope();
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
            var years = await db.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(cancellationToken);
            options.Value.TryParse(out var hours);
            return _current = new WorkdayCalendar(days, years, hours);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _current = null;
}
