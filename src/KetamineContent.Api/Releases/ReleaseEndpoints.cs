using FluentValidation;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;

namespace KetamineContent.Api.Releases;

/// <summary>/v1/manage/releases: several articles published together in one transaction, and reverted together.</summary>
public static class ReleaseEndpoints
{
    private const string ReleaseIfMatch = "The release's ETag (from GET /v1/manage/releases/{id} or the last change). Missing: 428; stale: 412 with the current ETag.";

    public static IServiceCollection AddReleases(this IServiceCollection services)
    {
        services.AddSingleton<IValidator<ReleaseInput>, ReleaseInputValidator>();
        services.AddSingleton<IValidator<ReleaseItemInput>, ReleaseItemInputValidator>();
        services.AddSingleton<IValidator<ReleasePublishInput>, ReleasePublishInputValidator>();
        services.AddSingleton<ScheduledReleases>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledReleases>());
        return services;
    }

    public static RouteGroupBuilder MapReleases(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/releases").WithTags("Releases")
            .RequireRateLimiting(RateLimits.PerKey).RequireAuthorization(Roles.Policies.Editor);
        group.MapPost("/", ReleaseCommands.Create).WithName("CreateRelease").WithSummary("Create a release (open, no items)")
            .AsCommand().Validate<ReleaseInput>();
        group.MapGet("/", ReleaseQueries.List).WithName("ListReleases").WithSummary("Releases, most recently changed first")
            .ProducesProblem(400);
        group.MapGet("/{id:guid}", ReleaseQueries.Get).WithName("GetRelease").WithSummary("A release with its items and ETag")
            .ProducesProblem(404);
        group.MapPost("/{id:guid}/items", ReleaseCommands.AddItem).WithName("AddReleaseItem")
            .WithSummary($"Add an article's revision (one per article: again replaces it; at most {ReleaseCommands.MaxItems} articles)")
            .AsCommand().RequireIfMatchOf(ReleaseIfMatch, "\"r1\"").Validate<ReleaseItemInput>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        group.MapDelete("/{id:guid}/items/{articleId:guid}", ReleaseCommands.RemoveItem).WithName("RemoveReleaseItem")
            .WithSummary("Take an article out of an open release")
            .AsCommand().RequireIfMatchOf(ReleaseIfMatch, "\"r2\"").ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/validate", ReleaseCommands.Validate).WithName("ValidateRelease")
            .WithSummary("Every reason each item cannot be published now (sign-off, open tasks, sections ...); writes nothing")
            .ProducesProblem(404);
        group.MapPost("/{id:guid}/publish", ReleaseCommands.Publish).WithName("PublishRelease")
            .WithSummary("Publish every item in one transaction now (200), or at 'at' (202, applied by the scheduler) (reviewer)")
            .WithDescription("Readers see all of the release or none of it: articles, lists, search and sync pages. 422 lists the reasons when any item cannot be published.")
            .RequireAuthorization(Roles.Policies.Reviewer)
            .AsCommand().RequireIfMatchOf(ReleaseIfMatch, "\"r3\"").Validate<ReleasePublishInput>(optional: true).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        group.MapPost("/{id:guid}/revert", ReleaseCommands.Revert).WithName("RevertRelease")
            .WithSummary("Put every article back to the revision it had before the release, in one transaction (reviewer)")
            .RequireAuthorization(Roles.Policies.Reviewer)
            .AsCommand().RequireIfMatchOf(ReleaseIfMatch, "\"r4\"").ProducesProblem(404).ProducesProblem(409);
        return group;
    }
}
