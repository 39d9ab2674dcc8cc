using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;

namespace KetamineContent.Api.Clinical;

/// <summary>POST /v1/articles/{slug}/feedback (public) and /v1/manage/articles/{id}/feedback (editors).</summary>
public static class FeedbackEndpoints
{
    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder routes)
    {
        var readers = routes.MapGroup("/v1/articles/{slug}/feedback").WithTags("Reader feedback").RequireRateLimiting(RateLimits.PerAddress)
            .OnlyDeclaredQueryParameters();
        readers.MapPost("/", FeedbackCommands.Send).WithName("SendFeedback")
            .WithSummary("Tell the editors whether an article helped: helpful (true|false), an optional comment (at most 1,000 characters, plain text), the section it is about")
            .WithDescription("No account and nothing personal is kept: the client address only as a SHA-256 hash with a salt of the day (deleted when the day is over), " +
                             "for the abuse limit (Feedback:MaxPerAddressPerDay a UTC day, then 429). Comments are stored and shown as text, never as HTML. " +
                             "Editors get a feedback.created webhook. A withdrawn article is 410, an unknown one 404.")
            .AsCommand().Validate<FeedbackInput>().ProducesProblem(404).ProducesProblem(410).ProducesProblem(429);

        var editors = routes.MapGroup("/v1/manage/articles/{id:guid}/feedback").WithTags("Reader feedback").RequireRateLimiting(RateLimits.PerKey)
            .RequireAuthorization(Roles.Policies.Editor);
        editors.MapGet("/", FeedbackCommands.List).WithName("ListFeedback")
            .WithSummary("An article's reader feedback: helpful and not helpful per revision, and the newest comments").ProducesProblem(400).ProducesProblem(404);
        editors.MapPost("/{feedbackId:guid}/handled", FeedbackCommands.MarkHandled).WithName("MarkFeedbackHandled")
            .WithSummary("Mark a comment handled (a second mark keeps the first); audited as feedback.handled").AsCommand().ProducesProblem(404);
        return routes;
    }
}
