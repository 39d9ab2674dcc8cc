namespace KetamineContent.Tests.Infrastructure;

/// <summary>A public read with language preferences, as a browser sends them.</summary>
public static class Negotiation
{
    /// <summary>GET /v1/articles/{pathAndQuery}: the locale and title served; Content-Language must name that locale.</summary>
    public static async Task<(string Locale, string Title)> ServedAsync(HttpClient reader, string pathAndQuery, string? acceptLanguage)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/articles/" + pathAndQuery);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await reader.SendAsync(request);
        var body = await response.JsonAsync();
        Assert.Equal(body.GetProperty("locale").GetString(), string.Join(",", response.Content.Headers.ContentLanguage));
        return (body.GetProperty("locale").GetString()!, body.GetProperty("title").GetString()!);
    }
}
