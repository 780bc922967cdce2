using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Archives;

namespace TradingOps.Data.Archives;

/// <summary>Reads a project's archive as it stands: assembled live while open, stored files (plus additions) once locked.</summary>
public interface IArchiveContents
{
    /// <summary>The archive of <paramref name="projectCode"/>; null when no such project (or archive) exists.</summary>
    Task<ArchiveContents?> ReadAsync(string projectCode, CancellationToken ct = default);
}

public static class ArchiveSetup
{
    /// <summary>One archive per project (issue 20): assembly, completeness, lock on close, two-person access, export, retention.</summary>
    public static IServiceCollection AddArchives(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ArchiveOptions>().Bind(configuration.GetSection(ArchiveOptions.Section))
            .Validate(o => o.IsValid, "Archives: 保管期限 1–100 年（政府采购不少于 15 年），查阅有效期 1–720 小时")
            .ValidateOnStart();
        services.AddScoped<ArchiveAssembler>();
        services.AddScoped<IArchiveContents>(sp => sp.GetRequiredService<ArchiveAssembler>());
        services.AddScoped<ArchiveService>();
        services.AddScoped<ArchiveAccessService>();
        services.AddScoped<ArchiveListQuery>();
        services.AddScoped<ArchiveDestructionService>();
        return services;
    }
}
