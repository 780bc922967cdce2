using TradingOps.Core.Floor;

namespace TradingOps.Core.Evaluation;

/// <summary>An evaluation session of a room as <see cref="RoomSessions.Current"/> weighs it.</summary>
public sealed record RoomSessionSlot(Guid BookingId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, SessionPhase Phase);

/// <summary>Which session a room's own view (评标室本室视图) shows.</summary>
public static class RoomSessions
{
    /// <summary>
    /// The session in progress (started or suspended, whatever its times); else the one whose time covers
    /// <paramref name="now"/> or comes next. Ended sessions are past. Null: nothing left for the room.
    /// </summary>
    public static RoomSessionSlot? Current(IEnumerable<RoomSessionSlot> sessions, DateTimeOffset now)
    {
        var open = sessions.Where(s => s.Phase != SessionPhase.Ended).OrderBy(s => s.StartsAt).ToList();
        return open.FirstOrDefault(s => s.Phase is SessionPhase.InSession or SessionPhase.Suspended)
               ?? open.FirstOrDefault(s => s.EndsAt > now);
    }
}
