using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace KetamineContent.Api.Access;

/// <summary>Section "RateLimits": requests a minute per API key (management) and per client address (database-backed reads). 0 switches one off.</summary>
public sealed class RateLimitOptions
{
    public int PerKeyPerMinute { get; set; } = 1200;

    public int PerAddressPerMinute { get; set; } = 6000;
}

/// <summary>
/// Fixed one-minute windows, partitioned by API key (or, for callers without a valid key, by address) and by
/// client address. Refusals are 429 problem+json with Retry-After. Cached delivery answers are served before
/// routing and never reach a limiter: a CDN in front is the place to limit raw bandwidth.
/// </summary>
public static class RateLimits
{
    public const string PerKey = "per-key";
    public const string PerAddress = "per-address";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Detail = $"The rate limit for this client was reached; retry after {seconds} s.",
                    },
                });
            };
            o.AddPolicy(PerKey, http =>
            {
                var key = http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
                return Window(key is null ? "address:" + Address(http) : "key:" + key, options.PerKeyPerMinute);
            });
            o.AddPolicy(PerAddress, http => Window("address:" + Address(http), options.PerAddressPerMinute));
        });
        return services;
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> Window(string partition, int perMinute) =>
        perMinute <= 0
            ? RateLimitPartition.GetNoLimiter(partition)
            : RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
}
