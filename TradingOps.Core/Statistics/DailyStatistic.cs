using TradingOps.Core.Common;

namespace TradingOps.Core.Statistics;

/// <summary>
/// One figure of one center day: a metric, optionally broken down by a dimension value
/// (e.g. metric "projects.registered", dimension "category", key "Engineering", value 12).
/// Derived data: a day's figures are replaced as a whole whenever the day is recomputed.
/// </summary>
public sealed class DailyStatistic
{
    public const int MetricMaxLength = 60;
    public const int DimensionMaxLength = 40;
    public const int KeyMaxLength = 100;

    /// <summary>The dimension of a metric's overall figure.</summary>
    public const string Total = "total";

    private DailyStatistic() { Metric = Dimension = Key = ""; }

    public DailyStatistic(DateOnly day, string metric, string dimension, string key, decimal value, DateTimeOffset computedAt)
    {
        Day = day;
        Metric = Guard.Text(metric, MetricMaxLength, "指标");
        Dimension = Guard.Text(dimension, DimensionMaxLength, "维度");
        Key = Guard.Text(key, KeyMaxLength, "维度值");
        Value = value;
        ComputedAt = computedAt.ToUniversalTime();
    }

    public long Id { get; private set; }
    public DateOnly Day { get; private set; }
    public string Metric { get; private set; }
    public string Dimension { get; private set; }
    public string Key { get; private set; }
    public decimal Value { get; private set; }
    public DateTimeOffset ComputedAt { get; private set; }
}

/// <summary>Metric names shared by the jobs, the pages and the workbooks.</summary>
public static class Metrics
{
    public const string ProjectsRegistered = "projects.registered";
    public const string ProjectsAmount = "projects.amount";
    public const string BidOpenings = "projects.bid-openings";

    public const string ProjectsAccepted = "projects.accepted";
    public const string RegistrationsCompleted = "registrations.completed";
    public const string RegistrationsOnTime = "registrations.on-time";
    public const string Consultations = "consultations";

    public const string QueueTickets = "queue.tickets";
    public const string QueueCalled = "queue.called";
    public const string QueueWaitMinutes = "queue.wait-minutes";
    /// <summary>The day's 90th-percentile wait (minutes): a daily figure, not summed across days.</summary>
    public const string QueueWaitP90 = "queue.wait-p90";
    public const string QueueWithinTarget = "queue.within-target";
    public const string QueueNoShows = "queue.no-shows";
    public const string QueueServed = "queue.served";
    public const string QueueServiceMinutes = "queue.service-minutes";

    public const string RatingsVerySatisfied = "ratings.very-satisfied";
    public const string RatingsSatisfied = "ratings.satisfied";
    public const string RatingsAcceptable = "ratings.acceptable";
    public const string RatingsDissatisfied = "ratings.dissatisfied";
    public const string RatingsVeryDissatisfied = "ratings.very-dissatisfied";

    public const string RoomOpenHours = "rooms.open-hours";
    public const string RoomBookings = "rooms.bookings";
    public const string RoomBookedHours = "rooms.booked-hours";
    public const string RoomUsedHours = "rooms.used-hours";
    public const string RoomOverruns = "rooms.overruns";
    public const string RoomOverrunMinutes = "rooms.overrun-minutes";

    public const string ByCategory = "category";
    public const string ByServiceType = "service-type";
    /// <summary>By the service rated (窗口服务 / 场地服务 / 见证服务, <see cref="Queue.SatisfactionRating.ServiceText"/>).</summary>
    public const string ByService = "service";
    public const string ByWindow = "window";
    public const string ByClerk = "clerk";
    public const string ByRoom = "room";
    public const string ByRoomType = "room-type";
    public const string ByChannel = "channel";
    public const string ByMethod = "method";
    public const string ByAmountBand = "amount-band";

    /// <summary>Amount bands used by supervisors (yuan): under 1M, 1M-10M, 10M-100M, 100M and above.</summary>
    public static string AmountBand(decimal yuan) => yuan switch
    {
        < 1_000_000m => "lt-1m",
        < 10_000_000m => "1m-10m",
        < 100_000_000m => "10m-100m",
        _ => "ge-100m",
    };

    public static readonly string[] AmountBands = ["lt-1m", "1m-10m", "10m-100m", "ge-100m"];
}
