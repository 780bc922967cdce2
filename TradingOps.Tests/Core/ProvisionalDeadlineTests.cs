using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;
using TradingOps.Data.Identity;
using TradingOps.Data.Registrations;
using TradingOps.Web.Registrations;
using TradingOps.Web.Components.Shared;

namespace TradingOps.Tests.Core;

/// <summary>
/// A year without its official holiday schedule (2027 as of today) is never silently counted as weekends-only:
/// deadlines in it carry Provisional and are marked 暂定 where shown, and admins are warned from 1 November of
/// the year before.
/// </summary>
public sealed class ProvisionalDeadlineTests : BunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync(); // MudBlazor's services dispose asynchronously only

    private static WorkdayCalendar Known2026()
    {
        var schedule = OfficialSchedule.Shipped().Single(s => s.Year == 2026);
        return new WorkdayCalendar(schedule.Days, [schedule.Year]);
    }

    private static DateTimeOffset At(int y, int m, int d, int h) => CenterTime.At(new DateOnly(y, m, d), new TimeOnly(h, 0));

    [Fact]
    public void A_deadline_counted_into_a_year_without_its_schedule_is_provisional()
    {
        var calendar = Known2026();
        var policy = ServiceTimePolicy.Liaoning; // 2 working days

        var december = policy.Deadline(At(2026, 12, 3, 10), calendar);
        var newYear = policy.Deadline(At(2026, 12, 31, 10), calendar);
        var in2027 = policy.Deadline(At(2027, 3, 1, 10), calendar);

        Assert.False(december.Provisional);
        Assert.True(newYear.Provisional);
        Assert.True(in2027.Provisional);
        Assert.Equal(policy.DueAt(At(2026, 12, 31, 10), calendar), newYear.At);
    }

    [Fact]
    public void A_deadline_in_a_year_whose_schedule_is_entered_is_firm()
    {
        var calendar = new WorkdayCalendar(OfficialSchedule.Shipped().Single(s => s.Year == 2026).Days, [2026, 2027]);
        Assert.False(ServiceTimePolicy.Liaoning.Deadline(At(2026, 12, 31, 10), calendar).Provisional);
    }

    [Theory]
    [InlineData("2026-10-31", null)]    // before 1 November: no warning yet
    [InlineData("2026-11-01", 2027)]    // from 1 November of the year before
    [InlineData("2026-12-03", 2027)]    // today
    [InlineData("2027-02-01", 2027)]    // the year itself, still missing
    public void Admins_are_warned_of_a_missing_schedule_from_1_November_of_the_year_before(string today, int? year) =>
        Assert.Equal(year, Known2026().YearNeedingSchedule(DateOnly.Parse(today)));

    // ---- where it shows ----

    private void UseServices(WorkdayCalendar calendar, DateTimeOffset now, params string[] roles)
    {
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton<IWorkdayCalendarProvider>(new FixedCalendar(calendar));
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(roles);
    }

    [Fact]
    public void The_home_page_and_wall_warning_shows_admins_the_year_to_enter()
    {
        UseServices(Known2026(), At(2026, 12, 3, 10), Roles.Admin);
        var warning = Render<ScheduleWarning>();
        Assert.Contains("2027 年的法定节假日安排尚未录入", warning.Find("[data-testid=schedule-warning]").TextContent);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.DutyManager)]
    [InlineData(Roles.Display)]
    public void Other_roles_get_no_schedule_warning(string role)
    {
        UseServices(Known2026(), At(2026, 12, 3, 10), role);
        Assert.Empty(Render<ScheduleWarning>().FindAll("[data-testid=schedule-warning]"));
    }

    [Fact]
    public void No_warning_once_the_next_years_schedule_is_entered()
    {
        UseServices(new WorkdayCalendar([], [2026, 2027]), At(2026, 12, 3, 10), Roles.Admin);
        Assert.Empty(Render<ScheduleWarning>().FindAll("[data-testid=schedule-warning]"));
    }

    [Fact]
    public void The_registration_board_marks_a_due_time_in_2027_provisional_and_one_in_2026_not()
    {
        var calendar = Known2026();
        var now = At(2026, 12, 31, 10);
        UseServices(calendar, now, Roles.Staff);
        PendingRegistrationRow Row(string code, DateTimeOffset submitted) => new(Guid.NewGuid(), code, "项目", TradingCategory.Engineering, null, "招标人",
            RegistrationStatus.Submitted, RegistrationChannel.Online, false, null, submitted, ServiceTimePolicy.Liaoning.DueAt(submitted, calendar), 1m);

        var table = Render<PendingTable>(p => p
            .Add(x => x.Rows, [Row("DJ-2026", At(2026, 12, 3, 10)), Row("DJ-2027", now)])
            .Add(x => x.Now, now)
            .Add(x => x.Calendar, calendar));

        Assert.Empty(table.Find("[data-code=DJ-2026]").QuerySelectorAll("[data-testid=provisional]"));
        Assert.Contains("暂定", table.Find("[data-code=DJ-2027]").QuerySelector("[data-testid=provisional]")!.TextContent);
    }

    private sealed class FixedCalendar(WorkdayCalendar calendar) : IWorkdayCalendarProvider
    {
        public ValueTask<WorkdayCalendar> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(calendar);
        public void Invalidate() { }
    }
}
