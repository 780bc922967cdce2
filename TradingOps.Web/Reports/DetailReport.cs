using ClosedXML.Excel;

namespace TradingOps.Web.Reports;

/// <summary>A detail export of a period of center days (both inclusive): what the endpoint and the panel know of it.</summary>
public interface IDetailReport
{
    /// <summary>The URL segment: /reports/{Key}.</summary>
    string Key { get; }

    /// <summary>Chinese name: sheet name and the start of the file name (票号明细_2026-11-01_2026-11-30.xlsx).</summary>
    string Title { get; }

    /// <summary>Rows the period holds: decides between the formatted and the streaming writer.</summary>
    Task<int> CountAsync(DateOnly from, DateOnly to, CancellationToken ct);

    /// <summary>Writes the period's workbook to <paramref name="output"/>.</summary>
    Task<DetailExport> WriteAsync(Stream output, DateOnly from, DateOnly to, CancellationToken ct);
}

/// <summary>A detail export whose rows are <typeparamref name="T"/>: columns with formats and totals, rows streamed from the database.</summary>
public interface IDetailReport<T> : IDetailReport
{
    /// <summary>Sheet name, print title, Chinese columns with formats and totals. A fresh spec per workbook (row numbers count in it).</summary>
    SheetSpec<T> Spec(DateOnly from, DateOnly to);

    /// <summary>The period's rows in report order, read from the database as they are written (no tracking, no full list).</summary>
    IAsyncEnumerable<T> RowsAsync(DateOnly from, DateOnly to, CancellationToken ct = default);

    Task<DetailExport> IDetailReport.WriteAsync(Stream output, DateOnly from, DateOnly to, CancellationToken ct) =>
        DetailWorkbook.WriteAsync(output, this, from, to, ct);
}

/// <summary>What was written: the file name to send, the number of rows, and which writer wrote them.</summary>
public sealed record DetailExport(string FileName, int Rows, bool Streamed);

/// <summary>
/// Writes a detail report: up to <see cref="StreamAbove"/> rows with ClosedXML (<see cref="FormattedWorkbook"/>),
/// more through SpreadCheetah (<see cref="StreamingWorkbook"/>) so a year of tickets takes bounded memory.
/// Both give the same sheet: Chinese headers, frozen header, autofilter, formats, totals, print setup.
/// </summary>
public static class DetailWorkbook
{
    /// <summary>Above this many rows a detail export streams instead of building the workbook in memory.</summary>
    public const int StreamAbove = 20_000;

    public static string FileName(IDetailReport report, DateOnly from, DateOnly to) =>
        $"{WorkbookText.Of(report.Title)}_{from:yyyy-MM-dd}_{to:yyyy-MM-dd}.xlsx";

    public static async Task<DetailExport> WriteAsync<T>(Stream output, IDetailReport<T> report, DateOnly from, DateOnly to,
        CancellationToken ct, int streamAbove = StreamAbove)
    {
        var spec = WorkbookText.Of(report.Spec(from, to)); // in the exporting request's language
        var fileName = FileName(report, from, to);
        if (await report.CountAsync(from, to, ct) > streamAbove)
        {
            var written = await StreamingWorkbook.WriteAsync(output, spec, report.RowsAsync(from, to, ct), ct);
            return new DetailExport(fileName, written, Streamed: true);
        }
        var rows = await report.RowsAsync(from, to, ct).ToListAsync(ct);
        using var workbook = new XLWorkbook();
        FormattedWorkbook.AddSheet(workbook, spec, rows);
        FormattedWorkbook.Save(workbook, output);
        return new DetailExport(fileName, rows.Count, Streamed: false);
    }
}
