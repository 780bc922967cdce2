using System.Globalization;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;

namespace TradingOps.Web.Registrations;

/// <summary>The window form's fields as typed (times as datetime-local text in center time).</summary>
public sealed class RegistrationForm
{
    public string? ProjectName { get; set; }
    public TradingCategory? Category { get; set; }
    public TradingMethod? Method { get; set; }
    public string? Initiator { get; set; }
    public string? Agency { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactIdNumber { get; set; }
    public decimal? Amount { get; set; }
    public string? BidOpeningAt { get; set; }
    public HashSet<string> Materials { get; } = [];
    public Guid? RoomId { get; set; }
    public string? SlotStart { get; set; }
    public string? SlotEnd { get; set; }
    public string? SlotPurpose { get; set; } = "开标";
    public string? GreenChannelReason { get; set; }

    /// <summary>The draft, plus messages for times that could not be read.</summary>
    public (RegistrationDraft Draft, Dictionary<string, string[]> ParseErrors) ToDraft()
    {
        var errors = new Dictionary<string, string[]>();
        DateTimeOffset? Time(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return CenterTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
            errors[field] = ["时间格式不正确"];
            return null;
        }
        var draft = new RegistrationDraft
        {
            ProjectName = ProjectName, Category = Category, Method = Method, Initiator = Initiator, Agency = Agency,
            ContactName = ContactName, ContactPhone = ContactPhone, ContactIdNumber = ContactIdNumber, Amount = Amount,
            BidOpeningAt = Time(BidOpeningAt, "bidOpeningAt"),
            Materials = Materials.ToList(),
            Slots = RoomId is null ? [] : [new SlotDraft(RoomId, Time(SlotStart, "slots[0].start"), Time(SlotEnd, "slots[0].end"), SlotPurpose)],
            GreenChannelReason = GreenChannelReason,
        };
        return (draft, errors);
    }
}
