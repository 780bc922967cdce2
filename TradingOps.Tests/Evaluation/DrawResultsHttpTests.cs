using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Devices;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Evaluation;
using static TradingOps.Tests.Evaluation.PoolTestData;

namespace TradingOps.Tests.Evaluation;

/// <summary>POST /api/evaluation/draw-results against the real app: only a paired draw terminal gets in; answers as documented.</summary>
[FullLane]
public sealed class DrawResultsHttpTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    private static int _sequence = 100;

    /// <summary>An evaluation session tomorrow in one of the demo's evaluation rooms, not yet drawn.</summary>
    private async Task<Guid> SessionAsync()
    {
        await using var db = await app.Services.NewContextAsync();
        var room = await db.Rooms.OrderBy(r => r.Code).FirstAsync(r => r.Type == RoomType.EvaluationRoom && r.InService && r.EvaluationSeats >= 7);
        var day = CenterTime.Today(TimeProvider.System).AddDays(20 + Interlocked.Increment(ref _sequence) % 50);
        var booking = new RoomBooking(room, null, $"GC-API-{_sequence}", "示范道路养护服务采购", "华信招标代理有限公司", BookingPurpose.Evaluation, 7,
            CenterTime.At(day, new(9, 0)), CenterTime.At(day, new(12, 0)), TimeSpan.Zero, TimeSpan.Zero, "desk", DateTimeOffset.UtcNow);
        db.RoomBookings.Add(booking);
        await db.SaveChangesAsync();
        return booking.Id;
    }

    private static object Body(string requestId, Guid booking, string idNumber) => new
    {
        requestId, bookingId = booking, provincialDrawNo = "YN-PSZJ-2026-0901", drawnAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        @operator = "李操作", confirmer = "王监督", initiator = "示范市公路局",
        members = new[] { new { name = "赵测试", idNumber, phone = "13912345678", specialtyCode = "A03", employer = "示范交通规划设计院", region = "官渡区" } },
    };

    private HttpClient Terminal(string? secret)
    {
        var client = app.NewClient();
        if (secret is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Device {secret}");
        return client;
    }

    [Fact]
    public async Task A_call_without_a_paired_terminal_is_refused_401_in_Chinese_and_audited()
    {
        var booking = await SessionAsync();
        var revoked = await DeviceKit.PairAsync(app.Services, DeviceKind.DrawTerminal, "已撤销抽取终端");
        await DeviceKit.RevokeAsync(app.Services, revoked.DeviceId);

        foreach (var secret in new string?[] { null, "not-a-secret", revoked.Secret })
        {
            var response = await Terminal(secret).PostAsJsonAsync(DrawResultsApi.Route, Body($"unpaired-{secret}", booking, Id("19610101", 1)));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("设备未配对或已撤销", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }

        await using var db = await app.Services.NewContextAsync();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Entity == nameof(DrawImport) && a.Action == AuditAction.SignInFailed && a.ActorKind == ActorKind.Anonymous));
        Assert.False(await db.DrawRequests.AnyAsync(r => r.BookingId == booking));
    }

    [Fact]
    public async Task A_paired_device_of_another_kind_is_refused_403()
    {
        var booking = await SessionAsync();
        var kiosk = await DeviceKit.PairAsync(app.Services, DeviceKind.HallDisplay, "大厅屏");

        var response = await Terminal(kiosk.Secret).PostAsJsonAsync(DrawResultsApi.Route, Body("kind-1", booking, Id("19610101", 2)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("不是专家抽取终端", await response.Content.ReadAsStringAsync());
        await using var db = await app.Services.NewContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Entity == nameof(DrawImport) && a.Action == AuditAction.SignInFailed && a.ActorName == "device:大厅屏"));
        Assert.False(await db.DrawRequests.AnyAsync(r => r.BookingId == booking));
    }

    [Fact]
    public async Task A_paired_draw_terminal_imports_and_a_replay_answers_409_duplicate()
    {
        var booking = await SessionAsync();
        var terminal = await DeviceKit.PairAsync(app.Services, DeviceKind.DrawTerminal, "省级抽取终端");
        var id = Id("19610101", 3);

        var response = await Terminal(terminal.Secret).PostAsJsonAsync(DrawResultsApi.Route, Body("ok-1", booking, id));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var member = JsonDocument.Parse(text).RootElement.GetProperty("members")[0];
        Assert.Equal(IdNumber.Mask(id), member.GetProperty("idMasked").GetString());
        Assert.DoesNotContain("赵测试", text);
        Assert.DoesNotContain(id, text);
        await using (var db = await app.Services.NewContextAsync())
        {
            var request = await db.DrawRequests.SingleAsync(r => r.BookingId == booking);
            Assert.Equal((DrawRequestStatus.Drawn, DrawSource.Provincial), (request.Status, request.Source));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(DrawRequest) && a.ActorName == "device:省级抽取终端"));
        }

        var replay = await Terminal(terminal.Secret).PostAsJsonAsync(DrawResultsApi.Route, Body("ok-1", booking, id));

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.StartsWith("重复请求", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_wrong_checksum_answers_400_naming_the_field()
    {
        var booking = await SessionAsync();
        var terminal = await DeviceKit.PairAsync(app.Services, DeviceKind.DrawTerminal, "省级抽取终端二");

        var response = await Terminal(terminal.Secret).PostAsJsonAsync(DrawResultsApi.Route, Body("bad-1", booking, WrongChecksum(Id("19610101", 4))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("members[0].idNumber", out _), errors.ToString());
    }
}
