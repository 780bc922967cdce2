using System.Diagnostics;

namespace TradingOps.Bench;

/// <summary>Wall time and peak working set of one phase, sampled every 10 ms.</summary>
public static class Measure
{
    public sealed record Result(TimeSpan Elapsed, long PeakWorkingSetBytes, long BaselineBytes)
    {
        public override string ToString() =>
            $"{Elapsed.TotalSeconds:0.00} s, peak working set {PeakWorkingSetBytes / 1048576.0:0} MB (+{(PeakWorkingSetBytes - BaselineBytes) / 1048576.0:0} MB over {BaselineBytes / 1048576.0:0} MB before)";
    }

    public static async Task<Result> PhaseAsync(Func<Task> phase)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            while (await timer.WaitForNextTickAsync(CancellationToken.None) && !stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
        });
        var watch = Stopwatch.StartNew();
        await phase();
        watch.Stop();
        await stop.CancelAsync();
        await sampler;
        process.Refresh();
        return new Result(watch.Elapsed, Math.Max(peak, process.WorkingSet64), baseline);
    }
}
