using TradingOps.Core.Common;

namespace TradingOps.Core.Calendar;

public enum CalendarDayKind
{
    /// <summary>法定节假日: not worked even on Monday-Friday.</summary>
    Holiday,
    /// <summary>调休上班: worked even though it falls on a weekend.</summary>
    AdjustedWorkday,
}

/// <summary>One exception to the plain Monday-Friday week, maintained per year by admins.</summary>
public sealed class CalendarDay
{
    public const int NameMaxLength = 40;

    private CalendarDay() { Name = ""; }

    public CalendarDay(DateOnly date, CalendarDayKind kind, string name)
    {
        Date = date;
        Kind = kind;
        Name = Guard.Text(name, NameMaxLength, "节假日名称");
    }

    public DateOnly Date { get; private set; }
    public CalendarDayKind Kind { get; private set; }
    public string Name { get; private set; }

    public void Change(CalendarDayKind kind, string name)
    {
        Kind = kind;
        Name = Guard.Text(name, NameMaxLength, "节假日名称");
    }
}

/// <summary>A year whose official schedule (国务院办公厅通知) has been entered.</summary>
public sealed class CalendarYear
{
    public const int SourceMaxLength = 200;

    private CalendarYear() { Source = ""; }

    public CalendarYear(int year, string source)
    {
        Year = Guard.Range(year, 2000, 2100, "年份");
        Source = Guard.Text(source, SourceMaxLength, "依据");
    }

    public int Year { get; private set; }
    public string Source { get; private set; }

    public void ChangeSource(string source) => Source = Guard.Text(source, SourceMaxLength, "依据");
}
