using System.ComponentModel;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Editing;

/// <summary>Read handlers of /v1/manage/articles.</summary>
public static class ManageQueries
{
    private static readonly string[] Statuses = ["draft", "published", "archived"];

    public static async Task<Results<Ok<ManagedArticlePage>, ProblemHttpResult>> List(
        [Description("draft, published or archived.")] string? status,
        [Description("Only the article(s) with this slug (one per locale), for going from a slug to an id.")] string? slug,
        [Description("Only articles in this locale, for example en or de-CH.")] string? locale,
        [Description("Only articles of this topic (its slug), for example anxiety.")] string? topic,
        [Description("Only articles whose latest title contains this text (case-insensitive), or whose published text (title, summary, sections) matches it in web-search syntax through the search index; 1 to 200 characters.")] string? q,
        [Description("Page size, 1 to 100. Default 20.")] int? limit,
        [Description("The nextCursor of the previous page.")] string? cursor,
        [Description("true adds 'total', the number of matching articles across all pages.")] bool? count,
        [Description("Only published articles whose published revision's sign-off expires before this RFC 3339 instant (re-review planning).")] string? reviewDueBefore,
        [Description("Only articles whose latest revision has this review state: unreviewed, reviewed or review_due.")] string? reviewState,
        ManageReader reader, HttpContext http, CancellationToken ct)
    {
        if (reviewState is not null && !ReviewStates.All.Contains(reviewState, StringComparer.Ordinal))
        {
            return Problems.BadRequest("'reviewState' must be unreviewed, reviewed or review_due.", "reviewState");
        }

        DateTimeOffset dueBefore = default;
        if (reviewDueBefore is not null && !DeliveryRules.TryParseInstant(reviewDueBefore, out dueBefore))
        {
            return Problems.BadRequest("'reviewDueBefore' must be an RFC 3339 date-time such as 2026-12-01T00:00:00Z.", "reviewDueBefore");
        }

        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return Problems.BadRequest("'status' must be draft, published or archived.", "status");
        }

        if (slug is not null && !DeliveryRules.IsSlug(slug))
        {
            return Problems.BadRequest("'slug' must be lowercase letters, digits and single hyphens.", "slug");
        }

        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest("'locale' must look like 'en' or 'de-CH'.", "locale");
        }

        if (topic is not null && !DeliveryRules.IsSlug(topic))
        {
            return Problems.BadRequest("'topic' must be a topic slug: lowercase letters, digits and single hyphens.", "topic");
        }

        if (q is not null && (string.IsNullOrWhiteSpace(q) || q.Length > 200 || q.Any(char.IsControl)))
        {
            return Problems.BadRequest("'q' must be 1 to 200 characters of text (no control characters).", "q");
        }

        if (Problems.Limit(limit, 100) is { } badLimit)
        {
            return badLimit;
        }

        if (!ManageReader.IsCursor(cursor))
        {
            return Problems.BadRequest("'cursor' is not a cursor this list handed out.", "cursor");
        }

        var page = await reader.ArticlesAsync(new ManagedListFilter(status, slug, locale, q?.Trim(), reviewDueBefore is null ? null : dueBefore.UtcDateTime, topic, reviewState), limit ?? 20, cursor, count == true, ct);
        if (PageLinks.Next(http.Request, page.NextCursor) is { } link)
        {
            http.Response.Headers.Link = link;
        }

        return TypedResults.Ok(page);
    }

    public static async Task<Results<OkWithETag<ManagedArticle>, ProblemHttpResult>> Get(Guid id, ManageReader reader, CancellationToken ct) =>
        await reader.ScoredArticleAsync(id, ct) is { } article
            ? new OkWithETag<ManagedArticle>(article, Preconditions.ETagFor(article.Revision))
            : Problems.NotFound($"No article has the id {id}.");

    /// <summary>For audits: what readers were served at an instant (default now), also when the article was withdrawn since.</summary>
    public static async Task<Results<Ok<ArticleDocument>, ProblemHttpResult>> PublishedAsOf(
        Guid id, [System.ComponentModel.Description("An RFC 3339 instant; default now.")] string? asOf, ManageReader reader, TimeProvider clock, CancellationToken ct)
    {
        var instant = clock.GetUtcNow();
        if (asOf is not null && !DeliveryRules.TryParseInstant(asOf, out instant))
        {
            return Problems.BadRequest(DeliveryRules.InstantMessage, "asOf");
        }

        return await reader.PublishedAsOfAsync(id, instant, ct) is { } article
            ? TypedResults.Ok(article)
            : Problems.NotFound($"Article {id} was not published at {Http.Instants.Text(instant)}.");
    }

    public static async Task<Results<Ok<RevisionList>, ProblemHttpResult>> Revisions(Guid id, ManageReader reader, CancellationToken ct) =>
        await reader.RevisionsAsync(id, ct) is { } list ? TypedResults.Ok(list) : Problems.NotFound($"No article has the id {id}.");

    public static async Task<Results<Ok<RevisionDocument>, ProblemHttpResult>> Revision(Guid id, int number, ManageReader reader, PublicUrls urls, CancellationToken ct) =>
        await reader.RevisionAsync(id, number, ct) is { } revision
            ? TypedResults.Ok(revision with { Content = Trust.LinkRendering.ForEditors(revision.Content, urls) })
            : Problems.NotFound($"No revision {number} of article {id}.");

    public static async Task<Results<Ok<RevisionDiff>, ProblemHttpResult>> Diff(Guid id, int a, int b, ManageReader reader, CancellationToken ct)
    {
        var from = await reader.PreviewAsync(id, a, ct);
        var to = await reader.PreviewAsync(id, b, ct);
        return from is null || to is null
            ? Problems.NotFound($"Article {id} has no revision {(from is null ? a : b)}.")
            : TypedResults.Ok(RevisionDiffer.Compare(a, from, b, to));
    }

    public static async Task<Results<Ok<ArticleDocument>, ProblemHttpResult>> Preview(
        Guid id,
        [Description("A revision number; default the latest.")] int? revision,
        [Description("markdown (default), html or text: html and text number the citations and end with the AMA reference list, as delivery does.")] string? format,
        ManageReader reader, PublicUrls urls, Microsoft.Extensions.Options.IOptions<Clinical.PublisherOptions> publisher, CancellationToken ct)
    {
        var (representation, _, _) = Representation.Parse(format, null, null);
        if (representation is null || representation.IsJsonLd)
        {
            return Problems.BadRequest("'format' must be markdown, html or text.", "format");
        }

        var article = await reader.ArticleAsync(id, ct);
        if (article is null)
        {
            return Problems.NotFound($"No article has the id {id}.");
        }

        var number = revision ?? article.Revision;
        return await reader.PreviewAsync(id, number, ct) is { } preview
            ? TypedResults.Ok(representation.Apply(Trust.LinkRendering.ForReaders(preview, urls)) with { Publisher = publisher.Value.Document() })
            : Problems.NotFound($"The article has no revision {number}.");
    }
}
