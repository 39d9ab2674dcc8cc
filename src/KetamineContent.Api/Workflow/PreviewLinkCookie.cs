using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Workflow;

/// <summary>
/// A preview link's token travels in a URL once: GET /v1/preview/articles/{slug}?token=pv_... checks it and answers 303 to
/// the same URL without it, setting the token as a cookie that only this article's preview path receives (HttpOnly, Secure
/// over https, SameSite=Lax, expiring with the link). Every later request authenticates by the cookie, checked as the token
/// was (signature, then revocation and expiry in the row), so the credential stays in no address bar, history or log line.
/// </summary>
public static class PreviewLinkCookie
{
    public const string Name = "kc_preview";

    /// <summary>The query parameter of a preview link's URL (exchanged before the operation runs, so never one of its parameters).</summary>
    public const string Parameter = "token";

    public const string InvalidMessage = "The preview link is invalid, expired or revoked; ask for a new one.";

    /// <summary>The endpoint filter of GET /v1/preview/articles/{slug}: a token in the URL is exchanged, anything else passes on.</summary>
    public static async ValueTask<object?> ExchangeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!http.Request.Query.TryGetValue(Parameter, out var values))
        {
            return await next(context);
        }

        if (values.Count > 1)
        {
            return Problems.BadRequest($"'{Parameter}' is given more than once.", Parameter);
        }

        var reader = http.RequestServices.GetRequiredService<PreviewReader>();
        var link = await reader.LinkAsync(values.ToString(), http.RequestAborted);
        if (link is null || !reader.IsOpen(link))
        {
            return Refuse(http);
        }

        var slug = http.Request.RouteValues["slug"] as string;
        if (link.Slug != slug)
        {
            return Problems.NotFound($"No article that can be previewed has the slug '{slug}'.");
        }

        var expires = Delivery.DeliveryMapping.Utc(link.ExpiresAt);
        // The article's preview path as the route spells it (not as the request did: a trailing slash would narrow it);
        // Secure also when the configured public URL is https, so a proxy that ends TLS cannot make it plain.
        var path = http.Request.PathBase + "/v1/preview/articles/" + Uri.EscapeDataString(link.Slug);
        var publicBase = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Http.ContentOptions>>().Value.PublicBaseUrl;
        http.Response.Cookies.Append(Name, values.ToString(), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps || (publicBase?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? false),
            SameSite = SameSiteMode.Lax,
            Path = path,
            Expires = expires,
            MaxAge = expires - http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            IsEssential = true,
        });
        var rest = QueryString.Create(http.Request.Query.Where(q => q.Key != Parameter));
        http.Response.Headers.Location = path + rest;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>The token a cookie carries, when there is one.</summary>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies.TryGetValue(Name, out var token) && !string.IsNullOrEmpty(token) ? token : null;
    }

    /// <summary>401 problem+json for a token or cookie that does not open a preview, and the cookie (if any) removed.</summary>
    public static ProblemHttpResult Refuse(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies.ContainsKey(Name))
        {
            http.Response.Cookies.Delete(Name, new CookieOptions { Path = http.Request.PathBase + http.Request.Path, Secure = http.Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The preview link is invalid, expired or revoked.\"";
        return TypedResults.Problem(InvalidMessage, statusCode: StatusCodes.Status401Unauthorized, title: ProblemTitles.For(401));
    }
}
