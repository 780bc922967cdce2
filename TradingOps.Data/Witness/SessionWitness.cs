using TradingOps.Core.Floor;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>The system entry a session's step writes into its project's witness log (BookingService calls it in the step's transaction).</summary>
public static class SessionWitness
{
    public static WitnessDraft? Draft(RoomBooking booking, SessionStep step, string? reason, string actor, DateTimeOffset at)
    {
        var (code, text) = step switch
        {
            SessionStep.Confirmed => (WitnessCodes.SessionConfirmed, "预约已确认"),
            SessionStep.CheckedIn => (WitnessCodes.SessionCheckedIn, "代理机构已签到"),
            SessionStep.Started => (WitnessCodes.SessionStarted, "会议开始"),
            SessionStep.Suspended => (WitnessCodes.SessionSuspended, $"会议暂停：{reason?.Trim()}"),
            SessionStep.Resumed => (WitnessCodes.SessionResumed, "会议恢复"),
            SessionStep.Ended => (WitnessCodes.SessionEnded, "会议结束"),
            _ => (null, null),
        };
        if (code is null || text is null) return null;
        return new WitnessDraft(booking.ProjectCode, booking.ProjectId, booking.Id, WitnessEntryKind.System, code,
            text, null, at, actor);
    }
}
