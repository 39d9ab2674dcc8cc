using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;

namespace KetamineContent.Api.Clinical;

/// <summary>/v1/manage/topics/{slug}/codes (admin) and /v1/manage/articles/{id}/clinical (editor): the codes the Infobutton lookup matches.</summary>
public static class CodeEndpoints
{
    private const string Systems = "Systems: icd-10-cm (F32, F32.9), snomed-ct (a concept id with its Verhoeff check digit), rxnorm (an RxCUI).";

    public static IEndpointRouteBuilder MapCodes(this IEndpointRouteBuilder routes)
    {
        var topics = routes.MapGroup("/v1/manage/topics").WithTags("Clinical codes").RequireRateLimiting(RateLimits.PerKey)
            .RequireAuthorization(Roles.Policies.Admin);
        topics.MapGet("/{slug}/codes", CodeCommands.GetTopic).WithName("GetTopicCodes")
            .WithSummary("A topic's codes (ICD-10-CM, SNOMED CT, RxNorm) and their ETag").ProducesProblem(404);
        topics.MapPut("/{slug}/codes", CodeCommands.ReplaceTopic).WithName("ReplaceTopicCodes")
            .WithSummary("Replace a topic's codes, in order (If-Match: their ETag); audited as topic.codes_updated")
            .WithDescription(Systems + " The first ICD-10-CM code is the topic's icd10. Every article of the topic shows the change (JSON-LD about.code, GET /v1/infobutton) at once.")
            .AsCommand().RequireIfMatchOf("The ETag of GET /v1/manage/topics/{slug}/codes.", "\"1\"").Validate<TopicCodesInput>().ProducesProblem(404);

        var articles = routes.MapGroup("/v1/manage/articles/{id:guid}").WithTags("Clinical codes").RequireRateLimiting(RateLimits.PerKey)
            .RequireAuthorization(Roles.Policies.Editor);
        articles.MapGet("/clinical", CodeCommands.GetArticle).WithName("GetArticleClinical")
            .WithSummary("An article's own codes, funding and conflicts of interest, and their ETag (\"0\" until first set)").ProducesProblem(404);
        articles.MapPut("/clinical", CodeCommands.ReplaceArticle).WithName("ReplaceArticleClinical")
            .WithSummary("Replace an article's own codes (medications by RxNorm, a narrower condition), funding and conflicts of interest (If-Match: their ETag)")
            .WithDescription(Systems + " Not revisioned: a published article shows the change at once (audited as article.clinical_updated, with the sync feed and caches told).")
            .AsCommand().RequireIfMatchOf("The ETag of GET /v1/manage/articles/{id}/clinical (\"0\" before the first change).", "\"0\"").Validate<ArticleClinicalInput>().ProducesProblem(404);
        return routes;
    }
}
