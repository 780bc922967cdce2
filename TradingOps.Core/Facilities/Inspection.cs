using TradingOps.Core.Common;

namespace TradingOps.Core.Facilities;

/// <summary>
/// 巡检计划: how often one category is inspected, by when in the day, and its checklist (one item per line). The
/// inspection job creates the day's tasks from it (one per active piece of equipment of the category).
/// </summary>
public sealed class InspectionSchedule : Entity
{
    public const int ChecklistMaxLength = 2000;
    public const int ItemMaxLength = 100;

    private InspectionSchedule() { Checklist = UpdatedBy = ""; }

    public InspectionSchedule(EquipmentCategory category, InspectionFrequency frequency, TimeOnly dueBy, IEnumerable<string> items, string by, DateTimeOffset at)
    {
        Category = category;
        Checklist = UpdatedBy = "";
        Update(frequency, dueBy, items, true, by, at);
    }

    public EquipmentCategory Category { get; private set; }
    public InspectionFrequency Frequency { get; private set; }
    /// <summary>Local time (Asia/Shanghai) by which the day's task is due; overdue after it.</summary>
    public TimeOnly DueBy { get; private set; }
    /// <summary>Checklist items, one per line.</summary>
    public string Checklist { get; private set; }
    public bool Active { get; private set; }
    public string UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<string> Items => SplitItems(Checklist);

    public void Update(InspectionFrequency frequency, TimeOnly dueBy, IEnumerable<string> items, bool active, string by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(frequency)) throw new DomainException("Inspection.Frequency", "请选择巡检频次");
        var list = items.Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        if (list.Count == 0) throw new DomainException("Inspection.EmptyChecklist", "巡检清单至少要有一项");
        if (list.FirstOrDefault(i => i.Length > ItemMaxLength) is { } longItem)
            throw new DomainException("Inspection.ItemTooLong", $"巡检项「{longItem[..20]}…」超过 {ItemMaxLength} 字");
        Frequency = frequency;
        DueBy = dueBy;
        Checklist = Guard.Text(string.Join('\n', list), ChecklistMaxLength, "巡检清单");
        Active = active;
        UpdatedBy = Guard.Text(by, Equipment.ByMaxLength, "修改人");
        UpdatedAt = at.ToUniversalTime();
    }

    public static IReadOnlyList<string> SplitItems(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// 巡检任务: one piece of equipment to inspect on one day, with the checklist as it was that day and, once done, each
/// item's result (pass/fail), notes, who and when. Unique per equipment and day. A failed inspection may report a fault.
/// </summary>
public sealed class InspectionTask : Entity
{
    public const int NotesMaxLength = 1000;

    private InspectionTask() { Checklist = ""; }

    public InspectionTask(Equipment equipment, InspectionSchedule schedule, DateOnly day, DateTimeOffset dueAt, DateTimeOffset createdAt)
    {
        if (equipment.Category != schedule.Category) throw new DomainException("Inspection.WrongCategory", "巡检计划与设备类别不符");
        EquipmentId = equipment.Id;
        ScheduleId = schedule.Id;
        Category = equipment.Category;
        RoomId = equipment.RoomId;
        Day = day;
        DueAt = dueAt.ToUniversalTime();
        Checklist = schedule.Checklist;
        CreatedAt = createdAt.ToUniversalTime();
    }

    public Guid EquipmentId { get; private set; }
    public Guid ScheduleId { get; private set; }
    public EquipmentCategory Category { get; private set; }
    public Guid? RoomId { get; private set; }
    public DateOnly Day { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    /// <summary>The checklist copied from the schedule when the task was made (a later edit does not change it).</summary>
    public string Checklist { get; private set; }
    /// <summary>One character per checklist item once done: '1' passed, '0' failed.</summary>
    public string? Results { get; private set; }
    public InspectionStatus Status { get; private set; } = InspectionStatus.Open;
    public string? Notes { get; private set; }
    public string? DoneBy { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    /// <summary>The fault reported from this inspection, if any.</summary>
    public Guid? FaultId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<string> Items => InspectionSchedule.SplitItems(Checklist);

    public bool IsOverdueAt(DateTimeOffset now) => Status == InspectionStatus.Open && now > DueAt;

    /// <summary>Records the result: every item ticked pass or fail; any failed item makes the task Failed (notes then required).</summary>
    public void Complete(IReadOnlyList<bool> passed, string? notes, string by, DateTimeOffset at)
    {
        if (Status != InspectionStatus.Open) throw new DomainException("Inspection.Done", "该巡检任务已经完成");
        if (passed.Count != Items.Count) throw new DomainException("Inspection.Incomplete", $"请逐项填写巡检结果（共 {Items.Count} 项）");
        var failed = passed.Any(p => !p);
        Notes = Guard.OptionalText(notes, NotesMaxLength, "巡检说明");
        if (failed && Notes is null) throw new DomainException("Inspection.NotesRequired", "有不合格项时请填写说明");
        Results = new string(passed.Select(p => p ? '1' : '0').ToArray());
        Status = failed ? InspectionStatus.Failed : InspectionStatus.Passed;
        DoneBy = Guard.Text(by, Equipment.ByMaxLength, "巡检人");
        DoneAt = at.ToUniversalTime();
    }

    public void LinkFault(Guid faultId)
    {
        if (FaultId is not null) throw new DomainException("Inspection.FaultLinked", "该巡检已报修");
        FaultId = faultId;
    }
}
