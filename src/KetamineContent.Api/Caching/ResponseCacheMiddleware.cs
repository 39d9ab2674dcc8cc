namespace KetamineContent.Api.Caching;

/// <summary>The slot a cache miss fills: the key and the generation at the start of the request.</summary>
public sealed record CacheSlot(string Key, long Generation);

/// <summary>
/// Serves public delivery GETs from ready bytes before routing. A miss goes on to the endpoint, whose
/// <see cref="Http.JsonBytes{T}"/> result stores what it sends into the slot. Concurrent misses of one key wait
/// for the first (single flight), so a cold or just-invalidated hot key costs one query, not one per client.
/// </summary>
public sealed class ResponseCacheMiddleware(RequestDelegate next, ResponseCache cache, Microsoft.Extensions.Options.IOptions<Http.SecurityOptions> security)
{
    // With HTTPS redirection or HSTS configured, every request takes the full pipeline so those always apply.
    private readonly bool _fastPath = cache.Enabled && !security.Value.HttpsRedirection && !security.Value.Hsts;

    private static readonly TimeSpan FollowerWait = TimeSpan.FromSeconds(5);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _inFlight = new(StringComparer.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        // First in the pipeline: a hit is answered here, before any other middleware. Cross-origin requests (Origin
        // header) take the full pipeline so CORS is applied.
        var request = context.Request;
        if (!_fastPath || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !IsCacheable(request.Path)
            || request.Headers.ContainsKey("Origin"))
        {
            return next(context);
        }

        if (CacheKey.For(request) is not { } key)
        {
            return next(context);
        }

        if (cache.TryGet(key, out var entry))
        {
            cache.CountHit();
            return CachedResponse.WriteAsync(context, entry, cache);
        }

        cache.CountMiss();
        return MissAsync(context, key);
    }

    private async Task MissAsync(HttpContext context, string key)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leader = _inFlight.GetOrAdd(key, mine);
        if (leader != mine)
        {
            await Task.WhenAny(leader.Task, Task.Delay(FollowerWait, context.RequestAborted));
            if (cache.TryGet(key, out var entry))
            {
                await CachedResponse.WriteAsync(context, entry, cache);
                return;
            }

            context.Features.Set(new CacheSlot(key, cache.Generation));
            await next(context);
            return;
        }

        try
        {
            context.Features.Set(new CacheSlot(key, cache.Generation));
            await next(context);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, TaskCompletionSource>(key, mine));
            mine.TrySetResult();
        }
    }

    internal static bool IsCacheable(PathString path) =>
        path.StartsWithSegments("/v1/articles", StringComparison.Ordinal)
        || path.StartsWithSegments("/v1/topics", StringComparison.Ordinal)
        || path.StartsWithSegments("/v1/search", StringComparison.Ordinal)
        || path.StartsWithSegments("/v1/infobutton", StringComparison.Ordinal);
}
