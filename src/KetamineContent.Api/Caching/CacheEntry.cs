using System.IO.Compression;

namespace KetamineContent.Api.Caching;

/// <summary>A response ready to send: plain bytes, compressed variants, and the headers that go with them.</summary>
public sealed class CacheEntry
{
    public required byte[] Body { get; init; }
    public byte[]? Gzip { get; init; }
    public byte[]? Brotli { get; init; }
    public required string ETag { get; init; }

    /// <summary>Each content-coding is its own representation, so it has its own strong ETag.</summary>
    public string ETagGzip => field ??= Variant("gz");

    public string ETagBrotli => field ??= Variant("br");
    public required string ContentType { get; init; }
    public required string CacheControl { get; init; }
    public string? ContentLanguage { get; init; }
    public string? SurrogateKey { get; init; }

    /// <summary>The same keys comma-separated, for Cloudflare (Cdn:Provider=cloudflare); null otherwise.</summary>
    public string? CacheTag { get; init; }

    /// <summary>Link header (rel="next" of a list page), sent on a hit as on the miss.</summary>
    public string? Link { get; init; }

    /// <summary>The article this response shows; null for collections (lists, topics, search), which any change may alter.</summary>
    public Guid? ArticleId { get; init; }

    /// <summary>The slug asked for: a change to any article of that slug (any locale) drops the entry, so a translation fallback goes too.</summary>
    public string? Slug { get; init; }

    public long StoredAt { get; init; }

    /// <summary>
    /// What the entry holds in memory, counted generously: the byte arrays with their array headers, the strings it
    /// owns (two bytes a character) and the objects around them.
    /// </summary>
    public long Size => Overhead + Body.Length + (Gzip?.Length + ArrayHeader ?? 0) + (Brotli?.Length + ArrayHeader ?? 0)
                        + 2L * (ETag.Length + (Link?.Length ?? 0) + (SurrogateKey?.Length ?? 0) + (CacheTag?.Length ?? 0) + (Slug?.Length ?? 0) + (ContentLanguage?.Length ?? 0));

    /// <summary>This object, the body's array header, the ETag variants made on demand and the dictionary node holding the entry.</summary>
    public const int Overhead = 512;

    private const int ArrayHeader = 32;

    public static CacheEntry Create(byte[] body, string etag, string contentType, string cacheControl, string? language, string? surrogateKey,
        Guid? articleId, string? slug, string? link, int compressAbove, long now, string? cacheTag = null) => new()
    {
        Body = body,
        Gzip = body.Length >= compressAbove ? Compress(body, s => new GZipStream(s, CompressionLevel.Optimal)) : null,
        Brotli = body.Length >= compressAbove ? Compress(body, s => new BrotliStream(s, CompressionLevel.Optimal)) : null,
        ETag = etag,
        ContentType = contentType,
        CacheControl = cacheControl,
        ContentLanguage = language,
        SurrogateKey = surrogateKey,
        CacheTag = cacheTag,
        ArticleId = articleId,
        Slug = slug,
        Link = link,
        StoredAt = now,
    };

    private string Variant(string coding) => ETag[..^1] + "-" + coding + "\"";

    /// <summary>If-None-Match against any coding of this content (weak comparison: the same content).</summary>
    public bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch) =>
        Http.ETags.Matches(ifNoneMatch, ETag) || (Gzip is not null && (Http.ETags.Matches(ifNoneMatch, ETagGzip) || Http.ETags.Matches(ifNoneMatch, ETagBrotli)));

    private static byte[] Compress(byte[] body, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (var compressor = wrap(output))
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }
}
