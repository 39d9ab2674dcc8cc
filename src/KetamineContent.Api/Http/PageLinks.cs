namespace KetamineContent.Api.Http;

/// <summary>The <c>Link: &lt;...&gt;; rel="next"</c> of a paged list: the same path and query with the next cursor.</summary>
public static class PageLinks
{
    public static string? Next(HttpRequest request, string? nextCursor)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (nextCursor is null)
        {
            return null;
        }

        var query = QueryString.Create(request.Query
            .Where(p => !string.Equals(p.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>("cursor", nextCursor)));
        // Never the path base: it can come from a forwarded header.
        return $"<{request.Path}{query}>; rel=\"next\"";
    }
}
