using TradingOps.Web.Venue;
using TradingOps.Web.Evaluation;
using TradingOps.Web.Witness;
using TradingOps.Web.Cases;
using TradingOps.Web.Archives;
using TradingOps.Web.Facilities;
using TradingOps.Web.Health;
using TradingOps.Web.Duty;
using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;
using TradingOps.Core.Auditing;
using TradingOps.Data;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Web.Admin;
using TradingOps.Web.Floor;
using TradingOps.Web.Queue;
using TradingOps.Web.Registrations;
using TradingOps.Web.Components;
using TradingOps.Web.Devices;
using TradingOps.Web.Identity;
using TradingOps.Web.Jobs;
using TradingOps.Web.Live;
using TradingOps.Web.Reports;
using TradingOps.Web.ScaleOut;

namespace TradingOps.Web.Infrastructure;

public static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>
    /// In Development the repository's root <c>appsettings.Development.json</c> holds the developer defaults
    /// (SQLite file, demo seed on). It goes right after the project's own JSON files, so environment
    /// variables and the command line still override it.
    /// </summary>
    public static void AddRepositoryDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return;
        var file = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, "..", "appsettings.Development.json"));
        var sources = builder.Configuration.Sources;
        var lastJson = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is JsonConfigurationSource).i;
        var source = new JsonConfigurationSource { Path = file, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(lastJson + 1, source);
    }

    public static void AddTradingOpsWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, ResxMudLocalizer>(); // MudBlazor's pager, pickers and buttons in Chinese too
        // Chinese text goes out as text, not as &#x..; entities (HTML-special characters are still encoded).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddHttpContextAccessor();
        services.AddScoped<WebCurrentActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<WebCurrentActor>());
        services.AddCascadingAuthenticationState();
        AddApiProblems(services);
        services.AddHealthChecks().AddDbContextCheck<TradingOpsDbContext>("database", tags: ["ready"]);
        services.AddTradingOpsSecurity(builder.Configuration);
        services.AddTradingOpsNetwork(builder.Configuration);
        services.AddIdentity(builder.Configuration);
        services.AddLiveEvents(builder.Configuration);
        services.AddTradingOpsJobs(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddReports();
        services.AddScaleOut(builder.Configuration);
        services.AddNodeDiagnostics();
        services.AddFloor();
        services.AddQueue();
        services.AddRegistrations();
        services.AddVenue();
        services.AddEvaluation(builder.Environment);
        services.AddWitness(builder.Environment);
        services.AddCaseDesk();
        services.AddArchiveDesk();
        services.AddFacilityDesk();
        services.AddHealthBoard(builder.Configuration);
        services.AddDutyDesk();
        TradingOps.Web.Wall.WallWebSetup.AddWall(services, builder.Configuration); // issue 22: the wall's alert thresholds
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    /// <summary>ProblemDetails for API answers without a body of their own, titled in Chinese.</summary>
    private static void AddApiProblems(IServiceCollection services) => services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
    {
        var problem = context.ProblemDetails;
        // An endpoint's own title (登记信息有误, 场地不存在 ...) stays; only the framework's English defaults are replaced.
        var isDefault = problem.Title is null || problem.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status ?? 0)
                        || problem.Title.StartsWith("One or more validation errors", StringComparison.Ordinal);
        if (!isDefault) return;
        problem.Title = problem.Status switch
        {
            StatusCodes.Status400BadRequest => "请求格式不正确",
            StatusCodes.Status401Unauthorized => "请先登录",
            StatusCodes.Status403Forbidden => "没有权限执行此操作",
            StatusCodes.Status404NotFound => "请求的资源不存在",
            StatusCodes.Status405MethodNotAllowed => "不支持此请求方法",
            StatusCodes.Status413PayloadTooLarge => "请求内容过大",
            StatusCodes.Status415UnsupportedMediaType => "不支持的内容类型，请使用 application/json",
            StatusCodes.Status429TooManyRequests => "请求过于频繁，请稍后再试",
            _ => problem.Title,
        };
    });

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        // A first demo start seeds the past once the app is up (DemoHistoryInBackground), not while it is starting.
        app.Services.GetRequiredService<TradingOps.Data.Seeding.DemoHistory>().StartAfter(app.Lifetime.ApplicationStarted);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("startup"));
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync();
        // The demo's draws go through the draw service as the demo accounts (operator, then a second overseer): after they exist.
        if (scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TradingOps.Data.DatabaseOptions>>().Value.SeedDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Evaluation.DrawDemoSeeder>().SeedAsync("staff", "supervisor", "duty");
            // Then what the gate would have recorded in three running sessions, so the desk and the wall have something to watch.
            await using var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TradingOps.Data.TradingOpsDbContext>>().CreateDbContextAsync();
            await TradingOps.Data.Evaluation.WatchDemoSeeder.SeedAsync(db, app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            await scope.ServiceProvider.GetRequiredService<TradingOps.Data.Witness.WitnessDemoSeeder>().SeedAsync("staff", "duty");
            await TradingOps.Data.Witness.IncidentDemoSeeder.SeedAsync(db, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TradingOps.Core.Witness.WitnessOptions>>().Value, app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            await TradingOps.Data.Witness.MisconductDemoSeeder.SeedAsync(scope.ServiceProvider);
            await TradingOps.Data.Cases.CaseDemoSeeder.SeedAsync(scope.ServiceProvider);
            await TradingOps.Web.Archives.ArchiveDemoSeeder.SeedAsync(scope.ServiceProvider);
            // The duty roster of the demo weeks on the holiday calendar, naming the demo accounts' staff (after they are linked).
            await TradingOps.Data.Seeding.DutyDemoSeeder.SeedAsync(db, await scope.ServiceProvider.GetRequiredService<TradingOps.Core.Calendar.IWorkdayCalendarProvider>().GetAsync(), app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            await TradingOps.Data.Seeding.FaultDemoSeeder.SeedAsync(db, app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        }
    }

    public static void UseTradingOpsWeb(this WebApplication app)
    {
        app.UseTrustedForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        // People get the "not found" page; API clients get ProblemDetails (Chinese titles, see AddApiProblems).
        app.UseWhen(http => !IsApi(http), a => a.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(IsApi, a => a.UseStatusCodePages());
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            // Chinese unless the user switched: the browser's language does not decide.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        // A database that cannot be reached is a 503 with a clear message (in the request's language), not an error page.
        app.UseDatabaseUnavailablePage();
        app.UseAuthentication();
        app.UseUserActivity();
        app.UseAuthorization();
        app.UsePairedDevices();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapIdentity();
        app.MapAdmin();
        app.MapReports();
        app.MapFloor();
        app.MapQueue();
        app.MapRegistrations();
        app.MapVenue();
        app.MapEvaluation();
        app.MapWitness();
        app.MapCases();
        app.MapArchives();
        app.MapFacilities();
        app.MapHealth();
        app.MapDuty();
        app.MapNodeDiagnostics();
        app.MapGet("/culture", (string culture, string? redirectUri, HttpContext http) =>
        {
            if (Cultures.Any(c => c.Name == culture))
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(LocalUrl.OrHome(redirectUri));
        }).AllowAnonymous();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
    }
}
