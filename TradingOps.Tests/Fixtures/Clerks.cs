using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using TradingOps.Data.Identity;
using TradingOps.Data.Queue;

namespace TradingOps.Tests.Fixtures;

/// <summary>Window clerks for queue tests: staff records with a sign-in account, and the queue acting as one of them.</summary>
public static class Clerks
{
    /// <summary>A staff member (工号 = <paramref name="employeeNo"/>) linked to the account "clerk-{employeeNo}" (add it with <see cref="AddClerks"/>).</summary>
    public static Staff NewStaff(string employeeNo, string name)
    {
        var staff = new Staff(employeeNo, name, "窗口服务部", null, null);
        staff.LinkAccount($"clerk-{employeeNo}");
        return staff;
    }

    /// <summary>Adds the staff records and their sign-in accounts.</summary>
    public static void AddClerks(this TradingOpsDbContext db, params Staff[] clerks)
    {
        foreach (var staff in clerks)
        {
            var name = $"clerk-{staff.EmployeeNo}".ToLowerInvariant();
            db.Users.Add(new ApplicationUser { Id = staff.UserId!, UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = staff.Name });
            db.Staff.Add(staff);
        }
    }

    /// <summary>The signed-in person behind a staff record.</summary>
    public static Actor ActorOf(Staff staff) => Actor.User(staff.UserId!, staff.Name);

    /// <summary>
    /// The queue service of a fresh scope acting as <paramref name="actor"/>, as a page of theirs would: the scope's
    /// actor is that person, so the audit trail names them too.
    /// </summary>
    public static QueueService QueueAs(this IServiceProvider services, Actor actor)
    {
        var scope = services.CreateScope().ServiceProvider;
        if (scope.GetService<TestActor>() is { } test) test.Actor = actor;
        else if (scope.GetService<TradingOps.Web.Infrastructure.WebCurrentActor>() is { } web) web.ActAs(actor);
        else return ActivatorUtilities.CreateInstance<QueueService>(scope, new FixedActor(actor));
        return scope.GetRequiredService<QueueService>();
    }

    public static QueueService QueueAs(this IServiceProvider services, Staff staff) => services.QueueAs(ActorOf(staff));

    /// <summary>
    /// Puts a new test clerk (with an account) at the window, whoever sat there before, straight in the database;
    /// returns the queue acting as that clerk.
    /// </summary>
    public static async Task<QueueService> StaffWindowAsync(this IServiceProvider services, Guid windowId)
    {
        var staff = NewStaff($"T{Guid.NewGuid().ToString("N")[..8]}", "测试人员");
        await using var db = await services.NewContextAsync();
        db.AddClerks(staff);
        var window = await db.ServiceWindows.SingleAsync(w => w.Id == windowId);
        window.SignOff();
        window.SignOn(WindowClerk.Of(staff), services.GetRequiredService<TimeProvider>().GetUtcNow());
        await db.SaveChangesAsync();
        return services.QueueAs(staff);
    }
}
