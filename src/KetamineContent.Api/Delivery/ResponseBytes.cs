using System.Text.Json;
using System.Text.Json.Nodes;
using KetamineContent.Api.Caching;
using KetamineContent.Api.Http;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Delivery;

/// <summary>Serialises a delivery document once into the bytes, ETag and headers that are sent (and cached).</summary>
public sealed class ResponseBytes(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ResponseCache cache, Edge.EdgePolicy edge)
{
    /// <summary>
    /// Fit for a CDN nobody purges (Cdn:Provider=none): short freshness, longer shared freshness, served stale while
    /// revalidating or on errors. With a provider, <see cref="Edge.EdgePolicy.PublicCacheControl"/> keeps answers a day.
    /// </summary>
    public const string PublicCacheControl = "public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400";

    public const string Json = "application/json; charset=utf-8";

    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;

    /// <summary>
    /// A document about one article (invalidated with it and with any article of its slug) or a collection (articleId
    /// null: invalidated by any change). The link (a Link header) is part of what is cached. The Cache-Control is the
    /// edge's public one unless given.
    /// </summary>
    public JsonBytes<T> Create<T>(T value, Guid? articleId = null, string? language = null, Representation? representation = null,
        string? cacheControl = null, string? slug = null, string? link = null)
    {
        byte[] bytes;
        if (representation?.Fields is null)
        {
            bytes = JsonSerializer.SerializeToUtf8Bytes(value, _options);
        }
        else
        {
            var node = JsonSerializer.SerializeToNode(value, _options)!;
            if (node is JsonObject { } page && page["items"] is JsonArray items)
            {
                foreach (var item in items)
                {
                    representation.Select(item!);
                }
            }
            else
            {
                representation.Select(node);
            }

            bytes = JsonSerializer.SerializeToUtf8Bytes(node, _options);
        }

        return Wrap<T>(bytes, Json, articleId, language, cacheControl ?? edge.PublicCacheControl, slug, link);
    }

    public JsonBytes<T> Raw<T>(JsonNode node, string contentType, Guid? articleId, string? language, string? slug) =>
        Wrap<T>(JsonSerializer.SerializeToUtf8Bytes(node, _options), contentType, articleId, language, edge.PublicCacheControl, slug, link: null);

    /// <summary>Bytes already written in another format (an Atom feed): a collection, invalidated by any change.</summary>
    public JsonBytes<T> Bytes<T>(byte[] body, string contentType) => Wrap<T>(body, contentType, null, null, edge.PublicCacheControl, null, link: null);

    private JsonBytes<T> Wrap<T>(byte[] bytes, string contentType, Guid? articleId, string? language, string cacheControl, string? slug, string? link)
    {
        var surrogate = Edge.EdgeKeys.For(articleId, slug);
        return new JsonBytes<T>(CacheEntry.Create(bytes, ETags.For(bytes), contentType, cacheControl, language, surrogate,
            articleId, slug, link, cache.Enabled ? cache.CompressAbove : int.MaxValue, cache.Now, edge.CacheTag(surrogate)));
    }
}
