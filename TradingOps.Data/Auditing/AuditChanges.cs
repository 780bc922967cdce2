using System.Text.Json;

namespace TradingOps.Data.Auditing;

/// <summary>One field of an audit entry: its value before and after (null where the action has no such side).</summary>
public sealed record AuditFieldChange(string Field, string? Before, string? After);

/// <summary>
/// Reads the changes <see cref="AuditInterceptor"/> writes ({"Field":{"old":…,"new":…}}) back as one line per field, for
/// the audit page's 字段 | 修改前 | 修改后 table and its export. Anything else (a named action's details) gives none.
/// </summary>
public static class AuditChanges
{
    /// <summary>The fields that name a record, in the order they are tried for its display name.</summary>
    public static readonly IReadOnlyList<string> NamingFields = ["ProjectCode", "Code", "Number", "UserName", "Name", "Title"];

    public static IReadOnlyList<AuditFieldChange> Parse(string changes)
    {
        if (string.IsNullOrWhiteSpace(changes) || changes[0] != '{') return [];
        try
        {
            using var doc = JsonDocument.Parse(changes);
            var fields = new List<AuditFieldChange>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Object) return [];
                var hasOld = p.Value.TryGetProperty("old", out var old);
                var hasNew = p.Value.TryGetProperty("new", out var @new);
                if (!hasOld && !hasNew)
                {
                    if (p.Value.TryGetProperty("size", out var size)) fields.Add(new(p.Name, null, size.ValueKind == JsonValueKind.Number ? $"{size} B" : null));
                    else return [];
                    continue;
                }
                fields.Add(new(p.Name, hasOld ? Text(old) : null, hasNew ? Text(@new) : null));
            }
            return fields;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The record's name as its own changes give it (an added or deleted row carries every field), or null.</summary>
    public static string? NameFrom(IReadOnlyList<AuditFieldChange> fields)
    {
        foreach (var naming in NamingFields)
            if (fields.FirstOrDefault(f => f.Field == naming) is { } f && (f.After ?? f.Before) is { Length: > 0 } value)
                return value;
        return null;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString() is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var at) && s.Length >= 19 && s[10] == 'T'
            ? Core.Common.CenterTime.ToLocal(at).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            : value.GetString(),
        _ => value.GetRawText(),
    };
}
