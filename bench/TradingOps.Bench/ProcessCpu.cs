namespace TradingOps.Bench;

/// <summary>
/// CPU time used by this process and its descendants (Playwright's driver, the walls' Chromium), grouped by what
/// they are, from /proc: on a 2-core box the load run shares the CPU between the server and the walls' browsers,
/// and the figure says which of them a latency is waiting for. Empty where /proc is missing.
/// </summary>
public static class ProcessCpu
{
    /// <param name="self">What this process is in the figures (the server, and whatever else runs in it).</param>
    public static Dictionary<string, double> Snapshot(string self = "this process")
    {
        var result = new Dictionary<string, double>();
        if (!Directory.Exists("/proc")) return result;
        var ticks = 100.0; // USER_HZ on Linux
        var parents = new Dictionary<int, int>();
        var cpu = new Dictionary<int, (string Name, double Seconds)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < 0) continue;
            var fields = stat[(close + 2)..].Split(' ');
            // After the name: state(0) ppid(1) ... utime(11) stime(12)
            parents[pid] = int.Parse(fields[1]);
            cpu[pid] = (stat[(open + 1)..close], (long.Parse(fields[11]) + long.Parse(fields[12])) / ticks);
        }
        var own = Environment.ProcessId;
        foreach (var (pid, (name, seconds)) in cpu)
        {
            if (pid != own && !DescendsFrom(pid, own, parents)) continue;
            var group = pid == own ? self
                : name.Contains("chrom", StringComparison.OrdinalIgnoreCase) ? $"walls' Chromium {ChromiumPart(pid)}"
                : name.StartsWith("TradingOps", StringComparison.Ordinal) ? "hub clients' process" : "Playwright driver";
            result[group] = result.GetValueOrDefault(group) + seconds;
        }
        return result;
    }

    /// <summary>
    /// renderer (the pages), window UI (a renderer per browser window in headless mode), gpu-process (compositing,
    /// software here), utility, zygote, or browser (the main process).
    /// </summary>
    private static string ChromiumPart(int pid)
    {
        try
        {
            // Zygote-forked processes rewrite their command line into one space-separated string.
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', ' ');
            var type = args.FirstOrDefault(a => a.StartsWith("--type=", StringComparison.Ordinal));
            return type is null ? "browser" : args.Contains("--top-chrome-webui") ? "window UI" : type["--type=".Length..];
        }
        catch (IOException) { return "?"; }
    }

    private static bool DescendsFrom(int pid, int ancestor, Dictionary<int, int> parents)
    {
        for (var p = pid; parents.TryGetValue(p, out var parent) && parent > 1; p = parent)
            if (parent == ancestor) return true;
        return false;
    }

    /// <summary>"server 61 s (102%) · Chromium 40 s (67%)" over <paramref name="elapsed"/>, from two snapshots.</summary>
    public static string Between(Dictionary<string, double> before, Dictionary<string, double> after, TimeSpan elapsed) =>
        string.Join(" · ", after.OrderByDescending(kv => kv.Value - before.GetValueOrDefault(kv.Key)).Select(kv =>
        {
            var used = kv.Value - before.GetValueOrDefault(kv.Key);
            return $"{kv.Key} {used:0.0} s ({used / elapsed.TotalSeconds:P0} of one core)";
        }));
}
