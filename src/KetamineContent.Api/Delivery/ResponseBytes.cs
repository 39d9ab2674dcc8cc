using System.Text.Json;
using KetamineContent.Api.Http;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Delivery;

/// <summary>Serialises a delivery document once into the bytes and ETag that are sent.</summary>
public sealed class ResponseBytes(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>Fit for a CDN: short freshness, longer shared freshness, served stale while revalidating or on errors.</summary>
    public const string PublicCacheControl = "public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400";

    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;

    public JsonBytes<T> Create<T>(T value, string cacheControl = PublicCacheControl)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, _options);
        return new JsonBytes<T>(bytes, ETags.For(bytes), cacheControl);
    }
}
