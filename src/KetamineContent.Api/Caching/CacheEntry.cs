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

    /// <summary>The article this response shows; null for collections (lists, topics, search), which any change may alter.</summary>
    public Guid? ArticleId { get; init; }

    public long StoredAt { get; init; }

    public long Size => Body.Length + (Gzip?.Length ?? 0) + (Brotli?.Length ?? 0) + 256;

    public static CacheEntry Create(byte[] body, string etag, string contentType, string cacheControl, string? language, string? surrogateKey,
        Guid? articleId, int compressAbove, long now) => new()
    {
        Body = body,
        Gzip = body.Length >= compressAbove ? Compress(body, s => new GZipStream(s, CompressionLevel.Optimal)) : null,
        Brotli = body.Length >= compressAbove ? Compress(body, s => new BrotliStream(s, CompressionLevel.Optimal)) : null,
        ETag = etag,
        ContentType = contentType,
        CacheControl = cacheControl,
        ContentLanguage = language,
        SurrogateKey = surrogateKey,
        ArticleId = articleId,
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
