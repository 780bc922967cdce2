using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace TradingOps.Bench;

/// <summary>
/// Where one wall page's renderer spends its time (Chrome DevTools Performance metrics: script, style, layout,
/// all tasks) between the start of a run and its end, per second of run.
/// </summary>
public sealed class RendererMetrics
{
    private static readonly string[] Shown = ["ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "TaskDuration"];
    private ICDPSession? _session;
    private Dictionary<string, double> _start = [];
    private long _startedAt;
    private long _frames, _bytes;

    /// <summary>Counts what the circuit sends the page (render batches, acknowledgements, pings); call before the page opens the wall.</summary>
    public void Watch(IPage page) =>
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            Interlocked.Increment(ref _frames);
            Interlocked.Add(ref _bytes, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        };

    public async Task StartAsync(IPage page)
    {
        _session = await page.Context.NewCDPSessionAsync(page);
        await _session.SendAsync("Performance.enable");
        await ResetAsync();
    }

    public async Task ResetAsync()
    {
        _start = await ReadAsync();
        _startedAt = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _frames, 0);
        Interlocked.Exchange(ref _bytes, 0);
    }

    /// <summary>Starts the JavaScript sampling profiler of the page (Chrome DevTools Profiler domain).</summary>
    public async Task StartJsProfileAsync()
    {
        await _session!.SendAsync("Profiler.enable");
        await _session.SendAsync("Profiler.start");
    }

    /// <summary>Stops the profiler and writes the .cpuprofile (open it in Chrome DevTools or speedscope).</summary>
    public async Task SaveJsProfileAsync(string path)
    {
        var reply = await _session!.SendAsync("Profiler.stop");
        if (reply is { } json && json.TryGetProperty("profile", out var profile))
            await File.WriteAllTextAsync(path, profile.GetRawText());
    }

    /// <summary>"script 12 ms/s · style 3 ms/s · …" since <see cref="ResetAsync"/>.</summary>
    public async Task<string> SinceStartAsync()
    {
        var seconds = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var now = await ReadAsync();
        return string.Join(" · ", Shown.Select(name =>
            $"{name.Replace("Duration", "")} {(now.GetValueOrDefault(name) - _start.GetValueOrDefault(name)) * 1000 / seconds:0.0} ms/s"))
            + $"; received {Interlocked.Read(ref _frames) / seconds:0.0} frames/s, {Interlocked.Read(ref _bytes) / seconds / 1024:0.0} KB/s";
    }

    private async Task<Dictionary<string, double>> ReadAsync()
    {
        var reply = await _session!.SendAsync("Performance.getMetrics");
        var result = new Dictionary<string, double>();
        if (reply is { } json && json.TryGetProperty("metrics", out var list))
            foreach (var m in list.EnumerateArray())
                result[m.GetProperty("name").GetString()!] = m.GetProperty("value").GetDouble();
        return result;
    }
}
