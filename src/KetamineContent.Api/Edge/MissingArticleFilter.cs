namespace KetamineContent.Api.Edge;

/// <summary>
/// A 404 or 410 for an article URL becomes 200 when the slug is (re)published: it carries the slug's key, the edge's
/// Cache-Control for such answers and the Vary of the article it stands for (the translation asked for decides it), so
/// the purge that publishing writes reaches it. Without this an edge keeps the error as long as its defaults say.
/// </summary>
public sealed class MissingArticleFilter(EdgePolicy edge) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        // A handler's Results<...> holds the answer it chose.
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        if (answer is IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound or StatusCodes.Status410Gone }
            && context.HttpContext.Request.RouteValues["slug"] is string slug && Delivery.DeliveryRules.IsSlug(slug))
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = edge.MissingCacheControl;
            headers.Vary = Caching.CachedResponse.Vary;
            edge.Tag(headers, EdgeKeys.Slug(slug));
        }

        return result;
    }
}
