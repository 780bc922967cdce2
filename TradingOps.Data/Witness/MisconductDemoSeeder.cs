using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Notifications;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>
/// The misconduct register's demo, relative to the current time and the same on every first start: six records over
/// the last three weeks, one in every state — closed, feedback received, reported and waiting, one overdue (found five
/// days ago, never reported), one found today — each step written to its project's witness log in the step's
/// transaction (so the chains verify) and each report's messages in the outbox. Runs once (no record yet).
/// </summary>
public static class MisconductDemoSeeder
{
    private sealed record Demo(string Project, int DaysAgo, string At, MisconductParty Party, string? Name, string? ExpertCode,
        MisconductCategory Category, OnTheSpotAction OnTheSpot, string Description, EvidenceReference[] Evidence,
        int? ReportedAfterDays, string? Feedback, int? FeedbackAfterDays, bool Close, string By);

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var calendar = await services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync(ct);
        var options = services.GetRequiredService<IOptions<WitnessOptions>>().Value;
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.MisconductRecords.AnyAsync(ct)) return;
        var center = await Floor.BookingOutbox.CenterNameAsync(db, ct);
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);

        DateTimeOffset At(int daysAgo, string time) => CenterTime.At(calendar.NextWorkingDayOnOrAfter(today.AddDays(-daysAgo)), TimeOnly.Parse(time));
        EvidenceReference Rec(int daysAgo, string channel, string from, string until) => new(EvidenceKind.Recording, channel, At(daysAgo, from), At(daysAgo, until));

        var demos = new[]
        {
            new Demo("GC-2026-0905", 21, "09:42", MisconductParty.Bidder, "鑫达建筑工程有限公司", null, MisconductCategory.CommunicationDevice,
                OnTheSpotAction.Stopped, "开标过程中投标人代表在开标室内使用手机拍摄唱标屏幕，见证人员当场制止并要求删除。",
                [Rec(21, "K201-2", "09:40:00", "09:45:30"), new(EvidenceKind.Photo, "ZP-20260-0117")], 1, "已约谈该投标人，记不良行为一次，通报批评。", 7, true, "见证员 周敏"),
            new Demo("ZC-2026-0517", 14, "14:20", MisconductParty.Expert, null, "E00427", MisconductCategory.ImproperContact,
                OnTheSpotAction.Reminded, "评标期间该专家在休息区与一名供应商代表交谈，见证人员提醒其回到评标室并不得与供应商接触。",
                [Rec(14, "P305-1", "14:18:00", "14:24:00")], 1, "已暂停该专家评标资格三个月，调查结果另行通报。", 8, false, "见证员 李娜"),
            new Demo("GC-2026-0931", 9, "10:05", MisconductParty.Agency, "正衡建设咨询有限公司", null, MisconductCategory.LateOrAbsent,
                OnTheSpotAction.Reminded, "代理机构工作人员开标时间过后 25 分钟才到场，开标推迟，见证人员提醒并记录。",
                [Rec(9, "K203-1", "09:30:00", "10:10:00")], 1, null, null, false, "见证员 周敏"),
            new Demo("ZC-2026-0560", 4, "15:10", MisconductParty.Bidder, "华瑞信息技术有限公司", null, MisconductCategory.SuspectedCollusion,
                OnTheSpotAction.None, "两家供应商的响应文件由同一台电脑编制（文件属性作者一致），报价呈规律性差异，疑似串通。",
                [new(EvidenceKind.Document, "CL-2026-1130-03")], 0, null, null, false, "见证员 李娜"),
            new Demo("GC-2026-0948", 5, "16:30", MisconductParty.InitiatorRepresentative, "市第二中学", null, MisconductCategory.ImproperEvaluation,
                OnTheSpotAction.Stopped, "招标人代表在评标过程中发表倾向性意见，要求专家提高某投标人得分，见证人员当场制止。",
                [Rec(5, "P302-1", "16:20:00", "16:40:00")], null, null, null, false, "见证员 王磊"),
            new Demo("GC-2026-0966", 0, "09:15", MisconductParty.Bidder, "恒基市政工程有限公司", null, MisconductCategory.DisruptingOrder,
                OnTheSpotAction.Reminded, "开标前投标人代表在开标区大声喧哗、与其他投标人争执，见证人员提醒其遵守现场秩序。",
                [Rec(0, "K202-1", "09:10:00", "09:20:00")], null, null, null, false, "见证员 王磊"),
        };

        foreach (var d in demos)
        {
            var found = At(d.DaysAgo, d.At);
            if (found > now) found = now.AddMinutes(-30); // the morning demo before the morning
            await WitnessLedger.InTransactionAsync(db, async () =>
            {
                var r = new MisconductRecord(d.Project, null, null, d.Party, d.Name, d.ExpertCode, d.Category, d.OnTheSpot, d.Description,
                    d.Evidence.Where(e => e.Until is null || e.Until <= now).ToList(), found, d.By, found.AddMinutes(12),
                    MisconductRules.ReportDue(found, options.MisconductReportWorkingDays, calendar));
                db.MisconductRecords.Add(r);
                await Append(r, MisconductState.Recorded, WitnessCodes.MisconductRecorded, found, r.RecordedAt);
                if (d.ReportedAfterDays is { } rd)
                {
                    var at = rd == 0 ? found.AddHours(3) : CenterTime.At(calendar.AddWorkingDays(DateOnly.FromDateTime(CenterTime.ToLocal(found).DateTime), rd), new TimeOnly(10, 30));
                    r.Report($"见证报〔2026〕{d.Project[^3..]}号", "科室负责人", at);
                    db.OutboxMessages.AddRange(MisconductNotice.For(r, options, center, at));
                    await Append(r, MisconductState.Reported, WitnessCodes.MisconductReported, at, at);
                    if (d.Feedback is { } text && d.FeedbackAfterDays is { } fd)
                    {
                        var fat = at.AddDays(fd);
                        r.ReceiveFeedback(text, "科室负责人", fat);
                        await Append(r, MisconductState.FeedbackReceived, WitnessCodes.MisconductFeedback, fat, fat);
                        if (d.Close)
                        {
                            r.Close("科室负责人", fat.AddDays(1));
                            await Append(r, MisconductState.Closed, WitnessCodes.MisconductClosed, fat.AddDays(1), fat.AddDays(1));
                        }
                    }
                }
                return r;
            }, ct);
        }

        async Task Append(MisconductRecord r, MisconductState step, string code, DateTimeOffset occurred, DateTimeOffset recorded) =>
            await WitnessLog.AppendAsync(db, new WitnessDraft(r.ProjectCode, r.ProjectId, r.BookingId, WitnessEntryKind.Misconduct, code,
                r.EntryText(step), r.EntryData(step), occurred, step == MisconductState.Recorded ? r.RecordedBy : "科室负责人"), recorded, ct);
    }
}
