using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace KetamineContent.Api.Trust;

/// <summary>GET /v1/manage/articles/{id}/linked-from: which published articles link to an article or list it as related.</summary>
public static class LinksEndpoints
{
    public static IServiceCollection AddArticleLinks(this IServiceCollection services) => services.AddSingleton<LinkReader>();

    public static RouteGroupBuilder MapArticleLinks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/articles").WithTags("Manage articles")
            .RequireRateLimiting(RateLimits.PerKey).RequireAuthorization(Roles.Policies.Editor);
        group.MapGet("/{id:guid}/linked-from", LinkedFrom).WithName("GetLinkedFrom")
            .WithSummary("The published articles that link to this one or list it as related")
            .WithDescription("Directly by its slug, or through a withdrawn article it replaces. Unpublishing or archiving an article that " +
                             "some of them lead to needs 'replacementSlug' or 'force': true.")
            .ProducesProblem(404);
        return group;
    }

    public static async Task<Results<Ok<LinkedFromList>, ProblemHttpResult>> LinkedFrom(Guid id, LinkReader reader, CancellationToken ct) =>
        await reader.LinkedFromAsync(id, ct) is { } list ? TypedResults.Ok(list) : Problems.NotFound($"No article has the id {id}.");
}

/// <summary>Reads of article links for the management API.</summary>
public sealed class LinkReader(NpgsqlDataSource dataSource)
{
    private const string Exists = "SELECT EXISTS (SELECT 1 FROM article WHERE id = @Id)";

    public async Task<LinkedFromList?> LinkedFromAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        if (!await Dapper.SqlMapper.ExecuteScalarAsync<bool>(c, new Dapper.CommandDefinition(Exists, new { Id = id }, cancellationToken: ct)))
        {
            return null;
        }

        return new LinkedFromList(id, await ArticleLinks.LinkedFromAsync(c, null, id, ct));
    }
}
