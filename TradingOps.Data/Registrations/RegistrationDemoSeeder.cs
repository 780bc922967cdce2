using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Calendar;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;

namespace TradingOps.Data.Registrations;

/// <summary>
/// A realistic registration desk relative to the current time: fresh items, some due within the hour, some
/// overdue, files returned to agencies, a resubmission and a few consultations. Runs once (when no
/// registration exists); called from <see cref="Seeding.DemoDataSeeder"/>.
/// </summary>
public static class RegistrationDemoSeeder
{
    private static readonly (string Name, TradingCategory Category, TradingMethod Method, string Initiator, string Agency, decimal Amount)[] Projects =
    [
        ("滨江新区第二实验小学教学楼新建工程施工", TradingCategory.Engineering, TradingMethod.OpenTender, "滨江新区教育局", "华诚工程咨询有限公司", 38_600_000m),
        ("市人民医院CT设备采购项目", TradingCategory.GovernmentProcurement, TradingMethod.OpenTender, "市人民医院", "正信招标代理有限公司", 12_800_000m),
        ("高新区B-12地块国有建设用地使用权挂牌出让", TradingCategory.LandAndMiningRights, TradingMethod.Listing, "市自然资源局", "", 215_000_000m),
        ("市公交集团报废车辆资产处置", TradingCategory.StateAssets, TradingMethod.Auction, "市公交集团", "恒远拍卖有限公司", 1_450_000m),
        ("老旧小区改造（三期）监理服务", TradingCategory.Engineering, TradingMethod.OpenTender, "市住建局", "华诚工程咨询有限公司", 2_300_000m),
        ("市政务云平台运维服务采购", TradingCategory.GovernmentProcurement, TradingMethod.CompetitiveConsultation, "市大数据中心", "中科招标有限公司", 4_800_000m),
        ("滨河路雨污分流改造工程", TradingCategory.Engineering, TradingMethod.OpenTender, "市水务局", "正信招标代理有限公司", 56_000_000m),
        ("第一中学食堂食材配送服务", TradingCategory.GovernmentProcurement, TradingMethod.CompetitiveNegotiation, "市第一中学", "中科招标有限公司", 900_000m),
        ("城东采石场采矿权出让", TradingCategory.LandAndMiningRights, TradingMethod.Bidding, "市自然资源局", "", 32_000_000m),
        ("市疾控中心冷链设备采购", TradingCategory.GovernmentProcurement, TradingMethod.Inquiry, "市疾控中心", "正信招标代理有限公司", 680_000m),
        ("产业园区标准厂房（二期）施工", TradingCategory.Engineering, TradingMethod.OpenTender, "高新区管委会", "华诚工程咨询有限公司", 74_500_000m),
        ("市属国企闲置办公楼租赁权转让", TradingCategory.StateAssets, TradingMethod.Listing, "市国资公司", "恒远拍卖有限公司", 3_200_000m),
        ("应急物资储备库建设（绿色通道）", TradingCategory.Engineering, TradingMethod.InvitedTender, "市应急管理局", "华诚工程咨询有限公司", 18_000_000m),
        ("全市路灯节能改造EPC", TradingCategory.Engineering, TradingMethod.OpenTender, "市城管局", "正信招标代理有限公司", 26_000_000m),
    ];

