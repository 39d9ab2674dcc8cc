using System.Globalization;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Edge;

/// <summary>
/// The caching headers that fit the edge configured. Without a provider nothing purges the edge, so shared freshness
/// stays short (<see cref="Delivery.ResponseBytes.PublicCacheControl"/>) and a 404 or 410 is revalidated each time
/// (no-cache). With one, purges keep the edge fresh: it may keep public answers for Cdn:SharedMaxAgeSeconds (s-maxage)
/// while browsers keep the short max-age, and a 404 or 410 for an article URL is kept like any answer, with the slug's
/// key, so publishing purges it too. Answers that name no Cache-Control of their own (the management API, sign-in,
/// problems) are then sent <c>private, no-store</c>: nothing a purge cannot reach is kept at the edge.
/// </summary>
public sealed class EdgePolicy(IOptions<CdnOptions> options)
{
    public const string Unshared = "private, no-store";

    public const string Revalidate = "no-cache";

    private readonly CdnOptions _options = options.Value;

    public bool Enabled => _options.Enabled;

    /// <summary>Cloudflare reads keys from Cache-Tag (comma-separated), not Surrogate-Key.</summary>
    public bool CacheTags => _options.Provider == CdnOptions.CloudflareProvider;

    public string PublicCacheControl { get; } = options.Value.Enabled
        ? "public, max-age=60, s-maxage=" + options.Value.SharedMaxAgeSeconds.ToString(CultureInfo.InvariantCulture) + ", stale-while-revalidate=600, stale-if-error=86400"
        : Delivery.ResponseBytes.PublicCacheControl;

    /// <summary>A 404 or 410 for an article URL (it becomes 200 when the slug is published).</summary>
    public string MissingCacheControl => Enabled ? PublicCacheControl : Revalidate;

    /// <summary>The Cache-Tag value for these space-separated keys, when the provider reads it.</summary>
    public string? CacheTag(string? keys) => CacheTags && keys is not null ? keys.Replace(' ', ',') : null;

    /// <summary>Sets the keys (Surrogate-Key, and Cache-Tag for Cloudflare) on an answer written by hand.</summary>
    public void Tag(IHeaderDictionary headers, string keys)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers[OpenApi.Header.SurrogateKey] = keys;
        if (CacheTag(keys) is { } tag)
        {
            headers[CacheTagHeader] = tag;
        }
    }

    public const string CacheTagHeader = "Cache-Tag";
}
