using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;

namespace KetamineContent.Api.Trust;

/// <summary>/v1/manage/reviewers (admin): the profiles that medical sign-offs record.</summary>
public static class ReviewerEndpoints
{
    public static RouteGroupBuilder MapReviewers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/reviewers").WithTags("Reviewer profiles").RequireRateLimiting(RateLimits.PerKey)
            .RequireAuthorization(Roles.Policies.Admin);
        group.MapPost("/", ReviewerCommands.Create).WithName("CreateReviewer")
            .WithSummary("Create a reviewer profile: name, credentials, specialty, profileUrl (https), orcid, keyId")
            .WithDescription("credentials is a list of post-nominal letters (for example [\"MD\", \"PharmD\"]); orcid is checked with its MOD 11-2 check digit; " +
                             "keyId links an API key (reviewer or admin, not revoked): that key's sign-offs record this profile unless they name another. " +
                             "An ORCID iD or a key belongs to one profile at most (409).")
            .AsCommand().Validate<ReviewerInput>().ProducesProblem(409);
        group.MapGet("/", ReviewerQueries.List).WithName("ListReviewers").WithSummary("List reviewer profiles by name");
        group.MapGet("/{id:guid}", ReviewerQueries.Get).WithName("GetReviewer").WithSummary("Get a reviewer profile and its ETag")
            .ProducesProblem(404);
        group.MapPut("/{id:guid}", ReviewerCommands.Replace).WithName("ReplaceReviewer")
            .WithSummary("Replace a reviewer profile (If-Match: its ETag). Past sign-offs keep the profile as it was when they were made")
            .AsCommand().RequireIfMatch().Validate<ReviewerInput>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        return group;
    }
}
