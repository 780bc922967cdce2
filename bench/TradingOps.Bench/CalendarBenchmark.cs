using System.Diagnostics;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Bench;

/// <summary>Deadline arithmetic is on the hot path of every pending-list refresh: how fast is it?</summary>
public sealed class CalendarBenchmark : IBenchmark
{
    public string Name => "calendar";
    public string Description => "working-hour deadlines per second on the 2026 calendar";

    public Task<int> RunAsync(string[] args)
    {
        var schedule = OfficialSchedule.Shipped().Single(s => s.Year == 2026);
        var calendar = new WorkdayCalendar(schedule.Days, [2026]);
        var start = CenterTime.At(new DateOnly(2026, 1, 5), new TimeOnly(9, 0));
        const int n = 200_000;
        var watch = Stopwatch.StartNew();
        var checksum = 0L;
        for (var i = 0; i < n; i++)
            checksum += calendar.AddWorkingHours(start.AddMinutes(i % 500_000), 3 + i % 20).UtcTicks % 7;
        watch.Stop();
        Console.WriteLine($"calendar: {n} deadlines in {watch.ElapsedMilliseconds} ms ({n / watch.Elapsed.TotalSeconds:#,0}/s) checksum {checksum}");
        return Task.FromResult(0);
    }
}
