using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Telemetry;

/// <summary>
/// GET /metrics in the Prometheus text format, for <c>Authorization: Bearer &lt;Metrics:Token&gt;</c> only (401 otherwise).
/// Without a configured token it is not served at all (404, as any unknown path), so metrics are never public by
/// accident. It runs before authentication and routing: a scrape touches no database and works during an outage.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplication UseMetricsEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var token = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Token;
        if (string.IsNullOrEmpty(token))
        {
            return app;
        }

        var exporter = app.Services.GetRequiredService<PrometheusTextExporter>();
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (!request.Path.Equals(Path, StringComparison.Ordinal))
            {
                return next(context);
            }

            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                context.Response.Headers.Allow = "GET, HEAD";
                return Http.Problems.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "/metrics answers GET and HEAD only.");
            }

            string? header = request.Headers.Authorization;
            if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim())), expected))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Http.Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "/metrics needs the metrics token: send 'Authorization: Bearer <Metrics:Token>'.");
            }

            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : context.Response.WriteAsync(exporter.Scrape());
        });
        return app;
    }
}
