using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Devices;
using TradingOps.Core.Evaluation;
using TradingOps.Data.Devices;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using static TradingOps.Tests.Evaluation.GateTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>The gate, exit and door endpoints over HTTP against the real app: device authentication, answers, refusals, replays.</summary>
[FullLane]
public sealed class GateApiTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private static int _ids = 500;
    private static int _sites;

    private sealed record Setup(Site Site, Session Session, int Id);

    /// <summary>A session starting in 30 minutes in a room of its own, with one confirmed expert.</summary>
    private async Task<Setup> SessionWithExpertAsync()
    {
        await using var db = await app.Services.NewContextAsync();
        var site = await SiteAsync(db, codePrefix: $"G{Interlocked.Increment(ref _sites)}");
        var session = await SessionAsync(db, site.P301, DateTimeOffset.UtcNow.AddMinutes(30));
        var id = Interlocked.Increment(ref _ids);
        await MemberAsync(db, app.Services.GetRequiredService<IIdentityProtector>(), session, id);
        return new Setup(site, session, id);
    }

    private async Task<HttpClient> DeviceAsync(DeviceKind kind, Guid? roomId = null, bool revoke = false)
    {
        PairedDeviceSecret paired;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = await app.Services.NewContextAsync();
            var admin = await db.Users.SingleAsync(u => u.UserName == "admin");
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.User(admin.Id, admin.UserName!));
            paired = await scope.ServiceProvider.GetRequiredService<DeviceService>().PairAsync(kind, $"{kind}-{Guid.NewGuid():N}"[..20], null, default, roomId);
        }
        if (revoke) await DeviceKit.RevokeAsync(app.Services, paired.DeviceId);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add("Authorization", $"Device {paired.Secret}");
        return client;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string idNumber, string? requestId = null, DateTimeOffset? at = null,
        bool deviceCheckPassed = true) =>
        client.PostAsJsonAsync(path, new { requestId = requestId ?? Guid.NewGuid().ToString("N"), at = at ?? DateTimeOffset.UtcNow, idNumber, deviceCheckPassed });

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_paired_gate_admits_an_expert_on_the_list_with_room_seat_and_locker_and_refuses_the_second_entry_and_the_replay()
    {
        var s = await SessionWithExpertAsync();
        var gate = await DeviceAsync(DeviceKind.EvaluationGate);

        var first = await Post(gate, "/api/evaluation/gate", Id(s.Id), requestId: $"r-{s.Id}");
        var again = await Post(gate, "/api/evaluation/gate", Id(s.Id));
        var replay = await Post(gate, "/api/evaluation/gate", Id(s.Id), requestId: $"r-{s.Id}");
        var stale = await Post(gate, "/api/evaluation/gate", Id(s.Id), at: DateTimeOffset.UtcNow.AddMinutes(-10));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var admitted = await Json(first);
        Assert.True(admitted.GetProperty("admitted").GetBoolean());
        Assert.Equal(s.Site.P301.Code, admitted.GetProperty("roomCode").GetString());
        Assert.InRange(admitted.GetProperty("seat").GetInt32(), 1, 25);
        Assert.StartsWith("A-", admitted.GetProperty("locker").GetString());
        Assert.Equal("Expert", admitted.GetProperty("person").GetString());
        var body = await first.Content.ReadAsStringAsync();
        Assert.DoesNotContain($"专家{s.Id}", body); // never a name
        Assert.DoesNotContain(Id(s.Id), body);      // nor the full ID number
        Assert.Equal(GateRefusal.AlreadyEntered, (await Json(again)).GetProperty("code").GetString());
        Assert.Equal(GateRefusal.Replay, (await Json(replay)).GetProperty("code").GetString());
        Assert.Equal(GateRefusal.Replay, (await Json(stale)).GetProperty("code").GetString());

        var exit = await Post(gate, "/api/evaluation/exit", Id(s.Id));
        Assert.Equal("Exited", (await Json(exit)).GetProperty("outcome").GetString());
        await using var db = await app.Services.NewContextAsync();
        var admission = await db.GateAdmissions.SingleAsync(a => a.BookingId == s.Session.Booking.Id);
        Assert.False(admission.Inside);
        Assert.StartsWith("device:", admission.By);
    }

    [Fact]
    public async Task An_unpaired_or_revoked_device_gets_401_and_another_kind_of_device_403_in_chinese_with_nothing_saved()
    {
        var s = await SessionWithExpertAsync();
        var nobody = app.NewClient();
        nobody.DefaultRequestHeaders.Add("Authorization", "Device 0000-0000-0000-0000");
        var revoked = await DeviceAsync(DeviceKind.EvaluationGate, revoke: true);
        var door = await DeviceAsync(DeviceKind.RoomDoor, s.Site.P301.Id);
        var pad = await DeviceAsync(DeviceKind.Kiosk);

        foreach (var client in new[] { app.NewClient(), nobody, revoked })
        {
            var response = await Post(client, "/api/evaluation/gate", Id(s.Id));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("设备未配对或已撤销", (await Json(response)).GetProperty("title").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(door, "/api/evaluation/gate", Id(s.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(pad, "/api/evaluation/exit", Id(s.Id))).StatusCode);
        var gateAtDoor = await Post(await DeviceAsync(DeviceKind.EvaluationGate), "/api/evaluation/door", Id(s.Id));
        Assert.Equal(HttpStatusCode.Forbidden, gateAtDoor.StatusCode);
        Assert.Equal("设备类型不符", (await Json(gateAtDoor)).GetProperty("title").GetString());

        await using var db = await app.Services.NewContextAsync();
        Assert.False(await db.GateEvents.AnyAsync(e => e.BookingId == s.Session.Booking.Id));
        Assert.False(await db.GateAdmissions.AnyAsync(a => a.BookingId == s.Session.Booking.Id));
    }

    [Fact]
    public async Task A_wrong_checksum_is_400_naming_the_reason_with_nothing_saved_and_a_call_without_the_device_check_is_400()
    {
        var s = await SessionWithExpertAsync();
        var gate = await DeviceAsync(DeviceKind.EvaluationGate);
        await using var before = await app.Services.NewContextAsync();
        var events = await before.GateEvents.CountAsync();

        var wrong = await Post(gate, "/api/evaluation/gate", WrongChecksum(s.Id));
        var noCheck = await gate.PostAsJsonAsync("/api/evaluation/gate", new { requestId = "x-1", at = DateTimeOffset.UtcNow, idNumber = Id(s.Id) });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var problem = await Json(wrong);
        Assert.Equal("身份证号码无效", problem.GetProperty("title").GetString());
        Assert.Contains("校验位", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noCheck.StatusCode);
        await using var after = await app.Services.NewContextAsync();
        Assert.Equal(events, await after.GateEvents.CountAsync());
        Assert.False(await after.GateAdmissions.AnyAsync(a => a.BookingId == s.Session.Booking.Id));
    }

    [Fact]
    public async Task A_room_door_refuses_a_person_admitted_for_another_room_and_lets_in_its_own()
    {
        var s = await SessionWithExpertAsync();
        var gate = await DeviceAsync(DeviceKind.EvaluationGate);
        Assert.True((await Json(await Post(gate, "/api/evaluation/gate", Id(s.Id)))).GetProperty("admitted").GetBoolean());
        var ownDoor = await DeviceAsync(DeviceKind.RoomDoor, s.Site.P301.Id);
        var otherDoor = await DeviceAsync(DeviceKind.RoomDoor, s.Site.P302.Id);

        var wrong = await Json(await Post(otherDoor, "/api/evaluation/door", Id(s.Id)));
        var own = await Json(await Post(ownDoor, "/api/evaluation/door", Id(s.Id)));

        Assert.Equal(("DoorRefused", GateRefusal.WrongRoom), (wrong.GetProperty("outcome").GetString(), wrong.GetProperty("code").GetString()));
        Assert.Equal(("DoorPassed", true), (own.GetProperty("outcome").GetString(), own.GetProperty("admitted").GetBoolean()));
    }
}
