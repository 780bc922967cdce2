using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradingOps.Core.Auditing;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Live;
using TradingOps.Data.Evaluation;
using TradingOps.Tests.Evaluation;
using TradingOps.Web.Live;
using TradingOps.Core.Floor;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Floor;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Queue;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Security;

/// <summary>
/// The demo center with an evaluation-area room (a 谈判室/磋商室/澄清室) in use by a project with distinctive code,
/// name and agency, suspended with a reason naming a person and a phone number; an evaluation room booked for later;
/// and a bid-opening room in use by another distinctive project, suspended with a reason (a text and a phone number) that no public surface may show.
/// Issue 18: the evaluation room booked for later has a drawn committee of known people (sealed), and another evaluation
/// room runs a session that has started, with a committee of other known people, three of them seated at the gate.
/// Every log line of the host (all levels, all categories) and every live event are kept to be searched.
/// </summary>
public sealed class ConfidentialFloorServer : TradingOpsServer, IAsyncLifetime
{
    public const string EvalCode = "ZB-MIMI-7731";
    public const string EvalName = "保密谈判项目甲乙丙";
    public const string EvalAgency = "隐秘招标咨询有限公司";
    public const string EvalReason = "联系人张三丰 13900001111 到场";
    public const string NextCode = "ZB-MIMI-8842";
    public const string NextName = "保密评标项目丁戊己";
    public const string NextAgency = "深藏代理有限公司";
    public const string OpenCode = "GK-OPEN-5521";
    public const string OpenName = "公开开标项目庚辛";
    public const string OpenAgency = "公开招标代理有限公司";
    public const string OpenReasonPhone = "13811112222";
    /// <summary>A suspension's reason is the incident's business: no public surface shows it, even for a bid opening (issue 19).</summary>
    public const string OpenReasonText = "投标人当场质疑唱标记录";

    /// <summary>Issue 20: a complaint whose subject, raiser, phone, organisation and project no public or Display surface may show.</summary>
    public const string CaseSubject = "保密投诉事由壬癸子丑";
    public const string CaseRaiser = "投诉人欧阳秘";
    public const string CasePhone = "13766668888";
    public const string CaseOrganisation = "秘密建设集团有限公司";
    public const string CaseProject = "TS-MIMI-9911";
    public string BoardCaseNumber { get; private set; } = "";

    /// <summary>The committee members of the two evaluation sessions: known names, ID numbers and phones.</summary>
    public static readonly KnownPerson[] SealedPeople = [.. SealedSessions.Experts, SealedSessions.Representative];
    public static readonly KnownPerson[] OpenPeople =
        [SealedSessions.Person(301, "启封甲评委"), SealedSessions.Person(302, "启封乙评委"), SealedSessions.Person(303, "启封丙评委"), SealedSessions.Person(304, "启封丁代表")];

    /// <summary>Issue 20: a case raised through the public form, with distinctive values only its tracking lookup could leak.</summary>
    public static readonly string[] CaseSecrets = ["保密投诉事由庚午", "保密投诉内容：开标前泄露标底", "投诉人司马保密", "13700009999", "sima.secret@example.cn", "保密投诉单位有限公司", "GC2026-TOUSU-99"];

    /// <summary>Strings no anonymous or Display surface may contain.</summary>
    public static readonly string[] Secrets = [EvalCode, EvalName, EvalAgency, "张三丰", "13900001111", NextCode, NextName, NextAgency, OpenReasonPhone, OpenReasonText,
        CaseSubject, CaseRaiser, CasePhone, CaseOrganisation, CaseProject, .. ExpertSecrets(), .. CaseSecrets];

    /// <summary>The public-form case's tracking code (its lookup is walked) and its internal register number (never public).</summary>
    public string CaseTrackingCode { get; private set; } = "";
    public string CaseNumber { get; private set; } = "";

    /// <summary>Strings no anonymous or Display surface, log line or live event may contain: every member's name, ID number and phone.</summary>
    public static string[] ExpertSecrets() => [.. SealedPeople.Concat(OpenPeople).SelectMany(p => p.Secrets)];

    /// <summary>The sealed session (starts in 20 minutes) and the one that started 10 minutes ago.</summary>
    public SeededSession Sealed { get; private set; } = default!;
    public SeededSession Opened { get; private set; } = default!;
    public string OpenedRoom { get; private set; } = "";

    /// <summary>Every log line of the host, formatted, at every level.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    private IDisposable? _listening;

