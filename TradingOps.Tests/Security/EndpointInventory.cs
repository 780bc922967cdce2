using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TradingOps.Tests.Security;

/// <summary>Every way into the app, found from the app itself so a new page or endpoint cannot be missed.</summary>
public static class EndpointInventory
{
    /// <summary>Routable Blazor pages by their route templates.</summary>
    public static IReadOnlyList<string> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Distinct().Order().ToList();

    /// <summary>Endpoints other than pages, static files and the Blazor framework's own, as "METHOD /pattern".</summary>
    public static IReadOnlyList<string> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)      // pages: covered above
            .Where(e => !IsFrameworkOrStatic(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => $"{m} /{e.RoutePattern.RawText?.TrimStart('/')}"))
            .Distinct().Order().ToList();

    /// <summary>Public methods of every SignalR hub, as "Hub.Method".</summary>
    public static IReadOnlyList<string> HubMethods() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.AspNetCore.SignalR.Hub).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName)
                .Select(m => $"{t.Name}.{m.Name}"))
            .Distinct().Order().ToList();

    /// <summary>The hub type and method behind a "Hub.Method" name.</summary>
    public static (Type Hub, MethodInfo Method) HubMethod(string name)
    {
        var (hubName, methodName) = (name[..name.IndexOf('.')], name[(name.IndexOf('.') + 1)..]);
        var hub = typeof(Program).Assembly.GetTypes().Single(t => t.Name == hubName && typeof(Microsoft.AspNetCore.SignalR.Hub).IsAssignableFrom(t));
        return (hub, hub.GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)!);
    }

    /// <summary>A hub's URL path: every hub declares it as its <c>Path</c> constant, the one it is mapped on.</summary>
    public static string HubPath(Type hub) =>
        hub.GetField("Path", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"{hub.Name} declares no Path constant");

    private static bool IsFrameworkOrStatic(RouteEndpoint e)
    {
        var pattern = e.RoutePattern.RawText ?? "";
        return pattern.StartsWith("/_blazor", StringComparison.Ordinal) || pattern.StartsWith("_blazor", StringComparison.Ordinal)
            || pattern.StartsWith("/_framework", StringComparison.Ordinal) || pattern.StartsWith("_framework", StringComparison.Ordinal)
            || pattern.Contains(":file}", StringComparison.Ordinal)   // static web assets fallback
            || e.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");
    }
}
