using TradingOps.Core.Common;
using TradingOps.Core.Projects;

namespace TradingOps.Core.Registrations;

/// <summary>A requested room and time as typed in a form or sent to the API (not yet validated).</summary>
public sealed record SlotDraft(Guid? RoomId, DateTimeOffset? Start, DateTimeOffset? End, string? Purpose);

/// <summary>
/// What a window clerk types or the API receives before it becomes a <see cref="Registration"/>.
/// <see cref="Validate"/> gives field-level Chinese messages keyed by the API's (camelCase) field names,
/// so the form and the API say the same thing.
/// </summary>
public sealed record RegistrationDraft
{
    public string? ProjectName { get; init; }
    public TradingCategory? Category { get; init; }
    public TradingMethod? Method { get; init; }
    public string? Initiator { get; init; }
    public string? Agency { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? ContactIdNumber { get; init; }
    public decimal? Amount { get; init; }
    public DateTimeOffset? BidOpeningAt { get; init; }
    public IReadOnlyList<string> Materials { get; init; } = [];
    public IReadOnlyList<SlotDraft> Slots { get; init; } = [];
    public string? GreenChannelReason { get; init; }

    public const decimal MaxAmount = TradingProject.MaxAmount;

    /// <summary>Field → messages; empty when the draft can be registered.</summary>
    public Dictionary<string, string[]> Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }
        void Text(string field, string? value, string label, int max, bool required)
        {
            // Spaces, zero-width and no-break spaces alone are nothing typed (PlainText.IsBlank).
            if (PlainText.Clean(value) is not { } text) { if (required) Add(field, $"请填写{label}"); }
            else if (text.Length > max) Add(field, $"{label}不能超过 {max} 个字符");
        }

        Text("projectName", ProjectName, "项目名称", Registration.NameMaxLength, true);
        Text("initiator", Initiator, "招标人/采购人", Registration.PartyMaxLength, true);
        Text("agency", Agency, "代理机构", Registration.PartyMaxLength, false);
        Text("contactName", ContactName, "联系人", Registration.ContactMaxLength, true);
        Text("contactPhone", ContactPhone, "联系电话", Registration.ContactMaxLength, true);
        if (!PlainText.IsBlank(ContactPhone) && !errors.ContainsKey("contactPhone") && !PhoneNumber.IsValid(ContactPhone))
            Add("contactPhone", PhoneNumber.Invalid);
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        if (!PlainText.IsBlank(ContactIdNumber) && IdNumber.Normalize(ContactIdNumber, out var idError, today) is null)
            Add("contactIdNumber", idError!);
        Text("greenChannelReason", GreenChannelReason, "绿色通道事由", Registration.ReasonMaxLength, false);
        if (Category is null) Add("category", "请选择交易类别");
        else if (!Enum.IsDefined(Category.Value)) Add("category", "未知的交易类别");
        if (Method is null) Add("method", "请选择交易方式");
        else if (!Enum.IsDefined(Method.Value)) Add("method", "未知的交易方式");

        if (Amount is null) Add("amount", "请填写金额（元）");
        else if (Amount < 0) Add("amount", "金额不能为负数");
        else if (Amount > MaxAmount) Add("amount", "金额不能超过 1 万亿元，请核对单位（元）");

        if (BidOpeningAt is { } opening && opening <= now)
            Add("bidOpeningAt", "计划开标时间不能早于现在");
        else if (BidOpeningAt is { } planned && SaneDates.CheckPlanned(planned, now, "计划开标时间") is { } tooFar)
            Add("bidOpeningAt", tooFar);

        if (Materials.Count > Registration.MaxMaterials) Add("materials", $"材料最多 {Registration.MaxMaterials} 项");
        if (Slots.Count > Registration.MaxSlots) Add("slots", $"一次登记最多预约 {Registration.MaxSlots} 个场地时段");
        for (var i = 0; i < Slots.Count; i++)
        {
            var s = Slots[i];
            var key = $"slots[{i}]";
            if (s.RoomId is null || s.RoomId == Guid.Empty) Add($"{key}.roomId", "请选择场地");
            if (s.Start is null) Add($"{key}.start", "请填写开始时间");
            if (s.End is null) Add($"{key}.end", "请填写结束时间");
            if (s.Start is { } start && start <= now) Add($"{key}.start", "场地使用时间不能早于现在");
            else if (s.Start is { } later && SaneDates.CheckPlanned(later, now, "场地使用时间") is { } tooFar) Add($"{key}.start", tooFar);
            if (s is { Start: { } a, End: { } b })
            {
                if (b <= a) Add($"{key}.end", "结束时间必须晚于开始时间");
                else if (b - a > RequestedRoomSlot.MaxLength) Add($"{key}.end", "单次场地预约不能超过 24 小时");
            }
            Text($"{key}.purpose", s.Purpose, "场地用途", RequestedRoomSlot.PurposeMaxLength, true);
            for (var j = 0; j < i; j++)
                if (Slots[j] is { RoomId: { } r, Start: { } js, End: { } je } && r == s.RoomId && s.Start < je && js < s.End)
                    Add($"{key}.start", $"与第 {j + 1} 个时段在同一场地重叠");
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    public IEnumerable<RequestedRoomSlot> ToSlots() =>
        Slots.Select(s => new RequestedRoomSlot(s.RoomId!.Value, s.Start!.Value, s.End!.Value, s.Purpose!));
}
