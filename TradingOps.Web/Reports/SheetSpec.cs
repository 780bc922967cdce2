namespace TradingOps.Web.Reports;

public enum CellKind { Text, Integer, Money, Percent, DateTime, Date, Decimal }

public enum TotalKind { None, Label, Count, Sum }

/// <summary>One column of a report sheet: Chinese header, width, format, how to read a value, how to total it.</summary>
public sealed record Column<T>(string Header, double Width, CellKind Kind, Func<T, object?> Value, TotalKind Total = TotalKind.None);

/// <summary>A sheet of rows of <typeparamref name="T"/>: written alike by the formatted and the streaming writer.</summary>
public sealed record SheetSpec<T>(string Name, string Title, IReadOnlyList<Column<T>> Columns)
{
    /// <summary>Excel number formats shared by both writers.</summary>
    public static string Format(CellKind kind) => kind switch
    {
        CellKind.Integer => "#,##0",
        CellKind.Money => "#,##0.00",
        CellKind.Percent => "0.0%",
        CellKind.DateTime => "yyyy-mm-dd hh:mm",
        CellKind.Date => "yyyy-mm-dd",
        CellKind.Decimal => "#,##0.0",
        _ => "@",
    };

    public const string TotalLabel = "合计";
}
