using TradingOps.Core.Live;

namespace TradingOps.Core.Registrations;

/// <summary>A registration was created or moved on; pending boards and the wall panel refresh.</summary>
public sealed record RegistrationChanged(DateTimeOffset At, Guid RegistrationId, string Code, RegistrationStatus Status)
    : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => [LiveTopics.Registrations];
}

/// <summary>A consultation was recorded or followed up.</summary>
public sealed record ConsultationChanged(DateTimeOffset At, Guid ConsultationId) : LiveEvent(At)
{
    public override IReadOnlyList<string> Topics => [LiveTopics.Registrations];
}
