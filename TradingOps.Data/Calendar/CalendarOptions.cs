using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Data.Calendar;

/// <summary>Section "Calendar".</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>Office periods of a working day, center local time.</summary>
    public string OfficeHours { get; set; } = Core.Calendar.OfficeHours.DefaultText;

    public bool TryParse(out OfficeHours hours)
    {
        try
        {
            hours = Core.Calendar.OfficeHours.Parse(OfficeHours);
            return true;
        }
        catch (DomainException)
        {
            hours = Core.Calendar.OfficeHours.Default;
            return false;
        }
    }
}