    /// <summary>Every live event published on the node, as JSON.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(new RecordingLoggerProvider(Logs));
        services.AddLogging(b => b.AddFilter<RecordingLoggerProvider>(null, LogLevel.Trace));
    }

    public Guid EvalRoomId { get; private set; }
    public Guid EvalBookingId { get; private set; }

    /// <summary>The rooms used (the first of each kind free around now in the demo floor).</summary>
    public string EvalRoom { get; private set; } = "";
    public string NextRoom { get; private set; } = "";
    public string OpenRoom { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        // The test center is open 00:00-23:59 (TradingOpsApp): late in the evening a session ends at 23:59 rather than
        // after midnight, and an evaluation running past midnight is booked as an overnight evaluation, as the desk would.
        var lastMinute = TradingOps.Core.Common.CenterTime.At(TradingOps.Core.Common.CenterTime.Today(TimeProvider.System), new(23, 59));
        DateTimeOffset ByMidnight(DateTimeOffset end) => end < lastMinute ? end : lastMinute;
        var nextPurpose = now.AddHours(3) > lastMinute ? BookingPurpose.OvernightEvaluation : BookingPurpose.Evaluation;
        (EvalRoom, var eval) = await BookFirstFreeAsync(["T321", "T322", "T323"], BookingPurpose.Negotiation, EvalCode, EvalName, EvalAgency, ThisDay.NotBefore(now.AddMinutes(-10)), ByMidnight(now.AddHours(2)));
        EvalRoomId = eval.RoomId;
        EvalBookingId = eval.Id;
        await SessionAsync(eval.Id, SessionCommand.Confirm, SessionCommand.CheckIn, SessionCommand.Start);
        await SessionAsync(eval.Id, EvalReason, SessionCommand.Suspend);
        (NextRoom, var later) = await BookFirstFreeAsync(Enumerable.Range(301, 15).Select(n => $"P{n}"), nextPurpose, NextCode, NextName, NextAgency, now.AddMinutes(20), now.AddHours(3));
        await SessionAsync(later.Id, SessionCommand.Confirm);
        (OpenRoom, var open) = await BookFirstFreeAsync(Enumerable.Range(201, 8).Select(n => $"K{n}"), BookingPurpose.BidOpening, OpenCode, OpenName, OpenAgency, ThisDay.NotBefore(now.AddMinutes(-5)), ByMidnight(now.AddHours(1)));
        await SessionAsync(open.Id, SessionCommand.Confirm, SessionCommand.CheckIn, SessionCommand.Start);
        await SessionAsync(open.Id, $"{OpenReasonText}，请联系 {OpenReasonPhone} 核对", SessionCommand.Suspend);

        // Issue 18: committees of known people, one sealed (the later evaluation), one open (a session under way).
        _listening = Services.GetRequiredService<ILiveEventSubscriptions>().Subscribe<LiveEvent>(e =>
        {
            Events.Enqueue(JsonSerializer.Serialize(e, e.GetType()));
            return Task.CompletedTask;
        });
        (OpenedRoom, var opened) = await BookFirstFreeAsync(Enumerable.Range(301, 15).Select(n => $"P{n}").Where(r => r != NextRoom), BookingPurpose.Evaluation,
            "PB-OPEN-0001", "启封评标项目", OpenAgency, ThisDay.NotBefore(now.AddMinutes(-10)), ByMidnight(now.AddHours(2)));
        await SessionAsync(opened.Id, SessionCommand.Confirm, SessionCommand.CheckIn, SessionCommand.Start);
        var protector = Services.GetRequiredService<IIdentityProtector>();
        await using (var db = await Services.NewContextAsync())
        {
            var rooms = await db.Rooms.Where(r => r.Id == later.RoomId || r.Id == opened.RoomId).ToDictionaryAsync(r => r.Id);
            var laterBooking = await db.RoomBookings.AsNoTracking().SingleAsync(b => b.Id == later.Id);
            var openedBooking = await db.RoomBookings.AsNoTracking().SingleAsync(b => b.Id == opened.Id);
            Sealed = await SealedSessions.SeedAsync(db, protector, laterBooking, rooms[later.RoomId], SealedSessions.Experts, SealedSessions.Representative, seated: 2);
            Opened = await SealedSessions.SeedAsync(db, protector, openedBooking, rooms[opened.RoomId], OpenPeople[..3], OpenPeople[3], seated: 3, firstLocker: 11);
        }
        await using (var scope = Services.CreateAsyncScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<EvaluationLedger>();
            await ledger.PublishAsync(Sealed.BookingId, Sealed.RoomId, EvaluationChange.Drawn);
            await ledger.PublishAsync(Opened.BookingId, Opened.RoomId, EvaluationChange.Admitted);
        }
        await using (var scope = Services.CreateAsyncScope())
            BoardCaseNumber = (await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Cases.CaseIntakeService>().ReceiveAsync(
                new TradingOps.Core.Cases.CaseIntake(TradingOps.Core.Cases.CaseKind.Complaint, TradingOps.Core.Cases.CaseChannel.PublicForm,
                    TradingOps.Core.Cases.CaseStage.Evaluation, CaseProject, CaseSubject, $"{CaseSubject}：{CaseRaiser} 反映评标过程不公",
                    CaseRaiser, CasePhone, CaseOrganisation, "mimi@example.cn", null), "网上表单", null)).Number;
        await Services.GetRequiredService<LiveEventBus>().DeliveredAsync();

        // Issue 20: a complaint from the public form.
        await using (var scope = Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Cases.CaseIntakeService>().ReceiveAsync(new TradingOps.Core.Cases.PublicCaseForm
            {
                Kind = TradingOps.Core.Cases.CaseKind.Complaint, Subject = CaseSecrets[0], Details = CaseSecrets[1], Name = CaseSecrets[2], Phone = CaseSecrets[3],
                Email = CaseSecrets[4], Organisation = CaseSecrets[5], ProjectCode = CaseSecrets[6],
            }.ToIntake(new TradingOps.Core.Cases.CaseOptions()), "网上表单", null);
            (CaseTrackingCode, CaseNumber) = (received.TrackingCode, received.Number);
        }
    }

    private async Task<(string Room, RoomBooking Booking)> BookFirstFreeAsync(IEnumerable<string> rooms, BookingPurpose purpose,
        string code, string name, string agency, DateTimeOffset from, DateTimeOffset to)
    {
        var refused = new List<string>();
        foreach (var room in rooms)
        {
            try
            {
                return (room, await BookAsync(room, purpose, code, name, agency, from, to));
            }
            catch (TradingOps.Core.Common.DomainException e)
            {
                refused.Add($"{room}: {e.Message}");
            }
        }
        throw new InvalidOperationException($"no free room for the test: {string.Join("; ", refused)}");
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        _listening?.Dispose();
        return Task.CompletedTask;
    }

    private async Task<RoomBooking> BookAsync(string roomCode, BookingPurpose purpose, string code, string name, string agency,
        DateTimeOffset from, DateTimeOffset to)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
        Guid roomId;
        await using (var db = await Services.NewContextAsync())
            roomId = await db.Rooms.Where(r => r.Code == roomCode).Select(r => r.Id).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<BookingService>()
            .BookAsync(new BookingRequest(roomId, null, code, name, agency, purpose, 5, from, to));
    }

    public Task SessionAsync(Guid bookingId, params SessionCommand[] commands) => SessionAsync(bookingId, null, commands);

    public async Task SessionAsync(Guid bookingId, string? reason, params SessionCommand[] commands)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
        foreach (var command in commands)
            await scope.ServiceProvider.GetRequiredService<BookingService>().SessionAsync(bookingId, command, reason);
    }
}

