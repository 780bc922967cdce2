using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Notifications;

namespace TradingOps.Data.Notifications;

public static class NotificationSetup
{
    public static IServiceCollection AddNotifications(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .Validate(o => o.DeliverySeconds is >= 5 and <= 3600 && o.BatchSize is >= 1 and <= 1000, "Notifications: 发送间隔 5-3600 秒，每批 1-1000 条")
            .Validate(o => o.Sender != SenderKind.Smtp || (!string.IsNullOrWhiteSpace(o.Smtp.Host) && !string.IsNullOrWhiteSpace(o.Smtp.From)),
                "Notifications: 使用 SMTP 发送时必须配置 Smtp:Host 和 Smtp:From")
            .ValidateOnStart();
        services.AddSingleton<LogNotificationSender>();
        services.AddSingleton<SmtpNotificationSender>();
        var kind = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>()?.Sender ?? SenderKind.Log;
        services.AddSingleton<INotificationSender>(sp => kind == SenderKind.Smtp
            ? sp.GetRequiredService<SmtpNotificationSender>()
            : sp.GetRequiredService<LogNotificationSender>());
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<OutboxQueries>();
        return services;
    }
}
