using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Data.Reports;
using TradingOps.Web.Reports;

namespace TradingOps.Bench;

/// <summary>
/// A 100,000-ticket detail export (the 票号明细 sheet: its real columns, formats and totals), written by the
/// streaming path (StreamingWorkbook: SpreadCheetah plus totals and print setup), by SpreadCheetah bare (the same
/// cells and number formats, nothing else) and by plain ClosedXML in one run. Each path runs in a child process of
/// its own, so the peak memory printed (peak resident set, VmHWM) belongs to that path alone. Targets for the
/// streaming path: under 10 s and under 400 MB peak, and within 1.2x of SpreadCheetah's bare time. With --database, a third run exports the same number of tickets as the app does:
/// seeded into a SQLite file first (not timed), then read by the ticket report (query, clerk look-up in the audit
/// trail) and written by DetailWorkbook, which streams above its threshold.
/// Usage: export [--rows 100000] [--database] [--keep]  (--keep leaves the files in the temp folder to open)
/// </summary>
public sealed class ExportBenchmark : IBenchmark
{
    private const double TargetSeconds = 10, TargetMegabytes = 400, TargetRatio = 1.2;
    private const string ChildFlag = "--child";

    public string Name => "export";
    public string Description => "100k-ticket detail export: streaming path vs SpreadCheetah bare vs plain ClosedXML, each in its own process (time, peak memory, file size)";

    public async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 100_000;
        if (Option(args, ChildFlag) is { } childPath) return await ChildAsync(childPath, rows, args.Contains("--keep"), Option(args, "--database-file"));

