using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Data.Queries;
using TradingOps.Web;
using TradingOps.Web.Reports;

namespace TradingOps.Bench;

/// <summary>
/// A 100,000-row detail export with the ledger's columns, written by plain ClosedXML and by the streaming
/// writer in one run: time and peak working set of each. Target for the streaming path: under 10 s and 400 MB.
/// Usage: export [--rows 100000] [--keep]  (--keep leaves both files in the temp folder to open)
/// </summary>
public sealed class ExportBenchmark : IBenchmark
{
    public string Name => "export";
    public string Description => "100k-row detail export: plain ClosedXML vs streaming writer (time, peak memory)";

    public async Task<int> RunAsync(string[] args)
    {
        var rows = args.SkipWhile(a => a != "--rows").Skip(1).Select(int.Parse).FirstOrDefault(100_000);
        var localizer = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources")
            .BuildServiceProvider().GetRequiredService<IStringLocalizer<SharedResource>>();
        var from = new DateOnly(2026, 1, 1);
        var ledger = new ProjectLedger(null!, localizer); // Spec only: rows come from the generator below
        var streamingFile = Path.Combine(Path.GetTempPath(), $"bench-streaming-{Guid.NewGuid():N}.xlsx");
        var plainFile = Path.Combine(Path.GetTempPath(), $"bench-plain-{Guid.NewGuid():N}.xlsx");
        try
        {
            var streaming = await Measure.PhaseAsync(async () =>
            {
                await using var file = File.Create(streamingFile);
                await StreamingWorkbook.WriteAsync(file, ledger.Spec(from, from.AddDays(364)), Generate(rows).ToAsyncEnumerable());
            });
            Console.WriteLine($"streaming writer, {rows:#,0} rows: {streaming}, file {new FileInfo(streamingFile).Length / 1048576.0:0.0} MB");

            var plain = await Measure.PhaseAsync(() =>
            {
                using var workbook = new XLWorkbook();
                FormattedWorkbook.AddSheet(workbook, ledger.Spec(from, from.AddDays(364)), Generate(rows));
                workbook.SaveAs(plainFile);
                return Task.CompletedTask;
            });
            Console.WriteLine($"plain ClosedXML,  {rows:#,0} rows: {plain}, file {new FileInfo(plainFile).Length / 1048576.0:0.0} MB");
        }
        finally
        {
            if (args.Contains("--keep")) Console.WriteLine($"files: {streamingFile} {plainFile}");
            else
            {
                File.Delete(streamingFile);
                File.Delete(plainFile);
            }
        }
        return 0;
    }

    /// <summary>Rows shaped like real ledger rows (lengths of names and parties as in the demo data).</summary>
    private static IEnumerable<ProjectRow> Generate(int count)
    {
        var start = CenterTime.At(new DateOnly(2026, 1, 5), new TimeOnly(8, 30));
        var categories = Enum.GetValues<TradingCategory>();
        var methods = Enum.GetValues<TradingMethod>();
        for (var i = 0; i < count; i++)
            yield return new ProjectRow(Guid.Empty, $"GC-2026{i % 12 + 1:00}-{i:000000}", $"示范市东城区第{i % 97}中学教学楼新建工程施工项目",
                categories[i % categories.Length], methods[i % methods.Length], "示范市东城区住房和城乡建设局",
                i % 5 == 0 ? null : "华诚招标代理有限公司", 1_000_000m + i * 37.5m, "张伟", start.AddMinutes(i * 5),
                start.AddDays(30).AddMinutes(i * 5));
    }
}
