using System.ComponentModel;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Delivery;

/// <summary>GET /v1/topics: the conditions articles are about, with counts of published articles.</summary>
public static class TopicsEndpoints
{
    public static RouteGroupBuilder MapTopics(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/topics").WithTags("Topics").RequireRateLimiting(KetamineContent.Api.Access.RateLimits.PerAddress)
            .OnlyDeclaredQueryParameters();
        group.MapGet("/", ListTopics)
            .WithName("ListTopics")
            .WithSummary("List topics with their counts of published articles")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    public static async Task<Results<JsonBytes<TopicList>, ProblemHttpResult>> ListTopics(
        [Description("Count only articles in this locale.")] string? locale, ArticleReader reader, ResponseBytes bytes, CancellationToken ct)
    {
        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest("'locale' must look like 'en' or 'de-CH'.", "locale");
        }

        return bytes.Create(await reader.TopicsAsync(locale, ct));
    }
}
