using KetamineContent.Api.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>
/// Documents the response headers the API sends, derived from each endpoint's metadata: the result types its handler
/// returns (delivery bytes, ETag'd JSON), whether it is a command (idempotent replays), whether it pages with Link,
/// and the statuses it lists (401, 429, 503).
/// </summary>
internal sealed class ResponseHeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is null)
        {
            return;
        }

        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var results = ResultTypes(context.MethodInfo?.ReturnType);
        var delivery = results.Contains(typeof(JsonBytes<>)) || results.Contains(typeof(Trust.CslBytes));
        var command = metadata.OfType<Writes.CommandMarker>().Any();
        var paged = metadata.OfType<LinkPaged>().Any();
        var limited = metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any()
            && Access.RateLimits.Announces(context.ApiDescription.HttpMethod ?? "GET", "/" + context.ApiDescription.RelativePath);
        var preview = metadata.OfType<Workflow.PreviewAnswer>().Any();
        var file = metadata.OfType<Assets.AssetFileAnswer>().Any();

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse r)
            {
                continue;
            }

            var headers = new List<(string Name, bool Required)>();
            switch (status)
            {
                case "200" or "304" when delivery:
                    headers.AddRange([(Header.ETag, true), (Header.CacheControl, true), (Header.Vary, true)]);
                    headers.AddRange([(Header.SurrogateKey, true), (Header.ContentLanguage, false)]);
                    if (status == "200")
                    {
                        headers.AddRange([(Header.Age, false), (Header.Warning, false)]);
                    }

                    break;
                case "200" or "304" when file:
                    headers.AddRange([(Header.ETag, true), (Header.CacheControl, true), (Header.Vary, false)]);
                    if (status == "200")
                    {
                        headers.AddRange([(Header.ContentSecurityPolicy, false), (Header.ContentDisposition, false)]);
                    }

                    break;
                case "200" when results.Contains(typeof(OkWithETag<>)):
                case "202" when results.Contains(typeof(AcceptedWithETag<>)):
                    headers.Add((Header.ETag, true));
                    break;
                case "201":
                    headers.Add((Header.Location, true));
                    if (results.Contains(typeof(CreatedWithETag<>)))
                    {
                        headers.Add((Header.ETag, true));
                    }

                    break;
                case "404" or "410" when delivery && (context.ApiDescription.RelativePath ?? "").StartsWith("v1/articles/{slug}", StringComparison.Ordinal):
                    // The article URL's own keys, so publishing purges a 404 or 410 held at the edge (Edge/MissingArticleFilter).
                    headers.AddRange([(Header.SurrogateKey, false), (Header.Vary, false)]);
                    break;
                case "303" when preview:
                    headers.AddRange([(Header.Location, true), (Header.SetCookie, true)]);
                    break;
                case "401":
                    headers.Add((Header.WwwAuthenticate, true));
                    break;
                case "429" or "503":
                    headers.Add((Header.RetryAfter, true));
                    break;
            }

            if (preview)
            {
                // Sent on every answer the handler makes (a 429 of the rate limiter comes before it).
                headers.AddRange([(Header.CacheControl, status == "200"), (Header.RobotsTag, status == "200")]);
                if (status == "401" && metadata.OfType<Workflow.PreviewAnswer>().Single().TokenAllowed)
                {
                    headers.Add((Header.SetCookie, false)); // a refused preview cookie is cleared
                }

                if (status == "200")
                {
                    headers.Add((Header.ContentLanguage, false));
                }
            }

            if (status == "200" && paged)
            {
                headers.Add((Header.Link, false));
            }

            if (command && status.StartsWith('2'))
            {
                headers.Add((Header.IdempotentReplayed, false));
            }

            r.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var (name, required) in headers)
            {
                r.Headers[name] = Header.Describe(name, required);
            }

            IEnumerable<string> shared = status[0] is '4' or '5' ? [Header.AllowOrigin, "ErrorCacheControl", "ErrorPragma", "ErrorExpires"] : [Header.AllowOrigin];
            if (limited)
            {
                shared = shared.Concat(["RateLimitPolicy", "RateLimit"]);
            }

            foreach (var id in shared)
            {
                r.Headers[Header.Shared.Single(h => h.Id == id).Name] = Header.Reference(context.Document, id);
            }
        }
    }

    /// <summary>The open generic result types a handler can return: Task&lt;Results&lt;A, B&gt;&gt; gives A and B.</summary>
    private static HashSet<Type> ResultTypes(Type? returnType)
    {
        var found = new HashSet<Type>();
        var type = returnType;
        if (type is { IsGenericType: true } && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        if (type is null)
        {
            return found;
        }

        IEnumerable<Type> candidates = type.IsGenericType && type.Namespace == "Microsoft.AspNetCore.Http.HttpResults" && type.Name.StartsWith("Results`", StringComparison.Ordinal)
            ? type.GetGenericArguments()
            : [type];
        foreach (var candidate in candidates)
        {
            found.Add(candidate.IsGenericType ? candidate.GetGenericTypeDefinition() : candidate);
        }

        return found;
    }
}

/// <summary>Endpoint metadata: a paged list whose 200 carries <c>Link: &lt;...&gt;; rel="next"</c> while there is a next page.</summary>
public sealed class LinkPaged;

public static class LinkPagedExtensions
{
    public static RouteHandlerBuilder PagedByLink(this RouteHandlerBuilder builder) => builder.WithMetadata(new LinkPaged());
}
