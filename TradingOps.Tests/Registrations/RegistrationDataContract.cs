using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using TradingOps.Data.Registrations;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Registrations;

/// <summary>The desk's commands on a real database: what is saved, what is refused, what is published.</summary>
public abstract class RegistrationDataContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private readonly FakeTimeProvider _clock = new(At("2026-11-23 10:30"));
    private readonly RecordingPublisher _events = new();
    private ServiceProvider _services = null!;
    private Guid _room, _otherRoom, _staff;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = NewDatabase(),
            ["Database:SeedDemoData"] = "false",
            ["Registration:Preset"] = "Strictest",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ILiveEventPublisher>(_events);
        services.AddTradingOpsData(configuration, Path.GetTempPath());
        services.AddScoped<ICurrentActor>(_ => new FixedActor(Actor.User("u-clerk", "clerk")));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        var room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        var other = new Room(zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        var staff = new Staff("E001", "李娜", "交易服务科", null, null);
        db.Users.Add(new TradingOps.Data.Identity.ApplicationUser { Id = "u-clerk", UserName = "clerk", NormalizedUserName = "CLERK", DisplayName = "李娜" });
        staff.LinkAccount("u-clerk");
        db.AddRange(center, zone, room, other, staff);
        await db.SaveChangesAsync();
        (_room, _otherRoom, _staff) = (room.Id, other.Id, staff.Id);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> WithService<T>(Func<RegistrationService, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<RegistrationService>());
    }

    private RegistrationDraft DraftWithSlot(Guid room, string start, string end) => Draft(_clock.GetUtcNow(), TradingCategory.StateAssets, "公共资源进场交易申请表") with
    {
        Slots = [new SlotDraft(room, At(start), At(end), "开标")],
    };

    private async Task<Guid> SubmittedAsync(RegistrationDraft draft)
    {
        var outcome = await WithService(s => s.SubmitAsync(draft, RegistrationChannel.Window));
        Assert.True(outcome.Succeeded, outcome.Message);
        return outcome.Id!.Value;
    }

    private async Task<Guid> InReviewAsync(RegistrationDraft draft)
    {
        var id = await SubmittedAsync(draft);
        Assert.True((await WithService(s => s.StartReviewAsync(id))).Succeeded);
        return id;
    }

    [Fact]
    public async Task The_checklists_of_Liaoning_6_2_2_are_in_every_new_database()
    {
        await using var db = await _services.NewContextAsync();
        Assert.Equal(12, await db.MaterialChecklistItems.CountAsync());
        Assert.Equal(4, await db.MaterialChecklistItems.CountAsync(i => i.Category == TradingCategory.StateAssets));
    }

    [Fact]
    public async Task A_submitted_registration_is_saved_with_its_deadline_on_the_working_day_calendar_and_published()
    {
        var id = await SubmittedAsync(DraftWithSlot(_room, "2026-12-01 09:00", "2026-12-01 11:00"));
        await using var db = await _services.NewContextAsync();
        var r = await db.Registrations.SingleAsync(x => x.Id == id);
        Assert.Equal(RegistrationStatus.Submitted, r.Status);
        Assert.Equal("2026-11-23 15:00", Local(r.DueAt!.Value)); // 3 working hours across lunch
        Assert.Equal("李娜", r.SubmittedBy);
        Assert.Equal(["公共资源进场交易申请表"], r.SubmittedMaterials);
        Assert.Single(r.Slots);
        Assert.Contains(_events.Of<RegistrationChanged>(), e => e.RegistrationId == id && e.Status == RegistrationStatus.Submitted);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(Registration) && a.Key == id.ToString()));
    }

    [Fact]
    public async Task Bad_input_gets_field_messages_and_saves_nothing()
    {
        var now = _clock.GetUtcNow();
        var bad = Draft(now) with
        {
            Amount = -5, Category = (TradingCategory)42, ContactName = null, BidOpeningAt = now.AddHours(-1),
            Slots = [new SlotDraft(Guid.NewGuid(), now.AddDays(1), now.AddDays(1).AddHours(1), "开标")],
        };
        var outcome = await WithService(s => s.SubmitAsync(bad, RegistrationChannel.Online));
        Assert.False(outcome.Succeeded);
        Assert.Equal(["金额不能为负数"], outcome.Errors["amount"]);
        Assert.Equal(["未知的交易类别"], outcome.Errors["category"]);
        Assert.Equal(["请填写联系人"], outcome.Errors["contactName"]);
        Assert.Equal(["计划开标时间不能早于现在"], outcome.Errors["bidOpeningAt"]);
        Assert.Equal(["场地不存在"], outcome.Errors["slots[0].roomId"]);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(0, await db.Registrations.CountAsync());
        Assert.Empty(_events.Of<RegistrationChanged>());
    }

    [Fact]
    public async Task Return_resubmit_and_accept_go_through_with_one_notice_and_a_booked_room()
    {
        var id = await InReviewAsync(DraftWithSlot(_room, "2026-12-01 09:00", "2026-12-01 11:00"));
        var returned = await WithService(s => s.ReturnAsync(id,
        [
            new DeficiencyItem("资产评估报告", DeficiencyKind.Missing, null),
            new DeficiencyItem("资产评估报告", DeficiencyKind.Wrong, "基准日超过一年"),
            new DeficiencyItem("资产处置批准文件", DeficiencyKind.Missing, null),
        ]));
        Assert.True(returned.Succeeded, returned.Message);
        Assert.True((await WithService(s => s.MarkNoticeSentAsync(id))).Succeeded);
        _clock.Advance(TimeSpan.FromDays(1)); // agency comes back Tuesday 10:30
        Assert.True((await WithService(s => s.ResubmitAsync(id, ["资产评估报告", "资产处置批准文件"]))).Succeeded);
        Assert.True((await WithService(s => s.StartReviewAsync(id))).Succeeded);
        var accepted = await WithService(s => s.AcceptAsync(id, new AcceptRequest(_staff, "开标前一日核对保证金", null)));
        Assert.True(accepted.Succeeded, accepted.Message);

        await using var db = await _services.NewContextAsync();
        var r = await db.Registrations.Include(x => x.Notices).SingleAsync(x => x.Id == id);
        Assert.Equal(RegistrationStatus.Accepted, r.Status);
        Assert.Equal(_staff, r.ResponsibleStaffId);
        Assert.All(r.Slots, s => Assert.True(s.Confirmed));
        var notice = Assert.Single(r.Notices);
        Assert.Equal(["资产评估报告", "资产处置批准文件"], notice.Items.Select(i => i.Material));
        Assert.NotNull(notice.SentAt);
        var project = await db.TradingProjects.SingleAsync(p => p.Id == r.ProjectId);
        Assert.Equal(r.ProjectName, project.Name);
        Assert.Equal(_staff, project.ResponsibleStaffId);
        Assert.Equal(
            [RegistrationStatus.Submitted, RegistrationStatus.InReview, RegistrationStatus.Returned, RegistrationStatus.Returned,
             RegistrationStatus.Resubmitted, RegistrationStatus.InReview, RegistrationStatus.Accepted],
            _events.Of<RegistrationChanged>().Select(e => e.Status));
    }

    [Fact]
    public async Task A_resubmission_keeps_the_first_submission_time_and_every_submission_with_the_material_its_notice_asked_for()
    {
        var firstAt = _clock.GetUtcNow();
        var id = await InReviewAsync(Draft(firstAt, TradingCategory.StateAssets, "公共资源进场交易申请表"));
        Assert.True((await WithService(s => s.ReturnAsync(id, [new DeficiencyItem("资产评估报告", DeficiencyKind.Missing, null)]))).Succeeded);
        _clock.Advance(TimeSpan.FromDays(1));
        var secondAt = _clock.GetUtcNow();
        Assert.True((await WithService(s => s.ResubmitAsync(id, ["资产评估报告"]))).Succeeded);
        Assert.True((await WithService(s => s.StartReviewAsync(id))).Succeeded);
        Assert.True((await WithService(s => s.ReturnAsync(id, [new DeficiencyItem("资产处置批准文件", DeficiencyKind.Wrong, "批文已过期")]))).Succeeded);
        _clock.Advance(TimeSpan.FromHours(2));
        var thirdAt = _clock.GetUtcNow();
        Assert.True((await WithService(s => s.ResubmitAsync(id, ["资产处置批准文件"]))).Succeeded);
        Assert.True((await WithService(s => s.StartReviewAsync(id))).Succeeded);
        Assert.True((await WithService(s => s.AcceptAsync(id, new AcceptRequest(_staff, null, null)))).Succeeded);

        await using var db = await _services.NewContextAsync();
        var r = await db.Registrations.AsNoTracking().SingleAsync(x => x.Id == id);
        Assert.Equal(RegistrationStatus.Accepted, r.Status);
        Assert.Equal(firstAt, r.SubmittedAt); // 提交时间 stays the first
        Assert.Equal(thirdAt, r.LastSubmittedAt);
        Assert.Equal([(1, firstAt, (int?)null, (string?)null, (string?)null), (2, secondAt, 1, "资产评估报告", "资产评估报告"), (3, thirdAt, 2, "资产处置批准文件", "资产处置批准文件")],
            r.Submissions.OrderBy(x => x.Sequence).Select(x => (x.Sequence, x.At, x.AnswersNotice, x.RequestedMaterials, x.HandedIn)));
    }

    [Fact]
    public async Task Notice_numbers_come_from_one_generator_unique_per_day_and_state_the_deadline_in_working_days_on_the_calendar()
    {
        // Monday 2026-11-23: five working days on is Monday 2026-11-30 (the weekend does not count).
        var a = await InReviewAsync(Draft(_clock.GetUtcNow()));
        var b = await InReviewAsync(Draft(_clock.GetUtcNow()));
        Assert.True((await WithService(s => s.ReturnAsync(a, [new DeficiencyItem("资产评估报告", DeficiencyKind.Missing, null)]))).Succeeded);
        Assert.True((await WithService(s => s.ReturnAsync(b, [new DeficiencyItem("资产评估报告", DeficiencyKind.Missing, null)]))).Succeeded);

        await using var db = await _services.NewContextAsync();
        var notices = await db.DeficiencyNotices.AsNoTracking().Where(n => n.RegistrationId == a || n.RegistrationId == b).ToListAsync();
        Assert.Equal(["BZ-20261123-001", "BZ-20261123-002"], notices.OrderBy(n => n.IssuedAt).ThenBy(n => n.Number).Select(n => n.Number));
        Assert.All(notices, n => Assert.Equal((5, new DateOnly(2026, 11, 30)), (n.ResubmitWorkingDays!.Value, n.ResubmitBy!.Value)));
        Assert.All(notices, n => Assert.True(NoticeNumber.IsValid(n.Number)));
    }

    [Fact]
    public async Task Acceptance_with_a_room_conflict_saves_nothing_and_shows_the_conflict()
    {
        var first = await InReviewAsync(DraftWithSlot(_room, "2026-12-01 09:00", "2026-12-01 11:00"));
        Assert.True((await WithService(s => s.AcceptAsync(first, new AcceptRequest(_staff, null, null)))).Succeeded);
        var second = await InReviewAsync(DraftWithSlot(_room, "2026-12-01 10:30", "2026-12-01 12:00"));
        int auditBefore, projectsBefore;
        await using (var db = await _services.NewContextAsync())
            (auditBefore, projectsBefore) = (await db.AuditEntries.CountAsync(), await db.TradingProjects.CountAsync());
        var eventsBefore = _events.Of<RegistrationChanged>().Count;

        var preview = await WithService(s => s.PreviewConflictsAsync(second));
        var outcome = await WithService(s => s.AcceptAsync(second, new AcceptRequest(_staff, "注意", new ConditionalAcceptance("评估报告", _clock.GetUtcNow().AddDays(2)))));

        var conflict = Assert.Single(outcome.Conflicts);
        Assert.Equal(preview, outcome.Conflicts);
        Assert.Equal(_room, conflict.RoomId);
        // The floor's own message, naming the clashing booking by the first project's code and times.
        Assert.Contains("与已有预约冲突", conflict.Reason);
        Assert.Contains(await ProjectCodeAsync(first) + "（09:00-11:00）", conflict.Reason);
        await using (var db = await _services.NewContextAsync())
        {
            var r = await db.Registrations.SingleAsync(x => x.Id == second);
            Assert.Equal(RegistrationStatus.InReview, r.Status);
            Assert.Null(r.ResponsibleStaffId);
            Assert.Null(r.MissingMaterialsDueAt);
            Assert.Null(r.ProjectId);
            Assert.All(r.Slots, s => Assert.False(s.Confirmed));
            Assert.Equal(auditBefore, await db.AuditEntries.CountAsync());
            Assert.Equal(projectsBefore, await db.TradingProjects.CountAsync());
        }
        Assert.Equal(eventsBefore, _events.Of<RegistrationChanged>().Count);
    }

    [Fact]
    public async Task Slots_of_another_room_or_far_enough_apart_for_clean_up_and_set_up_do_not_conflict_but_touching_ones_do()
    {
        var first = await InReviewAsync(DraftWithSlot(_room, "2026-12-01 09:00", "2026-12-01 11:00"));
        Assert.True((await WithService(s => s.AcceptAsync(first, new AcceptRequest(_staff, null, null)))).Succeeded);
        var otherRoom = await InReviewAsync(DraftWithSlot(_otherRoom, "2026-12-01 09:00", "2026-12-01 11:00"));
        Assert.True((await WithService(s => s.AcceptAsync(otherRoom, new AcceptRequest(_staff, null, null)))).Succeeded);
        // 15 minutes of clean-up after 11:00 and 15 of set-up before the next: 11:00 itself is too early.
        var touching = await InReviewAsync(DraftWithSlot(_room, "2026-12-01 11:00", "2026-12-01 12:00"));
        Assert.Single((await WithService(s => s.AcceptAsync(touching, new AcceptRequest(_staff, null, null)))).Conflicts);
        var afterBuffers = await InReviewAsync(DraftWithSlot(_room, "2026-12-01 11:30", "2026-12-01 12:30"));
        Assert.True((await WithService(s => s.AcceptAsync(afterBuffers, new AcceptRequest(_staff, null, null)))).Succeeded);
    }

    [Fact]
    public async Task An_accepted_registration_holds_its_rooms_as_confirmed_floor_bookings_of_its_project()
    {
        var id = await InReviewAsync(DraftWithSlot(_room, "2026-12-02 09:00", "2026-12-02 11:00"));
        Assert.True((await WithService(s => s.AcceptAsync(id, new AcceptRequest(_staff, null, null)))).Succeeded);
        await using var db = await _services.NewContextAsync();
        var registration = await db.Registrations.SingleAsync(r => r.Id == id);
        var booking = await db.RoomBookings.SingleAsync(b => b.ProjectId == registration.ProjectId);
        Assert.Equal(_room, booking.RoomId);
        Assert.Equal(TradingOps.Core.Floor.BookingStatus.Confirmed, booking.Status);
        var project = await db.TradingProjects.SingleAsync(p => p.Id == registration.ProjectId);
        Assert.Equal(project.Code, booking.ProjectCode);
        // The one project code format: the category's series of the month of acceptance, numbered from 0001.
        Assert.Equal(TradingOps.Core.Projects.ProjectCodes.Series(registration.Category, _clock.GetUtcNow()) + "0001", project.Code);
        Assert.Contains(_events.Of<TradingOps.Core.Floor.FloorChanged>(), e => e.BookingId == booking.Id);
    }

    [Fact]
    public async Task An_illegal_transition_is_refused_with_a_Chinese_message_and_saves_nothing()
    {
        var id = await SubmittedAsync(DraftWithSlot(_room, "2026-12-01 09:00", "2026-12-01 11:00"));
        var outcome = await WithService(s => s.AcceptAsync(id, new AcceptRequest(_staff, null, null)));
        Assert.Equal("登记 " + (await CodeAsync(id)) + " 当前状态为“已提交”，不能办结受理", outcome.Message);
        var reject = await WithService(s => s.RejectAsync(id, "材料不全"));
        Assert.False(reject.Succeeded);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(RegistrationStatus.Submitted, (await db.Registrations.SingleAsync(x => x.Id == id)).Status);
    }

    [Fact]
    public async Task A_consultation_is_recorded_by_its_first_responder_referred_and_closed_on_follow_up()
    {
        await using var scope = _services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ConsultationService>();
        Assert.Equal("请填写答复内容，或填写转办部门", await service.RecordAsync(new ConsultationDraft(ConsultationChannel.Phone, "进场登记", "王先生", null, "要带什么材料？", null, null, null)));
        Assert.Null(await service.RecordAsync(new ConsultationDraft(ConsultationChannel.Online, "投诉", "赵先生", null, "对评审结果有异议",
            null, "市财政局政府采购监管科", _clock.GetUtcNow().AddDays(1))));
        var c = Assert.Single(await service.RecentAsync());
        Assert.Equal("李娜", c.FirstResponder);
        Assert.Equal(ConsultationStatus.Referred, c.Status);
        Assert.Null(await service.FollowUpAsync(c.Id, "已转财政局，当事人表示满意"));
        Assert.Equal(ConsultationStatus.Closed, (await service.RecentAsync()).Single().Status);
        Assert.NotNull(await service.FollowUpAsync(c.Id, "再次回访"));
    }

    // ---- nothing is saved twice (issue 15, item 6) ----

    private static IdempotencyClaim Claim(string key, string body = "{}", string user = "u-clerk") =>
        new(user, key, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))));

    private async Task<RegistrationOutcome[]> InParallelAsync(int count, Func<RegistrationService, Task<RegistrationOutcome>> submit)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await WithService(submit);
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    private async Task<int> CountNamedAsync(string name)
    {
        await using var db = await _services.NewContextAsync();
        return await db.Registrations.CountAsync(r => r.ProjectName == name);
    }

    [Fact]
    public async Task Twenty_parallel_submissions_with_one_Idempotency_Key_create_one_registration_and_all_get_it()
    {
        var draft = Draft(_clock.GetUtcNow());
        var outcomes = await InParallelAsync(20, s => s.SubmitAsync(draft, RegistrationChannel.Online, default, Claim("key-20")));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.Single(outcomes.Select(o => o.Id).Distinct());
        Assert.Equal(19, outcomes.Count(o => o.Replayed));
        Assert.Equal(1, await CountNamedAsync(draft.ProjectName!));
    }

    [Fact]
    public async Task Twenty_parallel_submissions_of_the_same_project_without_a_key_create_one_and_refuse_the_rest_as_duplicates()
    {
        var draft = Draft(_clock.GetUtcNow());
        var outcomes = await InParallelAsync(20, s => s.SubmitAsync(draft, RegistrationChannel.Online));

        var created = Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o =>
        {
            Assert.Equal(created.Id, o.DuplicateOf);
            Assert.Contains("不能重复登记", o.Message);
        });
        Assert.Equal(1, await CountNamedAsync(draft.ProjectName!));
    }

    [Fact]
    public async Task An_open_registration_of_the_same_initiator_project_and_category_is_a_duplicate_however_it_is_spaced_or_cased()
    {
        var draft = Draft(_clock.GetUtcNow()) with { ProjectName = "ＡＢＣ 市政道路\u200B改造", Initiator = "市城建局" };
        var first = await SubmittedAsync(draft);

        var again = await WithService(s => s.SubmitAsync(draft with { ProjectName = "abc市政道路改造 ", Initiator = "\u3000市城建局" }, RegistrationChannel.Window));
        Assert.Equal(first, again.DuplicateOf);
        // Another category, or another initiator, is another project.
        Assert.True((await WithService(s => s.SubmitAsync(draft with { Category = TradingCategory.Engineering }, RegistrationChannel.Window))).Succeeded);
        Assert.True((await WithService(s => s.SubmitAsync(draft with { Initiator = "市交通局" }, RegistrationChannel.Window))).Succeeded);
    }

    [Fact]
    public async Task Once_the_registration_is_closed_the_same_project_may_be_registered_again()
    {
        var draft = Draft(_clock.GetUtcNow());
        var first = await InReviewAsync(draft);
        Assert.True((await WithService(s => s.RejectAsync(first, "不属于进场目录"))).Succeeded);

        var again = await WithService(s => s.SubmitAsync(draft, RegistrationChannel.Window));
        Assert.True(again.Succeeded, again.Message);
        Assert.NotEqual(first, again.Id);
    }

    [Fact]
    public async Task A_registration_saved_before_the_duplicate_rule_gets_its_key_at_start_up_and_is_protected_too()
    {
        var draft = Draft(_clock.GetUtcNow());
        var old = await SubmittedAsync(draft);
        await using (var db = await _services.NewContextAsync())
            await db.Registrations.Where(r => r.Id == old).ExecuteUpdateAsync(u => u.SetProperty(r => r.OpenKey, (string?)null)); // as upgraded

        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        Assert.Equal(old, (await WithService(s => s.SubmitAsync(draft, RegistrationChannel.Window))).DuplicateOf);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_with_another_body_is_refused_and_saves_nothing()
    {
        var draft = Draft(_clock.GetUtcNow());
        var first = await WithService(s => s.SubmitAsync(draft, RegistrationChannel.Online, default, Claim("key-a", "body-1")));
        Assert.True(first.Succeeded);
        var other = Draft(_clock.GetUtcNow());

        var reused = await WithService(s => s.SubmitAsync(other, RegistrationChannel.Online, default, Claim("key-a", "body-2")));

        Assert.True(reused.KeyReused);
        Assert.Contains("Idempotency-Key", reused.Message);
        Assert.Equal(0, await CountNamedAsync(other.ProjectName!));
    }

    [Fact]
    public async Task An_Idempotency_Key_is_scoped_to_its_user_and_expires_after_a_day()
    {
        await using (var db = await _services.NewContextAsync())
        {
            db.Users.Add(new TradingOps.Data.Identity.ApplicationUser { Id = "u-other", UserName = "other", NormalizedUserName = "OTHER", DisplayName = "王芳" });
            await db.SaveChangesAsync();
        }
        var first = await WithService(s => s.SubmitAsync(Draft(_clock.GetUtcNow()), RegistrationChannel.Online, default, Claim("shared", "body-1")));
        Assert.True(first.Succeeded);

        // Another user's request with the same key is a request of its own.
        var theirs = await WithService(s => s.SubmitAsync(Draft(_clock.GetUtcNow()), RegistrationChannel.Online, default, Claim("shared", "body-2", "u-other")));
        Assert.True(theirs.Succeeded, theirs.Message);
        Assert.False(theirs.Replayed);
        Assert.NotEqual(first.Id, theirs.Id);

        // Within the day the key replays; after it, the key is free again.
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.True((await WithService(s => s.SubmitAsync(Draft(_clock.GetUtcNow()), RegistrationChannel.Online, default, Claim("shared", "body-1")))).Replayed);
        _clock.Advance(TimeSpan.FromHours(2));
        var later = await WithService(s => s.SubmitAsync(Draft(_clock.GetUtcNow()), RegistrationChannel.Online, default, Claim("shared", "body-3")));
        Assert.True(later.Succeeded, later.Message);
        Assert.False(later.Replayed);
        Assert.NotEqual(first.Id, later.Id);
    }

    private async Task<string> ProjectCodeAsync(Guid id)
    {
        await using var db = await _services.NewContextAsync();
        return await db.Registrations.Where(r => r.Id == id).Join(db.TradingProjects, r => r.ProjectId, p => p.Id, (r, p) => p.Code).SingleAsync();
    }

    private async Task<string> CodeAsync(Guid id)
    {
        await using var db = await _services.NewContextAsync();
        return await db.Registrations.Where(r => r.Id == id).Select(r => r.Code).SingleAsync();
    }

}

public sealed class SqliteRegistrationDataTests : RegistrationDataContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlRegistrationDataTests(PostgreSqlServer server) : RegistrationDataContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_reg_{Guid.NewGuid():N}");
}
