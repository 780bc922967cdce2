using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using TradingOps.Core.Common;

namespace TradingOps.Web.Reports;

/// <summary>
/// Detail sheets of any length with bounded memory: rows are written one at a time through the OpenXML SAX
/// writer (inline strings, no shared-string table, nothing held per row), with the same headers, formats,
/// frozen header, autofilter, totals row (bold, ruled, with computed values) and print setup (landscape, one page
/// wide, header row repeated, no printed gridlines) as the formatted writer.
/// </summary>
public static class StreamingWorkbook
{
    // Style indexes in the stylesheet below: body styles, then the same formats bold with a rule above for totals.
    private const uint Header = 1, Integer = 2, Money = 3, Percent = 4, DateTimeStyle = 5, DateStyle = 6, DecimalStyle = 7;
    private const uint TotalOffset = 7;

    /// <summary>
    /// The file's column width counts the cell padding as well as the characters; ClosedXML adds it on save, so
    /// it is added here too and both writers show a column of the same width.
    /// </summary>
    private const double CellPadding = 0.710625; // text 0 → 8 (bold label), Integer 2 → 9, ... Decimal 7 → 14

    public static async Task<int> WriteAsync<T>(Stream output, SheetSpec<T> spec, IAsyncEnumerable<T> rows, CancellationToken ct = default)
    {
        // An .xlsx is a zip of XML parts. The packaging layer (and so the SDK's document classes) keeps every
        // part in memory until the end; a zip in create mode over a write-only stream compresses each part
        // straight to the output. So the parts are written here, the sheet through the SDK's SAX writer.
        await using var writeOnly = new WriteOnlyStream(output);
        using var zip = new ZipArchive(writeOnly, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", ContentTypes);
        Part(zip, "_rels/.rels", RootRelationships);
        Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships);
        Part(zip, "xl/styles.xml", Styles().OuterXml);

        var columns = spec.Columns;
        var count = 0;
        await using (var sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
        using (var w = OpenXmlWriter.Create(sheetStream))
        {
            w.WriteStartDocument(true);
            w.WriteStartElement(new Worksheet());
            w.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
            w.WriteElement(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 }));
            w.WriteStartElement(new Columns());
            for (var c = 0; c < columns.Count; c++)
                w.WriteElement(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = columns[c].Width + CellPadding, CustomWidth = true });
            w.WriteEndElement();

            w.WriteStartElement(new SheetData());
            WriteRow(w, 1, columns.Select(c => (object?)c.Header).ToList(), columns.Select(_ => Header).ToList());
            var styles = columns.Select(c => StyleOf(c.Kind)).ToList();
            var values = new List<object?>(columns.Count);
            // Totals are written as formulas with their values already computed, so a viewer that does not
            // recalculate (previews, mail clients) shows the right figures too.
            var sums = new decimal[columns.Count];
            var filled = new int[columns.Count];
            await foreach (var row in rows.WithCancellation(ct))
            {
                values.Clear();
                foreach (var column in columns) values.Add(column.Value(row));
                WriteRow(w, (uint)count + 2, values, styles);
                for (var c = 0; c < values.Count; c++)
                {
                    if (values[c] is null) continue;
                    filled[c]++;
                    if (columns[c].Total == TotalKind.Sum) sums[c] += Numeric(values[c]!);
                }
                count++;
            }
            var last = count + 1;
            if (columns.Any(c => c.Total != TotalKind.None))
                WriteTotals(w, (uint)last + 1, columns, last, sums, filled);
            w.WriteEndElement(); // sheetData

