using System.Diagnostics;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Registrations;

namespace TradingOps.Bench;

/// <summary>
/// Every pending board and wall panel re-judges each open registration on every server tick (5 s): urgency and
/// office time left on the working-day calendar. How long does one refresh of a large desk take?
/// </summary>
public sealed class RegistrationBoardBenchmark : IBenchmark
{
    public string Name => "registration-board";
    public string Description => "urgency + countdown of 2,000 open registrations per tick (a provincial desk's worst day)";

    public Task<int> RunAsync(string[] args)
    {
        var schedule = OfficialSchedule.Shipped().Single(s => s.Year == 2026);
        var calendar = new WorkdayCalendar(schedule.Days, [2026]);
        var now = CenterTime.At(new DateOnly(2026, 9, 30), new TimeOnly(16, 45)); // eve of 国庆: deadlines jump the holiday
        var random = new Random(5);
        var dues = Enumerable.Range(0, 2000)
            .Select(_ => ServiceTimePolicy.Strictest.DueAt(now.AddMinutes(-random.Next(0, 60 * 24 * 5)), calendar)).ToArray();
        var samples = new List<double>();
        var overdue = 0;
        for (var round = 0; round < 200; round++)
        {
            var watch = Stopwatch.StartNew();
            overdue = 0;
            foreach (var due in dues)
            {
                if (ServiceTimePolicy.UrgencyAt(due, now, calendar) == RegistrationUrgency.Overdue) overdue++;
                _ = calendar.WorkingTimeBetween(now, due);
            }
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"registration-board: 2000 rows per refresh, {overdue} overdue; {Percentiles.Summary(samples)}");
        return Task.FromResult(0);
    }
}
