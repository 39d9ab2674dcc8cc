using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace KetamineContent.Api.Http;

/// <summary>
/// A ready-to-send JSON body with its strong ETag. Answers 304 when If-None-Match matches, so a
/// revalidation costs no serialisation. Declares its 200 schema as <typeparamref name="T"/> for OpenAPI.
/// </summary>
public sealed class JsonBytes<T>(ReadOnlyMemory<byte> body, string etag, string cacheControl) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "application/json; charset=utf-8";

    public ReadOnlyMemory<byte> Body => body;

    public string ETag => etag;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = cacheControl;
        response.Headers.Vary = "Accept, Accept-Encoding";
        if (ETags.Matches(httpContext.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
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

        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}
