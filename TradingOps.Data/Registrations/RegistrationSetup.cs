using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TradingOps.Core.Live;
using TradingOps.Core.Common;
using TradingOps.Core.Registrations;

namespace TradingOps.Data.Registrations;

/// <summary>Section "Registration": which service-time rules the desk counts by.</summary>
public sealed class RegistrationOptions
{
    public const string Section = "Registration";

    /// <summary>Liaoning, Yunnan or Strictest (both, the earlier deadline wins); Custom uses the three values below.</summary>
    public string Preset { get; set; } = "Strictest";
    public double? CheckWithinWorkingHours { get; set; }
    public int? CompleteWithinWorkingDays { get; set; }
    public double? ChangeWithinWorkingHours { get; set; }

    /// <summary>The resubmission deadline a deficiency notice states, in working days (1–60).</summary>
    public int ResubmitWithinWorkingDays { get; set; } = 5;

    public ServiceTimePolicy Policy() => Preset == "Custom"
        ? new ServiceTimePolicy("自定义", CheckWithinWorkingHours, CompleteWithinWorkingDays, ChangeWithinWorkingHours).Validated()
        : ServiceTimePolicy.Presets.TryGetValue(Preset, out var p) ? p
        : throw new DomainException("ServiceTime.Preset", $"Registration:Preset 只能是 {string.Join("、", ServiceTimePolicy.Presets.Keys)} 或 Custom，而不是 {Preset}");

    public bool IsValid()
    {
        try { Policy(); return true; }
        catch (DomainException) { return false; }
    }
}

public static class RegistrationSetup
{
    public static IServiceCollection AddRegistrationDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistrationOptions>().Bind(configuration.GetSection(RegistrationOptions.Section))
            .Validate(o => o.IsValid(), "Registration:Preset 应为 Liaoning、Yunnan、Strictest 或 Custom（Custom 需设置 CheckWithinWorkingHours 或 CompleteWithinWorkingDays）")
            .Validate(o => o.ResubmitWithinWorkingDays is >= 1 and <= 60, "Registration:ResubmitWithinWorkingDays（补正期限）应为 1–60 个工作日")
            .ValidateOnStart();
        services.AddScoped<IRoomBookingPort, Floor.RegistrationBookingPort>(); // the floor's booking rules
        services.AddScoped<RegistrationService>();
        services.AddScoped<RegistrationQueries>();
        services.AddScoped<PersonalDataReads>();
        services.AddScoped<ConsultationService>();
        services.AddScoped<ChecklistService>();
        return services;
    }
}
