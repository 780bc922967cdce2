using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Data.Registrations;
using TradingOps.Tests.Fixtures;
using TradingOps.Tests.Registrations;
using TradingOps.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace TradingOps.Tests.Security;

/// <summary>
/// Personal ID numbers (经办人身份证号): validated on the way in, masked on screen and in the audit trail, shown in
/// full only to the roles that need them, and every full view recorded (Liaoning 8.2.3: a full operator trace).
/// </summary>
[FullLane]
public sealed class PersonalDataTests(TradingOpsServer server) : IClassFixture<TradingOpsServer>
{
    private const string Known = "11010519491231002X"; // the standard's own worked example

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData(" 11010519491231002X ")]
    public void A_well_formed_ID_number_passes_the_GB_11643_check_in_canonical_form(string typed)
    {
        Assert.Equal(Known, IdNumber.Normalize(typed, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("11010519491231002", "18 位")]
    [InlineData("11010519491231002X9", "18 位")]
    [InlineData("1101051949123100X2", "数字")]
    [InlineData("110105194913310028", "出生日期")]
    [InlineData("110105194902300025", "出生日期")]
    [InlineData("110105194912310021", "校验位")]
    public void A_malformed_ID_number_is_refused_with_a_Chinese_reason(string typed, string reason)
    {
        Assert.Null(IdNumber.Normalize(typed, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_masked_ID_number_shows_the_area_prefix_and_last_four_but_never_the_birth_date()
    {
        var masked = IdNumber.Mask(Known);
        Assert.Equal("110***********002X", masked);
        Assert.DoesNotContain("19491231", masked);
        Assert.Equal(Known.Length, masked.Length);
    }

    [Fact]
    public async Task The_audit_trail_records_a_new_ID_number_masked_never_in_full()
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, "staff", IdentitySeeder.DemoPassword)));
        var body = RegistrationTestData.ValidApiBody();
        var created = await client.PostAsJsonAsync("/api/registrations", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;

        await using var db = await server.Services.NewContextAsync();
        var stored = await db.Registrations.Where(r => r.Id == Guid.Parse(id)).Select(r => r.ContactIdNumber).SingleAsync();
        Assert.Equal(Known, stored);
        var added = await db.AuditEntries.Where(e => e.Entity == "Registration" && e.Key == id && e.Action == AuditAction.Added).SingleAsync();
        Assert.Contains(IdNumber.Mask(Known), added.Changes);
        Assert.DoesNotContain(Known, added.Changes);
    }

    [Fact]
    public async Task A_clerk_cannot_read_a_full_ID_number_even_by_calling_the_service_and_nothing_is_recorded()
    {
        var registrationId = await DemoRegistrationWithIdAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var clerk = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "staff"), new Claim(ClaimTypes.Role, "Staff")], "test"));
        var access = new PersonalDataAccess(new FixedAuthentication(clerk), scope.ServiceProvider.GetRequiredService<PersonalDataReads>());
        var reads = await ReadsAsync(registrationId);

        Assert.False(await access.MayRevealAsync());
        var refused = await Assert.ThrowsAsync<DomainException>(() => access.RegistrationContactIdNumberAsync(registrationId));
        Assert.Equal("无权查看完整身份证号码", refused.Message);
        Assert.Equal(reads, await ReadsAsync(registrationId));
    }

    [Fact]
    public async Task A_clerk_sees_the_ID_number_masked_and_a_supervisor_who_reveals_it_leaves_a_read_in_the_audit_trail()
    {
        var registrationId = await DemoRegistrationWithIdAsync();
        string full;
        await using (var db = await server.Services.NewContextAsync())
            full = (await db.Registrations.SingleAsync(r => r.Id == registrationId)).ContactIdNumber!;
        await using var chromium = await Fixtures.Browser.OpenAsync();
        var browser = chromium.Browser;
        var url = new Uri(server.BaseAddress, $"/registrations/{registrationId}").ToString();

        var clerk = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "staff");
        await clerk.GotoAsync(url);
        await Fixtures.Browser.WaitInteractiveAsync(clerk);
        await Expect(clerk.GetByTestId("id-number")).ToHaveTextAsync(IdNumber.Mask(full));
        await Expect(clerk.GetByTestId("reveal-id-number")).ToHaveCountAsync(0);
        Assert.DoesNotContain(full, await clerk.ContentAsync());

        var readsBefore = await ReadsAsync(registrationId);
        var supervisor = await Fixtures.Browser.SignedInAsync(browser, server.BaseAddress, "supervisor");
        await supervisor.GotoAsync(url);
        await Fixtures.Browser.WaitInteractiveAsync(supervisor);
        await Expect(supervisor.GetByTestId("id-number")).ToHaveTextAsync(IdNumber.Mask(full));
        await supervisor.GetByTestId("reveal-id-number").ClickAsync();
        await Expect(supervisor.GetByTestId("id-number")).ToHaveTextAsync(full);
        await supervisor.ScreenshotAsync(new PageScreenshotOptions { Path = Fixtures.Browser.ScreenshotPath("registration-id-revealed.png") });

        await using var check = await server.Services.NewContextAsync();
        var read = await check.AuditEntries.Where(e => e.Entity == "Registration" && e.Key == registrationId.ToString() && e.Action == AuditAction.Read)
            .OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(readsBefore + 1, await ReadsAsync(registrationId));
        Assert.Equal("supervisor", read.ActorName);
        Assert.Contains("ContactIdNumber", read.Changes);
        Assert.DoesNotContain(full, read.Changes);
    }

    private async Task<Guid> DemoRegistrationWithIdAsync()
    {
        await using var db = await server.Services.NewContextAsync();
        return await db.Registrations.Where(r => r.ContactIdNumber != null).OrderBy(r => r.Code).Select(r => r.Id).FirstAsync();
    }

    private async Task<int> ReadsAsync(Guid registrationId)
    {
        await using var db = await server.Services.NewContextAsync();
        return await db.AuditEntries.CountAsync(e => e.Entity == "Registration" && e.Key == registrationId.ToString() && e.Action == AuditAction.Read);
    }

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
