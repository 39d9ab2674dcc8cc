using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Access;

/// <summary>Section "RateLimits": requests a minute per API key (management) and per client address (database-backed reads). 0 switches one off.</summary>
public sealed class RateLimitOptions
{
    public int PerKeyPerMinute { get; set; } = 1200;

    public int PerAddressPerMinute { get; set; } = 6000;
}

/// <summary>
/// One-minute windows per API key (or, for callers without a valid key, per address) and per client address, chosen by
/// the route's <c>RequireRateLimiting(PerKey | PerAddress)</c>. Refusals are 429 problem+json with Retry-After. Every
/// answer that counted announces its limit with the IETF <c>RateLimit-Policy</c> and <c>RateLimit</c> headers
/// (draft-ietf-httpapi-ratelimit-headers), except public reads the cache may answer: a hit is served before routing
/// and never counted, so stored limit headers would be stale. A CDN in front is the place to limit raw bandwidth.
/// </summary>
public static class RateLimits
{
    public const string PerKey = "per-key";
    public const string PerAddress = "per-address";
    public const string PolicyHeader = "RateLimit-Policy";
    public const string Header = "RateLimit";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits");
        services.AddSingleton<RateLimitWindows>();
        return services;
    }

    /// <summary>Whether answers of this request carry the limit headers: all but the cacheable public reads (a POST of reader feedback under /v1/articles does).</summary>
    public static bool Announces(string method, PathString path) =>
        !((HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && Caching.ResponseCacheMiddleware.IsCacheable(path));

    /// <summary>After authentication (the key partitions) and before authorization, as the framework's limiter ran.</summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var windows = app.Services.GetRequiredService<RateLimitWindows>();
        app.Use((context, next) =>
        {
            var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
            var limit = policy switch { PerKey => options.PerKeyPerMinute, PerAddress => options.PerAddressPerMinute, _ => 0 };
            if (limit <= 0)
            {
                return next(context);
            }

            var key = policy == PerKey ? context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) : null;
            var outcome = windows.Take(key is null ? "address:" + Address(context) : "key:" + key, limit);
            if (Announces(context.Request.Method, context.Request.Path))
            {
                var headers = context.Response.Headers;
                headers[PolicyHeader] = $"\"{policy}\";q={limit};w={RateLimitWindows.WindowSeconds}";
                headers[Header] = $"\"{policy}\";r={outcome.Remaining};t={outcome.ResetSeconds}";
            }

            if (outcome.Allowed)
            {
                return next(context);
            }

            context.Response.Headers.RetryAfter = outcome.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            return Http.Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, $"The rate limit for this client was reached; retry after {outcome.ResetSeconds} s.");
        });
        return app;
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
