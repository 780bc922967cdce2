using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;

namespace TradingOps.Bench;

/// <summary>
/// The witness chain at a municipal center's scale: a month of chains (default 1,500 projects × 12 entries over 30
/// days) on SQLite; how long the daily anchor takes, verifying one chain against every anchor, and verifying all.
/// </summary>
public sealed class WitnessChainBenchmark : IBenchmark
{
    public string Name => "witness-chain";
    public string Description => "witness chains: daily anchor, verify one chain, verify all (args: chains entries days)";

    public async Task<int> RunAsync(string[] args)
    {
        var chains = args.Length > 0 ? int.Parse(args[0]) : 1500;
        var perChain = args.Length > 1 ? int.Parse(args[1]) : 12;
        var days = args.Length > 2 ? int.Parse(args[2]) : 30;
        var sqlitePath = Path.Combine(Path.GetTempPath(), $"bench-witness-{Guid.NewGuid():N}.db");
        var folder = Directory.CreateTempSubdirectory("bench-anchors-").FullName;
        try
        {
            await using var services = BenchData.Services(new()
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = $"Data Source={sqlitePath}",
                ["Database:SeedDemoData"] = "false",
                ["Witness:AnchorFolder"] = folder,
            });
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

            var today = CenterTime.Today(TimeProvider.System);
            var first = today.AddDays(-days);
            var watch = Stopwatch.StartNew();
            var factory = services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
            for (var c = 0; c < chains; c++)
            {
                await using var db = await factory.CreateDbContextAsync();
                db.AuditDisabled = true;
                var day = first.AddDays(c % days);
                var code = $"BENCH2026-{c:00000}";
                await WitnessLedger.InTransactionAsync(db, async () =>
                {
                    for (var i = 0; i < perChain; i++)
                    {
                        var at = CenterTime.At(day, new TimeOnly(9, 0)).AddMinutes(7 * i);
                        await WitnessLog.AppendAsync(db, new WitnessDraft(code, null, null, WitnessEntryKind.Observation, null,
                            $"第 {i + 1} 项见证步骤已完成，现场秩序正常", null, at, "staff"), at);
                    }
                    return 0;
                }, default);
            }
            Console.WriteLine($"witness-chain: seeded {chains} chains × {perChain} entries over {days} days in {watch.ElapsedMilliseconds} ms");

            await using (var scope = services.CreateAsyncScope())
            {
                var anchors = scope.ServiceProvider.GetRequiredService<WitnessAnchorService>();
                var perDay = new List<double>();
                for (var day = first; day < today; day = day.AddDays(1))
                {
                    var t = Stopwatch.StartNew();
                    await anchors.AnchorAsync(day);
                    perDay.Add(t.Elapsed.TotalMilliseconds);
                }
                var size = new FileInfo(Path.Combine(folder, WitnessAnchorFile.FileNameOf(today.AddDays(-1)))).Length;
                Console.WriteLine($"witness-chain: anchor a day (all chains' heads, signed file): {Percentiles.Summary(perDay)}; last file {size / 1024.0:0.0} KiB");

                var one = new List<double>();
                for (var i = 0; i < 20; i++)
                {
                    var t = Stopwatch.StartNew();
                    var (_, report) = await anchors.ReadChainAsync($"BENCH2026-{i * 37 % chains:00000}");
                    if (!report.Verdict.Intact) throw new InvalidOperationException(report.Verdict.Detail);
                    one.Add(t.Elapsed.TotalMilliseconds);
                }
                Console.WriteLine($"witness-chain: verify one chain against {days} anchors (reads every anchor file): {Percentiles.Summary(one)}");

                var all = Stopwatch.StartNew();
                var verdicts = await anchors.VerifyAllAsync();
                Console.WriteLine($"witness-chain: verify all {verdicts.Count} chains: {all.ElapsedMilliseconds} ms, broken {verdicts.Count(v => !v.Intact)}");
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(sqlitePath);
            Directory.Delete(folder, recursive: true);
        }
    }
}
