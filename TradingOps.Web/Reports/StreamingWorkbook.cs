using System.Globalization;
using System.IO.Compression;
using System.Text;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;
using TradingOps.Core.Common;

namespace TradingOps.Web.Reports;

/// <summary>
/// Detail sheets of any length with bounded memory, written by SpreadCheetah: rows go out one at a time (inline
/// strings, nothing held per row), with the same headers, formats, frozen header, column widths, autofilter,
/// totals row (bold, ruled, with computed values) and print setup (landscape A4, one page wide, header row repeated,
/// no printed gridlines, title and page numbers) as the formatted writer.
/// SpreadCheetah has no print setup and sets the autofilter before the rows are known, so the sheet part gets
/// its page setup and the autofilter of the rows actually written when the finished package is copied to
/// <c>output</c> (the sheet streamed through, never held), and the workbook part its print titles.
/// </summary>
public static class StreamingWorkbook
{
    /// <summary>
    /// The file's column width counts the cell padding as well as the characters; ClosedXML adds it on save, so
    /// it is added here too and both writers show a column of the same width.
    /// </summary>
    private const double CellPadding = 0.710625;

    private const string SheetPart = "xl/worksheets/sheet1.xml", WorkbookPart = "xl/workbook.xml";

    public static async Task<int> WriteAsync<T>(Stream output, SheetSpec<T> spec, IAsyncEnumerable<T> rows, CancellationToken ct = default)
    {
        var columns = spec.Columns;
        var count = 0;
        // The package SpreadCheetah writes, kept on disk (deleted on close) until it is copied out with the print setup.
        await using var package = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose);
        await using (var book = await Spreadsheet.CreateNewAsync(package, new SpreadCheetahOptions { PreserveStringWhitespace = true }, ct))
        {
            var options = new WorksheetOptions { FrozenRows = 1 };
            for (var c = 0; c < columns.Count; c++) options.Column(c + 1).Width = columns[c].Width + CellPadding;
            await book.StartWorksheetAsync(spec.Name, options, ct);
            var styles = Styles.Add(book);

            var cells = new Cell[columns.Count];
            for (var c = 0; c < columns.Count; c++) cells[c] = new Cell(columns[c].Header, styles.Header);
            await book.AddRowAsync(cells, ct);

            var bodyStyles = columns.Select(c => styles.Body(c.Kind)).ToArray();
            // Totals are written as formulas with their values already computed, so a viewer that does not
            // recalculate (previews, mail clients) shows the right figures too.
            var sums = new decimal[columns.Count];
            var filled = new int[columns.Count];
            await foreach (var row in rows.WithCancellation(ct))
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    var value = columns[c].Value(row);
                    cells[c] = CellOf(value, bodyStyles[c]);
                    if (value is null) continue;
                    filled[c]++;
                    if (columns[c].Total == TotalKind.Sum) sums[c] += Numeric(value);
                }
                await book.AddRowAsync(cells, ct);
                count++;
            }
            var last = count + 1;
            if (columns.Any(c => c.Total != TotalKind.None))
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    var letter = ColumnName(c + 1);
                    var range = $"{letter}2:{letter}{last}";
                    cells[c] = columns[c].Total switch
                    {
                        TotalKind.Label => new Cell(WorkbookText.Of(SheetSpec<T>.TotalLabel), styles.TotalLabel),
                        TotalKind.Count => new Cell(new Formula(last >= 2 ? $"COUNTA({range})" : "0"), filled[c], styles.Total(CellKind.Integer)),
                        TotalKind.Sum => new Cell(new Formula(last >= 2 ? $"SUM({range})" : "0"), sums[c], styles.Total(columns[c].Kind)),
                        _ => new Cell((string?)null, styles.TotalLabel), // the rule runs across the row
                    };
                }
                await book.AddRowAsync(cells, ct);
            }
            await book.FinishAsync(ct);
        }

        package.Position = 0;
        await CopyWithPrintSetupAsync(package, output, spec.Name, spec.Title, columns.Count, count, ct);
        return count;
    }

    private static Cell CellOf(object? value, StyleId style) => value switch
    {
        null => default,
        string text => new Cell(ReportText.CellXml(text), style),
        DateTimeOffset instant => new Cell(CenterTime.ToLocal(instant).DateTime, style),
        DateOnly date => new Cell(date.ToDateTime(TimeOnly.MinValue), style),
        decimal d => new Cell(d, style),
        int i => new Cell(i, style),
        long l => new Cell(l, style),
        double d => new Cell(d, style),
        float f => new Cell(f, style),
        _ => new Cell(ReportText.CellXml(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""), style),
    };

    private static decimal Numeric(object value) => value switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        double d => (decimal)d,
        float f => (decimal)f,
        _ => 0m,
    };

    public static string ColumnName(int index)
    {
        var name = "";
        for (; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    /// <summary>The header, body and totals styles of a detail sheet (formats of <see cref="SheetSpec{T}.Format"/>).</summary>
    private sealed class Styles
    {
        private readonly Dictionary<CellKind, StyleId> _body = [];
        private readonly Dictionary<CellKind, StyleId> _totals = [];

        public required StyleId Header { get; init; }
        public required StyleId TotalLabel { get; init; }
        public StyleId Body(CellKind kind) => _body[kind];
        public StyleId Total(CellKind kind) => _totals[kind];

        public static Styles Add(Spreadsheet book)
        {
            var styles = new Styles
            {
                Header = book.AddStyle(new Style
                {
                    Font = { Bold = true },
                    Fill = { Color = System.Drawing.Color.FromArgb(0xDC, 0xE6, 0xF1) },
                    Alignment = { Horizontal = HorizontalAlignment.Center, Vertical = VerticalAlignment.Center, WrapText = true },
                }),
                TotalLabel = book.AddStyle(Totals(null)),
            };
            foreach (var kind in Enum.GetValues<CellKind>())
            {
                var format = kind == CellKind.Text ? (NumberFormat?)null : NumberFormat.Custom(SheetSpec<object>.Format(kind));
                styles._body[kind] = book.AddStyle(new Style { Format = format });
                styles._totals[kind] = book.AddStyle(Totals(format));
            }
            return styles;
        }

        /// <summary>Bold with the thin rule above: the totals row.</summary>
        private static Style Totals(NumberFormat? format) => new()
        {
            Font = { Bold = true },
            Border = { Top = { BorderStyle = BorderStyle.Thin } },
            Format = format,
        };
    }

    /// <summary>
    /// Copies SpreadCheetah's package to <paramref name="output"/> part by part; the sheet is streamed through
    /// with its page setup and autofilter added, the workbook part gets the print titles and the autofilter's name.
    /// </summary>
    private static async Task CopyWithPrintSetupAsync(Stream package, Stream output, string name, string title, int columns, int rows,
        CancellationToken ct)
    {
        var lastColumn = ColumnName(columns);
        var lastRow = Math.Max(1, rows + 1);
        var escapedName = Escape(name.Replace("'", "''", StringComparison.Ordinal));
        using var source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        await using var writeOnly = new WriteOnlyStream(output);
        using (var target = new ZipArchive(writeOnly, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                await using var from = entry.Open();
                await using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                switch (entry.FullName)
                {
                    case SheetPart:
                        await CopySheetAsync(from, to,
                            """<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>""",
                            $"""<autoFilter ref="A1:{lastColumn}{lastRow}"/>""" +
                            """<printOptions horizontalCentered="1" gridLines="0"/>""" +
                            """<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>""" +
                            """<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="landscape"/>""" +
                            $"""<headerFooter><oddHeader>&amp;C{Escape(title)}</oddHeader><oddFooter>&amp;C第 &amp;P 页 / 共 &amp;N 页</oddFooter></headerFooter>""",
                            ct);
                        break;
                    case WorkbookPart:
                        string xml;
                        using (var reader = new StreamReader(from, Encoding.UTF8)) xml = await reader.ReadToEndAsync(ct);
                        var names =
                            $"""<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'{escapedName}'!$A$1:${lastColumn}${lastRow}</definedName>""" +
                            $"""<definedName name="_xlnm.Print_Titles" localSheetId="0">'{escapedName}'!$1:$1</definedName></definedNames>""" +
                            """<calcPr calcId="191029" fullCalcOnLoad="1"/>""";
                        var sheets = xml.IndexOf("</sheets>", StringComparison.Ordinal);
                        if (sheets < 0 || xml.Contains("<definedNames", StringComparison.Ordinal) || xml.Contains("<calcPr", StringComparison.Ordinal))
                            throw new InvalidOperationException("SpreadCheetah's workbook part is not laid out as expected");
                        xml = xml.Insert(sheets + "</sheets>".Length, names);
                        await to.WriteAsync(Encoding.UTF8.GetBytes(xml), ct);
                        break;
                    default:
                        await from.CopyToAsync(to, ct);
                        break;
                }
            }
        }
    }

    private static readonly byte[] WorksheetStart = "<worksheet"u8.ToArray(), WorksheetEnd = "</worksheet>"u8.ToArray();

    /// <summary>
    /// Streams the sheet part through: <paramref name="head"/> right after the worksheet's start tag (sheetPr comes
    /// first), <paramref name="tail"/> right before its end tag (after the sheet data, in schema order).
    /// </summary>
    private static async Task CopySheetAsync(Stream from, Stream to, string head, string tail, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        var held = 0; // bytes at the start of the buffer not yet written: the head until it is placed, then the last bytes
        var headWritten = false;
        while (true)
        {
            var read = await from.ReadAsync(buffer.AsMemory(held), ct);
            if (read == 0) break;
            held += read;
            if (!headWritten)
            {
                var start = buffer.AsSpan(0, held).IndexOf(WorksheetStart);
                var close = start < 0 ? -1 : buffer.AsSpan(start, held - start).IndexOf((byte)'>');
                if (close < 0)
                {
                    if (held == buffer.Length) throw new InvalidOperationException("no worksheet start tag in the sheet part");
                    continue;
                }
                var afterTag = start + close + 1;
                await to.WriteAsync(buffer.AsMemory(0, afterTag), ct);
                await to.WriteAsync(Encoding.UTF8.GetBytes(head), ct);
                Buffer.BlockCopy(buffer, afterTag, buffer, 0, held - afterTag);
                held -= afterTag;
                headWritten = true;
            }
            if (held > WorksheetEnd.Length)
            {
                var flush = held - WorksheetEnd.Length;
                await to.WriteAsync(buffer.AsMemory(0, flush), ct);
                Buffer.BlockCopy(buffer, flush, buffer, 0, WorksheetEnd.Length);
                held = WorksheetEnd.Length;
            }
        }
        if (!headWritten || !buffer.AsSpan(0, held).SequenceEqual(WorksheetEnd))
            throw new InvalidOperationException("SpreadCheetah's sheet part is not laid out as expected");
        await to.WriteAsync(Encoding.UTF8.GetBytes(tail), ct);
        await to.WriteAsync(WorksheetEnd, ct);
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(ReportText.CellXml(text));

    /// <summary>Hides reading and seeking from the zip writer, which then streams each part instead of buffering.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            _written += count;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            _written += buffer.Length;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            _written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Flush(); // the caller owns the underlying stream
            base.Dispose(disposing);
        }
    }
}
