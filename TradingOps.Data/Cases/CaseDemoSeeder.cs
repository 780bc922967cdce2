using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Data.Witness;

namespace TradingOps.Data.Cases;

/// <summary>
/// The desk's demo (issue 20), relative to the current time and the same on every first start: eight cases of every kind
/// and in every state, each through the real intake and desk services as the demo accounts (staff, duty) at the time it
/// happened — an objection to the tender documents forwarded today that suspends a project whose sessions are still to
/// come, a complaint with the department, one overdue at the center (a report not yet forwarded), one overdue at the
/// department, an answered service complaint, a withdrawn objection, a resolved procurement query and one received an
/// hour ago. Runs once (skipped when a desk case exists).
/// </summary>
public static class CaseDemoSeeder
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
        var realClock = services.GetRequiredService<TimeProvider>();
        var now = realClock.GetUtcNow();
        var calendar = await services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync(ct);
        List<string> projects;
        string? suspendable;
        Actor staff, duty;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await db.Cases.AnyAsync(c => c.Channel != CaseChannel.PublicForm, ct)) return;
            var users = await db.Users.AsNoTracking().Where(u => u.UserName == "staff" || u.UserName == "duty").ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
            if (users.Count < 2) return;
            (staff, duty) = (Actor.User(users["staff"], "staff"), Actor.User(users["duty"], "duty"));
            // A project whose next session is still to come (confirmed, holding its room) for the suspending objection.
            var holding = RoomBooking.HoldingStatuses;
            var upcoming = await db.RoomBookings.AsNoTracking()
                .Where(b => b.StartsAt > now && b.Phase == SessionPhase.NotStarted && holding.Contains(b.Status))
                .OrderBy(b => b.StartsAt).ThenBy(b => b.ProjectCode).Select(b => b.ProjectCode).Take(20).ToListAsync(ct);
            // Suspending a project suspends its running sessions too: leave the floor's other demo states (running, overrunning,
            // checked in) alone by taking a project none of whose sessions has begun.
            var begun = await db.RoomBookings.AsNoTracking().Where(b => b.Phase != SessionPhase.NotStarted && b.Phase != SessionPhase.Ended)
                .Select(b => b.ProjectCode).Distinct().ToListAsync(ct);
            var registered = await db.TradingProjects.AsNoTracking().Where(p => p.ClosedAt == null).OrderBy(p => p.Code).Select(p => p.Code).Take(200).ToListAsync(ct);
            suspendable = upcoming.FirstOrDefault(c => registered.Contains(c) && !begun.Contains(c));
            projects = registered.Where(c => c != suspendable).Take(6).ToList();
        }
        if (projects.Count < 6) return;
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        DateOnly WorkingDaysAgo(int n) => calendar.AddWorkingDays(calendar.IsWorkingDay(today) ? today : calendar.AddWorkingDays(today, -1), -n);
        DateTimeOffset At(int workingDaysAgo, int hour, int minute = 0) => CenterTime.At(WorkingDaysAgo(workingDaysAgo), new TimeOnly(hour, minute));

        var clock = new DemoClock(now);
        var actor = new DemoActor(staff);
        async Task<T> Act<T>(Actor who, DateTimeOffset at, Func<CaseService, Task<T>> step)
        {
            clock.Now = at < now ? at : now;
            actor.Who = who;
            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var intake = ActivatorUtilities.CreateInstance<CaseIntakeService>(sp, clock);
            var incidents = ActivatorUtilities.CreateInstance<IncidentService>(sp, (ICurrentActor)actor, realClock);
            var desk = ActivatorUtilities.CreateInstance<CaseService>(sp, intake, incidents, (ICurrentActor)actor, (TimeProvider)clock);
            return await step(desk);
        }

        // 1. Objection to the tender documents, at the window this morning; forwarded now: the project's upcoming sessions are suspended.
        if (suspendable is not null)
        {
            var c1 = await Act(staff, now.AddMinutes(-50), s => s.RegisterAsync(new CaseIntake(CaseKind.Objection, CaseChannel.Window, CaseStage.TenderDocuments,
                suspendable, "招标文件设置本地业绩加分，限制外地投标人", "招标文件第三章评分标准对“本市同类工程业绩”加 5 分，违反《招标投标法实施条例》第三十二条，请求修改招标文件。",
                "陈立新", "13800138001", "江南路桥建设集团有限公司", "chenlx@jnlq.example.com", "异议函原件 YY-2026-031（窗口 3 号柜）\n营业执照复印件")));
            await Act(staff, now, s => s.ForwardAsync(c1.Id, "objection-tender-documents", null, "函件", "示交转〔2026〕异31号"));
        }

        // 2. Tendering complaint by phone three working days ago, with the department (30 working days).
        var c2 = await Act(staff, At(3, 10, 20), s => s.RegisterAsync(new CaseIntake(CaseKind.Complaint, CaseChannel.Phone, CaseStage.Evaluation,
            projects[0], "评标委员会未按招标文件评审", "投诉人称评标委员会对其技术标评分未按招标文件第四章标准打分，已于异议期内向招标人提出异议，对答复不满意。",
            "刘建国", "13900139002", "华远建设工程有限公司", null, "电话录音 LY-20261130-07")));
        await Act(staff, At(3, 14, 0), s => s.ForwardAsync(c2.Id, "tendering-complaint", null, "函件", "示交转〔2026〕诉18号"));

        // 3. Procurement query through the mailbox twelve working days ago: answered and resolved.
        var c3 = await Act(duty, At(12, 9, 40), s => s.RegisterAsync(new CaseIntake(CaseKind.Objection, CaseChannel.Mailbox, CaseStage.CandidatePublicity,
            projects[1], "对成交结果的质疑", "质疑成交供应商的项目负责人不具备采购文件要求的一级建造师资格。",
            "王芳", "13700137003", "博远信息技术有限公司", "wangf@by.example.com", "质疑函（电子邮件 2026-11-17）")));
        await Act(duty, At(12, 11, 0), s => s.ForwardAsync(c3.Id, "procurement-query", null, "电子邮件", null));
        await Act(duty, At(8, 15, 30), s => s.RecordAnswerAsync(c3.Id, "采购代理机构书面答复：经核查成交供应商项目负责人持有一级建造师证书，质疑不成立。"));
        await Act(duty, At(7, 10, 0), s => s.ResolveAsync(c3.Id, "答复已送达质疑人，质疑人未提起投诉"));

        // 4. An anonymous report by phone yesterday morning, not yet forwarded: overdue on the center's own clock.
        await Act(staff, At(1, 9, 10), s => s.RegisterAsync(new CaseIntake(CaseKind.Report, CaseChannel.Phone, CaseStage.BidOpening,
            projects[2], "举报投标人之间疑似串通投标", "来电称两家投标人的投标文件由同一人编制，报价呈等差排列。来电人要求匿名。",
            null, null, null, null, null)));

        // 5. A service complaint at the window two working days ago: the center answered.
        var c5 = await Act(staff, At(2, 15, 45), s => s.RegisterAsync(new CaseIntake(CaseKind.ServiceComplaint, CaseChannel.Window, CaseStage.CenterService,
            null, "开标室空调温度过低", "投诉开标室 K203 上午空调温度过低，现场工作人员未及时处理。", "赵敏", "13600136005", null, null, null)));
        await Act(duty, At(2, 16, 0), s => s.ForwardAsync(c5.Id, "service-complaint", null, "系统", null));
        await Act(duty, At(1, 10, 30), s => s.RecordAnswerAsync(c5.Id, "已调整 K203 空调设定温度为 24℃，并提醒现场人员巡查。已电话回复投诉人。"));

        // 6. An objection at the bid opening, withdrawn by its raiser.
        var c6 = await Act(staff, At(5, 9, 35), s => s.RegisterAsync(new CaseIntake(CaseKind.Objection, CaseChannel.Window, CaseStage.BidOpening,
            projects[3], "对唱标价格有异议", "投标人代表认为唱标价格与其投标文件不一致。", "孙伟", "13500135006", "宏达市政工程有限公司", null, "开标记录第 3 页")));
        await Act(staff, At(5, 10, 30), s => s.WithdrawAsync(c6.Id, "核对投标文件后提出人确认唱标无误，当场书面撤回"));

        // 7. A procurement complaint forwarded seven weeks ago: the department's 30 working days have passed.
        var c7 = await Act(duty, At(36, 10, 0), s => s.RegisterAsync(new CaseIntake(CaseKind.Complaint, CaseChannel.Window, CaseStage.ResultAndContract,
            projects[4], "对质疑答复不满提起投诉", "投诉人对采购人质疑答复不满，认为中标供应商业绩证明材料造假。",
            "周强", "13300133007", "鼎新科技股份有限公司", "zhouq@dx.example.com", "投诉书及证明材料 TS-2026-07（共 23 页）")));
        await Act(duty, At(36, 14, 0), s => s.ForwardAsync(c7.Id, "procurement-complaint", null, "函件", "示交转〔2026〕诉09号"));

        // 8. An objection to the candidate publicity received an hour ago, taken over by the duty manager.
        var c8 = await Act(staff, now.AddHours(-1), s => s.RegisterAsync(new CaseIntake(CaseKind.Objection, CaseChannel.Phone, CaseStage.CandidatePublicity,
            projects[5], "对中标候选人公示的异议", "异议人称第一中标候选人的项目经理在其他在建项目中担任项目经理。",
            "吴涛", "13200132008", "中恒建设有限公司", null, null)));
        await Act(duty, now.AddMinutes(-20), s => s.TakeOverAsync(c8.Id));
    }

    private sealed class DemoClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class DemoActor(Actor who) : ICurrentActor
    {
        public Actor Who { get; set; } = who;
        public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Who);
    }
}
