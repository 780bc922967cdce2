using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Evaluation;

/// <summary>
/// Requests, the two-person draw, calls and redraws on a real database (SQLite and PostgreSQL): what is saved, refused,
/// revealed and published, and what two nodes drawing at the same moment leave behind.
/// </summary>
public abstract class DrawServiceContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    internal static readonly Actor Clerk = Actor.User("u-clerk", "clerk");     // Staff: the operator and caller
    internal static readonly Actor Boss = Actor.User("u-boss", "boss");        // Supervisor
    internal static readonly Actor Duty = Actor.User("u-duty", "duty");        // DutyManager

    private static DateTimeOffset At(string local) => CenterTime.At(DateOnly.Parse(local[..10]), TimeOnly.Parse(local[11..]));

    private readonly FakeTimeProvider _clock = new(At("2026-12-03 08:00"));
    private readonly RecordingPublisher _events = new();
    private ServiceProvider _services = null!;
    private Room _room = null!, _room2 = null!;
    private IIdentityProtector _protector = null!;
    private int _experts;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Clerk, clock: _clock,
            configure: s => s.AddSingleton<ILiveEventPublisher>(_events));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        _protector = _services.GetRequiredService<IIdentityProtector>();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
        _room = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 13, 9);
        _room2 = new Room(zone.Id, "P302", "第二评标室", RoomType.EvaluationRoom, 13, 9);
        db.AddRange(center, zone, _room, _room2);
        await UserAsync(db, Clerk, Roles.Staff);
        await UserAsync(db, Boss, Roles.Supervisor);
        await UserAsync(db, Duty, Roles.DutyManager);
        await db.SaveChangesAsync();
        await ExpertPoolSeeder.EnsureSpecialtiesAsync(db, default);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static async Task UserAsync(TradingOpsDbContext db, Actor who, string role)
    {
        db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.Name, NormalizedUserName = who.Name.ToUpperInvariant(), DisplayName = who.Name });
        var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role)
                ?? db.Roles.Local.SingleOrDefault(x => x.Name == role)
                ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
    }

    /// <summary>Runs one command on a fresh scope (a page's circuit, or another node) as <paramref name="who"/>.</summary>
    private async Task<T> As<T>(Actor who, Func<DrawService, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = who;
        return await action(scope.ServiceProvider.GetRequiredService<DrawService>());
    }

    private Task As(Actor who, Func<DrawService, Task> action) => As(who, async s => { await action(s); return 0; });

    private async Task<RoomBooking> SessionAsync(string starts = "2026-12-03 14:00", int hours = 3, Room? room = null, string project = "示范工程施工",
        Guid? projectId = null)
    {
        await using var db = await _services.NewContextAsync();
        var booking = new RoomBooking(room ?? _room, projectId, $"GC-{Guid.NewGuid():N}"[..12], project, "示范华信招标代理有限公司",
            BookingPurpose.Evaluation, 7, At(starts), At(starts).AddHours(hours), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15), "clerk", _clock.GetUtcNow());
        db.RoomBookings.Add(booking);
        await db.SaveChangesAsync();
        return booking;
    }

    private async Task<List<Expert>> ExpertsAsync(int count, string specialties = "A01", string employer = "示范大学")
    {
        await using var db = await _services.NewContextAsync();
        var list = new List<Expert>();
        for (var i = 0; i < count; i++)
        {
            var n = ++_experts;
            var first17 = "110101" + new DateOnly(1970, 1, 1).AddDays(n).ToString("yyyyMMdd") + "123";
            var identity = ProtectedIdentity.Of(_protector, $"测试专家{n}", first17 + IdNumber.CheckCharacter(first17), $"139{n:D8}", new DateOnly(2026, 12, 3));
            list.Add(new Expert($"E{n:D5}", identity, employer, "示范区", specialties.Split(','), ExpertSource.LocalPool, "test", _clock.GetUtcNow()));
        }
        db.Experts.AddRange(list);
        await db.SaveChangesAsync();
        return list;
    }

    private Task RequestAsync(RoomBooking session, params (string Code, int Count)[] quotas) =>
        As(Clerk, s => s.SaveRequestAsync(session.Id, new DrawRequestForm("示范市建设局", null, 90, quotas.Select(q => new QuotaLine(q.Code, q.Count)).ToList())));

    private async Task<DrawRound> DrawAsync(RoomBooking session, Actor? confirmer = null)
    {
        await As(Clerk, s => s.StartDrawAsync(session.Id));
        return await As(confirmer ?? Boss, s => s.ConfirmDrawAsync(session.Id));
    }

    private async Task<List<CommitteeMember>> MembersAsync(Guid bookingId)
    {
        await using var db = await _services.NewContextAsync();
        return await db.CommitteeMembers.AsNoTracking().Where(m => m.BookingId == bookingId).OrderBy(m => m.Kind).ThenBy(m => m.Order).ToListAsync();
    }

    // ---- the request and the two-person draw ----

    [Fact]
    public async Task A_draw_runs_only_when_an_overseer_other_than_the_operator_confirms_it_and_records_a_round_the_reviewer_can_verify()
    {
        await ExpertsAsync(8, "A01");
        await ExpertsAsync(6, "A17");
        var session = await SessionAsync();
        await RequestAsync(session, ("A01", 3), ("A17", 2));
        await As(Clerk, s => s.StartDrawAsync(session.Id));

        Assert.Equal("Draw.NotOverseer", (await Assert.ThrowsAsync<DomainException>(() => As(Clerk, s => s.ConfirmDrawAsync(session.Id)))).Code);
        var round = await As(Boss, s => s.ConfirmDrawAsync(session.Id));

        var members = await MembersAsync(session.Id);
        Assert.Equal(5, members.Count);
        Assert.Equal([1, 2, 3, 4, 5], members.Select(m => m.Order));
        Assert.Equal(3, members.Count(m => m.SpecialtyCode == "A01"));
        Assert.All(members, m => Assert.Equal((CallOutcome.Pending, round.Id), (m.Outcome, m.RoundId)));
        await using var db = await _services.NewContextAsync();
        var request = await db.DrawRequests.SingleAsync(r => r.BookingId == session.Id);
        Assert.Equal((DrawRequestStatus.Drawn, "clerk", "boss"), (request.Status, request.OperatorName, request.ConfirmedBy));
        Assert.Equal(5 * 6, await db.ExpertEngagements.CountAsync(e => e.BookingId == session.Id)); // six half hours each
        var saved = await db.DrawRounds.SingleAsync(r => r.BookingId == session.Id);
        Assert.Null(DrawRules.Verify(saved));
        Assert.Equal(14, saved.CandidateCount);
        Assert.Equal(members.Select(m => m.ExpertCode).Order(), DrawRules.PicksOf(saved).Values.SelectMany(c => c).Order());
        Assert.Contains("\"Source\":\"crypto\"", saved.RandomJson);
        var drawn = Assert.Single(_events.Of<EvaluationChanged>(), e => e.Change == EvaluationChange.Drawn);
        Assert.Equal((5, 5, 0), (drawn.Counts.Wanted, drawn.Counts.OnList, drawn.Counts.Accepted));
    }

    [Fact]
    public async Task The_operator_cannot_confirm_their_own_draw_even_as_an_overseer()
    {
        await ExpertsAsync(4);
        var session = await SessionAsync();
        await RequestAsync(session, ("A01", 2));
        await As(Boss, s => s.StartDrawAsync(session.Id));
        var ex = await Assert.ThrowsAsync<DomainException>(() => As(Boss, s => s.ConfirmDrawAsync(session.Id)));
        Assert.Equal("Draw.SamePerson", ex.Code);
        await As(Duty, s => s.ConfirmDrawAsync(session.Id));
        Assert.Equal(2, (await MembersAsync(session.Id)).Count);
    }

    [Fact]
    public async Task Excluded_employers_recent_service_unavailable_and_engaged_experts_are_never_drawn_and_each_exclusion_is_recorded()
    {
        var fine = await ExpertsAsync(3);
        var initiatorStaff = (await ExpertsAsync(1, employer: "示范市建设局"))[0];
        var bidderStaff = (await ExpertsAsync(1, employer: "示范路桥集团第三分公司"))[0];
        var away = (await ExpertsAsync(1))[0];
        var servedLately = (await ExpertsAsync(1))[0];
        var busy = (await ExpertsAsync(1))[0];
        await using (var db = await _services.NewContextAsync())
        {
            db.ExpertUnavailabilities.Add(new ExpertUnavailability(away.Id, At("2026-12-03 00:00"), At("2026-12-04 00:00"), "出差", "test"));
            await db.SaveChangesAsync();
        }
        // Served the same initiator yesterday (accepted), and bound to an overlapping session in the other room today.
        var earlier = await SessionAsync("2026-12-02 09:00");
        await RequestDirectAsync(earlier, "示范市建设局");
        await AddAcceptedAsync(earlier.Id, servedLately);
        var notSame = (await ExpertsAsync(1))[0]; // served another initiator: still eligible
        var otherInitiator = await SessionAsync("2026-12-01 09:00");
        await RequestDirectAsync(otherInitiator, "示范市教育局");
        await AddAcceptedAsync(otherInitiator.Id, notSame);
        var overlapping = await SessionAsync("2026-12-03 15:00", room: _room2);
        await RequestAsync(overlapping, ("A01", 1));
        await AddAcceptedAsync(overlapping.Id, busy, accept: false);
        fine.Add(notSame);

        var session = await SessionAsync();
        await As(Clerk, s => s.SaveRequestAsync(session.Id, new DrawRequestForm("示范市建设局", "示范路桥集团\n", 90, [new QuotaLine("A01", 4)])));
        var round = await DrawAsync(session, Duty);

        Assert.Equal(fine.Select(e => e.Code).Order(), (await MembersAsync(session.Id)).Select(m => m.ExpertCode).Order());
        var exclusions = DrawRules.ExclusionsOf(round)["A01"];
        Assert.Equal(DrawExclusion.Employer, exclusions[initiatorStaff.Code]);
        Assert.Equal(DrawExclusion.Employer, exclusions[bidderStaff.Code]);
        Assert.Equal(DrawExclusion.Unavailable, exclusions[away.Code]);
        Assert.Equal(DrawExclusion.RecentService, exclusions[servedLately.Code]);
        Assert.Equal(DrawExclusion.Engaged, exclusions[busy.Code]);
        Assert.Equal(4, round.CandidateCount);
    }

    /// <summary>A request saved as it stood (for a past session, which the service no longer accepts).</summary>
    private async Task RequestDirectAsync(RoomBooking session, string initiator)
    {
        await using var db = await _services.NewContextAsync();
        db.DrawRequests.Add(new DrawRequest(session.Id, session.RoomId, session.ProjectCode, session.ProjectName, initiator, session.Agency,
            session.StartsAt, session.EndsAt, DrawSource.Local, 90, "test", session.RequestedAt));
        await db.SaveChangesAsync();
    }

    /// <summary>Puts an expert on a session's list directly (as a past draw would have), with engagements while on the list.</summary>
    private async Task AddAcceptedAsync(Guid bookingId, Expert e, bool accept = true)
    {
        await using var db = await _services.NewContextAsync();
        var request = await db.DrawRequests.SingleAsync(r => r.BookingId == bookingId);
        var identity = new ProtectedIdentity(e.ProtectedName, e.ProtectedIdNumber, e.IdFingerprint, e.IdMasked, e.ProtectedPhone, e.PhoneMasked);
        var m = new CommitteeMember(request, MemberKind.Expert, e.Id, e.Code, "A01", null, 99, identity, e.Employer, "test", _clock.GetUtcNow());
        if (accept) m.RecordOutcome(CallOutcome.Accepted, null, "clerk", _clock.GetUtcNow());
        db.CommitteeMembers.Add(m);
        db.ExpertEngagements.AddRange(ExpertEngagement.For(m));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_shortfall_is_refused_per_specialty_and_nothing_is_saved()
    {
        await ExpertsAsync(3, "A01");
        await ExpertsAsync(1, "B04");
        await ExpertsAsync(5, "C02");
        var session = await SessionAsync();
        await RequestAsync(session, ("A01", 5), ("B04", 2), ("C02", 3));
        await As(Clerk, s => s.StartDrawAsync(session.Id));

        var ex = await Assert.ThrowsAsync<DomainException>(() => As(Boss, s => s.ConfirmDrawAsync(session.Id)));
        Assert.Equal("Draw.Shortfall", ex.Code);
        Assert.Contains("A01 房屋建筑工程：需要 5 人，可抽 3 人，缺 2 人；B04 医疗设备：需要 2 人，可抽 1 人，缺 1 人", ex.Message);
        Assert.DoesNotContain("C02", ex.Message);
        await using var db = await _services.NewContextAsync();
        Assert.Empty(await db.CommitteeMembers.Where(m => m.BookingId == session.Id).ToListAsync());
        Assert.Empty(await db.DrawRounds.Where(r => r.BookingId == session.Id).ToListAsync());
        Assert.False(await db.ExpertEngagements.AnyAsync());
        Assert.Equal(DrawRequestStatus.AwaitingConfirmation, (await db.DrawRequests.SingleAsync(r => r.BookingId == session.Id)).Status);
    }

    [Fact]
    public async Task A_request_is_refused_for_a_room_outside_the_evaluation_area_an_unknown_specialty_and_after_the_start()
    {
        var session = await SessionAsync();
        var ex = await Assert.ThrowsAsync<DomainException>(() => RequestAsync(session, ("Z99", 2)));
        Assert.Equal("Draw.UnknownSpecialty", ex.Code);
        _clock.SetUtcNow(At("2026-12-03 14:00"));
        Assert.Equal("Draw.Started", (await Assert.ThrowsAsync<DomainException>(() => RequestAsync(session, ("A01", 2)))).Code);
        await using var db = await _services.NewContextAsync();
        Assert.False(await db.DrawRequests.AnyAsync());
    }

    [Fact]
    public async Task An_initiator_representative_is_stored_protected_accepted_and_engaged_and_a_wrong_id_checksum_is_refused()
    {
        var session = await SessionAsync();
        await RequestAsync(session, ("A01", 1));
        var first17 = "11010119800101001";
        var wrong = first17 + (IdNumber.CheckCharacter(first17) == '0' ? '1' : '0');
        var ex = await Assert.ThrowsAsync<DomainException>(() => As(Clerk, s => s.AddRepresentativeAsync(session.Id,
            new RepresentativeForm("王代表", wrong, "13900001111", "示范市建设局"))));
        Assert.Equal("Identity.IdNumber", ex.Code);
        var id = await As(Clerk, s => s.AddRepresentativeAsync(session.Id,
            new RepresentativeForm("王代表", first17 + IdNumber.CheckCharacter(first17), "13900001111", "示范市建设局")));

        var rep = Assert.Single(await MembersAsync(session.Id));
        Assert.Equal((id, MemberKind.InitiatorRepresentative, CallOutcome.Accepted), (rep.Id, rep.Kind, rep.Outcome));
        Assert.DoesNotContain("王代表", rep.ProtectedName);
        Assert.Equal("王代表", _protector.Unprotect(rep.ProtectedName));
        await using var db = await _services.NewContextAsync();
        Assert.Equal(6, await db.ExpertEngagements.CountAsync(e => e.MemberId == id));
    }

    // ---- calls and redraws ----

    [Fact]
    public async Task The_caller_sees_one_name_at_a_time_in_pick_order_each_reveal_audited_and_a_decline_frees_the_engagements()
    {
        await ExpertsAsync(6);
        var session = await SessionAsync();
        await RequestAsync(session, ("A01", 3));
        await DrawAsync(session);
        var members = await MembersAsync(session.Id);

        var first = await As(Clerk, s => s.NextCallAsync(session.Id));
        Assert.NotNull(first);
        Assert.Equal((members[0].Id, 3), (first.MemberId, first.PendingCount));
        Assert.StartsWith("测试专家", first.Name);
        Assert.StartsWith("139", first.Phone);
        await As(Clerk, s => s.RecordCallAsync(session.Id, first.MemberId, CallOutcome.Declined, "出差在外"));

        var second = await As(Clerk, s => s.NextCallAsync(session.Id));
        Assert.Equal((members[1].Id, 2), (second!.MemberId, second.PendingCount));
        await using var db = await _services.NewContextAsync();
        Assert.False(await db.ExpertEngagements.AnyAsync(e => e.MemberId == first.MemberId));
        Assert.Equal(6, await db.ExpertEngagements.CountAsync(e => e.MemberId == second.MemberId));
        var reads = await db.AuditEntries.Where(a => a.Entity == nameof(CommitteeMember) && a.Action == AuditAction.Read).ToListAsync();
        Assert.Equal([first.MemberId.ToString(), second.MemberId.ToString()], reads.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.Key));
        Assert.All(reads, a => Assert.Contains("Call", a.Changes));
        Assert.All(reads, a => Assert.DoesNotContain(first.Name, a.Changes));
        var declined = await db.CommitteeMembers.SingleAsync(m => m.Id == first.MemberId);
        Assert.Equal((CallOutcome.Declined, "clerk", "出差在外"), (declined.Outcome, declined.OutcomeBy, declined.OutcomeNote));
        Assert.DoesNotContain(_events.Of<EvaluationChanged>().Select(e => e.ToString()), e => e.Contains(first.Name));
    }

    [Fact]
    public async Task A_call_outcome_on_a_member_of_another_session_is_refused()
    {
        await ExpertsAsync(6);
        var one = await SessionAsync();
        var other = await SessionAsync("2026-12-03 14:00", room: _room2);
        await RequestAsync(one, ("A01", 2));
        await RequestAsync(other, ("A01", 2));
        await DrawAsync(one);
        await DrawAsync(other);
        var theirs = (await MembersAsync(other.Id))[0];
        var ex = await Assert.ThrowsAsync<DomainException>(() => As(Clerk, s => s.RecordCallAsync(one.Id, theirs.Id, CallOutcome.Accepted, null)));
        Assert.Equal("Call.OtherSession", ex.Code);
        Assert.Equal(CallOutcome.Pending, (await MembersAsync(other.Id))[0].Outcome);
    }

    [Fact]
    public async Task A_gap_is_filled_by_one_two_person_redraw_of_its_specialty_from_the_remaining_pool_with_the_reason_recorded()
    {
        await ExpertsAsync(4, "A01");
        await ExpertsAsync(3, "A17");
        var session = await SessionAsync();
        await RequestAsync(session, ("A01", 2), ("A17", 1));
        await DrawAsync(session);
        var gap = (await MembersAsync(session.Id)).First(m => m.SpecialtyCode == "A01");
        var stays = (await MembersAsync(session.Id)).First(m => m.SpecialtyCode == "A01" && m.Id != gap.Id);

        // Not for a member still on the list.
        Assert.Equal("Redraw.OnList", (await Assert.ThrowsAsync<DomainException>(() => As(Clerk, s => s.RequestRedrawAsync(session.Id, gap.Id, "拒绝参加")))).Code);
        await As(Clerk, s => s.RecordCallAsync(session.Id, gap.Id, CallOutcome.Accepted, null));
        await As(Clerk, s => s.RecordCallAsync(session.Id, gap.Id, CallOutcome.Recused, "与投标人有利害关系"));
        await As(Boss, s => s.RequestRedrawAsync(session.Id, gap.Id, "专家回避"));
        Assert.Equal("Draw.NotOverseer", (await Assert.ThrowsAsync<DomainException>(() => As(Clerk, s => s.ConfirmRedrawAsync(session.Id, gap.Id)))).Code);
        Assert.Equal("Draw.SamePerson", (await Assert.ThrowsAsync<DomainException>(() => As(Boss, s => s.ConfirmRedrawAsync(session.Id, gap.Id)))).Code);
        var round = await As(Duty, s => s.ConfirmRedrawAsync(session.Id, gap.Id));

        var after = await MembersAsync(session.Id);
        var replacement = after.Single(m => m.RoundId == round.Id);
        Assert.Equal(replacement.Id, after.Single(m => m.Id == gap.Id).ReplacedById);
        Assert.Equal(("A01", CallOutcome.Pending, 4), (replacement.SpecialtyCode, replacement.Outcome, replacement.Order));
        Assert.NotEqual(gap.ExpertCode, replacement.ExpertCode);
        Assert.NotEqual(stays.ExpertCode, replacement.ExpertCode);
        Assert.Equal((DrawRoundKind.Redraw, "专家回避", gap.Id, "boss", "duty", 2), (round.Kind, round.Reason, round.ReplacesMemberId, round.OperatorName, round.ConfirmedBy, round.CandidateCount));
        Assert.Equal(DrawExclusion.OnList, DrawRules.ExclusionsOf(round)["A01"][gap.ExpertCode!]);
        Assert.Null(DrawRules.Verify(round));
        Assert.Contains(_events.Of<EvaluationChanged>(), e => e.Change == EvaluationChange.Redrawn && e.Counts.OnList == 3);

        // One redraw per gap.
        Assert.Equal("Redraw.Done", (await Assert.ThrowsAsync<DomainException>(() => As(Clerk, s => s.RequestRedrawAsync(session.Id, gap.Id, "再抽")))).Code);
    }

    [Fact]
    public async Task A_confirmed_draw_and_redraw_land_in_the_projects_witness_log_with_round_counts_candidates_hash_and_codes_never_names()
    {
        await ExpertsAsync(4, "A01");
        var session = await SessionAsync();
        await RequestAsync(session, ("A01", 2));
        var first = await DrawAsync(session);
        var gap = (await MembersAsync(session.Id))[0];
        await As(Clerk, s => s.RecordCallAsync(session.Id, gap.Id, CallOutcome.Recused, "回避"));
        await As(Boss, s => s.RequestRedrawAsync(session.Id, gap.Id, "专家回避"));
        var second = await As(Duty, s => s.ConfirmRedrawAsync(session.Id, gap.Id));

        await using var db = await _services.NewContextAsync();
        var chain = await TradingOps.Data.Witness.WitnessLog.ChainAsync(db, session.ProjectCode);
        var draws = chain.Where(e => e.Code is TradingOps.Core.Witness.WitnessCodes.DrawConfirmed or TradingOps.Core.Witness.WitnessCodes.DrawRedrawn).ToList();
        Assert.Equal([TradingOps.Core.Witness.WitnessCodes.DrawConfirmed, TradingOps.Core.Witness.WitnessCodes.DrawRedrawn], draws.Select(e => e.Code));
        Assert.Equal(("boss", "duty"), (draws[0].Actor, draws[1].Actor));
        Assert.Contains("第 1 轮，抽取 2 人（候选 4 人）", draws[0].Text);
        Assert.Contains(first.CandidatesHash, draws[0].Text);
        Assert.Contains("第 2 轮，抽取 1 人", draws[1].Text);
        Assert.Contains(second.CandidatesHash, draws[1].Data);
        var members = await MembersAsync(session.Id);
        Assert.All(members.Where(m => m.RoundId == first.Id), m => Assert.Contains(m.ExpertCode!, draws[0].Text));
        Assert.DoesNotContain(chain, e => e.Text.Contains("测试专家") || (e.Data ?? "").Contains("测试专家"));
        Assert.True(TradingOps.Core.Witness.WitnessChain.Verify(session.ProjectCode, chain).Intact);
    }

    [Fact]
    public async Task A_redraw_after_the_evaluation_start_is_refused()
    {
        await ExpertsAsync(4);
        var session = await SessionAsync();
        await RequestAsync(session, ("A01", 2));
        await DrawAsync(session);
        var gap = (await MembersAsync(session.Id))[0];
        await As(Clerk, s => s.RecordCallAsync(session.Id, gap.Id, CallOutcome.NoAnswer, null));
        await As(Clerk, s => s.RequestRedrawAsync(session.Id, gap.Id, "无法联系"));
        _clock.SetUtcNow(At("2026-12-03 14:00"));

        var ex = await Assert.ThrowsAsync<DomainException>(() => As(Boss, s => s.ConfirmRedrawAsync(session.Id, gap.Id)));
        Assert.Equal("Redraw.Started", ex.Code);
        Assert.Equal(2, (await MembersAsync(session.Id)).Count);
    }

    // ---- the demo ----

    [Fact]
    public async Task The_demo_draws_through_the_service_as_two_people_with_a_seeded_source_it_names_in_every_round()
    {
        await ExpertsAsync(40, "A01,A17,B03,C04,A02");
        var project = await ProjectAsync();
        var running = await SessionAsync("2026-12-03 09:00", projectId: project);  // the clock moves past its start below
        var later = await SessionAsync("2026-12-03 15:00", room: _room2, projectId: project);
        _clock.SetUtcNow(At("2026-12-03 10:00"));

        await using (var scope = _services.CreateAsyncScope())
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<DrawDemoSeeder>().SeedAsync("clerk", "boss", "duty"));

        await using var db = await _services.NewContextAsync();
        var rounds = await db.DrawRounds.ToListAsync();
        Assert.All(rounds, r => Assert.Null(DrawRules.Verify(r)));
        Assert.All(rounds, r => Assert.Contains("\"Source\":\"demo-seed:20261203\"", r.RandomJson));
        Assert.All(rounds, r => Assert.Equal("clerk", r.OperatorName));
        Assert.Equal(2, rounds.Count(r => r.Kind == DrawRoundKind.Redraw && r.BookingId == running.Id)); // a decline and an unreachable, redrawn
        var past = await MembersAsync(running.Id);
        Assert.All(past.Where(m => m.Kind == MemberKind.Expert && m.ReplacedById is null), m => Assert.Equal(CallOutcome.Accepted, m.Outcome));
        Assert.Single(past, m => m.Kind == MemberKind.InitiatorRepresentative);
        var upcoming = await MembersAsync(later.Id);
        Assert.Contains(upcoming, m => m.Outcome == CallOutcome.Pending);
        Assert.Contains(upcoming, m => m.Outcome == CallOutcome.Declined && m.ReplacedById is null); // a gap waiting for its redraw

        await using (var scope = _services.CreateAsyncScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<DrawDemoSeeder>().SeedAsync("clerk", "boss", "duty")); // once
    }

    /// <summary>A trading project: the demo's sessions take their initiator from it.</summary>
    private async Task<Guid> ProjectAsync()
    {
        await using var db = await _services.NewContextAsync();
        var staff = new Staff("E001", "李娜", "交易服务科", null, null);
        var project = new TradingOps.Core.Projects.TradingProject("GC-2026-0001", "示范工程施工", TradingOps.Core.Projects.TradingCategory.Engineering,
            TradingOps.Core.Projects.TradingMethod.OpenTender, "示范市建设局", "示范华信招标代理有限公司", 1_000_000m, staff.Id, _clock.GetUtcNow());
        db.AddRange(staff, project);
        await db.SaveChangesAsync();
        return project.Id;
    }

    // ---- concurrency: two nodes at the same moment ----

    [Fact]
    public async Task Two_overlapping_sessions_drawn_at_the_same_moment_on_two_nodes_never_share_an_expert()
    {
        await ExpertsAsync(6);
        var a = await SessionAsync("2026-12-03 14:00");
        var b = await SessionAsync("2026-12-03 15:30", room: _room2);
        await RequestAsync(a, ("A01", 3));
        await RequestAsync(b, ("A01", 3));
        await As(Clerk, s => s.StartDrawAsync(a.Id));
        await As(Clerk, s => s.StartDrawAsync(b.Id));

        await Task.WhenAll(Task.Run(() => As(Boss, s => s.ConfirmDrawAsync(a.Id))), Task.Run(() => As(Duty, s => s.ConfirmDrawAsync(b.Id))));

        var inA = (await MembersAsync(a.Id)).Select(m => m.IdFingerprint).ToList();
        var inB = (await MembersAsync(b.Id)).Select(m => m.IdFingerprint).ToList();
        Assert.Equal((3, 3), (inA.Count, inB.Count));
        Assert.Empty(inA.Intersect(inB));
    }

    [Fact]
    public async Task The_same_session_confirmed_twice_at_the_same_moment_draws_once_and_refuses_the_other_clearly()
    {
        await ExpertsAsync(10);
        var session = await SessionAsync();
        await RequestAsync(session, ("A01", 3));
        await As(Clerk, s => s.StartDrawAsync(session.Id));

        var results = await Task.WhenAll(
            Task.Run(async () => { try { await As(Boss, s => s.ConfirmDrawAsync(session.Id)); return null; } catch (DomainException e) { return e; } }),
            Task.Run(async () => { try { await As(Duty, s => s.ConfirmDrawAsync(session.Id)); return null; } catch (DomainException e) { return e; } }));

        var refused = Assert.Single(results, r => r is not null)!;
        Assert.Equal("Draw.AlreadyDrawn", refused.Code);
        Assert.Equal("本场已抽取，不能重复抽取", refused.Message);
        Assert.Equal(3, (await MembersAsync(session.Id)).Count);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(1, await db.DrawRounds.CountAsync(r => r.BookingId == session.Id));
    }

    [Fact]
    public async Task The_database_refuses_a_second_engagement_of_one_person_in_an_overlapping_half_hour_even_without_the_lock()
    {
        await ExpertsAsync(3);
        var a = await SessionAsync("2026-12-03 14:00");
        var b = await SessionAsync("2026-12-03 16:00", room: _room2);
        await RequestAsync(a, ("A01", 1));
        await RequestAsync(b, ("A01", 1));
        await DrawAsync(a);
        var member = (await MembersAsync(a.Id))[0];

        await using var db = await _services.NewContextAsync();
        var request = await db.DrawRequests.SingleAsync(r => r.BookingId == b.Id);
        var e = await db.Experts.SingleAsync(x => x.Id == member.ExpertId);
        var twin = new CommitteeMember(request, MemberKind.Expert, e.Id, e.Code, "A01", null, 1,
            new ProtectedIdentity(e.ProtectedName, e.ProtectedIdNumber, e.IdFingerprint, e.IdMasked, e.ProtectedPhone, e.PhoneMasked), e.Employer, "test", _clock.GetUtcNow());
        db.CommitteeMembers.Add(twin);
        db.ExpertEngagements.AddRange(ExpertEngagement.For(twin)); // 16:00-17:00 overlaps a's 14:00-17:00
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var db2 = await _services.NewContextAsync();
        var again = new CommitteeMember(await db2.DrawRequests.SingleAsync(r => r.BookingId == a.Id), MemberKind.Expert, e.Id, e.Code, "A01", null, 2,
            new ProtectedIdentity(e.ProtectedName, e.ProtectedIdNumber, e.IdFingerprint, e.IdMasked, e.ProtectedPhone, e.PhoneMasked), e.Employer, "test", _clock.GetUtcNow());
        db2.CommitteeMembers.Add(again); // the same person twice in one session
        await Assert.ThrowsAsync<DbUpdateException>(() => db2.SaveChangesAsync());
    }
}

public sealed class SqliteDrawServiceTests : DrawServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlDrawServiceTests(PostgreSqlServer server) : DrawServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_draw_{Guid.NewGuid():N}");
}