    public static async Task SeedAsync(TradingOpsDbContext db, WorkdayCalendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Registrations.AnyAsync(ct)) return;
        var checklist = await db.MaterialChecklistItems.AsNoTracking().ToListAsync(ct);
        var staff = await db.Staff.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.EmployeeNo).Select(s => new { s.Id, s.Name }).Take(6).ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.InService && r.Code.StartsWith("K")).OrderBy(r => r.Code).Select(r => r.Id).Take(3).ToListAsync(ct);
        if (staff.Count == 0) return;

        // (office time until due; negative = overdue by that much of plain time) and the state to leave it in
        (double DueInHours, RegistrationStatus Status)[] plan =
        [
            (2.6, RegistrationStatus.Submitted), (2.2, RegistrationStatus.Submitted), (0.75, RegistrationStatus.Submitted),
            (0.4, RegistrationStatus.InReview), (-0.5, RegistrationStatus.Submitted), (-2, RegistrationStatus.InReview),
            (1.8, RegistrationStatus.InReview), (0, RegistrationStatus.Returned), (0, RegistrationStatus.Returned),
            (2.9, RegistrationStatus.Resubmitted), (0, RegistrationStatus.Accepted), (0, RegistrationStatus.Accepted),
            (1.5, RegistrationStatus.Submitted), (-0.2, RegistrationStatus.Submitted),
        ];
        for (var i = 0; i < Projects.Length; i++)
        {
            var p = Projects[i];
            var (dueIn, status) = plan[i];
            var required = checklist.Where(c => c.Category == p.Category && c.Required).OrderBy(c => c.SortOrder).Select(c => c.Name).ToList();
            var handedIn = status == RegistrationStatus.Returned ? required.Take(1).ToList() : required;
            var submittedAt = now.AddMinutes(-40 - 25 * i);
            var due = dueIn > 0 ? calendar.AddWorkingHours(now, dueIn) : now.AddHours(dueIn == 0 ? 1 : dueIn);
            var draft = new RegistrationDraft
            {
                ProjectName = p.Name, Category = p.Category, Method = p.Method, Initiator = p.Initiator,
                Agency = p.Agency.Length > 0 ? p.Agency : null, ContactName = $"联系人{i + 1}", ContactPhone = $"0411-8{i:D3}6612",
                ContactIdNumber = DemoIdNumber(i),
                Amount = p.Amount, BidOpeningAt = calendar.WorkingDaysDeadline(now, 20 + i).AddHours(-7),
                Materials = handedIn,
                GreenChannelReason = i == 12 ? "应急管理重点项目，市政府专题会议纪要〔2026〕18号" : null,
            };
            var r = new Registration($"DJ{Core.Common.CenterTime.ToLocal(now):yyyyMMdd}-D{i + 1:D5}", draft,
                i % 3 == 0 ? RegistrationChannel.Window : RegistrationChannel.Online, i % 3 == 0 ? "窗口录入" : "网上登记", submittedAt, due);
            var clerk = staff[i % staff.Count];
            if (status is RegistrationStatus.InReview or RegistrationStatus.Returned or RegistrationStatus.Resubmitted or RegistrationStatus.Accepted)
                r.StartReview(clerk.Name, submittedAt.AddMinutes(10));
            if (status is RegistrationStatus.Returned or RegistrationStatus.Resubmitted)
            {
                var missing = required.Skip(1).Select(m => new DeficiencyItem(m, DeficiencyKind.Missing, "请提交加盖公章的原件扫描件"))
                    .Append(new DeficiencyItem("公共资源进场交易申请表", DeficiencyKind.Wrong, "项目金额与备案表不一致"));
                db.DeficiencyNotices.Add(r.Return(missing, clerk.Name, submittedAt.AddMinutes(20)));
                if (i != 8) r.MarkNoticeSent(submittedAt.AddMinutes(25));
            }
            if (status == RegistrationStatus.Resubmitted)
                r.Resubmit(required, submittedAt.AddMinutes(30), due);
            if (status == RegistrationStatus.Accepted)
            {
                if (rooms.Count > 0)
                    r.AddSlot(new RequestedRoomSlot(rooms[i % rooms.Count], calendar.WorkingDaysDeadline(now, 12 + i).AddHours(-8),
                        calendar.WorkingDaysDeadline(now, 12 + i).AddHours(-6), "开标"));
                r.Accept(clerk.Id, "开标前一日核对投标保证金到账情况；开标当日提前30分钟到场调试设备", null, submittedAt.AddMinutes(30));
            }
            db.Registrations.Add(r);
        }

        db.Consultations.AddRange(
            new Consultation(ConsultationChannel.Phone, "进场登记", "王先生（华诚工程咨询）", "138****2211", "工程建设项目进场需要哪些材料？",
                "公共资源进场交易申请表、省招标投标监管网项目备案表，详见办事指南。", staff[0].Name, now.AddMinutes(-95)),
            new Consultation(ConsultationChannel.OnSite, "场地预约", "李女士（正信招标）", null, "下周二上午是否还有60人开标室？",
                "K203、K204 尚有空档，可在登记时一并申请。", staff[1].Name, now.AddMinutes(-50)));
        var referred = new Consultation(ConsultationChannel.Online, "投诉处理", "赵先生", "zhao@example.cn",
            "对某采购项目评审结果有异议，应向谁提出？", null, staff[2].Name, now.AddMinutes(-30));
        referred.Refer("市财政局政府采购监管科", calendar.AddWorkingHours(now, 8), now.AddMinutes(-29));
        db.Consultations.Add(referred);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A made-up but well-formed 大连 ID number (check character computed), different for each demo agent.</summary>
    private static string DemoIdNumber(int i)
    {
        var first17 = $"210202{new DateOnly(1970, 1, 1).AddDays(i * 977 % 9000):yyyyMMdd}{100 + i * 7 % 900:D3}";
        return first17 + Core.Common.IdNumber.CheckCharacter(first17);
    }
}
