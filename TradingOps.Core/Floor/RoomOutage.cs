using TradingOps.Core.Common;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Floor;

/// <summary>
/// 停用: a room, or some of its evaluation seats, out of service for a period (a fault, maintenance, a works order).
/// While it covers a span, no booking of the room may use that span (whole room), or an evaluation booking may use
/// only the seats left (<see cref="SeatsLeft"/>). Ended early when the room returns to service; never deleted.
/// </summary>
public sealed class RoomOutage : Entity
{
    public const int ReasonMaxLength = 200;

    private RoomOutage() { Reason = CreatedBy = ""; }

    public RoomOutage(Room room, DateTimeOffset from, DateTimeOffset until, int? seatsOut, string reason, string createdBy, DateTimeOffset createdAt)
    {
        from = from.ToUniversalTime();
        until = until.ToUniversalTime();
        if (until <= from)
            throw new DomainException("Outage.EndBeforeStart", "停用的结束时间必须晚于开始时间");
        if (seatsOut is { } n)
        {
            if (room.EvaluationSeats == 0)
                throw new DomainException("Outage.NoSeats", $"{room.Name} 没有评标工位");
            Guard.Range(n, 1, room.EvaluationSeats, "停用工位数");
        }
        RoomId = room.Id;
        From = from;
        Until = until;
        SeatsOut = seatsOut;
        Reason = Guard.Text(reason, ReasonMaxLength, "停用原因");
        CreatedBy = Guard.Text(createdBy, 100, "登记人");
        CreatedAt = createdAt.ToUniversalTime();
    }

    public Guid RoomId { get; private set; }
    public DateTimeOffset From { get; private set; }
    public DateTimeOffset Until { get; private set; }

    /// <summary>Null: the whole room. A number: that many evaluation seats out, the room usable with the rest.</summary>
    public int? SeatsOut { get; private set; }

    public string Reason { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set when the room came back before <see cref="Until"/> (the outage then ends there).</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public bool WholeRoom => SeatsOut is null;

    /// <summary>The end that counts: the early return to service, else the planned end.</summary>
    public DateTimeOffset EffectiveUntil => EndedAt is { } e && e < Until ? e : Until;

    public bool Covers(DateTimeOffset from, DateTimeOffset until) => From < until && from < EffectiveUntil;

    public bool IsActiveAt(DateTimeOffset at) => From <= at && at < EffectiveUntil;

    public int SeatsLeft(Room room) => WholeRoom ? 0 : Math.Max(0, room.EvaluationSeats - SeatsOut!.Value);

    public void ReturnToService(DateTimeOffset at)
    {
        at = at.ToUniversalTime();
        if (EndedAt is not null || at >= Until)
            throw new DomainException("Outage.Over", "该停用已经结束");
        EndedAt = at < From ? From : at;
    }

    /// <summary>The outage as a change event carries it (it survives JSON over the bus between nodes).</summary>
    public OutageRow ToRow() => new(Id, RoomId, From, Until, SeatsOut, Reason, CreatedBy, CreatedAt, EndedAt);

    /// <summary>The outage a change event carried, as a read model holds it (read-only: never saved).</summary>
    public static RoomOutage FromRow(OutageRow row) => new()
    {
        Id = row.Id, RoomId = row.RoomId, From = row.From, Until = row.Until, SeatsOut = row.SeatsOut, Reason = row.Reason,
        CreatedBy = row.CreatedBy, CreatedAt = row.CreatedAt, EndedAt = row.EndedAt,
    };

    /// <summary>The outage that takes the whole room out of service at <paramref name="at"/> (the earliest begun), or null.</summary>
    public static RoomOutage? TakingRoomAt(IEnumerable<RoomOutage> outages, DateTimeOffset at) =>
        outages.Where(o => o.WholeRoom && o.IsActiveAt(at)).OrderBy(o => o.From).FirstOrDefault();
}

/// <summary>An outage as a plain record (what <see cref="RoomOutageChanged"/> carries).</summary>
public sealed record OutageRow(Guid Id, Guid RoomId, DateTimeOffset From, DateTimeOffset Until, int? SeatsOut, string Reason,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);
