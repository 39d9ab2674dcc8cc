using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Editing;

/// <summary>Read handlers of /v1/manage/articles.</summary>
public static class ManageQueries
{
    private static readonly string[] Statuses = ["draft", "published", "archived"];

    public static async Task<Results<Ok<ManagedArticlePage>, ProblemHttpResult>> List(
        string? status, int? limit, string? cursor, ManageReader reader, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return Problems.BadRequest("'status' must be draft, published or archived.", "status");
        }

        if (Problems.Limit(limit, 100) is { } badLimit)
        {
            return badLimit;
        }

        if (!ManageReader.IsCursor(cursor))
        {
            return Problems.BadRequest("'cursor' is not a cursor this list handed out.", "cursor");
        }

        return TypedResults.Ok(await reader.ArticlesAsync(status, limit ?? 20, cursor, ct));
    }

    public static async Task<Results<OkWithETag<ManagedArticle>, ProblemHttpResult>> Get(Guid id, ManageReader reader, CancellationToken ct) =>
        await reader.ArticleAsync(id, ct) is { } article
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
            : Problems.NotFound($"Article {id} was not published at {instant:O}.");
    }

    public static async Task<Results<Ok<RevisionList>, ProblemHttpResult>> Revisions(Guid id, ManageReader reader, CancellationToken ct) =>
        await reader.RevisionsAsync(id, ct) is { } list ? TypedResults.Ok(list) : Problems.NotFound($"No article has the id {id}.");

    public static async Task<Results<Ok<RevisionDocument>, ProblemHttpResult>> Revision(Guid id, int number, ManageReader reader, CancellationToken ct) =>
        await reader.RevisionAsync(id, number, ct) is { } revision
            ? TypedResults.Ok(revision)
            : Problems.NotFound($"No revision {number} of article {id}.");

    public static async Task<Results<Ok<RevisionDiff>, ProblemHttpResult>> Diff(Guid id, int a, int b, ManageReader reader, CancellationToken ct)
    {
        var from = await reader.PreviewAsync(id, a, ct);
        var to = await reader.PreviewAsync(id, b, ct);
        return from is null || to is null
            ? Problems.NotFound($"Article {id} has no revision {(from is null ? a : b)}.")
            : TypedResults.Ok(RevisionDiffer.Compare(a, from, b, to));
    }

    public static async Task<Results<Ok<ArticleDocument>, ProblemHttpResult>> Preview(Guid id, int? revision, ManageReader reader, CancellationToken ct)
    {
        var article = await reader.ArticleAsync(id, ct);
        if (article is null)
        {
            return Problems.NotFound($"No article has the id {id}.");
        }

        var number = revision ?? article.Revision;
        return await reader.PreviewAsync(id, number, ct) is { } preview
            ? TypedResults.Ok(preview)
            : Problems.NotFound($"The article has no revision {number}.");
    }
}
