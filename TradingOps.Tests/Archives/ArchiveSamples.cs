using TradingOps.Core.Archives;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;

namespace TradingOps.Tests.Archives;

/// <summary>Archive contents built by hand, as the assembler hands them to the export (the export's input).</summary>
public static class ArchiveSamples
{
    public const string Code = "GC2026-0420";
    public const string Name = "市第一人民医院门诊楼改扩建工程施工总承包";

    public static readonly DateTimeOffset LockedAt = CenterTime.At(new DateOnly(2026, 11, 20), new TimeOnly(16, 30));
    public static readonly DateTimeOffset ExportedAt = CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(10, 15, 7));

    public static IReadOnlyList<ArchiveFile> Files() =>
    [
        new(ArchiveSection.Registration, "01-registration.json", "项目登记", LockedAt.AddDays(-40),
            """{"projectCode":"GC2026-0420","projectName":"市第一人民医院门诊楼改扩建工程施工总承包","initiator":"市第一人民医院","agency":"华信招标代理有限公司","acceptedAt":"2026-10-11T02:00:00Z"}"""),
        new(ArchiveSection.Bookings, "04-bookings.json", "场地预约与变更", LockedAt.AddDays(-10),
            """[{"room":"K201","purpose":"开标","startsAt":"2026-11-10T01:30:00Z","state":"Ended"},{"room":"P301","purpose":"评标","startsAt":"2026-11-10T03:00:00Z","state":"Ended"}]"""),
        new(ArchiveSection.WitnessLog, "05-witness-log.json", "见证记录", LockedAt.AddDays(-10),
            """{"chain":"GC2026-0420","entries":[{"sequence":1,"text":"开标开始","hash":"ab12"},{"sequence":2,"text":"唱标完毕","hash":"cd34"}]}"""),
        new(ArchiveSection.Draws, "08-draws.json", "专家抽取记录", LockedAt.AddDays(-11),
            """{"session":"P301","drawn":5,"sealed":"名单密封保管于评标区，哈希 9f…"}""", Sealed: true),
        new(ArchiveSection.Additions, "90-addition-1.json", "归档后追加：投诉处理结果", LockedAt.AddDays(5),
            """{"note":"监督部门答复：投诉不成立"}""", Appended: true),
    ];

    public static IReadOnlyList<ArchiveCheck> Checklist() =>
    [
        new("registration", "项目登记材料", true),
        new("announcements", "公告公示", true),
        new("recordings", "开标评标录音录像", false, "缺开标录像索引（K201）"),
        new("evaluation-report", "评标报告", true),
    ];

    /// <summary>A locked archive (the lock hash over the files stored at the lock, the addition appended after it).</summary>
    public static ArchiveContents Locked()
    {
        var files = Files();
        return new ArchiveContents(Code, Name, TradingCategory.Engineering, ArchiveState.Locked, LockedAt, ProjectArchive.LockHashOf(files),
            new DateOnly(2041, 11, 20), files, Checklist(), ExportedAt);
    }

    public static ArchiveContents Open(string code = Code) =>
        new(code, Name, TradingCategory.GovernmentProcurement, ArchiveState.Open, null, null, null, Files().Where(f => !f.Appended).ToList(), Checklist(), ExportedAt);
}
