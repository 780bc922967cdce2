using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TradingOps.Core.Floor;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Floor;

namespace TradingOps.Tests.Floor;

[FullLane]
public sealed class FloorHubTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private HttpClient Client()
    {
        var client = server.NewClient();
        client.BaseAddress = server.BaseAddress;
        return client;
    }

    [Fact]
    public async Task A_hub_client_in_a_rooms_group_receives_a_session_start_within_one_second_of_the_command()
    {
        var booking = await FloorTestSupport.BookingAsync(server.Services, "K205", SessionPhase.CheckedIn);
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, FloorHub.Path)).Build();
        var received = new TaskCompletionSource<FloorPush>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<FloorPush>(nameof(IFloorClient.FloorChanged), push =>
        {
            if (push.BookingId == booking.Id) received.TrySetResult(push);
        });
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(FloorHub.JoinRoom), booking.RoomId);

        await FloorTestSupport.CommandAsync(server.Services, booking.Id, SessionCommand.Start);

        var push = await received.Task.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(booking.RoomId, push.RoomId);
        Assert.Equal("start", push.Change);
    }

    [Fact]
    public async Task The_public_feed_is_anonymous_lists_every_room_state_and_carries_no_personal_data()
    {
        using var client = Client();
        var response = await client.GetAsync("/api/public/occupancy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(json);
        var rooms = doc.RootElement.GetProperty("rooms").EnumerateArray().ToList();
        Assert.Equal(28, rooms.Count);
        var states = rooms.Select(r => r.GetProperty("state").GetString()).ToHashSet();
        foreach (var state in Enum.GetNames<RoomState>()) Assert.Contains(state, states);
        Assert.DoesNotContain("bookedBy", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("agency", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("demo-seed", json);
    }

    [Fact]
    public async Task An_unknown_room_on_the_public_feed_is_a_chinese_problem_not_an_error()
    {
        using var client = Client();
        var missing = await client.GetAsync("/api/public/rooms/NOPE");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("场地不存在", await missing.Content.ReadAsStringAsync());
        var tooLong = await client.GetAsync($"/api/public/rooms/{new string('X', 40)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Door_plates_and_the_public_page_open_without_signing_in()
    {
        using var client = Client();
        var plate = await client.GetAsync("/doorplate/K201");
        Assert.Equal(HttpStatusCode.OK, plate.StatusCode);
        var html = await plate.Content.ReadAsStringAsync();
        Assert.Contains("data-floor-live", html);
        Assert.Contains("第一开标室", html);
        var occupancy = await client.GetAsync("/public/occupancy");
        Assert.Equal(HttpStatusCode.OK, occupancy.StatusCode);
        Assert.Contains("public-K201", await occupancy.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_board_and_the_wall_need_a_sign_in()
    {
        using var client = Client();
        foreach (var path in new[] { "/floor", "/wall", "/floor/book" })
        {
            var response = await client.GetAsync(path);
            var landedOn = HttpStatus.IsRedirect(response.StatusCode) ? response.Headers.Location!.ToString() : response.RequestMessage!.RequestUri!.PathAndQuery;
            Assert.Contains("/account/login", landedOn);
        }
    }
}
