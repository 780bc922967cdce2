using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Web.Reports;

namespace TradingOps.Bench;

/// <summary>
/// A 100,000-ticket detail export (the 票号明细 sheet: its real columns, formats and totals), written by plain
/// ClosedXML and by the streaming writer in one run. Each path runs in a child process of its own, so the peak
/// memory printed (peak resident set, VmHWM) belongs to that path alone. Target for the streaming path: under
/// 10 s and under 400 MB peak.
/// Usage: export [--rows 100000] [--keep]  (--keep leaves both files in the temp folder to open)
/// </summary>
public sealed class ExportBenchmark : IBenchmark
{
    private const double TargetSeconds = 10, TargetMegabytes = 400;
    private const string ChildFlag = "--child";

    public string Name => "export";
    public string Description => "100k-ticket detail export: plain ClosedXML vs streaming writer, each in its own process (time, peak memory)";

    public async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 100_000;
        if (Option(args, ChildFlag) is { } childPath) return await ChildAsync(childPath, rows, args.Contains("--keep"));

        Console.WriteLine($"export: {rows:#,0} ticket rows, 16 columns, each path in its own process ({Environment.ProcessorCount} cores, load {LoadAverage()})");
        var results = new List<ChildResult>();
        foreach (var path in new[] { "streaming", "plain" })
        {
            var result = await RunChildAsync(path, rows, args.Contains("--keep"));
            if (result is null) return 1;
            results.Add(result);
            Console.WriteLine($"  {Label(path),-22} {result.Seconds,6:0.00} s   peak {result.PeakMegabytes,6:0} MB   file {result.FileMegabytes:0.0} MB");
        }
        var streaming = results[0];
        var plain = results[1];
        var met = streaming.Seconds < TargetSeconds && streaming.PeakMegabytes < TargetMegabytes;
        Console.WriteLine($"streaming vs plain: {plain.Seconds / streaming.Seconds:0.0}x faster, {plain.PeakMegabytes / streaming.PeakMegabytes:0.0}x less memory");
        Console.WriteLine($"target (streaming under {TargetSeconds:0} s and {TargetMegabytes:0} MB): {(met ? "met" : "MISSED")}");
        return met ? 0 : 1;
    }

    private static string Label(string path) => path == "streaming" ? "streaming writer" : "plain ClosedXML";

    private sealed record ChildResult(double Seconds, double PeakMegabytes, double FileMegabytes);

    /// <summary>Starts this program again for one path and reads its one-line result.</summary>
    private static async Task<ChildResult?> RunChildAsync(string path, int rows, bool keep)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ExportBenchmark).Assembly.Location);
        foreach (var a in new[] { "export", ChildFlag, path, "--rows", rows.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        if (keep) start.ArgumentList.Add("--keep");
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        var errors = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"{path} child failed ({child.ExitCode}): {output}{errors}");
            return null;
        }
        if (keep) Console.WriteLine(output.Split('\n').FirstOrDefault(l => l.StartsWith("file: ", StringComparison.Ordinal)));
        var parts = line.Split(' ');
        return new ChildResult(double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture),
            double.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    /// <summary>In the child: writes the workbook one way, then prints "RESULT seconds peakMB fileMB".</summary>
    private static async Task<int> ChildAsync(string path, int rows, bool keep)
    {
        var report = new TicketDetailReport(null!); // the sheet's spec only: rows come from the generator below
        var (from, to) = (new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var file = Path.Combine(Path.GetTempPath(), $"bench-{path}-{Guid.NewGuid():N}.xlsx");
        var watch = Stopwatch.StartNew();
        if (path == "streaming")
        {
            await using var output = File.Create(file);
            await StreamingWorkbook.WriteAsync(output, report.Spec(from, to), Generate(rows).ToAsyncEnumerable());
        }
        else
        {
            using var workbook = new XLWorkbook();
            FormattedWorkbook.AddSheet(workbook, report.Spec(from, to), Generate(rows));
            workbook.SaveAs(file);
        }
        watch.Stop();
        var size = new FileInfo(file).Length / 1048576.0;
        if (keep) Console.WriteLine($"file: {file}");
        else File.Delete(file);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {watch.Elapsed.TotalSeconds:0.000} {PeakMegabytes():0.0} {size:0.00}"));
        return 0;
    }

    /// <summary>Peak resident set of this process (VmHWM on Linux; the runtime's peak working set elsewhere).</summary>
    private static double PeakMegabytes()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1048576.0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>Tickets as a busy center's year gives them: 7 service types, 12 windows, most served, some no-shows.</summary>
    private static IEnumerable<TicketDetailRow> Generate(int count)
    {
        string[] types = ["项目登记受理", "场地预约", "保证金", "CA数字证书", "文件领取", "专家抽取", "咨询"];
        string[] clerks = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄丽", "周杰", "吴婷", "徐强", "孙悦"];
        var day = new DateOnly(2026, 1, 5);
        var perDay = 400;
        for (var i = 0; i < count; i++)
        {
            var date = day.AddDays(i / perDay);
            var issued = CenterTime.At(date, new TimeOnly(8, 30)).AddSeconds(i % perDay * 75);
            var window = i % 12;
            var noShow = i % 17 == 0;
            var called = issued.AddMinutes(2 + i % 23);
            var serving = noShow ? (DateTimeOffset?)null : called.AddSeconds(40);
            var finished = noShow ? called.AddMinutes(3) : serving!.Value.AddMinutes(4 + i % 9);
            yield return new TicketDetailRow(Guid.Empty, date, QueueTicket.FormatCode(((char)('A' + i % 7)).ToString(), i % perDay / 7 + 1),
                types[i % 7], i % 4 == 0 ? TicketChannel.Staff : TicketChannel.Kiosk, i % 25 == 0, $"{window + 1}号窗口",
                noShow ? TicketStatus.NoShow : TicketStatus.Finished, issued, issued, called, serving, finished,
                noShow ? null : i % 6 == 0 ? ServiceOutcome.IncompleteMaterials : ServiceOutcome.Completed, clerks[window]);
        }
    }
}
