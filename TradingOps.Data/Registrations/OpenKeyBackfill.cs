using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TradingOps.Core.Registrations;

namespace TradingOps.Data.Registrations;

/// <summary>
/// Registrations saved before the duplicate rule (migration BadInputIdempotencyAndOpenRegistrations) have no
/// <see cref="Registration.OpenKey"/>: at start-up the open ones get theirs, so an upgraded installation refuses
/// duplicates of what is already pending too. Where two open ones already duplicate each other, the older keeps
/// the key and the others are logged for the desk to close; nothing is changed or merged.
/// </summary>
public static class OpenKeyBackfill
{
    public static async Task RunAsync(TradingOpsDbContext db, ILogger logger, CancellationToken ct)
    {
        var open = await db.Registrations
            .Where(r => r.OpenKey == null && r.Status != RegistrationStatus.Accepted && r.Status != RegistrationStatus.Rejected)
            .OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        if (open.Count == 0) return;
        var taken = (await db.Registrations.Where(r => r.OpenKey != null).Select(r => r.OpenKey!).ToListAsync(ct)).ToHashSet();
        foreach (var registration in open)
        {
            var key = Registration.OpenKeyOf(registration.Initiator, registration.ProjectName, registration.Category);
            if (!taken.Add(key))
            {
                logger.LogWarning("Open registration {Code} duplicates another open registration of the same project; left without a duplicate key", registration.Code);
                continue;
            }
            registration.RestoreOpenKey();
        }
        await db.SaveChangesAsync(ct);
    }
}
