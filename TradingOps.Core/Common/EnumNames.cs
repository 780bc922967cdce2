namespace TradingOps.Core.Common;

/// <summary>
/// Reading an enum from text as people and API clients send it: exactly one declared name (any case). The
/// framework's parser also takes "Engineering,GovernmentProcurement" (it ORs the values, so a combination of two
/// choices silently becomes a third or one of them) and digits ("3"); neither names one choice, both are refused.
/// </summary>
public static class EnumNames
{
    public static bool TryParseSingle<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var name = PlainText.Clean(text);
        if (name is null) return false;
        foreach (var declared in Enum.GetNames<T>())
            if (string.Equals(declared, name, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse<T>(declared);
                return true;
            }
        return false;
    }
}