            w.WriteElement(new AutoFilter { Reference = $"A1:{ColumnName(columns.Count)}{Math.Max(1, last)}" });
            w.WriteElement(new PrintOptions { GridLines = false, HorizontalCentered = true });
            w.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
            w.WriteElement(new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9, FitToWidth = 1, FitToHeight = 0 });
            w.WriteElement(new HeaderFooter(new OddHeader($"&C{spec.Title}"), new OddFooter("&C第 &P 页 / 共 &N 页")));
            w.WriteEndElement(); // worksheet
        }

        var workbook = new Workbook(
            new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = spec.Name }),
            new DefinedNames(
                new DefinedName($"'{spec.Name}'!$A$1:${ColumnName(columns.Count)}${Math.Max(1, count + 1)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true },
                new DefinedName($"'{spec.Name}'!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }),
            new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
        workbook.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        Part(zip, "xl/workbook.xml", workbook.OuterXml);
        return count;
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new System.Text.UTF8Encoding(false));
        if (!xml.StartsWith("<?xml", StringComparison.Ordinal)) writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        writer.Write(xml);
    }

    private const string ContentTypes =
        """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
        """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""" +
        """<Default Extension="xml" ContentType="application/xml"/>""" +
        """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
        """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""" +
        """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""" +
        """</Types>""";

    private const string RootRelationships =
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>""" +
        """</Relationships>""";

    private const string WorkbookRelationships =
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>""" +
        """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""" +
        """</Relationships>""";

    private static void WriteRow(OpenXmlWriter w, uint index, IReadOnlyList<object?> values, IReadOnlyList<uint> styles)
    {
        w.WriteStartElement(new Row { RowIndex = index });
        for (var c = 0; c < values.Count; c++)
        {
            var reference = ColumnName(c + 1) + index;
            switch (values[c])
            {
                case null:
                    break;
                case string text:
                    w.WriteElement(new Cell(new InlineString(new Text(ReportText.CellXml(text)) { Space = SpaceProcessingModeValues.Preserve }))
                        { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = styles[c] });
                    break;
                default:
                    w.WriteElement(new Cell(new CellValue(Number(values[c]!))) { CellReference = reference, StyleIndex = styles[c] });
                    break;
            }
        }
        w.WriteEndElement();
    }

    private static void WriteTotals<T>(OpenXmlWriter w, uint index, IReadOnlyList<Column<T>> columns, int lastDataRow,
        IReadOnlyList<decimal> sums, IReadOnlyList<int> filled)
    {
        w.WriteStartElement(new Row { RowIndex = index });
        for (var c = 0; c < columns.Count; c++)
        {
            var letter = ColumnName(c + 1);
            var reference = letter + index;
            var range = $"{letter}2:{letter}{lastDataRow}";
            var style = StyleOf(columns[c].Kind) + TotalOffset;
            switch (columns[c].Total)
            {
                case TotalKind.Label:
                    w.WriteElement(new Cell(new InlineString(new Text(SheetSpec<T>.TotalLabel))) { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = TotalOffset + 1 });
                    break;
                case TotalKind.Count:
                    w.WriteElement(new Cell(new CellFormula(lastDataRow >= 2 ? $"COUNTA({range})" : "0"), new CellValue(Number(filled[c])))
                        { CellReference = reference, StyleIndex = Integer + TotalOffset });
                    break;
                case TotalKind.Sum:
                    w.WriteElement(new Cell(new CellFormula(lastDataRow >= 2 ? $"SUM({range})" : "0"), new CellValue(Number(sums[c])))
                        { CellReference = reference, StyleIndex = style });
                    break;
                default:
                    w.WriteElement(new Cell { CellReference = reference, StyleIndex = TotalOffset + 1 }); // the rule runs across the row
                    break;
            }
        }
        w.WriteEndElement();
    }

    private static decimal Numeric(object value) => value switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        double d => (decimal)d,
        float f => (decimal)f,
        _ => 0m,
    };

    private static string Number(object value) => value switch
    {
        DateTimeOffset instant => CenterTime.ToLocal(instant).DateTime.ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateOnly date => date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static uint StyleOf(CellKind kind) => kind switch
    {
        CellKind.Integer => Integer,
        CellKind.Money => Money,
        CellKind.Percent => Percent,
        CellKind.DateTime => DateTimeStyle,
        CellKind.Date => DateStyle,
        CellKind.Decimal => DecimalStyle,
        _ => 0,
    };

    public static string ColumnName(int index)
    {
        var name = "";
        for (; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    private static Stylesheet Styles()
    {
        // Body formats by style index 2..7; each again as 9..14, bold with a thin rule above, for the totals row.
        uint[] numberFormats = [3, 4, 166, 164, 165, 167];
        var formats = new List<CellFormat>
        {
            new(),                                                                              // 0 text
            new() { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true,
                Alignment = new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true },
                ApplyAlignment = true },                                                        // 1 header
        };
        formats.AddRange(numberFormats.Select(id => new CellFormat { NumberFormatId = id, ApplyNumberFormat = true }));
        formats.Add(new CellFormat { FontId = 1, BorderId = 2, ApplyFont = true, ApplyBorder = true }); // 8 totals label / blank cell
        formats.AddRange(numberFormats.Select(id => new CellFormat
            { NumberFormatId = id, FontId = 1, BorderId = 2, ApplyNumberFormat = true, ApplyFont = true, ApplyBorder = true }));
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = SheetSpec<object>.Format(CellKind.DateTime) },
                new NumberingFormat { NumberFormatId = 165, FormatCode = SheetSpec<object>.Format(CellKind.Date) },
                new NumberingFormat { NumberFormatId = 166, FormatCode = SheetSpec<object>.Format(CellKind.Percent) },
                new NumberingFormat { NumberFormatId = 167, FormatCode = SheetSpec<object>.Format(CellKind.Decimal) }) { Count = 4 },
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDCE6F1" }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(new Border(), new Border(), Rule()) { Count = 3 },
            new CellFormats(formats) { Count = (uint)formats.Count });
    }

    /// <summary>The thin line above the totals.</summary>
    private static Border Rule() => new(
        new LeftBorder(), new RightBorder(), new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
        new BottomBorder(), new DiagonalBorder());

    /// <summary>Hides reading and seeking from the packaging layer, which then streams instead of buffering.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
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

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Flush(); // the caller owns the underlying stream
            base.Dispose(disposing);
        }
    }
}
