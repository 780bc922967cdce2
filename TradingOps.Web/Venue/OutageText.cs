using System.Globalization;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Data.Identity;

namespace TradingOps.Web.Venue;

/// <summary>What the outage pages say in the user's language, and who may act on them.</summary>
public static class OutageText
{
    /// <summary>Staff, duty managers and admins take rooms out of service and accept proposals; supervisors read.</summary>
    public static readonly string[] ActingRoles = [Roles.Staff, Roles.DutyManager, Roles.Admin];

    public static bool MayAct(System.Security.Claims.ClaimsPrincipal? user) => user is not null && ActingRoles.Any(user.IsInRole);

    /// <summary>A refusal: the rule's own Chinese message, or in English the translation of its code (the message when none).</summary>
    public static string Error(IStringLocalizer localizer, DomainException error)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh") return error.Message;
        var text = localizer[$"Error.{error.Code}"];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>"2026-12-11 09:00-11:30" in center time (the end's date added when it is another day).</summary>
    public static string Slot(DateTimeOffset start, DateTimeOffset end) => Core.Notifications.BookingNotices.Slot(start, end);

    /// <summary>Parses "yyyy-MM-dd HH:mm" (or the picker's "yyyy-MM-ddTHH:mm") as center time.</summary>
    public static DateTimeOffset? ParseLocal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] formats = ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-M-d H:mm"];
        if (!DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        return CenterTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    public static string KindKey(ProposalKind kind) => $"Proposal.Kind.{kind}";
}
