using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Localization;

namespace TradingOps.Web.ScaleOut;

/// <summary>
/// Tells a database that cannot be reached (stopped, restarting, network gone, busy beyond its timeout) from
/// every other failure. Such a failure is temporary and says nothing about the request: people get a clear
/// message and retry, nothing is half-saved (each save is one transaction), and the app recovers by itself when
/// the database is back, because connections are opened per operation.
/// </summary>
public static class DatabaseUnavailable
{
    // SQLite: busy (5), locked (6), I/O error (10), cannot open (14).
    private static readonly int[] SqliteUnavailableCodes = [5, 6, 10, 14];

    // SQL Server: timeout (-2), network errors (2, 53, 10053, 10054, 10060, 11001), login during recovery (4060, 18456 is not),
    // database unavailable on Azure (40197, 40501, 40613, 49918..49920), server shutting down (6005), lock timeout (1222).
    private static readonly int[] SqlServerUnavailableNumbers = [-2, 2, 53, 64, 233, 1222, 4060, 6005, 10053, 10054, 10060, 10061, 11001, 40197, 40501, 40613, 49918, 49919, 49920];

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                case SqliteException sqlite when SqliteUnavailableCodes.Contains(sqlite.SqliteErrorCode):
                case Microsoft.Data.SqlClient.SqlException sql when SqlServerUnavailableNumbers.Contains(sql.Number) || sql.IsTransient:
                    return true;
                case Npgsql.PostgresException postgres:
                    // A server-side error is about the statement, unless the server is going away or not yet ready
                    // (57P01 admin shutdown, 57P03 cannot connect now, class 08 connection exceptions, 53300 too many connections).
                    return postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                           || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case Npgsql.NpgsqlException:
                    // Not a server error: the connection could not be made or was lost (socket, timeout, stream closed).
                    return true;
                case DbException { IsTransient: true }:
                    return true;
                case TimeoutException timeout when FromDatabase(timeout):
                    return true;
            }
        }
        return false;
    }

    /// <summary>A timeout raised by a database client or EF Core, not by anything else the request waited for.</summary>
    private static bool FromDatabase(Exception e)
    {
        var ns = e.TargetSite?.DeclaringType?.Namespace ?? e.Source ?? "";
        return ns.StartsWith("Npgsql", StringComparison.Ordinal) || ns.StartsWith("Microsoft.Data", StringComparison.Ordinal)
               || ns.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);
    }

    /// <summary>API and JSON callers get ProblemDetails; people get a page.</summary>
    public static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs")
        || (request.Headers.Accept.ToString() is { Length: > 0 } accept
            && accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    public const int RetryAfterSeconds = 15;

    /// <summary>
    /// Turns an unreachable database into 503 with Retry-After: a Chinese ProblemDetails for API and JSON
    /// requests, a plain page (no layout, no database, retries by itself) for people. Other failures pass on to
    /// the usual error handling.
    /// </summary>
    public static IApplicationBuilder UseDatabaseUnavailablePage(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (Is(ex) && !http.Response.HasStarted)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseUnavailable));
            logger.LogWarning(ex, "Database unavailable while serving {Method} {Path}", http.Request.Method, http.Request.Path);
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<ScaleOutResource>>();
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
            http.Response.Headers.CacheControl = "no-store";
            if (WantsJson(http.Request))
            {
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status503ServiceUnavailable,
                        Title = text["Db.Title"],
                        Detail = text["Db.Body"],
                    },
                });
                return;
            }
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(Page(text, http.Request));
        }
    });

    private static string Page(IStringLocalizer text, HttpRequest request)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var self = E(request.PathBase + request.Path + request.QueryString);
        var lang = System.Globalization.CultureInfo.CurrentUICulture.Name;
        // Inline styles only (the CSP allows them, scripts it does not); the refresh retries the same address.
        return $$"""
            <!DOCTYPE html>
            <html lang="{{E(lang)}}">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <meta http-equiv="refresh" content="{{RetryAfterSeconds}}" />
            <title>{{E(text["Db.Title"])}}</title>
            <style>
            body { margin: 0; font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; background: #f4f6f8; color: #1f2933; }
            main { max-width: 640px; margin: 15vh auto 0; background: #fff; border-top: 6px solid #d97706; border-radius: 6px; padding: 32px 40px; box-shadow: 0 2px 8px rgba(0,0,0,.08); }
            h1 { font-size: 24px; margin: 0 0 16px; }
            p { font-size: 16px; line-height: 1.7; margin: 0 0 12px; }
            a { display: inline-block; margin-top: 12px; padding: 8px 20px; background: #1565c0; color: #fff; border-radius: 4px; text-decoration: none; }
            </style>
            </head>
            <body>
            <main data-testid="database-unavailable">
            <h1>{{E(text["Db.Title"])}}</h1>
            <p>{{E(text["Db.Body"])}}</p>
            <p>{{E(text["Db.AutoRetry"])}}</p>
            <a href="{{self}}">{{E(text["Db.Retry"])}}</a>
            </main>
            </body>
            </html>
            """;
    }
}
