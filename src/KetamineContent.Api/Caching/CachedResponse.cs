namespace KetamineContent.Api.Caching;

/// <summary>Writes a ready entry: 304 on a matching If-None-Match, else the variant the client accepts. No serialisation, no compression.</summary>
public static class CachedResponse
{
    public const string Vary = "Accept, Accept-Encoding, Accept-Language";

    public static Task WriteAsync(HttpContext context, CacheEntry entry, ResponseCache? cache)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entry);
        var response = context.Response;
        var headers = response.Headers;
        var body = entry.Body;
        var etag = entry.ETag;
        string? accept = context.Request.Headers.AcceptEncoding;
        if (accept is not null && entry.Gzip is not null)
        {
            if (Accepts(accept, "br"))
            {
                body = entry.Brotli!;
                etag = entry.ETagBrotli;
                headers.ContentEncoding = "br";
            }
            else if (Accepts(accept, "gzip"))
            {
                body = entry.Gzip;
                etag = entry.ETagGzip;
                headers.ContentEncoding = "gzip";
            }
        }

        headers.ETag = etag;
        headers.CacheControl = entry.CacheControl;
        Http.SecurityHeaders.Apply(headers);
        headers.Vary = Vary;
        if (entry.ContentLanguage is not null)
        {
            headers.ContentLanguage = entry.ContentLanguage;
        }

        if (entry.Link is not null)
        {
            headers.Link = entry.Link;
        }

        if (entry.SurrogateKey is not null)
        {
            headers["Surrogate-Key"] = entry.SurrogateKey;
        }

        if (entry.CacheTag is not null)
        {
            headers[Edge.EdgePolicy.CacheTagHeader] = entry.CacheTag;
        }

        if (cache is { Stale: true })
        {
            headers.Age = ((long)cache.Age(entry).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["Warning"] = "110 - \"Response is Stale\"";
        }

        if (context.Request.Headers.IfNoneMatch.Count > 0 && entry.Matches(context.Request.Headers.IfNoneMatch))
        {
            headers.ContentEncoding = default;
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = entry.ContentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>True when the coding is listed with a weight above zero.</summary>
    private static bool Accepts(string header, string coding)
    {
        foreach (var part in header.Split(','))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (!pieces[0].Equals(coding, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var weight = pieces.Skip(1).FirstOrDefault(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase));
            return weight is null || !double.TryParse(weight[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q) || q > 0;
        }

        return false;
    }
}
