using System.Globalization;
using ClosedXML.Excel;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Data.Floor;
using TradingOps.Web.Reports;

namespace TradingOps.Web.Venue;

/// <summary>One line of a day's sheet: a booking, or a room's outage (a desk hands both out).</summary>
public sealed record ScheduleLine(string RoomCode, string RoomName, string RoomType, DateTimeOffset From, DateTimeOffset Until,
    int? SetupMinutes, int? CleanupMinutes, string ProjectCode, string ProjectName, string Agency, string Purpose, int? Attendees, string Status);

/// <summary>
/// 场地周日程: the week's schedule as the desk hands it out, one sheet per day (Monday to Sunday, named "12-07 周一"),
/// each a list of the day's bookings and outages by room and time, formatted as the other workbooks (header style,
/// frozen header, filter, A4 landscape, fixed widths). No contact details: it is printed and passed around.
/// </summary>
public static class ScheduleWorkbook
{
    public const string Title = "场地周日程";

    private static readonly string[] Weekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    public static string SheetName(DateOnly day) => $"{day:MM-dd} {Weekdays[(int)day.DayOfWeek]}";

    public static string FileName(DateOnly monday) => $"{Title}_{monday:yyyy-MM-dd}.xlsx";

    public static SheetSpec<ScheduleLine> Spec(DateOnly day) => new(SheetName(day),
        $"{Title} {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Weekdays[(int)day.DayOfWeek]}",
    [
        new("场地编号", 9, CellKind.Text, r => r.RoomCode, TotalKind.Label),
        new("场地名称", 13, CellKind.Text, r => r.RoomName),
        new("场地类型", 11, CellKind.Text, r => r.RoomType),
        new("开始", 16, CellKind.DateTime, r => r.From),
        new("结束", 16, CellKind.DateTime, r => r.Until),
        new("布场（分钟）", 8, CellKind.Integer, r => r.SetupMinutes),
        new("清场（分钟）", 8, CellKind.Integer, r => r.CleanupMinutes),
        new("项目编号", 18, CellKind.Text, r => r.ProjectCode, TotalKind.Count),
        new("项目名称", 30, CellKind.Text, r => r.ProjectName),
        new("代理机构", 20, CellKind.Text, r => r.Agency),
        new("用途", 9, CellKind.Text, r => r.Purpose),
        new("人数", 7, CellKind.Integer, r => r.Attendees, TotalKind.Sum),
        new("状态", 9, CellKind.Text, r => r.Status),
    ]);

    /// <summary>The day's lines: every booking starting that day and every outage touching it, by room then time.</summary>
    public static IReadOnlyList<ScheduleLine> Lines(ScheduleSnapshot schedule, DateOnly day)
    {
        var (start, end) = CenterTime.DayBounds(day);
        var lines = new List<ScheduleLine>();
        foreach (var room in schedule.Rooms)
        {
            var type = ReportLabels.Of(room.Room.Type);
            lines.AddRange(room.Bookings.Where(b => b.StartsAt >= start && b.StartsAt < end).Select(b => new ScheduleLine(
                room.Room.Code, room.Room.Name, type, b.StartsAt, b.EndsAt, b.SetupMinutes, b.CleanupMinutes, b.ProjectCode, b.ProjectName,
                b.Agency ?? "自行组织", ReportLabels.Of(b.Purpose), b.Attendees, ReportLabels.Of(b.Status, b.Phase))));
            lines.AddRange(room.OutagesIn(start, end).Select(o => new ScheduleLine(
                room.Room.Code, room.Room.Name, type, o.From, o.EffectiveUntil, null, null, "—",
                o.WholeRoom ? $"停用：{o.Reason}" : $"{o.SeatsOut} 个评标工位停用：{o.Reason}", "—", "—", null, "停用")));
        }
        return lines.OrderBy(l => l.RoomCode, StringComparer.Ordinal).ThenBy(l => l.From).ToList();
    }

    /// <summary>The seven sheets of the week of <paramref name="schedule"/> (read with <see cref="ScheduleQueries.WeekAsync"/>).</summary>
    public static XLWorkbook Build(ScheduleSnapshot schedule)
    {
        var workbook = new XLWorkbook();
        foreach (var day in ScheduleGrid.WeekDays(schedule.From))
            FormattedWorkbook.AddSheet(workbook, Spec(day), Lines(schedule, day));
        return workbook;
    }

    public static int Count(ScheduleSnapshot schedule) => ScheduleGrid.WeekDays(schedule.From).Sum(d => Lines(schedule, d).Count);
}
