namespace TradingOps.Core.Common;

/// <summary>
/// A rule of the domain was broken. <see cref="Code"/> is a stable key the UI localizes;
/// the message is the Chinese default shown when no translation exists.
/// </summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

internal static class Guard
{
    public static string Text(string? value, int maxLength, string field)
    {
        var trimmed = PlainText.Clean(value);
        if (string.IsNullOrEmpty(trimmed))
            throw new DomainException($"{field}.Required", $"{field} 不能为空");
        if (trimmed.Length > maxLength)
            throw new DomainException($"{field}.TooLong", $"{field} 不能超过 {maxLength} 个字符");
        return trimmed;
    }

    public static string? OptionalText(string? value, int maxLength, string field)
    {
        var trimmed = PlainText.Clean(value);
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > maxLength)
            throw new DomainException($"{field}.TooLong", $"{field} 不能超过 {maxLength} 个字符");
        return trimmed;
    }

    public static int Range(int value, int min, int max, string field)
    {
        if (value < min || value > max)
            throw new DomainException($"{field}.OutOfRange", $"{field} 必须在 {min} 到 {max} 之间");
        return value;
    }
}
