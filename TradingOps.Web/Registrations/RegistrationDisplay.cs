using Microsoft.Extensions.Localization;
using MudBlazor;
using TradingOps.Core.Calendar;
using TradingOps.Core.Registrations;

namespace TradingOps.Web.Registrations;

/// <summary>How the desk shows deadlines: office time left (or overdue by plain time), colour by urgency.</summary>
public static class RegistrationDisplay
{
    public static string Countdown(DateTimeOffset? dueAt, DateTimeOffset now, WorkdayCalendar calendar, IStringLocalizer<RegistrationResource> r)
    {
        if (dueAt is not { } due) return "—";
        return now >= due
            ? r["Countdown.Overdue", Duration(due - now, r)]
            : r["Countdown.Left", Duration(calendar.WorkingTimeBetween(now, due), r)];
    }

    public static string Duration(TimeSpan span, IStringLocalizer<RegistrationResource> r)
    {
        span = span.Duration();
        var hours = (int)span.TotalHours;
        return hours > 0 ? r["Duration.HoursMinutes", hours, span.Minutes] : r["Duration.Minutes", Math.Max(span.Minutes, span.Seconds > 0 ? 1 : 0)];
    }

    public static Color ColorOf(RegistrationUrgency urgency) => urgency switch
    {
        RegistrationUrgency.Overdue => Color.Error,
        RegistrationUrgency.DueSoon => Color.Warning,
        RegistrationUrgency.Fresh => Color.Success,
        _ => Color.Default,
    };

    public static Color ColorOf(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Submitted or RegistrationStatus.Resubmitted => Color.Info,
        RegistrationStatus.InReview => Color.Primary,
        RegistrationStatus.Returned => Color.Dark,
        RegistrationStatus.Accepted => Color.Success,
        _ => Color.Dark,
    };
}
