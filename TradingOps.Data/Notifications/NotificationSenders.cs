using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingOps.Core.Notifications;

namespace TradingOps.Data.Notifications;

/// <summary>The default sender: each message goes to the log (category TradingOps.Notifications) and counts as sent.</summary>
public sealed class LogNotificationSender(ILoggerFactory loggers) : INotificationSender
{
    private readonly ILogger _log = loggers.CreateLogger("TradingOps.Notifications");

    /// <summary>How this sender describes itself (the admin page shows it in the page's language).</summary>
    public const string Description = "日志（未接入短信网关/邮件服务器）";

    public string Describe(NotificationChannel channel) => Description;

    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        _log.LogInformation("Notification {Channel} to {Address} ({Kind}): {Subject}\n{Body}",
            message.Channel, NotificationAddress.Mask(message.Channel, message.Address), message.Kind, message.Subject, message.Body);
        return Task.CompletedTask;
    }
}

/// <summary>
/// E-mail through the configured SMTP server (UTF-8 subject and body); SMS through the same server to the
/// e-mail-to-SMS gateway (<see cref="SmtpSettings.SmsGatewayAddress"/>), or to the log when none is configured.
/// Any failure (server down, refused, timeout) is thrown for the outbox to retry.
/// </summary>
public sealed class SmtpNotificationSender(IOptions<NotificationOptions> options, LogNotificationSender log) : INotificationSender
{
    private SmtpSettings Settings => options.Value.Smtp;

    /// <summary>The SMS gateway's part of the description (the admin page shows it in the page's language).</summary>
    public const string SmsGatewayFormat = "（短信网关 {0}）";

    public string Describe(NotificationChannel channel) =>
        channel == NotificationChannel.Sms && string.IsNullOrWhiteSpace(Settings.SmsGatewayAddress)
            ? log.Describe(channel)
            : $"SMTP {Settings.Host}:{Settings.Port}" + (channel == NotificationChannel.Sms ? string.Format(SmsGatewayFormat, Settings.SmsGatewayAddress) : "");

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var s = Settings;
        string to;
        if (message.Channel == NotificationChannel.Email) to = message.Address;
        else if (!string.IsNullOrWhiteSpace(s.SmsGatewayAddress))
            to = string.Format(s.SmsGatewayAddress, new string(message.Address.Where(char.IsDigit).ToArray()));
        else
        {
            await log.SendAsync(message, cancellationToken);
            return;
        }
        if (string.IsNullOrWhiteSpace(s.Host) || string.IsNullOrWhiteSpace(s.From))
            throw new InvalidOperationException("未配置邮件服务器（Notifications:Smtp:Host / From）");

        using var mail = new MailMessage(new MailAddress(s.From, s.FromName, Encoding.UTF8), new MailAddress(to))
        {
            Subject = message.Channel == NotificationChannel.Sms ? "" : message.Subject,
            Body = message.Body,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        mail.Headers.Add("X-TradingOps-Message", message.Id.ToString());
        using var client = new SmtpClient(s.Host, s.Port)
        {
            EnableSsl = s.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = Math.Max(1, s.TimeoutSeconds) * 1000,
        };
        if (!string.IsNullOrEmpty(s.UserName)) client.Credentials = new NetworkCredential(s.UserName, s.Password);
        await client.SendMailAsync(mail, cancellationToken);
    }
}
