using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
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
/// and a bid-opening room in use by another distinctive project, suspended with a phone number in its reason.
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

    /// <summary>Strings no anonymous or Display surface may contain.</summary>
    public static readonly string[] Secrets = [EvalCode, EvalName, EvalAgency, "张三丰", "13900001111", NextCode, NextName, NextAgency, OpenReasonPhone];

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
        (EvalRoom, var eval) = await BookFirstFreeAsync(["T321", "T322", "T323"], BookingPurpose.Negotiation, EvalCode, EvalName, EvalAgency, now.AddMinutes(-10), ByMidnight(now.AddHours(2)));
        EvalRoomId = eval.RoomId;
        EvalBookingId = eval.Id;
        await SessionAsync(eval.Id, SessionCommand.Confirm, SessionCommand.CheckIn, SessionCommand.Start);
        await SessionAsync(eval.Id, EvalReason, SessionCommand.Suspend);
        (NextRoom, var later) = await BookFirstFreeAsync(Enumerable.Range(301, 15).Select(n => $"P{n}"), nextPurpose, NextCode, NextName, NextAgency, now.AddMinutes(20), now.AddHours(3));
        await SessionAsync(later.Id, SessionCommand.Confirm);
        (OpenRoom, var open) = await BookFirstFreeAsync(Enumerable.Range(201, 8).Select(n => $"K{n}"), BookingPurpose.BidOpening, OpenCode, OpenName, OpenAgency, now.AddMinutes(-5), ByMidnight(now.AddHours(1)));
        await SessionAsync(open.Id, SessionCommand.Confirm, SessionCommand.CheckIn, SessionCommand.Start);
        await SessionAsync(open.Id, $"请联系 {OpenReasonPhone} 核对", SessionCommand.Suspend);
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

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

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
            .Distinct().ToList();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
            if (response.IsSuccessStatusCode) answered[url] = await response.Content.ReadAsStringAsync();
        }

        // The walk reached the public floor surfaces (and not only sign-in redirects).
        foreach (var surface in new[] { "/public/occupancy", "/api/public/occupancy", $"/doorplate/{server.EvalRoom}", $"/doorplate/{server.NextRoom}", $"/api/public/rooms/{server.EvalRoom}", "/queue/hall" })
            Assert.True(answered.ContainsKey(surface), $"{surface} was walked anonymously");
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
    public async Task The_Display_wall_shows_an_evaluation_area_room_by_state_and_times_only_while_a_duty_manager_sees_its_project()
    {
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var wall = await Fixtures.Browser.SignedInAsync(chromium.Browser, server.BaseAddress, "display");
        await wall.GotoAsync(new Uri(server.BaseAddress, "/wall?panel=floor").ToString());
        await Fixtures.Browser.WaitInteractiveAsync(wall);
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
    private static IEnumerable<string> Expand(string template, IReadOnlyList<string> rooms, IReadOnlyList<Guid> zones)
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
            "id" => [Guid.Empty.ToString()],
            "roomid" => [Guid.Empty.ToString()],
            "bookingid" => [Guid.Empty.ToString()], // the evaluation session pages: sign-in required
            var name => throw new InvalidOperationException($"no sample for {{{name}}} in {template}: add one here"),
        };
        foreach (var value in values)
            foreach (var url in Expand(template[..parameter.Index] + value + template[(parameter.Index + parameter.Length)..], rooms, zones))
                yield return url;
    }
}
