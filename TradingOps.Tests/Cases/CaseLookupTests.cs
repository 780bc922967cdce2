using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Cases;
using TradingOps.Data;
using TradingOps.Data.Cases;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Cases;

/// <summary>The public lookup over SQLite: malformed codes never reach the database; a code finds its case's state and days only.</summary>
public sealed class CaseLookupTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 30, 0, TimeSpan.Zero); // Thursday 10:30 in Shanghai
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly DbCommandCounter _commands = new();
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Actor.System("test"), clock: _clock,
            configure: s => s.AddDbInterceptors(_commands));
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private T Get<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private Task<Case> ReceiveAsync() => Get<CaseIntakeService>().ReceiveAsync(new PublicCaseForm
    {
        Kind = CaseKind.Complaint, ProjectCode = "GC2026-LOOK", Subject = "查询测试事由", Details = "查询测试内容", Name = "查询测试人",
    }.ToIntake(new CaseOptions()), "网上表单", null);

    [Theory]
    [InlineData("")]
    [InlineData("ABCD-EFGH")]
    [InlineData("ABCD-EFGH-JKM0")]
    [InlineData("TS2026-000001")]
    [InlineData("'; DROP TABLE Cases; --")]
    public async Task A_malformed_code_is_refused_without_any_database_command(string typed)
    {
        var lookup = Get<CaseLookup>();
        _commands.Reset();
        var result = await lookup.FindAsync(typed);
        Assert.Equal(PublicCaseCheck.Malformed, result.Check);
        Assert.Equal(0, _commands.Count);
        Assert.Equal(CaseProjection.Malformed(), result);
    }

    [Fact]
    public async Task A_well_formed_code_of_no_case_says_only_not_found()
    {
        await ReceiveAsync();
        _commands.Reset();
        var result = await Get<CaseLookup>().FindAsync("2222-2222-2222");
        Assert.True(_commands.Count > 0, "a well-formed code is looked up");
        Assert.Equal(CaseProjection.NotFound(), result);
    }

    [Fact]
    public async Task A_code_typed_in_lower_case_without_dashes_finds_its_case_with_the_state_and_days_only()
    {
        var received = await ReceiveAsync();
        var typed = received.TrackingCode.Replace("-", "").ToLowerInvariant();
        var result = await Get<CaseLookup>().FindAsync(typed);
        Assert.Equal(new PublicCaseStatus(PublicCaseCheck.Found, received.TrackingCode, PublicCaseState.Received,
            new DateOnly(2026, 12, 3), null, null, null), result);
        await using var db = await _services.NewContextAsync();
        var stored = await db.Cases.SingleAsync(c => c.Id == received.Id);
        Assert.Equal(CaseChannel.PublicForm, stored.Channel);
        Assert.Null(stored.Handler);
        Assert.Equal("网上表单", stored.ReceivedBy);
        Assert.True(stored.ForwardDueAt > Now, "the center's forwarding clock runs from receipt");
    }
}
