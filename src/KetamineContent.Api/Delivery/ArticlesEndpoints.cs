using System.ComponentModel;
using KetamineContent.Api.Content;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Extensions;

namespace KetamineContent.Api.Delivery;

/// <summary>Public reads of published articles: GET /v1/articles, /v1/articles/{slug}, /v1/articles/{slug}/sections/{kind}.</summary>
public static class ArticlesEndpoints
{
    public static RouteGroupBuilder MapArticles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/articles").WithTags("Articles");

        group.MapGet("/", ListArticles)
            .WithName("ListArticles")
            .WithSummary("List published articles")
            .WithDescription("Summaries without section bodies, filtered by topic, tag and locale, sorted, paged with an opaque cursor. A Link header with rel=\"next\" points at the next page.")
            .Validate<ArticleListQuery>();

        group.MapGet("/{slug}", GetArticle)
            .WithName("GetArticle")
            .WithSummary("Get a published article")
            .WithDescription("The published revision: sections in order, references and the medical review. Strong ETag; If-None-Match answers 304.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{slug}/sections/{kind}", GetSection)
            .WithName("GetArticleSection")
            .WithSummary("Get one section of a published article")
            .WithDescription("Kinds: overview, mechanism, what_to_expect, side_effects, evidence, alternatives, risks, conclusion.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    public static async Task<Results<JsonBytes<ArticlePage>, ProblemHttpResult>> ListArticles(
        [AsParameters] ArticleListQuery query, ArticleReader reader, ResponseBytes bytes, HttpContext http, CancellationToken ct)
    {
        var page = await reader.ListAsync(query, ct);
        if (page.Items.Count == 0 && query.Topic is not null && !await reader.TopicExistsAsync(query.Topic, ct))
        {
            return Problems.BadRequest($"'topic' names no known topic: '{query.Topic}'. GET /v1/topics lists them.", "topic");
        }

        if (page.NextCursor is not null)
        {
            var next = QueryString.Create(http.Request.Query
                .Where(p => !string.Equals(p.Key, "cursor", StringComparison.OrdinalIgnoreCase))
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
                .Append(new KeyValuePair<string, string?>("cursor", page.NextCursor)));
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{next}>; rel=\"next\"";
        }

        return bytes.Create(page);
    }

    public static async Task<Results<JsonBytes<ArticleDocument>, ProblemHttpResult>> GetArticle(
        [Description("The article's slug, for example ketamine-for-anxiety.")] string slug,
        [Description("Preferred locale; falls back to en.")] string? locale,
        ArticleReader reader, ResponseBytes bytes, HttpContext http, CancellationToken ct)
    {
        var article = await FindAsync(slug, locale, reader, ct);
        if (article is null)
        {
            return Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        http.Response.Headers.ContentLanguage = article.Locale;
        return bytes.Create(article);
    }

    public static async Task<Results<JsonBytes<SectionInArticle>, ProblemHttpResult>> GetSection(
        [Description("The article's slug.")] string slug,
        [Description("The section kind, for example side_effects.")] string kind,
        [Description("Preferred locale; falls back to en.")] string? locale,
        ArticleReader reader, ResponseBytes bytes, HttpContext http, CancellationToken ct)
    {
        if (!SectionKinds.IsKnown(kind))
        {
            return Problems.NotFound($"'{kind}' is not a section kind. Kinds: {string.Join(", ", SectionKinds.All)}.");
        }

        var article = await FindAsync(slug, locale, reader, ct);
        if (article is null)
        {
            return Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        var section = article.Sections.FirstOrDefault(s => s.Kind == kind);
        if (section is null)
        {
            return Problems.NotFound($"The article '{slug}' has no '{kind}' section.");
        }

        http.Response.Headers.ContentLanguage = article.Locale;
        return bytes.Create(new SectionInArticle(article.Slug, article.Locale, article.Revision, section));
    }

    private static async Task<ArticleDocument?> FindAsync(string slug, string? locale, ArticleReader reader, CancellationToken ct)
    {
        if (!DeliveryRules.IsSlug(slug))
        {
            return null;
        }

        var wanted = DeliveryRules.IsLocale(locale) ? locale! : "en";
        return await reader.PublishedAsync(slug, wanted, ct);
    }
}
