using ClosedXML.Excel;

namespace TradingOps.Web.Reports;

/// <summary>
/// Workbooks supervisors forward as they are (ClosedXML): Chinese sheet names and headers, frozen header row,
/// autofilter, number/date/percent formats, a totals row, landscape fit-to-width printing without gridlines, fixed column widths
/// (AdjustToContents needs System.Drawing, absent on Linux servers).
/// </summary>
public static class FormattedWorkbook
{
    public static IXLWorksheet AddSheet<T>(XLWorkbook workbook, SheetSpec<T> spec, IEnumerable<T> rows)
    {
        var sheet = workbook.Worksheets.Add(spec.Name);
        var columns = spec.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            var header = sheet.Cell(1, c + 1);
            header.Value = columns[c].Header;
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
                    case TotalKind.Label: cell.Value = SheetSpec<T>.TotalLabel; break;
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
