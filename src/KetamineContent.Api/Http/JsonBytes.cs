using System.Reflection;
using System.Security.Cryptography;
using KetamineContent.Api.Caching;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace KetamineContent.Api.Http;

/// <summary>
/// A delivery response as ready bytes with a strong ETag. On a cache miss it stores itself (with compressed
/// variants) and is sent exactly as a hit would be. Declares its 200 schema as <typeparamref name="T"/> for OpenAPI.
/// </summary>
public sealed class JsonBytes<T>(CacheEntry entry) : IResult, IEndpointMetadataProvider
{
    public CacheEntry Entry => entry;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cache = httpContext.RequestServices.GetRequiredService<ResponseCache>();
        if (httpContext.Features.Get<CacheSlot>() is { } slot)
        {
            cache.Store(slot.Key, entry, slot.Generation);
        }

        return CachedResponse.WriteAsync(httpContext, entry, cache: null);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}

public static class ETags
{
    /// <summary>A strong ETag: a quoted, URL-safe hash of the exact bytes sent.</summary>
    public static string For(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return "\"" + Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_') + "\"";
    }

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored; * matches anything.</summary>
    public static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        if (ifNoneMatch.Count == 1 && string.Equals(ifNoneMatch[0], etag, StringComparison.Ordinal))
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}
