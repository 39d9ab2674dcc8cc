using System.Security.Claims;
using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Editing;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Workflow;

/// <summary>/v1/manage/articles/{id}/preview-links: signed, expiring, revocable links that show one article's draft without a key.</summary>
public static class PreviewLinkEndpoints
{
    public static RouteGroupBuilder MapPreviewLinks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/articles/{id:guid}/preview-links").WithTags("Preview")
            .RequireRateLimiting(RateLimits.PerKey).RequireAuthorization(Roles.Policies.Editor);
        group.MapPost("/", Create).WithName("CreatePreviewLink")
            .WithSummary("Create a preview link: a URL with a signed token that shows this article's draft without a key (editor)")
            .WithDescription("revision fixes the revision shown (default: always the latest); expiresInHours is 1 to 168. The token is shown only in this answer.")
            .AsCommand().Validate<PreviewLinkInput>().ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/", List).WithName("ListPreviewLinks").WithSummary("An article's preview links, newest first (never their tokens)")
            .ProducesProblem(404);
        group.MapDelete("/{linkId:guid}", Revoke).WithName("RevokePreviewLink")
            .WithSummary("Revoke a preview link: its token stops working at once (editor)")
            .AsCommand().ProducesProblem(404);
        return group;
    }

    public static async Task<Results<Created<PreviewLink>, ProblemHttpResult>> Create(
        Guid id, PreviewLinkInput input, CommandSession session, ClaimsPrincipal user, PreviewReader reader, PublicUrls urls, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var locked = await Publisher.LockAsync(c, tx, id, ct);
        if (locked is null || input.Revision > locked.LatestRevision)
        {
            return Problems.NotFound(locked is null ? $"No article has the id {id}." : $"The article has no revision {input.Revision}.");
        }

        if (locked.Status == "archived")
        {
            return Problems.Conflict("The article is archived; archived articles are not previewed.");
        }

        var actor = Actor.From(user);
        var linkId = Guid.NewGuid();
        await c.ExecuteAsync(new CommandDefinition(PreviewSql.InsertLink,
            new { Id = linkId, ArticleId = id, input.Revision, Hours = input.ExpiresInHours, actor.KeyId, Actor = actor.Name }, tx, cancellationToken: ct));
        await ChangeLog.RecordAsync(c, tx, actor, "preview.link_created", id, input.Revision, new { linkId, input.ExpiresInHours }, readersAffected: false, ct);
        var row = await c.QuerySingleAsync<PreviewLinkRow>(new CommandDefinition(PreviewSql.Link, new { Id = linkId }, tx, cancellationToken: ct));
        var token = PreviewTokens.For(linkId, await reader.SecretAsync(ct));
        var url = urls.Absolute($"/v1/preview/articles/{row.Slug}?token={token}");
        return TypedResults.Created($"/v1/manage/articles/{id}/preview-links/{linkId}", row.ToContract(token, url));
    }

    public static async Task<Results<Ok<PreviewLinkList>, ProblemHttpResult>> List(Guid id, PreviewReader reader, ManageReader articles, CancellationToken ct) =>
        await articles.ArticleAsync(id, ct) is null
            ? Problems.NotFound($"No article has the id {id}.")
            : TypedResults.Ok(new PreviewLinkList(await reader.LinksAsync(id, ct)));

    /// <summary>Revoking twice is fine (204 again); a link of another article is 404.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, Guid linkId, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        if (await Publisher.LockAsync(c, tx, id, ct) is null
            || !await c.ExecuteScalarAsync<bool>(new CommandDefinition(PreviewSql.LinkExists, new { Id = linkId, ArticleId = id }, tx, cancellationToken: ct)))
        {
            return Problems.NotFound($"Article {id} has no preview link {linkId}.");
        }

        if (await c.ExecuteScalarAsync<Guid?>(new CommandDefinition(PreviewSql.RevokeLink, new { Id = linkId, ArticleId = id }, tx, cancellationToken: ct)) is not null)
        {
            await ChangeLog.RecordAsync(c, tx, Actor.From(user), "preview.link_revoked", id, null, new { linkId }, readersAffected: false, ct);
        }

        return TypedResults.NoContent();
    }
}
