using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;

namespace TradingOps.Data.Registrations;

public sealed record SlotRow(Guid RoomId, string RoomName, DateTimeOffset Start, DateTimeOffset End, string Purpose, bool Confirmed);

public sealed record RegistrationDetail(Registration Registration, IReadOnlyList<SlotRow> Slots, string? ResponsibleStaff,
    IReadOnlyList<MaterialChecklistItem> Checklist, IReadOnlyList<MaterialChecklistItem> Missing);

public sealed record StaffOption(Guid Id, string Name, string Department);

public sealed record RoomOption(Guid Id, string Code, string Name);

/// <summary>Reads for the pending board, the wall panel, the detail page and the printable notice.</summary>
public sealed class RegistrationQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    /// <summary>Every open registration (waiting on the center or on the agency): green channel first, then by due time.</summary>
    public async Task<IReadOnlyList<PendingRegistrationRow>> OpenAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Registrations.AsNoTracking()
            .Where(PendingRegistrationRow.IsOpenQuery)
            .Select(r => new PendingRegistrationRow(r.Id, r.Code, r.ProjectName, r.Category, r.Agency, r.Initiator, r.Status,
                r.Channel, r.GreenChannel, r.Reviewer, r.LastSubmittedAt, r.DueAt, r.Amount))
            .ToListAsync(ct);
        return PendingRegistrationRow.BoardOrder(rows);
    }

    /// <summary>Registrations finished today (for the board's footer).</summary>
    public async Task<int> CompletedSinceAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Registrations.CountAsync(r => r.CompletedAt >= since, ct);
    }

    /// <summary>The center on record (the first by code), for letterheads when Public:CenterName is not set.</summary>
    public async Task<string> CenterNameAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Centers.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "公共资源交易中心";
    }

    public async Task<RegistrationDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.Registrations.AsNoTracking().Include(x => x.Notices).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        var roomIds = r.Slots.Select(s => s.RoomId).ToList();
        var rooms = await db.Rooms.AsNoTracking().Where(x => roomIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => $"{x.Code} {x.Name}", ct);
        var staff = r.ResponsibleStaffId is { } sid ? await db.Staff.Where(s => s.Id == sid).Select(s => s.Name).SingleOrDefaultAsync(ct) : null;
        var checklist = await ChecklistAsync(db, r.Category, ct);
        return new RegistrationDetail(r,
            r.Slots.OrderBy(s => s.Start).Select(s => new SlotRow(s.RoomId, rooms.GetValueOrDefault(s.RoomId, "?"), s.Start, s.End, s.Purpose, s.Confirmed)).ToList(),
            staff, checklist, MaterialChecklistItem.MissingFrom(checklist, r.SubmittedMaterials));
    }

    public async Task<IReadOnlyList<MaterialChecklistItem>> ChecklistAsync(TradingCategory category, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ChecklistAsync(db, category, ct);
    }

    public async Task<IReadOnlyList<StaffOption>> ActiveStaffAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Staff.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Department).ThenBy(s => s.EmployeeNo)
            .Select(s => new StaffOption(s.Id, s.Name, s.Department)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<RoomOption>> BookableRoomsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Rooms.AsNoTracking().Where(r => r.InService).OrderBy(r => r.Code)
            .Select(r => new RoomOption(r.Id, r.Code, r.Name)).ToListAsync(ct);
    }

    private static async Task<IReadOnlyList<MaterialChecklistItem>> ChecklistAsync(TradingOpsDbContext db, TradingCategory category, CancellationToken ct) =>
        await db.MaterialChecklistItems.AsNoTracking().Where(i => i.Category == category).OrderBy(i => i.SortOrder).ThenBy(i => i.Name).ToListAsync(ct);
}
