using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingOps.Core.Notifications;
using TradingOps.Data.Notifications;

namespace TradingOps.Tests.Notifications;

/// <summary>A one-connection-at-a-time SMTP server on loopback that accepts every message and keeps what it got.</summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackSmtpServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public List<(List<string> To, string Data)> Received { get; } = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            using (client)
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.UTF8);
                var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 loopback ESMTP");
                var to = new List<string>();
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    if (verb is "EHLO" or "HELO") await writer.WriteLineAsync("250 loopback");
                    else if (verb == "RCPT") { to.Add(line); await writer.WriteLineAsync("250 OK"); }
                    else if (verb == "DATA")
                    {
                        await writer.WriteLineAsync("354 go ahead");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } d && d != ".") data.Append(d).Append("\r\n");
                        lock (Received) Received.Add((to, data.ToString()));
                        to = [];
                        await writer.WriteLineAsync("250 queued");
                    }
                    else if (verb == "QUIT") { await writer.WriteLineAsync("221 bye"); break; }
                    else await writer.WriteLineAsync("250 OK");
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (Exception) { /* stopped */ }
    }
}

public sealed class SmtpNotificationSenderTests
{
    private static OutboxMessage Message(NotificationChannel channel, string address) =>
        new(NotificationKind.BookingChanged, channel, "李敏", address, "场地预约已变更：GC-2026-0042 第一开标室",
            "项目 GC-2026-0042 的场地预约已变更。\n场地：第一开标室", Guid.NewGuid(), "云南某招标代理有限公司", DateTimeOffset.UtcNow);

    private static SmtpNotificationSender Sender(int port, string? smsGateway = null) => new(
        Options.Create(new NotificationOptions
        {
            Sender = SenderKind.Smtp,
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, From = "venue@center.example.cn", SmsGatewayAddress = smsGateway, TimeoutSeconds = 5 },
        }),
        new LogNotificationSender(NullLoggerFactory.Instance));

    private static string Decoded(string data)
    {
        // Encoded words in headers (=?utf-8?B?...?=) and a base64 body, as System.Net.Mail writes UTF-8.
        var unfolded = Regex.Replace(data, @"\?=\r\n[ \t]+=\?", "?==?"); // adjacent encoded words: the fold between them is not text
        var text = Regex.Replace(unfolded, @"=\?utf-8\?B\?([^?]*)\?=", m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)), RegexOptions.IgnoreCase);
        var parts = text.Split("\r\n\r\n", 2);
        if (parts.Length == 2 && parts[0].Contains("base64", StringComparison.OrdinalIgnoreCase))
            text = parts[0] + "\n" + Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(parts[1].Split("\r\n", StringSplitOptions.TrimEntries))));
        return text;
    }

    [Fact]
    public async Task An_email_reaches_the_smtp_server_with_its_chinese_subject_and_body()
    {
        await using var server = new LoopbackSmtpServer();
        await Sender(server.Port).SendAsync(Message(NotificationChannel.Email, "limin@example.cn"), CancellationToken.None);
        var (to, data) = Assert.Single(server.Received);
        Assert.Contains("limin@example.cn", Assert.Single(to));
        var mail = Decoded(data);
        Assert.Contains("场地预约已变更：GC-2026-0042 第一开标室", mail);
        Assert.Contains("场地：第一开标室", mail);
    }

    [Fact]
    public async Task An_sms_goes_to_the_configured_email_to_sms_gateway_with_the_digits_of_the_number()
    {
        await using var server = new LoopbackSmtpServer();
        await Sender(server.Port, "{0}@sms.center.example.cn").SendAsync(Message(NotificationChannel.Sms, "138 1234 5678"), CancellationToken.None);
        Assert.Contains("13812345678@sms.center.example.cn", Assert.Single(Assert.Single(server.Received).To));
    }

    [Fact]
    public async Task A_mail_server_that_is_down_makes_the_send_fail_so_the_outbox_retries_it()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
        var message = Message(NotificationChannel.Email, "limin@example.cn");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Sender(port).SendAsync(message, CancellationToken.None));
        message.MarkFailed(error.GetBaseException().Message, DateTimeOffset.UtcNow);
        Assert.Equal(DeliveryState.Pending, message.State);
        Assert.Equal(1, message.Attempts);
    }
}
