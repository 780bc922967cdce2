using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Cases;

namespace TradingOps.Data.Cases;

public static class CaseSetup
{
    /// <summary>Objections and complaints (issue 20): the register and its clocks, the public channel, the board of everything due.</summary>
    public static IServiceCollection AddCases(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CaseOptions>().Bind(configuration.GetSection(CaseOptions.Section))
            .Validate(o => o.IsValid, "Cases: 转交时限 0–80 个工作小时，投诉电话和信箱不能为空，公开表单字数 200–4000，频率限制 1–100")
            .ValidateOnStart();
        services.AddScoped<CaseIntakeService>();
        services.AddScoped<CaseService>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<CasePresetService>();
        services.AddScoped<Due.DueBoardQueries>();
        services.AddScoped<CaseLookup>();
        return services;
    }

    /// <summary>The clock presets the center starts with (<see cref="CaseClockPreset.Defaults"/>): added when missing, never overwriting an admin's edit.</summary>
    public static async Task SeedPresetsAsync(TradingOpsDbContext db, CancellationToken ct = default)
    {
        var existing = await db.CaseClockPresets.Select(p => p.Key).ToListAsync(ct);
        var missing = CaseClockPreset.Defaults().Where(p => !existing.Contains(p.Key)).ToList();
        if (missing.Count == 0) return;
        db.CaseClockPresets.AddRange(missing);
        await db.SaveChangesAsync(ct);
    }
}
