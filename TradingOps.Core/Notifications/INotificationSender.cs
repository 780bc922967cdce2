namespace TradingOps.Core.Notifications;

/// <summary>
/// Hands one outbox message to the outside world (an SMS gateway, a mail server, the log). Throws when it could not:
/// the outbox then keeps the message and tries again later (<see cref="OutboxMessage.MarkFailed"/>).
/// </summary>
public interface INotificationSender
{
    /// <summary>What the admin page shows as the sender of this channel ("日志", "SMTP mail.example.cn").</summary>
    string Describe(NotificationChannel channel);

    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Addresses as a list shows them: 138****5678, li***@example.cn (the full address only where a message is handled).</summary>
public static class NotificationAddress
{
    public static string Mask(NotificationChannel channel, string address)
    {
        if (channel == NotificationChannel.Email)
        {
            var at = address.IndexOf('@');
            return at <= 0 ? "***" : $"{address[..Math.Min(2, at)]}***{address[at..]}";
        }
        var digits = address.Where(char.IsDigit).ToArray();
        return digits.Length < 7 ? "***" : $"{new string(digits[..3])}****{new string(digits[^4..])}";
    }
}
