using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>
/// One draw result the provincial extraction terminal (a paired <c>DrawTerminal</c>) sent: the terminal's request id
/// is unique per device (unique index), so a replayed call is recognised and refused, whichever node it reaches. Points
/// at the records the import made: the session's request and the <see cref="DrawRoundKind.ProvincialImport"/> round.
/// </summary>
public sealed class DrawImport : Entity
{
    public const int ExternalIdMaxLength = 100;
    public const int DrawNoMaxLength = 60;

    private DrawImport() { ExternalRequestId = ProvincialDrawNo = ""; }

    public DrawImport(Guid deviceId, string externalRequestId, Guid bookingId, Guid drawRequestId, Guid roundId, string provincialDrawNo,
        int members, DateTimeOffset at)
    {
        DeviceId = deviceId;
        ExternalRequestId = Guard.Text(externalRequestId, ExternalIdMaxLength, "请求编号");
        BookingId = bookingId;
        DrawRequestId = drawRequestId;
        RoundId = roundId;
        ProvincialDrawNo = Guard.Text(provincialDrawNo, DrawNoMaxLength, "省级抽取编号");
        Members = members;
        At = at.ToUniversalTime();
    }

    public Guid DeviceId { get; private set; }
    /// <summary>The terminal's own id of the call (its idempotency key).</summary>
    public string ExternalRequestId { get; private set; }
    public Guid BookingId { get; private set; }
    public Guid DrawRequestId { get; private set; }
    public Guid RoundId { get; private set; }
    public string ProvincialDrawNo { get; private set; }
    public int Members { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>One expert of a provincial draw result, as the terminal sends it (plain identity: protected at once).</summary>
public sealed record ProvincialDrawMember(string? Name, string? IdNumber, string? Phone, string? SpecialtyCode, string? Employer, string? Region);

/// <summary>A draw result of the provincial system, as the terminal sends it.</summary>
public sealed record ProvincialDrawResult(string? RequestId, Guid? BookingId, string? ProvincialDrawNo, DateTimeOffset? DrawnAt,
    string? Operator, string? Confirmer, IReadOnlyList<ProvincialDrawMember?>? Members, string? Initiator = null);

/// <summary>A checked member of a provincial draw: identity protected, specialty and employer cleaned.</summary>
public sealed record CheckedDrawMember(int Index, ProtectedIdentity Identity, string SpecialtyCode, string Employer, string Region);

/// <summary>
/// The rules of a provincial draw result, before anything is stored: every field checked and named when wrong (the
/// terminal's field names: <c>members[2].idNumber</c>), identities validated by checksum and protected, the same person
/// twice in one result refused, and at most <see cref="DrawQuota.MaxPerSpecialty"/> experts of one specialty.
/// </summary>
public static class ProvincialDraw
{
    public const int MaxMembers = 60;

    public static (IReadOnlyList<CheckedDrawMember> Members, IReadOnlyDictionary<string, string[]> Errors) Check(
        ProvincialDrawResult body, IIdentityProtector protector, IReadOnlyCollection<string> specialties, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) { if (!errors.ContainsKey(field)) errors[field] = [message]; }

        Text(body.RequestId, DrawImport.ExternalIdMaxLength, "requestId", "请求编号", Error);
        if (body.BookingId is null || body.BookingId == Guid.Empty) Error("bookingId", "须提供评标场次（预约）编号");
        Text(body.ProvincialDrawNo, DrawImport.DrawNoMaxLength, "provincialDrawNo", "省级抽取编号", Error);
        Text(body.Operator, 256, "operator", "抽取操作员", Error);
        Text(body.Confirmer, 256, "confirmer", "抽取确认人", Error);
        if (!PlainText.IsBlank(body.Operator) && string.Equals(PlainText.Clean(body.Operator), PlainText.Clean(body.Confirmer), StringComparison.OrdinalIgnoreCase))
            Error("confirmer", "抽取须由两人完成：确认人不能是操作员本人");
        if (body.DrawnAt is null) Error("drawnAt", "须提供抽取时间");
        else if (body.DrawnAt > now.AddMinutes(5)) Error("drawnAt", "抽取时间不能晚于当前时间");
        if (body.Initiator is not null) Text(body.Initiator, 100, "initiator", "招标人", Error);

        var checkedMembers = new List<CheckedDrawMember>();
        var members = body.Members ?? [];
        if (members.Count == 0) Error("members", "抽取结果中没有专家");
        if (members.Count > MaxMembers) Error("members", $"一次导入最多 {MaxMembers} 位专家");
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < members.Count && members.Count <= MaxMembers; i++)
        {
            var m = members[i];
            var at = $"members[{i}]";
            if (m is null) { Error(at, "专家信息为空"); continue; }
            var before = errors.Count;
            Text(m.Name, ProtectedIdentity.NameMaxLength, $"{at}.name", "姓名", Error);
            var id = IdNumber.Normalize(m.IdNumber, out var idError, today);
            if (id is null) Error($"{at}.idNumber", idError ?? "身份证号无效");
            if (PlainText.IsBlank(m.Phone)) Error($"{at}.phone", "须提供手机号码（确认通知需要）");
            else if (PhoneNumber.Normalize(m.Phone, out var phoneError) is null) Error($"{at}.phone", phoneError ?? "手机号码无效");
            var code = PlainText.Clean(m.SpecialtyCode)?.ToUpperInvariant();
            if (string.IsNullOrEmpty(code)) Error($"{at}.specialtyCode", "须提供评标专业代码");
            else if (!specialties.Contains(code, StringComparer.OrdinalIgnoreCase))
                Error($"{at}.specialtyCode", $"评标专业代码“{PlainText.Truncate(code, 20)}”不在专业目录中");
            Text(m.Employer, Expert.EmployerMaxLength, $"{at}.employer", "工作单位", Error);
            Text(m.Region, Expert.RegionMaxLength, $"{at}.region", "所在地区", Error);
            if (errors.Count > before) continue;
            var identity = ProtectedIdentity.Of(protector, m.Name, id, m.Phone, today);
            if (seen.TryGetValue(identity.IdFingerprint, out var first))
            {
                Error($"{at}.idNumber", $"与第 {first + 1} 位专家的身份证号相同（{identity.IdMasked}）");
                continue;
            }
            seen[identity.IdFingerprint] = i;
            checkedMembers.Add(new CheckedDrawMember(i, identity, code!, PlainText.Clean(m.Employer)!, PlainText.Clean(m.Region)!));
        }
        foreach (var group in checkedMembers.GroupBy(m => m.SpecialtyCode).Where(g => g.Count() > DrawQuota.MaxPerSpecialty))
            Error("members", $"专业 {group.Key} 的专家超过 {DrawQuota.MaxPerSpecialty} 位");
        return (errors.Count == 0 ? checkedMembers : [], errors);
    }

    /// <summary>The round's candidate list: the imported codes, sorted, as JSON, and its SHA-256 (lowercase hex).</summary>
    public static (string Json, string Hash) Candidates(IEnumerable<string> expertCodes)
    {
        var json = JsonSerializer.Serialize(expertCodes.Order(StringComparer.Ordinal).ToList());
        return (json, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
    }

    /// <summary>What the round records as its reason: the provincial draw number, which a reviewer looks up there.</summary>
    public static string Reason(string provincialDrawNo) => $"省级抽取编号 {provincialDrawNo}";

    private static void Text(string? value, int max, string field, string label, Action<string, string> error)
    {
        var clean = PlainText.Clean(value);
        if (string.IsNullOrEmpty(clean)) error(field, $"须提供{label}");
        else if (clean.Length > max) error(field, $"{label}不能超过 {max} 个字符");
    }
}
