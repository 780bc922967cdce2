using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;

namespace TradingOps.Web.Reports;

/// <summary>
/// Workbooks supervisors forward as they are (ClosedXML): Chinese sheet names and headers, frozen header row,
/// autofilter, number/date/percent formats, a totals row, landscape fit-to-width printing without gridlines, fixed column widths
/// (AdjustToContents needs System.Drawing, absent on Linux servers).
/// </summary>
public static partial class FormattedWorkbook
{
    /// <summary>
    /// Saves the workbook. ClosedXML 0.95.4 writes each half of a character outside the Basic Multilingual Plane
    /// (𠮷, rare characters of names and place names) as an escape (_xD842__xDFB7_) that Excel shows literally;
    /// here the saved parts get the characters themselves, as the streaming writer writes them. A literal
    /// "_xD842_" typed by a user is saved escaped by ClosedXML (_x005F_xD842_) and stays as it is.
    /// </summary>
    public static void Save(XLWorkbook workbook, Stream output)
    {
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        using (var package = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in package.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal)
                                                              && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList())
            {
                string xml;
                using (var reader = new StreamReader(entry.Open(), Encoding.UTF8)) xml = reader.ReadToEnd();
                var fixedXml = SurrogateEscape().Replace(xml, m => string.Concat(
                    (char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16)));
                if (ReferenceEquals(fixedXml, xml) || fixedXml == xml) continue;
                var name = entry.FullName;
                entry.Delete();
                using var writer = new StreamWriter(package.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(fixedXml);
            }
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>An escaped high surrogate followed by an escaped low surrogate, not itself an escaped "_x" (_x005F_).</summary>
    [GeneratedRegex("(?<!_x005F)_x(D[89AB][0-9A-F]{2})__x(D[C-F][0-9A-F]{2})_", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SurrogateEscape();

    public static IXLWorksheet AddSheet<T>(XLWorkbook workbook, SheetSpec<T> spec, IEnumerable<T> rows)
    {
        var sheet = workbook.Worksheets.Add(spec.Name);
        var columns = spec.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            var header = sheet.Cell(1, c + 1);
            header.Value = columns[c].PrintedHeader;
            sheet.Column(c + 1).Width = columns[c].Width;
        }
        var headerRange = sheet.Range(1, 1, 1, columns.Count);
        headerRange.Style.Font.Bold = true;
        headerRange.Style.Fill.BackgroundColor = XLColor.FromHtml("#DCE6F1");
        headerRange.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        headerRange.Style.Alignment.WrapText = true;

        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Count; c++)
                SetValue(sheet.Cell(r, c + 1), columns[c].Value(row));
            r++;
        }
        var lastDataRow = r - 1;
        for (var c = 0; c < columns.Count; c++)
            if (columns[c].Kind != CellKind.Text)
                sheet.Column(c + 1).Style.NumberFormat.Format = SheetSpec<T>.Format(columns[c].Kind);

        if (columns.Any(c => c.Total != TotalKind.None))
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                var letter = cell.Address.ColumnLetter;
                switch (columns[c].Total)
                {
                    case TotalKind.Label: cell.Value = WorkbookText.Of(SheetSpec<T>.TotalLabel); break;
                    case TotalKind.Count: cell.FormulaA1 = lastDataRow >= 2 ? $"COUNTA({letter}2:{letter}{lastDataRow})" : "0"; break;
                    case TotalKind.Sum: cell.FormulaA1 = lastDataRow >= 2 ? $"SUM({letter}2:{letter}{lastDataRow})" : "0"; break;
                }
            }
            var totals = sheet.Range(r, 1, r, columns.Count);
            totals.Style.Font.Bold = true;
            totals.Style.Border.TopBorder = XLBorderStyleValues.Thin;
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(1, lastDataRow), columns.Count).SetAutoFilter();
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0); // one page wide, as many tall as needed
        sheet.PageSetup.SetRowsToRepeatAtTop(1, 1);
        sheet.PageSetup.ShowGridlines = false; // printed without the screen's grid: header fill and totals rule carry the layout
        sheet.PageSetup.Header.Center.AddText(spec.Title);
        sheet.PageSetup.Footer.Center.AddText("第 &P 页 / 共 &N 页");
        return sheet;
    }

    private static void SetValue(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null: break;
            case DateTimeOffset instant: cell.Value = Core.Common.CenterTime.ToLocal(instant).DateTime; break;
            case DateOnly date: cell.Value = date.ToDateTime(TimeOnly.MinValue); break;
            case decimal d: cell.Value = d; break;
            case double d: cell.Value = d; break;
            case int i: cell.Value = i; break;
            case long l: cell.Value = l; break;
            default: cell.SetValue(value.ToString()); break; // text stays text (codes like 00123 keep their zeros)
        }
    }
}
