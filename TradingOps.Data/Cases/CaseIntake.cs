using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Live;

namespace TradingOps.Data.Cases;

/// <summary>
/// The one way a case enters the register, whichever channel brought it (the desk for window, phone and mailbox; the
/// public form): the year's next case number, a fresh tracking code, the project looked up by code, the center's
/// forwarding deadline on the calendar, the first timeline step — one transaction; the board and the wall hear of it
/// after commit. Two desks registering at once both get a number (the unique index makes the second read again).
/// </summary>
public sealed class CaseIntakeService(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    ILiveEventPublisher live,
    TimeProvider clock,
    IOptions<CaseOptions> options)
{
    /// <summary>Registers the case as received by <paramref name="receivedBy"/> (a person's name, or "网上表单"), handled by <paramref name="handler"/> (user name; null: unassigned).</summary>
    public async Task<Case> ReceiveAsync(CaseIntake intake, string receivedBy, string? handler, CancellationToken ct = default)
    {
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        string? code = PlainText.Clean(intake.ProjectCode)?.ToUpperInvariant();
        var project = code is null ? null : await db.TradingProjects.AsNoTracking().Where(p => p.Code == code)
            .Select(p => new { p.Id, p.Name, p.ClosedAt }).SingleOrDefaultAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var now = clock.GetUtcNow();
                var year = CenterTime.ToLocal(now).Year;
                var c = await Witness.WitnessLedger.InTransactionAsync(db, async () =>
                {
                    var last = await db.Cases.Where(x => x.Year == year).MaxAsync(x => (int?)x.Serial, ct) ?? 0;
                    var created = new Case(CaseNumber.Next(year, last), TrackingCode.New(), intake, project?.Name, project?.Id,
                        receivedBy, handler, now, CaseClocks.ForwardDue(now, options.Value, calendar));
                    db.Cases.Add(created);
                    db.CaseEvents.Add(new CaseEvent(created.Id, CaseEvent.Received,
                        $"受理（{ChannelName(created.Channel)}）：{created.Subject}", receivedBy, now));
                    return created;
                }, ct);
                await live.PublishAsync(new CaseChanged(now, c.ToRow()), ct);
                return c;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another desk took the year's next number (or, once in an age, the same tracking code): try again.
            }
        }
    }

    public static string ChannelName(CaseChannel channel) => channel switch
    {
        CaseChannel.Window => "窗口",
        CaseChannel.Phone => "电话",
        CaseChannel.Mailbox => "信箱",
        _ => "网上表单",
    };
}
