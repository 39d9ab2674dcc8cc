namespace KetamineContent.Api.Caching;

/// <summary>The slot a cache miss fills: the key and the generation at the start of the request.</summary>
public sealed record CacheSlot(string Key, long Generation);

/// <summary>
/// Serves public delivery GETs from ready bytes before routing. A miss goes on to the endpoint, whose
/// <see cref="Http.JsonBytes{T}"/> result stores what it sends into the slot.
/// </summary>
public sealed class ResponseCacheMiddleware(RequestDelegate next, ResponseCache cache)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!cache.Enabled || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !IsCacheable(request.Path))
        {
            return next(context);
        }

        var key = Key(request);
        if (cache.TryGet(key, out var entry))
        {
            return CachedResponse.WriteAsync(context, entry, cache);
        }

        context.Features.Set(new CacheSlot(key, cache.Generation));
        return next(context);
    }

    private static bool IsCacheable(PathString path) =>
        path.StartsWithSegments("/v1/articles", StringComparison.Ordinal)
        || path.StartsWithSegments("/v1/topics", StringComparison.Ordinal)
        || path.StartsWithSegments("/v1/search", StringComparison.Ordinal);

    /// <summary>Path and query as sent, plus the two headers a representation depends on (JSON-LD, and the first preferred language).</summary>
    private static string Key(HttpRequest request)
    {
        string? accept = request.Headers.Accept;
        string? language = request.Headers.AcceptLanguage;
        var ld = accept is not null && accept.Contains("ld+json", StringComparison.OrdinalIgnoreCase) ? "ld" : "";
        var lang = language is null ? "" : Locales.FirstTag(language) ?? "";
        return string.Concat(request.Path.Value, request.QueryString.Value, "|", ld, "|", lang);
    }
}

/// <summary>Accept-Language to a locale of ours ("de-CH,de;q=0.9" → "de-CH").</summary>
public static class Locales
{
    public static string? FirstTag(string acceptLanguage)
    {
        ArgumentNullException.ThrowIfNull(acceptLanguage);
        var first = acceptLanguage.Split(',')[0].Split(';')[0].Trim();
        if (first.Length == 2 && first.All(char.IsAsciiLetter))
        {
            return first.ToLowerInvariant();
        }

        return first.Length == 5 && first[2] == '-' && first[..2].All(char.IsAsciiLetter) && first[3..].All(char.IsAsciiLetter)
            ? first[..2].ToLowerInvariant() + "-" + first[3..].ToUpperInvariant()
            : null;
    }
}
