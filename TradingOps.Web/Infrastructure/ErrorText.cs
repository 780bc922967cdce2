using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using TradingOps.Core.Common;

namespace TradingOps.Web;

/// <summary>Marker for the refusals' texts: Resources/ErrorResource.resx (Chinese) and .en.resx, keyed "Error.{code}".</summary>
public sealed class ErrorResource;

/// <summary>
/// A refusal as the person reads it: the rule's own Chinese message, or in English the translation of its code
/// (ErrorResource.en.resx, the DrawText.Error pattern for every page). The checks every form shares (a field required,
/// too long, out of range) read in English with the field's English name; a code with no translation yet keeps its message.
/// </summary>
public static partial class ErrorText
{
    private static readonly ResourceManager Texts = new("TradingOps.Web.Resources.ErrorResource", typeof(ErrorText).Assembly);

    public static string Text(this DomainException error)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (culture.TwoLetterISOLanguageName == "zh") return error.Message;
        var english = Texts.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false);
        if (english?.GetString($"Error.{error.Code}") is { } text) return text;
        var cut = error.Code.LastIndexOf('.');
        if (cut > 0 && english?.GetString($"Guard.{error.Code[(cut + 1)..]}") is { } guard)
        {
            var field = error.Code[..cut];
            var name = english.GetString($"Field.{field}") ?? field;
            var numbers = Numbers().Matches(error.Message).Select(m => (object)m.Value);
            return string.Format(CultureInfo.InvariantCulture, guard, [name, .. numbers]);
        }
        return error.Message;
    }

    /// <summary>A page's own refusal (no rule behind it): its Chinese message, or in English the translation of its code.</summary>
    public static string Of(string code, string chineseMessage) => new DomainException(code, chineseMessage).Text();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}
