using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TradingOps.Data.Identity;
using TradingOps.Web.Components.Layout;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Web;

public sealed class NavMenuTests : TradingOpsBunitContext
{

    private string[] LinksFor(params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(roles);
        var menu = Render<NavMenu>();
        return menu.FindAll("a[href]").Select(a => a.GetAttribute("href")!).ToArray();
    }

    [Fact]
    public void Admins_see_the_audit_trail_and_calendar_pages()
    {
        var links = LinksFor(Roles.Admin);
        Assert.Contains("/admin/audit", links);
        Assert.Contains("/admin/calendar", links);
        Assert.Contains("/projects", links);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.DutyManager)]
    [InlineData(Roles.Supervisor)]
    public void Operators_see_their_pages_but_not_administration(string role)
    {
        var links = LinksFor(role);
        Assert.Contains("/", links);
        Assert.Contains("/projects", links);
        Assert.Contains("/venues", links);
        Assert.DoesNotContain("/admin/audit", links);
        Assert.DoesNotContain("/admin/calendar", links);
    }

    [Fact]
    public void The_display_role_sees_only_the_overview_and_the_wall()
    {
        Assert.Equal(["/", "/wall"], LinksFor(Roles.Display));
    }

    [Fact]
    public void Menu_text_is_Chinese_in_the_Chinese_culture()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        var auth = AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(Roles.Admin);
        var menu = Render<NavMenu>();
        Assert.Contains("审计日志", menu.Markup);
        Assert.Contains("工作日历", menu.Markup);
    }
}
