using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Data.Reports;
using TradingOps.Web.Reports;

namespace TradingOps.Tests.Reports;

/// <summary>A period holding more rows than <see cref="DetailWorkbook.StreamAbove"/> goes through the streaming writer, and its file reopens whole.</summary>
public sealed class DetailExportStreamingTests
{
    [FullLane]
    [Fact]
    public async Task A_ticket_export_above_the_threshold_streams_and_reopens_with_every_row_and_its_totals()
    {
        var (first, last) = (new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 15));
        await using var services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), actor: DetailExportTestData.Clerk,
            clock: new FakeTimeProvider(CenterTime.At(new DateOnly(2026, 11, 20), new TimeOnly(9, 0))));
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await DetailExportTestData.GenerateAsync(services, first, last, ticketsPerDay: 1_500, bookings: false, ratings: false);

        await using var db = await services.NewContextAsync();
        var tickets = await db.QueueTickets.AsNoTracking().Where(t => t.ServiceDate >= first && t.ServiceDate <= last)
            .Select(t => new { t.Status, t.ArrivedAt, t.FirstCalledAt }).ToListAsync();
        Assert.True(tickets.Count > DetailWorkbook.StreamAbove, $"{tickets.Count} tickets are above the threshold");

        var report = new TicketDetailReport(new ReportQueries(services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>()));
        var file = Path.Combine(Path.GetTempPath(), $"stream-{Guid.NewGuid():N}.xlsx");
        try
        {
            DetailExport export;
            await using (var output = File.Create(file))
                export = await DetailWorkbook.WriteAsync(output, report, first, last, CancellationToken.None);
            Assert.True(export.Streamed);
            Assert.Equal(tickets.Count, export.Rows);

            using var workbook = new XLWorkbook(file);
            var sheet = workbook.Worksheet("票号明细");
            Assert.Equal("票号", sheet.Cell(1, 2).GetString());
            Assert.Equal(tickets.Count + 2, sheet.LastRowUsed().RowNumber());
            var totals = sheet.Row(tickets.Count + 2);
            Assert.Equal("合计", totals.Cell(1).GetString());
            Assert.Equal(tickets.Count, totals.Cell(2).GetValue<int>());
            Assert.Equal(tickets.Count(t => t.Status == TicketStatus.NoShow), totals.Cell(16).GetValue<int>());
            var waits = tickets.Where(t => t.FirstCalledAt is not null)
                .Sum(t => Math.Round((decimal)(t.FirstCalledAt!.Value - t.ArrivedAt).TotalMinutes, 1, MidpointRounding.AwayFromZero));
            Assert.Equal(waits, Math.Round(totals.Cell(12).GetValue<decimal>(), 1));
            Assert.Equal(DetailExportTestData.ClerkLabel, sheet.Column(7).CellsUsed().Skip(1).First().GetString());
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