        Console.WriteLine($"export: {rows:#,0} ticket rows, 16 columns, each path in its own process ({Environment.ProcessorCount} cores, load {LoadAverage()})");
        var results = new List<ChildResult>();
        var paths = new List<string> { "streaming", "spreadcheetah", "plain" };
        string? database = null;
        if (args.Contains("--database"))
        {
            database = Path.Combine(Path.GetTempPath(), $"bench-export-{Guid.NewGuid():N}.db");
            var watch = Stopwatch.StartNew();
            await SeedTicketsAsync(database, rows);
            Console.WriteLine($"  (seeded {rows:#,0} tickets and their audit lines into SQLite in {watch.Elapsed.TotalSeconds:0} s, not timed below)");
            paths.Add("database");
        }
        try
        {
            foreach (var path in paths)
            {
                var result = await RunChildAsync(path, rows, args.Contains("--keep"), database);
                if (result is null) return 1;
                results.Add(result);
                Console.WriteLine($"  {Label(path),-22} {result.Seconds,6:0.00} s   peak {result.PeakMegabytes,6:0} MB   file {result.FileMegabytes:0.0} MB");
            }
        }
        finally
        {
            if (database is not null) File.Delete(database);
        }
        var streaming = results[0];
        var bare = results[1];
        var plain = results[2];
        var ratio = streaming.Seconds / bare.Seconds;
        var met = streaming.Seconds < TargetSeconds && streaming.PeakMegabytes < TargetMegabytes && ratio <= TargetRatio;
        Console.WriteLine($"streaming vs SpreadCheetah bare: {ratio:0.00}x the time, {streaming.PeakMegabytes / bare.PeakMegabytes:0.00}x the memory, " +
            $"{streaming.FileMegabytes / bare.FileMegabytes:0.00}x the file size");
        Console.WriteLine($"streaming vs plain: {plain.Seconds / streaming.Seconds:0.0}x faster, {plain.PeakMegabytes / streaming.PeakMegabytes:0.0}x less memory");
        Console.WriteLine($"target (streaming under {TargetSeconds:0} s, {TargetMegabytes:0} MB and {TargetRatio:0.0}x SpreadCheetah bare): {(met ? "met" : "MISSED")}");
        return met ? 0 : 1;
    }

    private static string Label(string path) => path switch
    {
        "streaming" => "streaming path",
        "spreadcheetah" => "SpreadCheetah bare",
        "plain" => "plain ClosedXML",
        _ => "database → app export",  // DetailWorkbook: streams above StreamAbove rows
    };

    private sealed record ChildResult(double Seconds, double PeakMegabytes, double FileMegabytes);

    /// <summary>Starts this program again for one path and reads its one-line result.</summary>
    private static async Task<ChildResult?> RunChildAsync(string path, int rows, bool keep, string? database)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ExportBenchmark).Assembly.Location);
        foreach (var a in new[] { "export", ChildFlag, path, "--rows", rows.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        if (keep) start.ArgumentList.Add("--keep");
        if (database is not null)
        {
            start.ArgumentList.Add("--database-file");
            start.ArgumentList.Add(database);
        }
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
    private static async Task<int> ChildAsync(string path, int rows, bool keep, string? database)
    {
        var report = new TicketDetailReport(null!); // the sheet's spec only: rows come from the generator below
        var (from, to) = (new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var file = Path.Combine(Path.GetTempPath(), $"bench-{path}-{Guid.NewGuid():N}.xlsx");
        await using var services = database is null ? null : Services(database);
        var watch = Stopwatch.StartNew();
        if (path == "database")
        {
            await using var scope = services!.CreateAsyncScope();
            var fromDb = new TicketDetailReport(scope.ServiceProvider.GetRequiredService<ReportQueries>());
            await using var output = File.Create(file);
            var export = await DetailWorkbook.WriteAsync(output, fromDb, from, to, CancellationToken.None);
            if (export.Rows != rows || export.Streamed != rows > DetailWorkbook.StreamAbove)
                throw new InvalidOperationException($"expected {rows} rows, wrote {export.Rows} (streamed: {export.Streamed})");
        }
        else if (path == "streaming")
        {
            await using var output = File.Create(file);
            await StreamingWorkbook.WriteAsync(output, report.Spec(from, to), Generate(rows).ToAsyncEnumerable());
        }
        else if (path == "spreadcheetah")
        {
            await using var output = File.Create(file);
            await BareAsync(output, report.Spec(from, to), Generate(rows));
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

    /// <summary>
    /// SpreadCheetah on its own: the same header and cells (the spec's values, a number format per column), frozen
    /// header and column widths; no totals, no print setup.
    /// </summary>
    private static async Task BareAsync(Stream output, SheetSpec<TicketDetailRow> spec, IEnumerable<TicketDetailRow> rows)
    {
        await using var book = await SpreadCheetah.Spreadsheet.CreateNewAsync(output);
        var options = new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 };
        for (var c = 0; c < spec.Columns.Count; c++) options.Column(c + 1).Width = spec.Columns[c].Width;
        await book.StartWorksheetAsync(spec.Name, options);
        var header = book.AddStyle(new SpreadCheetah.Styling.Style { Font = { Bold = true } });
        var styles = spec.Columns.Select(c => book.AddStyle(new SpreadCheetah.Styling.Style
            { Format = c.Kind == CellKind.Text ? (SpreadCheetah.Styling.NumberFormat?)null : SpreadCheetah.Styling.NumberFormat.Custom(SheetSpec<object>.Format(c.Kind)) })).ToArray();
        var cells = spec.Columns.Select(c => new SpreadCheetah.Cell(c.Header, header)).ToArray();
        await book.AddRowAsync(cells);
        foreach (var row in rows)
        {
            for (var c = 0; c < cells.Length; c++)
                cells[c] = spec.Columns[c].Value(row) switch
                {
                    null => default,
                    string text => new SpreadCheetah.Cell(text, styles[c]),
                    DateTimeOffset at => new SpreadCheetah.Cell(CenterTime.ToLocal(at).DateTime, styles[c]),
                    DateOnly day => new SpreadCheetah.Cell(day.ToDateTime(TimeOnly.MinValue), styles[c]),
                    decimal d => new SpreadCheetah.Cell(d, styles[c]),
                    int i => new SpreadCheetah.Cell(i, styles[c]),
                    var other => new SpreadCheetah.Cell(other.ToString(), styles[c]),
                };
            await book.AddRowAsync(cells);
        }
        await book.FinishAsync();
    }

    private static ServiceProvider Services(string database)
    {
        return BenchData.Services(new()
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["Database:ConnectionString"] = $"Data Source={database}",
            ["Database:SeedDemoData"] = "false",
        });
    }

    /// <summary>
    /// The same tickets as <see cref="Generate"/>, stored as the app stores them: served through the domain methods,
    /// and one audit line per called ticket naming the clerk (what the queue service's save leaves behind).
    /// </summary>
    private static async Task SeedTicketsAsync(string database, int count)
    {
        await using var services = Services(database);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var factory = services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
        var types = new Dictionary<string, ServiceType>();
        var windows = new Dictionary<string, ServiceWindow>();
        var users = new Dictionary<string, string>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.AuditDisabled = true;
            var center = new Center("B", "基准中心", null);
            var zone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
            db.AddRange(center, zone);
            foreach (var row in Generate(7 * 12))
            {
                var type = types.GetValueOrDefault(row.ServiceType) ?? (types[row.ServiceType] = new ServiceType(row.Code[..1], row.ServiceType, types.Count + 1));
                if (row.Window is { } name && !windows.ContainsKey(name))
                {
                    windows[name] = new ServiceWindow(zone.Id, windows.Count + 1, name, [type]);
                    var user = new ApplicationUser { UserName = $"clerk{windows.Count}", NormalizedUserName = $"CLERK{windows.Count}", DisplayName = row.Clerk! };
                    var staff = new Staff($"E{windows.Count:000}", row.Clerk!, "窗口服务部", null, null);
                    staff.LinkAccount(user.Id);
                    users[name] = user.Id;
                    db.AddRange(user, staff);
                }
            }
            db.AddRange(types.Values);
            db.AddRange(windows.Values);
            await db.SaveChangesAsync();
        }
        foreach (var chunk in Generate(count).Chunk(5_000))
        {
            await using var db = await factory.CreateDbContextAsync();
            db.AuditDisabled = true;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var row in chunk)
            {
                var type = types[row.ServiceType];
                var ticket = new QueueTicket(type.Id, type.Prefix, row.ServiceDate, int.Parse(row.Code[1..], CultureInfo.InvariantCulture), row.IssuedAt,
                    row.Channel, row.IsPriority, row.IsPriority ? "老年人，绿色通道" : null);
                var window = windows[row.Window!];
                ticket.CallTo(window.Id, row.FirstCalledAt!.Value);
                if (row.Status == TicketStatus.NoShow) ticket.MarkNoShow(row.FinishedAt!.Value);
                else
                {
                    ticket.StartServing(row.ServingStartedAt!.Value);
                    ticket.Finish(row.Outcome!.Value, null, row.FinishedAt!.Value);
                }
                db.Add(ticket);
                db.Add(new AuditEntry(row.FinishedAt!.Value, Actor.User(users[row.Window!], $"clerk{window.Number}"), nameof(QueueTicket),
                    Convert.ToString(ticket.Id, CultureInfo.InvariantCulture)!, AuditAction.Modified, """{"Status":{"old":"Serving","new":"Finished"}}"""));
            }
            await db.SaveChangesAsync();
        }
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
