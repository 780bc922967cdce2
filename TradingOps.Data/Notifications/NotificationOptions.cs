namespace TradingOps.Data.Notifications;

public enum SenderKind
{
    /// <summary>Writes each message to the log and counts it sent: the default, for a center without a gateway yet.</summary>
    Log,

    /// <summary>E-mail through an SMTP server; SMS through the same server to an e-mail-to-SMS gateway when one is configured.</summary>
    Smtp,
}

/// <summary>Section "Notifications": how the outbox is delivered.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public SenderKind Sender { get; set; } = SenderKind.Log;

    /// <summary>How often the delivery job sends what is pending and retries what failed.</summary>
    public int DeliverySeconds { get; set; } = 30;

    /// <summary>Messages per delivery run (the rest wait for the next run).</summary>
    public int BatchSize { get; set; } = 100;

    public SmtpSettings Smtp { get; set; } = new();
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "";
    public string FromName { get; set; } = "公共资源交易中心";
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// An e-mail-to-SMS gateway address with {0} for the number (e.g. "{0}@sms.example.cn"). Empty: SMS are written
    /// to the log and counted sent, as with the log sender.
    /// </summary>
    public string? SmsGatewayAddress { get; set; }
}