/// <summary>
/// Issue 15, item 1: no anonymous surface and no Display-role screen names the project, agency or anyone of a room
/// of the evaluation area; it shows state and times only. Bid-opening rooms stay public. The anonymous surfaces are
/// discovered from the app (every page and GET endpoint that answers without sign-in), so a new one is walked too.
/// </summary>
[FullLane]
public sealed class PublicConfidentialityTests(ConfidentialFloorServer server) : IClassFixture<ConfidentialFloorServer>
{
    [Fact]
    public async Task No_anonymous_page_feed_door_plate_or_hub_message_names_the_project_agency_or_a_person_of_an_evaluation_area_room()
    {
        // Anonymous hub clients listen while the evaluation room changes.
        var pushes = new ConcurrentQueue<string>();
        await using var floorHub = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, FloorHub.Path)).Build();
        floorHub.On<JsonElement>(nameof(IFloorClient.FloorChanged), m => pushes.Enqueue(m.GetRawText()));
        await floorHub.StartAsync();
        await floorHub.InvokeAsync(nameof(FloorHub.JoinFloor));
        await floorHub.InvokeAsync(nameof(FloorHub.JoinRoom), server.EvalRoomId);
        var hallMessages = new ConcurrentQueue<string>();
        await using var hallHub = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, QueueHallHub.Path)).Build();
        hallHub.On<JsonElement>(nameof(IQueueHallClient.Ticket), m => hallMessages.Enqueue(m.GetRawText()));
        await hallHub.StartAsync();
        List<Guid> zones;
        List<string> rooms;
        await using (var db = await server.Services.NewContextAsync())
        {
            zones = await db.Zones.Select(z => z.Id).ToListAsync();
            rooms = await db.Rooms.OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
        }
        foreach (var zone in zones) await hallHub.InvokeAsync(nameof(QueueHallHub.JoinHall), zone);

        await server.SessionAsync(server.EvalBookingId, SessionCommand.Resume);
        await server.SessionAsync(server.EvalBookingId, ConfidentialFloorServer.EvalReason, SessionCommand.Suspend);
        await Eventually.FoundAsync(() => Task.FromResult(pushes.Count(p => p.Contains(server.EvalRoomId.ToString(), StringComparison.OrdinalIgnoreCase)) >= 2 ? "heard" : null),
            TimeSpan.FromSeconds(5), "the anonymous floor hub client hears the evaluation room's resume and suspend");

        // Every page and every GET endpoint the app has, requested without signing in.
        using var client = server.NewClient();
        client.BaseAddress = server.BaseAddress;
        var answered = new Dictionary<string, string>();
        var urls = EndpointInventory.Pages().SelectMany(p => Expand(p, rooms, zones))
            .Concat(EndpointInventory.Endpoints(server.Services)
                .Where(e => (e.StartsWith("GET ", StringComparison.Ordinal) || e.StartsWith("ANY ", StringComparison.Ordinal)) && !e.Contains("/hubs/"))
                .SelectMany(e => Expand(e[(e.IndexOf(' ') + 1)..], rooms, zones)))
            .Append($"/complaints/track?code={server.CaseTrackingCode}") // issue 20: the lookup takes its code from the query
            .Distinct().ToList();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
            if (response.IsSuccessStatusCode) answered[url] = await response.Content.ReadAsStringAsync();
        }

        // The walk reached the public floor surfaces (and not only sign-in redirects).
        foreach (var surface in new[] { "/public/occupancy", "/api/public/occupancy", $"/doorplate/{server.EvalRoom}", $"/doorplate/{server.NextRoom}", $"/api/public/rooms/{server.EvalRoom}", "/queue/hall",
                     "/complaints", "/complaints/track", $"/complaints/track?code={server.CaseTrackingCode}" })
            Assert.True(answered.ContainsKey(surface), $"{surface} was walked anonymously");
        Assert.Contains("data-state=\"Received\"", answered[$"/complaints/track?code={server.CaseTrackingCode}"]); // the lookup found the case
        Assert.DoesNotContain(answered, a => a.Value.Contains(server.CaseNumber, StringComparison.Ordinal)); // the register number is internal
        var leaks = answered.SelectMany(a => ConfidentialFloorServer.Secrets.Where(s => a.Value.Contains(s, StringComparison.Ordinal)).Select(s => $"{a.Key}: {s}"))
            .Concat(pushes.Concat(hallMessages).SelectMany(m => ConfidentialFloorServer.Secrets.Where(m.Contains).Select(s => $"hub message: {s}")))
            .ToList();
        Assert.True(leaks.Count == 0, $"confidential strings on anonymous surfaces: {string.Join("; ", leaks)}");

        // State and times are still public for the evaluation room; the bid-opening room's project stays public.
        Assert.Contains("评标使用中", answered[$"/doorplate/{server.EvalRoom}"]);
        Assert.Contains("data-state=\"Suspended\"", answered[$"/doorplate/{server.EvalRoom}"]);
        Assert.Contains("评标已预约", answered[$"/doorplate/{server.NextRoom}"]);
        using (var feed = JsonDocument.Parse(answered[$"/api/public/rooms/{server.EvalRoom}"]))
        {
            var now = feed.RootElement.GetProperty("now");
            Assert.True(now.GetProperty("withheld").GetBoolean());
            Assert.Equal(JsonValueKind.Null, now.GetProperty("projectCode").ValueKind);
            Assert.Equal("评标使用中", now.GetProperty("use").GetString());
            Assert.Equal("Suspended", feed.RootElement.GetProperty("state").GetString());
        }
        foreach (var surface in new[] { "/public/occupancy", "/api/public/occupancy", $"/doorplate/{server.OpenRoom}", $"/api/public/rooms/{server.OpenRoom}" })
            Assert.Contains(ConfidentialFloorServer.OpenCode, answered[surface]);
        Assert.Contains(ConfidentialFloorServer.OpenName, answered[$"/doorplate/{server.OpenRoom}"]);
        Assert.Contains(ConfidentialFloorServer.OpenAgency, answered[$"/doorplate/{server.OpenRoom}"]);
    }

    [Fact]
    public async Task The_public_certificate_check_and_a_sessions_rating_page_show_no_project_name_party_witness_or_hash()
    {
        // Issue 19: a project witnessed through a bid opening that ended, then certified (CertificateProjection.Public).
        const string code = "GK-CERT-7710", name = "见证书保密名称甲乙", agency = "见证书保密代理有限公司", witness = "见证人孙八保密";
        var now = TimeProvider.System.GetUtcNow();
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        List<Guid> rooms;
        await using (var db = await server.Services.NewContextAsync())
            rooms = await db.Rooms.Where(r => r.Type == TradingOps.Core.Organisation.RoomType.BidOpeningRoom).OrderByDescending(r => r.Code).Select(r => r.Id).ToListAsync();
        RoomBooking? booking = null;
        var refusals = new List<string>();
        foreach (var room in rooms)
        {
            try { booking = await bookings.BookAsync(new BookingRequest(room, null, code, name, agency, BookingPurpose.BidOpening, 5, ThisDay.NotBefore(now.AddMinutes(-5)), ThisDay.NotAfter(now.AddMinutes(20)))); break; }
            catch (TradingOps.Core.Common.DomainException e) { refusals.Add(e.Message); }
        }
        if (booking is null)
        {
            // The demo's morning sessions may fill every bid-opening room at this hour of the run: a room of the test's own.
            await using (var db = await server.Services.NewContextAsync())
            {
                var zone = await db.Rooms.Where(r => r.Id == rooms[0]).Select(r => r.ZoneId).SingleAsync();
                var own = new TradingOps.Core.Organisation.Room(zone, "K77", "保密测试开标室", TradingOps.Core.Organisation.RoomType.BidOpeningRoom, 20, 0);
                db.Rooms.Add(own);
                await db.SaveChangesAsync();
                rooms = [own.Id];
            }
            try { booking = await bookings.BookAsync(new BookingRequest(rooms[0], null, code, name, agency, BookingPurpose.BidOpening, 5, ThisDay.NotBefore(now.AddMinutes(-5)), ThisDay.NotAfter(now.AddMinutes(20)))); }
            catch (TradingOps.Core.Common.DomainException e) { refusals.Add(e.Message); }
        }
        Assert.True(booking is not null, $"a bid-opening room free now: {string.Join("; ", refusals)}");
        foreach (var command in new[] { SessionCommand.Confirm, SessionCommand.CheckIn, SessionCommand.Start })
            await bookings.SessionAsync(booking.Id, command);
        await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Witness.WitnessLedger>().RecordAsync(new TradingOps.Core.Witness.WitnessDraft(code, null,
            booking.Id, TradingOps.Core.Witness.WitnessEntryKind.Step, "bid-open", "开标", null, now, witness));
        await bookings.SessionAsync(booking.Id, SessionCommand.End);
        var certificate = await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Witness.CertificateService>().IssueAsync(code);

        using var client = server.NewClient();
        client.BaseAddress = server.BaseAddress;
        var verify = await client.GetStringAsync($"/verify/{certificate.Number}");
        var rate = await client.GetStringAsync($"/rate/session/{certificate.Sessions[0].RatingToken}");

        Assert.Contains("有效：与见证记录一致", verify);
        Assert.Contains(code, verify);
        Assert.Contains("场地服务", rate);
        string[] secrets = [name, agency, witness, certificate.HeadHash, .. ConfidentialFloorServer.Secrets];
        foreach (var page in new[] { verify, rate })
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, page);
    }

    [Fact]
    public async Task The_Display_wall_shows_an_evaluation_area_room_by_state_and_times_only_and_who_is_on_duty_without_phones_while_a_duty_manager_sees_its_project()
    {
        // Issue 21: the wall's duty line names who is on duty (the demo roster), never their phones; an operations
        // alert's text reaches the wall with its numbers masked (OpsAlertProjection.ForWall).
        const string alertKey = "confidential-walk", alertPhone = "13655557777";
        TradingOps.Core.Duty.DutyNowView onDuty;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            onDuty = await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Duty.DutyRosterService>().NowAsync();
            await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Duty.OpsAlertService>()
                .RaiseAsync(TradingOps.Core.Duty.OpsAlertKind.DeviceSilent, alertKey, "保密走查叫号屏失联", $"请联系 {alertPhone}", null);
        }
        var dutyPhones = onDuty.People.Select(p => p.Phone).OfType<string>().ToList();
        Assert.NotEmpty(dutyPhones); // the demo roster's people have phones: the wall must leave them out

        await using var chromium = await Fixtures.Browser.OpenAsync();
        var wall = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
        // Issue 22: the floor panel keeps open alerts in sight in the strip over it (a fresh unacknowledged one is among the most urgent).
        await Expect(wall.GetByTestId($"strip-alert-ops-{alertKey}")).ToContainTextAsync("请联系 ***********");
        await Expect(wall.Locator(".wall-duty")).ToContainTextAsync(onDuty.People[0].Name);
        Assert.Empty(Found(await wall.ContentAsync(), [.. dutyPhones, alertPhone]));
        await using (var scope = server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Duty.OpsAlertService>().ClearAsync(alertKey);

        await Expect(wall.GetByTestId($"tile-{server.EvalRoom}")).ToHaveAttributeAsync("data-state", nameof(RoomState.Suspended));
        await Expect(wall.GetByTestId($"withheld-{server.EvalRoom}")).ToHaveTextAsync("评标使用中");
        await Expect(wall.GetByTestId($"tile-{server.OpenRoom}")).ToContainTextAsync(ConfidentialFloorServer.OpenCode);
        // Every panel of the wall is in the page (rotated ones hidden): floor tiles, timeline bars, alerts.
        await Expect(wall.GetByTestId($"timeline-{server.EvalRoom}")).ToHaveCountAsync(1);
        await Expect(wall.GetByTestId($"alert-{server.EvalRoom}")).ToHaveCountAsync(1);
        var html = await wall.ContentAsync();
        var leaks = ConfidentialFloorServer.Secrets.Where(s => html.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"the Display wall shows: {string.Join(", ", leaks)}");

        var duty = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "duty");
        await duty.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(duty);
        await Expect(duty.GetByTestId($"tile-{server.EvalRoom}")).ToContainTextAsync(ConfidentialFloorServer.EvalCode);
    }

    private static readonly string[] Experts = ConfidentialFloorServer.ExpertSecrets();

    private static List<string> Found(string text, IEnumerable<string> secrets) => secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).ToList();

    private async Task<HttpClient> SignedInClientAsync(string account)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        var response = await TradingOpsApp.SignInAsync(client, account, TradingOps.Web.Identity.IdentitySeeder.DemoPassword);
        Assert.True(TradingOpsApp.SetsAuthCookie(response), $"{account} signs in");
        return client;
    }

    private static bool Denied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (HttpStatus.IsRedirect(response.StatusCode) && (response.Headers.Location?.OriginalString ?? "") is var l
            && (l.Contains("/account/login", StringComparison.OrdinalIgnoreCase) || l.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase)));

    [Fact]
    public async Task No_Display_role_page_or_feed_carries_an_experts_name_ID_or_phone_and_every_evaluation_page_refuses_the_Display_role()
    {
        List<Guid> zones;
        List<string> rooms;
        await using (var db = await server.Services.NewContextAsync())
        {
            zones = await db.Zones.Select(z => z.Id).ToListAsync();
            rooms = await db.Rooms.OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
        }
        using var display = await SignedInClientAsync("display");
        var pages = EndpointInventory.Pages().SelectMany(p => Expand(p, rooms, zones)).ToList();
        var urls = pages.Concat(EndpointInventory.Endpoints(server.Services)
                .Where(e => (e.StartsWith("GET ", StringComparison.Ordinal) || e.StartsWith("ANY ", StringComparison.Ordinal)) && !e.Contains("/hubs/"))
                .SelectMany(e => Expand(e[(e.IndexOf(' ') + 1)..], rooms, zones)))
            .Distinct().ToList();
        var evaluationPages = pages.Where(u => u.StartsWith("/evaluation", StringComparison.Ordinal)).ToList();
        Assert.Contains($"/evaluation/sessions/{server.Opened.BookingId}/committee", evaluationPages);
        Assert.Contains($"/evaluation/sessions/{server.Opened.BookingId}/print", evaluationPages);
        Assert.Contains($"/evaluation/rooms/{server.Opened.RoomId}", evaluationPages);

        var leaks = new List<string>();
        var opened = new List<string>();
        foreach (var url in urls)
        {
            var response = await display.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
            if (url.StartsWith("/evaluation", StringComparison.Ordinal) && !Denied(response)) opened.Add($"{url}: {(int)response.StatusCode}");
            if (response.IsSuccessStatusCode) leaks.AddRange(Found(await response.Content.ReadAsStringAsync(), Experts).Select(s => $"{url}: {s}"));
        }
        Assert.True(opened.Count == 0, $"evaluation pages the Display role opens: {string.Join("; ", opened)}");
        Assert.True(leaks.Count == 0, $"expert identities on Display surfaces: {string.Join("; ", leaks)}");
        // The walk reached the Display screens themselves.
        Assert.True((await display.GetAsync("/wall")).IsSuccessStatusCode, "the Display role opens the wall");
    }

    [Fact]
    public async Task The_print_is_refused_by_the_server_before_the_start_with_no_name_and_after_it_shows_the_names_with_one_audited_reveal_each()
    {
        using var supervisor = await SignedInClientAsync("supervisor");
        var sealedPrint = await supervisor.GetAsync($"/evaluation/sessions/{server.Sealed.BookingId}/print");
        Assert.Equal(HttpStatusCode.Conflict, sealedPrint.StatusCode);
        var sealedHtml = await sealedPrint.Content.ReadAsStringAsync();
        Assert.Contains("5.5.2", sealedHtml);
        Assert.Contains("data-testid=\"print-refused\"", sealedHtml);
        Assert.Empty(Found(sealedHtml, Experts));

        // The committee page before and after the start: its prerendered markup has no name (names come after a stated reason).
        foreach (var session in new[] { server.Sealed, server.Opened })
        {
            var committee = await supervisor.GetAsync($"/evaluation/sessions/{session.BookingId}/committee");
            Assert.Equal(HttpStatusCode.OK, committee.StatusCode);
            Assert.Empty(Found(await committee.Content.ReadAsStringAsync(), Experts));
        }

        int Reads(TradingOps.Data.TradingOpsDbContext db) => db.AuditEntries.Count(a => a.Entity == nameof(CommitteeMember) && a.Action == AuditAction.Read
            && a.Changes.Contains(server.Opened.BookingId.ToString()) && a.Changes.Contains("\"Print\""));
        int before;
        await using (var db = await server.Services.NewContextAsync()) before = Reads(db);
        var openPrint = await supervisor.GetAsync($"/evaluation/sessions/{server.Opened.BookingId}/print?why={Uri.EscapeDataString("归档打印")}");
        Assert.Equal(HttpStatusCode.OK, openPrint.StatusCode);
        var openHtml = await openPrint.Content.ReadAsStringAsync();
        foreach (var person in ConfidentialFloorServer.OpenPeople) Assert.Contains(person.Name, openHtml);
        Assert.DoesNotContain(ConfidentialFloorServer.OpenPeople[0].IdNumber, openHtml);
        Assert.DoesNotContain(ConfidentialFloorServer.OpenPeople[0].Phone, openHtml);
        await using (var db = await server.Services.NewContextAsync())
        {
            Assert.Equal(before + ConfidentialFloorServer.OpenPeople.Length, Reads(db));
            var prints = db.AuditEntries.Where(a => a.Entity == nameof(CommitteeMember) && a.ActorName == "supervisor" && a.Changes.Contains("\"Print\"")).AsEnumerable()
                .Select(a => CommitteeQueries.RevealOf(a.Changes)).Where(r => r.Booking == server.Opened.BookingId).ToList();
            Assert.Contains(prints, r => r.Why == "归档打印");
        }

        // Desk staff may open the room's view but not the list or its print.
        using var staff = await SignedInClientAsync("staff");
        Assert.True(Denied(await staff.GetAsync($"/evaluation/sessions/{server.Opened.BookingId}/print")));
        Assert.True(Denied(await staff.GetAsync($"/evaluation/sessions/{server.Opened.BookingId}/committee")));
        var room = await staff.GetAsync($"/evaluation/rooms/{server.Opened.RoomId}");
        Assert.Equal(HttpStatusCode.OK, room.StatusCode);
        Assert.Empty(Found(await room.Content.ReadAsStringAsync(), Experts)); // the prerender: names only once interactive, audited
    }

    [Fact]
    public async Task No_log_line_or_live_event_carries_an_experts_name_ID_or_phone_even_while_names_are_revealed()
    {
        // Names, IDs and phones pass through the app: a call's reveal (name and phone), the print after the start, a refused print.
        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-caller"));
            var ledger = scope.ServiceProvider.GetRequiredService<EvaluationLedger>();
            var call = await ledger.RevealAsync(server.Sealed.BookingId, [server.Sealed.MemberIds[0]], RevealPurpose.Call, "确认参加", overseer: false);
            Assert.Equal(SealedSessions.Experts[0].Phone, call.Single().Phone);
            await Assert.ThrowsAsync<TradingOps.Core.Common.DomainException>(() =>
                ledger.RevealAsync(server.Sealed.BookingId, server.Sealed.MemberIds, RevealPurpose.CommitteeList, "评标见证", overseer: true));
            await ledger.PublishAsync(server.Sealed.BookingId, server.Sealed.RoomId, EvaluationChange.CallRecorded);
        }
        using var supervisor = await SignedInClientAsync("supervisor");
        Assert.Contains(ConfidentialFloorServer.OpenPeople[0].Name, await supervisor.GetStringAsync($"/evaluation/sessions/{server.Opened.BookingId}/print"));
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.GetAsync($"/evaluation/sessions/{server.Sealed.BookingId}/print")).StatusCode);
        await server.Services.GetRequiredService<LiveEventBus>().DeliveredAsync();

        Assert.Contains(server.Events, e => e.Contains(server.Opened.BookingId.ToString(), StringComparison.OrdinalIgnoreCase)); // events were heard
        Assert.True(server.Logs.Count > 100, "the host's logs were recorded");
        var inLogs = server.Logs.SelectMany(l => Found(l, Experts).Select(s => $"{s} in: {TradingOps.Core.Common.PlainText.Abbreviate(l, 200)}")).Distinct().ToList();
        Assert.True(inLogs.Count == 0, $"expert identities in the logs: {string.Join("; ", inLogs)}");
        var inEvents = server.Events.SelectMany(e => Found(e, Experts)).Distinct().ToList();
        Assert.True(inEvents.Count == 0, $"expert identities in live events: {string.Join("; ", inEvents)}");
    }

    [Fact]
    public async Task In_the_browser_the_list_opens_after_the_start_with_a_stated_reason_and_the_room_view_reveals_once_per_page_load()
    {
        int RoomViewReads()
        {
            using var db = server.Services.NewContextAsync().GetAwaiter().GetResult();
            return db.AuditEntries.Count(a => a.Entity == nameof(CommitteeMember) && a.Action == AuditAction.Read
                && a.Changes.Contains(server.Opened.BookingId.ToString()) && a.Changes.Contains("\"RoomView\""));
        }
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var page = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "supervisor");

        await page.GotoAsync(new Uri(server.BaseAddress, $"/evaluation/sessions/{server.Sealed.BookingId}/committee").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("sealed-notice")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("evaluation-committee-sealed.png") });
        Assert.Empty(Found(await page.ContentAsync(), Experts));

        await page.GotoAsync(new Uri(server.BaseAddress, $"/evaluation/sessions/{server.Opened.BookingId}/committee").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await page.Locator("input[data-testid=reveal-why], [data-testid=reveal-why] input").FillAsync("开评后见证核对");
        await page.GetByTestId("reveal").ClickAsync();
        await Expect(page.GetByTestId("member-name")).ToHaveCountAsync(ConfidentialFloorServer.OpenPeople.Length);
        await Expect(page.GetByTestId("committee")).ToContainTextAsync(ConfidentialFloorServer.OpenPeople[0].Name);
        await Expect(page.GetByTestId("reveal-row").First).ToContainTextAsync("开评后见证核对");
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("evaluation-committee-open.png"), FullPage = true });

        var before = RoomViewReads();
        await page.GotoAsync(new Uri(server.BaseAddress, $"/evaluation/rooms/{server.Opened.RoomId}").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("seat-name").First).ToHaveTextAsync(ConfidentialFloorServer.OpenPeople[0].Name);
        await page.ScreenshotAsync(new() { Path = Fixtures.Browser.ScreenshotPath("evaluation-room-view.png") });
        Assert.Equal(before + 3, RoomViewReads()); // the three seated, once: not again for the prerender or a re-render
    }

    [Fact]
    public void The_walk_listens_to_every_hub_the_app_has()
    {
        // The anonymous walk listens on these hubs; a new hub (for the evaluation area or anything else) fails here until
        // the walk listens to its messages too.
        var hubs = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.AspNetCore.SignalR.Hub).IsAssignableFrom(t)).Select(t => t.Name).Order().ToList();
        Assert.Equal([nameof(FloorHub), nameof(QueueHallHub)], hubs);
    }

    /// <summary>What anonymous surfaces must not read: the staff floor, whose bookings carry every project.</summary>
    private static readonly Type[] StaffFloor = [typeof(FloorQueries), typeof(SharedFloorSnapshot), typeof(BookingService)];

    [Fact]
    public void No_anonymous_page_or_endpoint_reads_the_staff_floor_only_the_public_projection()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>().Any()
                        && t.GetCustomAttribute<Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute>() is not null)
            .ToList();
        Assert.Contains(pages, p => p.Name == "DoorPlate");
        var wrong = pages.SelectMany(page => page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<Microsoft.AspNetCore.Components.InjectAttribute>() is not null && StaffFloor.Contains(p.PropertyType))
                .Select(p => $"page {page.Name} injects {p.PropertyType.Name}"))
            .ToList();
        var endpoints = server.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
            .Select(e => (Route: e.RoutePattern.RawText, Handler: e.Metadata.OfType<MethodInfo>().FirstOrDefault()))
            .Where(e => e.Handler is not null)
            .ToList();
        Assert.Contains(endpoints, e => e.Route == "/api/public/occupancy");
        wrong.AddRange(endpoints.SelectMany(e => e.Handler!.GetParameters().Where(p => StaffFloor.Contains(p.ParameterType))
            .Select(p => $"endpoint {e.Route} takes {p.ParameterType.Name}")));
        Assert.True(wrong.Count == 0, $"anonymous surfaces reading the staff floor instead of {nameof(PublicFloorQueries)}: {string.Join("; ", wrong)}");
    }

    /// <summary>
    /// The URLs of a route template: a room code for every room, a zone for every zone, a sample for the other
    /// parameters. A parameter without a sample fails here, so a new public route gets a decision.
    /// </summary>
    private IEnumerable<string> Expand(string template, IReadOnlyList<string> rooms, IReadOnlyList<Guid> zones)
    {
        var parameter = Regex.Match(template, @"\{\*?([A-Za-z]+)[^}]*\}");
        if (!parameter.Success)
        {
            yield return "/" + template.TrimStart('/');
            yield break;
        }
        IEnumerable<string> values = parameter.Groups[1].Value.ToLowerInvariant() switch
        {
            "code" => rooms,
            "zoneid" => zones.Select(z => z.ToString()),
            "token" => ["unknown"],
            "number" => ["1"],
            "chainkey" => ["GC2026-0001"],
            "day" => ["2026-12-02"],
            "id" => [Guid.Empty.ToString()],
            "roomid" => [Guid.Empty.ToString(), server.Sealed.RoomId.ToString(), server.Opened.RoomId.ToString()],
            "bookingid" => [Guid.Empty.ToString(), server.Sealed.BookingId.ToString(), server.Opened.BookingId.ToString()],
            var name => throw new InvalidOperationException($"no sample for {{{name}}} in {template}: add one here"),
        };
        foreach (var value in values)
            foreach (var url in Expand(template[..parameter.Index] + value + template[(parameter.Index + parameter.Length)..], rooms, zones))
                yield return url;
    }
}

/// <summary>Keeps every log line of the host (message and exception), whatever the configured levels of the console.</summary>
public sealed class RecordingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

    public void Dispose() { }

    private sealed class Recorder(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>
/// The test center is open 00:00–23:59 and nothing is booked on a past day: a session "started ten minutes ago" at
/// 00:05 center time starts at midnight instead, one "ending in twenty minutes" at 23:50 ends at 23:59.
/// </summary>
internal static class ThisDay
{
    public static DateTimeOffset NotBefore(DateTimeOffset at) =>
        TradingOps.Core.Common.CenterTime.At(TradingOps.Core.Common.CenterTime.Today(TimeProvider.System), new(0, 0)) is var start && at < start ? start : at;

    public static DateTimeOffset NotAfter(DateTimeOffset at) =>
        TradingOps.Core.Common.CenterTime.At(TradingOps.Core.Common.CenterTime.Today(TimeProvider.System), new(23, 59)) is var last && at > last ? last : at;
}
