using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Security;

[FullLane]
public sealed class SignInAuditTests(TradingOpsApp app) : IClassFixture<TradingOpsApp>
{
    [Fact]
    public async Task A_sign_in_typed_in_other_letter_case_is_traced_to_the_account_not_to_anonymous()
    {
        using var client = app.NewClient();
        var response = await TradingOpsApp.SignInAsync(client, "DUTY", IdentitySeeder.DemoPassword);
        Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode is >= 300 and < 400, $"sign-in answered {response.StatusCode}");

        await using var db = await app.Services.NewContextAsync();
        var entry = await db.AuditEntries.Where(e => e.Entity == "SignIn" && e.Key == "DUTY").SingleAsync();
        Assert.Equal(AuditAction.SignedIn, entry.Action);
        Assert.Equal(ActorKind.User, entry.ActorKind);
        Assert.Equal("duty", entry.ActorName);
        Assert.NotNull(entry.ActorId);
    }
}
