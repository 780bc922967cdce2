using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;
using TradingOps.Web;
using TradingOps.Web.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>The daily witness report on SQLite: the day's witnessed sessions, and the PDF carrying the anchor digest in text and QR.</summary>
public sealed class WitnessDailyReportTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 12, 2);
    private readonly FakeTimeProvider _clock = new(CenterTime.At(Day, new TimeOnly(8, 0)));
    private readonly string _folder = Directory.CreateTempSubdirectory("witness-daily-").FullName;
    private ServiceProvider _services = null!;
    private Room _room = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Actor.User("u-staff", "staff"), clock: _clock,
            configure: s => s.Configure<WitnessOptions>(o => o.AnchorFolder = _folder));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        db.AddRange(center, zone, _room);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<RoomBooking> WitnessedSessionAsync(string project, DateOnly day, int hour)
    {
        await using var scope = _services.CreateAsyncScope();
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        var start = CenterTime.At(day, new TimeOnly(hour, 0));
        var booking = await bookings.BookAsync(new BookingRequest(_room.Id, null, project, "门诊楼改扩建工程施工", "某代理公司", BookingPurpose.BidOpening, 20,
            start, start.AddHours(1)));
        await bookings.SessionAsync(booking.Id, SessionCommand.Confirm, null);
        _clock.SetUtcNow(start);
        await bookings.SessionAsync(booking.Id, SessionCommand.CheckIn, null);
        await bookings.SessionAsync(booking.Id, SessionCommand.Start, null);
        await scope.ServiceProvider.GetRequiredService<WitnessLedger>().RecordAsync(
            new WitnessDraft(project, null, booking.Id, WitnessEntryKind.Step, "bid-opening.open", "开标", null, start.AddMinutes(5), "staff"));
        _clock.Advance(TimeSpan.FromMinutes(30));
        await bookings.SessionAsync(booking.Id, SessionCommand.End, null);
        return booking;
    }

    [Fact]
    public async Task The_report_lists_the_days_witnessed_sessions_and_its_pdf_prints_the_anchor_digest_in_text_and_qr()
    {
        var booking = await WitnessedSessionAsync("GC2026-201", Day, 9);
        await using (var db = await _services.NewContextAsync())
        {
            db.Incidents.Add(new Incident("GC2026-201", null, booking.Id, IncidentCategory.SystemFailure, IncidentScope.Session,
                "开标系统无法解密", "staff", CenterTime.At(Day, new TimeOnly(9, 20))));
            await db.SaveChangesAsync();
        }
        _clock.SetUtcNow(CenterTime.At(Day.AddDays(1), new TimeOnly(0, 10)));
        await using var scope = _services.CreateAsyncScope();
        var anchor = await scope.ServiceProvider.GetRequiredService<WitnessAnchorService>().AnchorAsync(Day);
        await WitnessedSessionAsync("GC2026-202", Day.AddDays(1), 10); // the next day: not in this day's report

        var report = await scope.ServiceProvider.GetRequiredService<WitnessChainQueries>().DailyAsync(Day);

        var session = Assert.Single(report.Sessions);
        Assert.Equal(("K201", "GC2026-201", 1, 5), (session.RoomCode, session.ProjectCode, session.StepsTicked, session.Entries));
        Assert.Equal(["staff"], session.Witnesses);
        Assert.Equal([IncidentCategory.SystemFailure], session.Incidents);
        Assert.Equal(anchor.Digest, report.Digest);

        var pdf = WitnessDailyPdf.Build(report, _clock.GetUtcNow(), Localizer<WitnessResource>(), Localizer<FloorResource>());
        var text = PdfReadBack.Text(pdf);
        Assert.Contains("交易见证日报", text);
        Assert.Contains("GC2026-201", text);
        Assert.Contains("系统故障", text);
        Assert.Contains(report.Digest!, text.Replace(" ", "").Replace("\n", "")); // printed in full (a line may wrap it)
        Assert.Equal([$"TOA1:2026-12-02:{report.Digest}"], PdfReadBack.Qr(pdf));
    }

    [Fact]
    public async Task A_day_without_an_anchor_prints_no_digest_and_no_qr()
    {
        await WitnessedSessionAsync("GC2026-203", Day, 9);
        await using var scope = _services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<WitnessChainQueries>().DailyAsync(Day);

        Assert.Null(report.Digest);
        var pdf = WitnessDailyPdf.Build(report, _clock.GetUtcNow(), Localizer<WitnessResource>(), Localizer<FloorResource>());
        Assert.Contains("当日尚未结束", PdfReadBack.Text(pdf));
        Assert.Empty(PdfReadBack.Qr(pdf));
    }

    private static IStringLocalizer<T> Localizer<T>()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<T>>();
    }
}
