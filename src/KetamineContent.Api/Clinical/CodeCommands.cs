using System.Security.Claims;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Clinical;

/// <summary>Reads and replaces topic codes (admin) and an article's clinical declarations (editor): one transaction each, audited, If-Match.</summary>
public static class CodeCommands
{
    public static async Task<Results<OkWithETag<TopicCodesView>, ProblemHttpResult>> GetTopic(string slug, CodeStore store, CancellationToken ct) =>
        Delivery.DeliveryRules.IsSlug(slug) && await store.TopicAsync(slug, ct) is { } row
            ? new OkWithETag<TopicCodesView>(row.ToView(), row.ETag)
            : Problems.NotFound($"No topic has the slug '{slug}'. GET /v1/topics lists them.");

    public static async Task<Results<OkWithETag<TopicCodesView>, ProblemHttpResult>> ReplaceTopic(
        string slug, TopicCodesInput input, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Delivery.DeliveryRules.IsSlug(slug))
        {
            return Problems.NotFound($"No topic has the slug '{slug}'. GET /v1/topics lists them.");
        }

        var (c, tx) = await session.BeginAsync(ct);
        var current = await CodeStore.LockTopicAsync(c, tx, slug, ct);
        if (current is null)
        {
            return Problems.NotFound($"No topic has the slug '{slug}'. GET /v1/topics lists them.");
        }

        if (IfMatch.Check(request, current.ETag, "topic's codes") is { } precondition)
        {
            return precondition;
        }

        var row = await CodeStore.ReplaceTopicAsync(c, tx, Actor.From(user), current, input.Codes!, ct);
        return new OkWithETag<TopicCodesView>(row.ToView(), row.ETag);
    }

    public static async Task<Results<OkWithETag<ArticleClinicalView>, ProblemHttpResult>> GetArticle(Guid id, CodeStore store, CancellationToken ct) =>
        await store.ArticleAsync(id, ct) is { } row
            ? new OkWithETag<ArticleClinicalView>(row.ToView(), row.ETag)
            : Problems.NotFound($"No article has the id {id}.");

    public static async Task<Results<OkWithETag<ArticleClinicalView>, ProblemHttpResult>> ReplaceArticle(
        Guid id, ArticleClinicalInput input, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var current = await CodeStore.LockArticleAsync(c, tx, id, ct);
        if (current is null)
        {
            return Problems.NotFound($"No article has the id {id}.");
        }

        if (IfMatch.Check(request, current.ETag, "article's clinical declarations") is { } precondition)
        {
            return precondition;
        }

        var row = await CodeStore.ReplaceArticleAsync(c, tx, Actor.From(user), current, input, ct);
        return new OkWithETag<ArticleClinicalView>(row.ToView(), row.ETag);
    }
}
