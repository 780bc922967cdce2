using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TradingOps.Web.Infrastructure;

/// <summary>JSON body for /health/ready: overall status and each check, so operators see what is degraded.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            durationMs = (int)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.GetType().Name,
            }),
        }, Json));
    }

    // Operators read this: keep Chinese as text (the body is JSON, never embedded in HTML).
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
