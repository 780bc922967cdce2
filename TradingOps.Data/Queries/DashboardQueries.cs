using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;

namespace TradingOps.Data.Queries;

public sealed record HomeCounts(
    int Rooms, int RoomsInService, int BidOpeningRooms, int EvaluationRooms, int EvaluationSeats,
    int Windows, int WindowsInService, int ActiveStaff,
    int ProjectsThisYear, decimal AmountThisYear, int RegisteredToday,
    int BidOpeningsToday, int BidOpeningsDoneToday, int BidOpeningsNextTwoHours,
    DateTimeOffset AsOf);

public sealed record BidOpeningRow(DateTimeOffset At, string Code, string Name, TradingCategory Category, TradingMethod Method,
    string? Agency, string ResponsibleStaff);

/// <summary>Figures for the home page, read in one short-lived context.</summary>
public sealed class DashboardQueries(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock)
{
    public async Task<HomeCounts> HomeAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = CenterTime.Today(clock);
        var (dayStart, dayEnd) = CenterTime.DayBounds(today);
        var yearStart = CenterTime.At(new DateOnly(today.Year, 1, 1), TimeOnly.MinValue);
        var inTwoHours = now.AddHours(2);

        await using var db = await factory.CreateDbContextAsync(ct);
        var rooms = await db.Rooms.AsNoTracking()
            .Select(r => new { r.Type, r.InService, r.EvaluationSeats }).ToListAsync(ct);
        var windows = await db.ServiceWindows.AsNoTracking().Select(w => w.InService).ToListAsync(ct);
        var staff = await db.Staff.CountAsync(s => s.IsActive, ct);
        var year = await db.TradingProjects.Where(p => p.RegisteredAt >= yearStart)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Amount = g.Sum(p => p.Amount) })
            .FirstOrDefaultAsync(ct);
        var registeredToday = await db.TradingProjects.CountAsync(p => p.RegisteredAt >= dayStart && p.RegisteredAt < dayEnd, ct);
        var openings = await db.TradingProjects
            .Where(p => p.BidOpeningAt >= dayStart && p.BidOpeningAt < dayEnd)
            .Select(p => p.BidOpeningAt!.Value).ToListAsync(ct);

        return new HomeCounts(
            Rooms: rooms.Count,
            RoomsInService: rooms.Count(r => r.InService),
            BidOpeningRooms: rooms.Count(r => !r.Type.IsEvaluationArea()),
            EvaluationRooms: rooms.Count(r => r.Type == RoomType.EvaluationRoom),
            EvaluationSeats: rooms.Where(r => r.InService).Sum(r => r.EvaluationSeats),
            Windows: windows.Count,
            WindowsInService: windows.Count(w => w),
            ActiveStaff: staff,
            ProjectsThisYear: year?.Count ?? 0,
            AmountThisYear: year?.Amount ?? 0,
            RegisteredToday: registeredToday,
            BidOpeningsToday: openings.Count,
            BidOpeningsDoneToday: openings.Count(t => t <= now),
            BidOpeningsNextTwoHours: openings.Count(t => t > now && t <= inTwoHours),
            AsOf: now);
    }

    /// <summary>Today's bid openings (开标) in time order, center local day.</summary>
    public async Task<IReadOnlyList<BidOpeningRow>> TodayBidOpeningsAsync(CancellationToken ct = default)
    {
        var (dayStart, dayEnd) = CenterTime.DayBounds(CenterTime.Today(clock));
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.TradingProjects.AsNoTracking()
            .Where(p => p.BidOpeningAt >= dayStart && p.BidOpeningAt < dayEnd)
            .OrderBy(p => p.BidOpeningAt).ThenBy(p => p.Code)
            .Join(db.Staff, p => p.ResponsibleStaffId, s => s.Id, (p, s) =>
                new BidOpeningRow(p.BidOpeningAt!.Value, p.Code, p.Name, p.Category, p.Method, p.Agency, s.Name))
            .ToListAsync(ct);
    }
}
