using TradingOps.Core.Common;

namespace TradingOps.Core.Registrations;

/// <summary>One line of a deficiency notice: a material and what is wrong with it.</summary>
public sealed class DeficiencyItem
{
    public const int MaterialMaxLength = 100;
    public const int NoteMaxLength = 300;

    private DeficiencyItem() { Material = ""; }

    public DeficiencyItem(string material, DeficiencyKind kind, string? note)
    {
        Material = Guard.Text(material, MaterialMaxLength, "材料名称");
        Kind = kind;
        Note = Guard.OptionalText(note, NoteMaxLength, "说明");
    }

    public string Material { get; private set; }
    public DeficiencyKind Kind { get; private set; }
    public string? Note { get; private set; }
}

/// <summary>
/// The notice's number and resubmission deadline (issue 22): a number from <see cref="NoticeNumber"/>, unique and
/// stored; the deadline in working days and the date it gives on the holiday calendar (center local date, inclusive).
/// </summary>
public sealed record NoticeTerms(string Number, int ResubmitWorkingDays, DateOnly ResubmitBy);

/// <summary>
/// The one format of deficiency notice numbers (补正通知书编号): BZ-yyyyMMdd-nnn, the day the notice was issued (center
/// local date) and its running number that day from 001. Data counts the day's notices for the next number; a unique
/// index makes two equal numbers impossible.
/// </summary>
public static class NoticeNumber
{
    public const string Prefix = "BZ";
    public const int MaxLength = 20;

    /// <summary>What every number of that day starts with: "BZ-20261204-".</summary>
    public static string DayPrefix(DateOnly day) => $"{Prefix}-{day:yyyyMMdd}-";

    public static string Format(DateOnly day, int sequence) =>
        sequence is >= 1 and <= 999_999 ? $"{DayPrefix(day)}{sequence:000}" : throw new ArgumentOutOfRangeException(nameof(sequence));

    public static bool IsValid(string? number) =>
        number is { Length: <= MaxLength } && System.Text.RegularExpressions.Regex.IsMatch(number, @"^BZ-\d{8}-\d{3,6}$");
}

/// <summary>
/// 一次性告知: everything the agency must add or correct, in one notice (national 6.2.2, Liaoning 6.2.3,
/// Yunnan 5.3.3). A material appears exactly once: repeated lines for the same material are merged (if any
/// line says it is missing, it is listed as missing) and their notes joined.
/// </summary>
public sealed class DeficiencyNotice : Entity
{
    public const int MaxItems = 50;

    private readonly List<DeficiencyItem> _items = [];

    private DeficiencyNotice() { IssuedBy = ""; }

    internal DeficiencyNotice(Guid registrationId, int sequence, IEnumerable<DeficiencyItem> items, string issuedBy, DateTimeOffset issuedAt,
        NoticeTerms? terms = null)
    {
        if (terms is not null)
        {
            if (!NoticeNumber.IsValid(terms.Number))
                throw new DomainException("Notice.Number", $"告知书编号“{terms.Number}”格式不正确，应为 BZ-yyyyMMdd-nnn");
            if (terms.ResubmitWorkingDays is < 1 or > 60)
                throw new DomainException("Notice.ResubmitDays", "补正期限应为 1–60 个工作日");
            Number = terms.Number;
            ResubmitWorkingDays = terms.ResubmitWorkingDays;
            ResubmitBy = terms.ResubmitBy;
        }
        RegistrationId = registrationId;
        Sequence = sequence;
        IssuedBy = Guard.Text(issuedBy, 50, "经办人");
        IssuedAt = issuedAt.ToUniversalTime();
        _items.AddRange(Merge(items));
        if (_items.Count == 0)
            throw new DomainException("Notice.Empty", "一次性告知至少需要列出一项需补正的材料");
        if (_items.Count > MaxItems)
            throw new DomainException("Notice.TooMany", $"一次性告知最多列出 {MaxItems} 项材料");
    }

    public Guid RegistrationId { get; private set; }

    /// <summary>1 for the first notice of a registration, 2 if a resubmission is returned again.</summary>
    public int Sequence { get; private set; }
    public string IssuedBy { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>When it was sent to the agency (已送达); null until recorded.</summary>
    public DateTimeOffset? SentAt { get; private set; }

    public IReadOnlyList<DeficiencyItem> Items => _items;

    /// <summary>补正通知书编号 (<see cref="NoticeNumber"/>); null on notices issued before numbers existed.</summary>
    public string? Number { get; private set; }

    /// <summary>The agency resubmits within this many working days …</summary>
    public int? ResubmitWorkingDays { get; private set; }

    /// <summary>… that is, by the end of this day (center local date, on the holiday calendar).</summary>
    public DateOnly? ResubmitBy { get; private set; }

    /// <summary>The materials the notice asks for, as one line (kept on the registration's record of submissions).</summary>
    public string RequestedMaterials => string.Join("、", _items.Select(i => i.Material));

    internal void MarkSent(DateTimeOffset at)
    {
        if (SentAt is not null)
            throw new DomainException("Notice.AlreadySent", $"该一次性告知书已于 {CenterTime.ToLocal(SentAt.Value):yyyy-MM-dd HH:mm} 送达代理机构，不能重复登记");
        SentAt = at.ToUniversalTime();
    }

    /// <summary>Each material once, in the order first named; notes for the same material joined.</summary>
    public static IReadOnlyList<DeficiencyItem> Merge(IEnumerable<DeficiencyItem> items)
    {
        var merged = new List<DeficiencyItem>();
        foreach (var group in items.GroupBy(i => Normalize(i.Material)))
        {
            var first = group.First();
            var kind = group.Any(i => i.Kind == DeficiencyKind.Missing) ? DeficiencyKind.Missing : DeficiencyKind.Wrong;
            var notes = group.Select(i => i.Note).Where(n => n is not null).Distinct().ToList();
            var note = notes.Count == 0 ? null : string.Join("；", notes);
            if (note is not null) note = PlainText.Truncate(note, DeficiencyItem.NoteMaxLength);
            merged.Add(new DeficiencyItem(first.Material, kind, note));
        }
        return merged;
    }

    internal static string Normalize(string material) =>
        new string(material.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
}
