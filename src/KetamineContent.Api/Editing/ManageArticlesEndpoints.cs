using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using KetamineContent.Api.OpenApi;

namespace KetamineContent.Api.Editing;

/// <summary>/v1/manage/articles: editors write drafts and revisions; reviewers sign off and publish.</summary>
public static class ManageArticlesEndpoints
{
    public static RouteGroupBuilder MapManageArticles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/articles").WithTags("Manage articles").RequireRateLimiting(KetamineContent.Api.Access.RateLimits.PerKey).RequireAuthorization(Roles.Policies.Editor);

        group.MapPost("/", ArticleCommands.Create).WithName("CreateArticle").WithSummary("Create a draft article (revision 1)")
            .AsCommand().Validate<ArticleInput>().ProducesProblem(409);
        group.MapGet("/", ManageQueries.List).WithName("ListManagedArticles").WithSummary("List articles of any status")
            .ProducesProblem(400).PagedByLink();
        group.MapGet("/{id:guid}", ManageQueries.Get).WithName("GetManagedArticle").WithSummary("Get an article's editorial state and ETag")
            .ProducesProblem(404);

        group.MapGet("/{id:guid}/published", ManageQueries.PublishedAsOf).WithName("GetPublishedAsOf")
            .WithSummary("What readers were served at an instant (asOf, default now), also when the article was withdrawn since: for audits")
            .ProducesProblem(400).ProducesProblem(404);

        group.MapPost("/{id:guid}/revisions", ArticleCommands.Revise).WithName("CreateRevision")
            .WithSummary("Post a new revision (If-Match: the ETag of the revision it is based on)")
            .AsCommand().RequireIfMatch().Validate<ArticleInput>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422).ProducesProblem(428);
        group.MapPatch("/{id:guid}", ArticlePatchCommand.Patch).WithName("PatchArticle")
            .WithSummary("Merge-patch the latest revision into a new one (application/merge-patch+json, If-Match required)")
            .WithDescription("A JSON Merge Patch (RFC 7396) of the latest revision's content as GET .../revisions/{n} shows it (plus changeNote): " +
                             "members present replace, null removes, arrays are replaced whole. The result is checked like a posted revision and stored as the next one.")
            .Accepts<System.Text.Json.Nodes.JsonObject>(MergePatch.MediaType)
            .AsCommand().RequireIfMatch().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(415).ProducesProblem(422).ProducesProblem(428);
        group.MapGet("/{id:guid}/revisions", ManageQueries.Revisions).WithName("ListRevisions").WithSummary("List an article's revisions")
            .ProducesProblem(404);
        group.MapGet("/{id:guid}/revisions/{number:int}", ManageQueries.Revision).WithName("GetRevision").WithSummary("Get one revision with its content and reviews")
            .ProducesProblem(404);
        group.MapGet("/{id:guid}/revisions/{a:int}/diff/{b:int}", ManageQueries.Diff).WithName("DiffRevisions")
            .WithSummary("What changed between two revisions").ProducesProblem(404);
        group.MapPost("/{id:guid}/revisions/{number:int}/restore", ArticleCommands.Restore).WithName("RestoreRevision")
            .WithSummary("Copy an old revision as a new one (If-Match required)")
            .AsCommand().RequireIfMatch().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        group.MapGet("/{id:guid}/preview", ManageQueries.Preview).WithName("PreviewArticle")
            .WithSummary("A revision rendered exactly as delivery would serve it, with its plain-language scores")
            .WithDescription("Links resolve as readers' would; format=html or text renders citations as delivery does. 'readability' holds the " +
                             "revision's scores (whole article and each section; left out when it is not in English).")
            .ProducesProblem(400).ProducesProblem(404);

        group.MapPost("/{id:guid}/revisions/{number:int}/review", PublishingCommands.Review).WithName("ReviewRevision")
            .WithSummary("Medical sign-off of a revision (reviewer)").RequireAuthorization(Roles.Policies.Reviewer)
            .WithDescription("Records the signer: reviewerId (a reviewer profile, refused with 422 when it is linked to another key or person or does not exist), " +
                             "or reviewedBy (a free-text name), or with neither the profile linked to the signing key or person, or else the signer's name. " +
                             "A person (a JWT access token) must have authenticated within Auth:Oidc:SignOffMaxAgeMinutes (the token's auth_time), else 401 " +
                             "with error insufficient_user_authentication and max_age (RFC 9470); an API key is refused with 403 while Review:SignOffRequiresPerson is true.")
            .AsCommand().Validate<ReviewInput>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        group.MapPost("/{id:guid}/publish", PublishingCommands.Publish).WithName("PublishArticle")
            .WithSummary("Publish a reviewed revision now, or schedule it with 'at' (reviewer)").RequireAuthorization(Roles.Policies.Reviewer)
            .AsCommand().Validate<PublishInput>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        group.MapPost("/{id:guid}/publish-failure/acknowledge", PublishingCommands.AcknowledgeFailure).WithName("AcknowledgePublishFailure")
            .WithSummary("Acknowledge a scheduled publication that failed at its due time: it leaves the article's view (audited)")
            .WithDescription("A scheduled publication whose checks fail at the due time is audited and raised as article.publish_failed, and " +
                             "shown as 'publishFailure' (revision, scheduledFor, at, reasons) until acknowledged here, scheduled again or published. " +
                             "409 when there is no failure to acknowledge.")
            .AsCommand().ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/unpublish", PublishingCommands.Unpublish).WithName("UnpublishArticle")
            .WithSummary("Take a published article off the public endpoints (reviewer)").RequireAuthorization(Roles.Policies.Reviewer)
            .AsCommand().Validate<WithdrawInput>(optional: true).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/archive", PublishingCommands.Archive).WithName("ArchiveArticle")
            .WithSummary("Archive (soft delete) an article (reviewer)").RequireAuthorization(Roles.Policies.Reviewer)
            .AsCommand().Validate<WithdrawInput>(optional: true).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/unarchive", PublishingCommands.Unarchive).WithName("UnarchiveArticle")
            .WithSummary("Bring an archived article back as a draft (reviewer)").RequireAuthorization(Roles.Policies.Reviewer)
            .AsCommand().ProducesProblem(404).ProducesProblem(409);
        return group;
    }
}
