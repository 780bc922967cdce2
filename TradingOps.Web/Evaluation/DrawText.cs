using System.Globalization;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Common;

namespace TradingOps.Web.Evaluation;

/// <summary>What the draw pages say in the user's language.</summary>
public static class DrawText
{
    /// <summary>A refusal: the rule's own Chinese message, or in English the translation of its code (the message when none).</summary>
    public static string Error(IStringLocalizer localizer, DomainException error)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh") return error.Message;
        var text = localizer[$"Error.{error.Code}"];
        return text.ResourceNotFound ? error.Message : text.Value;
    }
}
