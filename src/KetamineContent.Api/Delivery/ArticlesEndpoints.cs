using System.ComponentModel;
using System.Globalization;
using KetamineContent.Api.Caching;
using KetamineContent.Api.Content;
using KetamineContent.Api.Http;
using KetamineContent.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Extensions;

namespace KetamineContent.Api.Delivery;

/// <summary>Public reads of published articles: GET /v1/articles, /v1/articles/{slug}, /v1/articles/{slug}/sections/{kind}.</summary>
public static class ArticlesEndpoints
{
    public static RouteGroupBuilder MapArticles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/articles").WithTags("Articles").RequireRateLimiting(KetamineContent.Api.Access.RateLimits.PerAddress)
            .OnlyDeclaredQueryParameters().AddEndpointFilter<Edge.MissingArticleFilter>();

        group.MapGet("/", ListArticles)
            .WithName("ListArticles")
            .WithSummary("List published articles")
            .WithDescription("Summaries without section bodies, filtered by topic, tag and locale, sorted, paged with an opaque cursor. A Link header with rel=\"next\" points at the next page; count=true adds the total number of matches.")
            .Validate<ArticleListQuery>()
            .PagedByLink();

        group.MapGet("/{slug}", GetArticle)
            .WithName("GetArticle")
            .WithSummary("Get a published article")
            .WithDescription("The published revision: sections in order, references, the medical review, word count and reading time. Strong ETag; If-None-Match answers 304. " +
                             "format=html|text renders section bodies; format=jsonld (or Accept: application/ld+json) answers schema.org MedicalWebPage JSON-LD. " +
                             "asOf=<RFC 3339> answers the revision readers saw then. A withdrawn article is 410 with the reason and a replacement link, with or without asOf.")
            .Produces(StatusCodes.Status200OK, typeof(object), JsonLd.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        group.MapGet("/{slug}/sections/{kind}", GetSection)
            .WithName("GetArticleSection")
            .WithSummary("Get one section of a published article")
            .WithDescription("Kinds: overview, mechanism, what_to_expect, side_effects, evidence, alternatives, risks, conclusion. A withdrawn article is 410 like the article itself.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        return group;
    }

    public static async Task<Results<JsonBytes<ArticlePage>, ProblemHttpResult>> ListArticles(
        [AsParameters] ArticleListQuery query,
        [Description("Only these top-level fields of each item (id and slug always stay), for example title,summary.")] string? fields,
        ArticleReader reader, ResponseBytes bytes, HttpContext http, CancellationToken ct)
    {
        var (representation, parameter, error) = Representation.Parse(null, fields, null);
        if (representation is null)
        {
            return Problems.BadRequest(error!, parameter);
        }

        var page = await reader.ListAsync(query, ct);
        if (page.Items.Count == 0 && query.Topic is not null && !await reader.TopicExistsAsync(query.Topic, ct))
        {
            return Problems.BadRequest($"'topic' names no known topic: '{query.Topic}'. GET /v1/topics lists them.", "topic");
        }

        return bytes.Create(page, representation: representation, link: PageLinks.Next(http.Request, page.NextCursor));
    }

    public static async Task<Results<JsonBytes<ArticleDocument>, ProblemHttpResult>> GetArticle(
        [Description("The article's slug, for example ketamine-for-anxiety.")] string slug,
        [Description("Preferred locale (else Accept-Language); falls back to en. Content-Language says which was served.")] string? locale,
        [Description("markdown (default), html, text or jsonld.")] string? format,
        [Description("Only these top-level fields (id and slug always stay), for example title,sections.")] string? fields,
        [Description("An RFC 3339 instant: the revision readers saw then.")] string? asOf,
        ArticleReader reader, ResponseBytes bytes, PublicUrls urls, Microsoft.Extensions.Options.IOptions<Clinical.PublisherOptions> publisher, HttpContext http, CancellationToken ct)
    {
        var (representation, parameter, error) = Representation.Parse(format, fields, http.Request.Headers.Accept);
        if (representation is null)
        {
            return Problems.BadRequest(error!, parameter);
        }

        DateTimeOffset? instant = null;
        if (asOf is not null)
        {
            if (!DeliveryRules.TryParseInstant(asOf, out var parsed))
            {
                return Problems.BadRequest(DeliveryRules.InstantMessage, "asOf");
            }

            instant = parsed;
        }

        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest(LocaleMessage, "locale");
        }

        if (!DeliveryRules.IsSlug(slug))
        {
            return Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        var wanted = PreferredLocales(locale, http);
        var article = instant is { } at
            ? await reader.AsOfAsync(slug, wanted, at, ct)
            : await reader.PublishedAsync(slug, wanted, ct);

        if (article is null)
        {
            return instant is null || await reader.PublishedAsync(slug, wanted, ct) is null
                ? await NotPublishedAsync(slug, wanted, reader, ct)
                : Problems.NotFound($"The article '{slug}' was not published at {Http.Instants.Text(instant!.Value)}.");
        }

        // What was withdrawn with a reason (for safety) is 410 at any instant, as the live article is; audits read
        // past revisions through the management API (GET /v1/manage/articles/{id}/published?asOf=).
        if (instant is not null && await reader.WithdrawalAsync(article.Id, ct) is { } withdrawal)
        {
            return Gone(slug, withdrawal);
        }

        article = representation.Apply(Trust.LinkRendering.ForReaders(article, urls)) with { Publisher = publisher.Value.Document() };
        if (representation.IsJsonLd)
        {
            var url = urls.Absolute($"/v1/articles/{article.Slug}");
            return bytes.Raw<ArticleDocument>(JsonLd.For(article, await reader.TopicAsync(article.Topic, ct), url), JsonLd.ContentType, article.Id, article.Locale, slug);
        }

        return bytes.Create(article, article.Id, article.Locale, representation, slug: slug);
    }

    public static async Task<Results<JsonBytes<SectionInArticle>, ProblemHttpResult>> GetSection(
        [Description("The article's slug.")] string slug,
        [Description("The section kind, for example side_effects.")] string kind,
        [Description("Preferred locale (else Accept-Language); falls back to en.")] string? locale,
        [Description("markdown (default), html or text.")] string? format,
        ArticleReader reader, ResponseBytes bytes, PublicUrls urls, HttpContext http, CancellationToken ct)
    {
        var (representation, parameter, error) = Representation.Parse(format, null, null);
        if (representation is null || representation.IsJsonLd)
        {
            return Problems.BadRequest(error ?? "'format' must be markdown, html or text for a section.", parameter ?? "format");
        }

        if (!SectionKinds.IsKnown(kind))
        {
            return Problems.NotFound($"'{kind}' is not a section kind. Kinds: {string.Join(", ", SectionKinds.All)}.");
        }

        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest(LocaleMessage, "locale");
        }

        if (!DeliveryRules.IsSlug(slug))
        {
            return Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        var wanted = PreferredLocales(locale, http);
        var article = await reader.PublishedAsync(slug, wanted, ct);
        if (article is null)
        {
            return await NotPublishedAsync(slug, wanted, reader, ct);
        }

        var section = representation.Apply(Trust.LinkRendering.ForReaders(article, urls)).Sections.FirstOrDefault(s => s.Kind == kind);
        return section is null
            ? Problems.NotFound($"The article '{slug}' has no '{kind}' section.")
            : bytes.Create(new SectionInArticle(article.Slug, article.Locale, article.Revision, section), article.Id, article.Locale, slug: slug);
    }

    internal const string LocaleMessage = "'locale' must look like 'en' or 'de-CH'.";

    /// <summary>The locales to try, best first (RFC 4647 lookup of ?locale= or Accept-Language, en last).</summary>
    internal static string[] PreferredLocales(string? locale, HttpContext http) =>
        LanguageNegotiation.Candidates(locale, http.Request.Headers.AcceptLanguage);

    /// <summary>410 for an article withdrawn with a reason after it was published; 404 otherwise (never-published drafts included).</summary>
    internal static async Task<ProblemHttpResult> NotPublishedAsync(string slug, string[] locales, ArticleReader reader, CancellationToken ct) =>
        await reader.WithdrawalAsync(slug, locales, ct) is { } withdrawal
            ? Gone(slug, withdrawal)
            : Problems.NotFound($"No published article has the slug '{slug}'.");

    private static ProblemHttpResult Gone(string slug, Withdrawal withdrawal)
    {
        var replacement = Sync.SyncReader.Replacement(withdrawal.ReplacementSlug);
        return TypedResults.Problem(
            $"The article '{slug}' was withdrawn ({withdrawal.Reason})." + (replacement is null ? "" : $" See {replacement} instead."),
            statusCode: StatusCodes.Status410Gone, title: "Withdrawn",
            extensions: new Dictionary<string, object?>
            {
                ["reason"] = withdrawal.Reason,
                ["replacementSlug"] = withdrawal.ReplacementSlug,
                ["replacement"] = replacement,
                ["withdrawnAt"] = withdrawal.At,
            });
    }
}
