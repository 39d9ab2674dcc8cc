using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using KetamineContent.Api.Caching;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Trust;

/// <summary>GET /v1/articles/{slug}/references?format=csl: a published article's references as CSL-JSON, in the article's numbering order.</summary>
public static class ReferencesEndpoints
{
    public static RouteGroupBuilder MapReferences(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/articles").WithTags("Articles").RequireRateLimiting(Access.RateLimits.PerAddress)
            .OnlyDeclaredQueryParameters();
        group.MapGet("/{slug}/references", GetReferences)
            .WithName("GetArticleReferences")
            .WithSummary("Get a published article's references as CSL-JSON")
            .WithDescription("CSL-JSON (application/vnd.citationstyles.csl+json): an array of items in the order of the article's numbers (first citation first), " +
                             "each with the reference's id, for reference managers and citation processors (citeproc, citation.js). format=csl is the only format and the default. " +
                             "A withdrawn article is 410 like the article itself.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        return group;
    }

    public static async Task<Results<CslBytes, ProblemHttpResult>> GetReferences(
        [Description("The article's slug, for example ketamine-for-anxiety.")] string slug,
        [Description("csl (the default and only format): CSL-JSON.")] string? format,
        [Description("Preferred locale (else Accept-Language); falls back to en.")] string? locale,
        ArticleReader reader, ResponseBytes bytes, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, HttpContext http, CancellationToken ct)
    {
        if (format is not null && format != "csl")
        {
            return Problems.BadRequest("'format' must be csl (CSL-JSON).", "format");
        }

        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest(ArticlesEndpoints.LocaleMessage, "locale");
        }

        if (!DeliveryRules.IsSlug(slug))
        {
            return Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        var wanted = ArticlesEndpoints.PreferredLocales(locale, http);
        var article = await reader.PublishedAsync(slug, wanted, ct);
        if (article is null)
        {
            return await ArticlesEndpoints.NotPublishedAsync(slug, wanted, reader, ct);
        }

        var items = JsonSerializer.SerializeToNode(CslJson.Items(article.References), json.Value.SerializerOptions)!;
        return new CslBytes(bytes.Raw<IReadOnlyList<CslItem>>(items, CslJson.ContentType, article.Id, article.Locale, slug).Entry);
    }
}

/// <summary>A cached CSL-JSON answer (sent like every delivery answer), declared in OpenAPI with its own media type.</summary>
public sealed class CslBytes(CacheEntry entry) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => new JsonBytes<IReadOnlyList<CslItem>>(entry).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(IReadOnlyList<CslItem>), [CslJson.ContentType]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}
