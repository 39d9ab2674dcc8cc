using System.ComponentModel;
using System.Security.Claims;
using FluentValidation;
using KetamineContent.Api.Access;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Clinical;

/// <summary>Reader feedback: sent by anyone (no account), read and handled by editors.</summary>
public static class FeedbackCommands
{
    public static async Task<Results<Accepted<FeedbackReceipt>, ProblemHttpResult>> Send(
        [Description("The article's slug.")] string slug,
        [Description("The locale of the article read (else Accept-Language); falls back to en.")] string? locale,
        FeedbackInput input, ArticleReader reader, CommandSession session, IOptions<FeedbackOptions> options, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(http);
        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest(ArticlesEndpoints.LocaleMessage, "locale");
        }

        var wanted = ArticlesEndpoints.PreferredLocales(locale, http);
        var article = DeliveryRules.IsSlug(slug) ? await reader.PublishedAsync(slug, wanted, ct) : null;
        if (article is null)
        {
            return DeliveryRules.IsSlug(slug)
                ? await ArticlesEndpoints.NotPublishedAsync(slug, wanted, reader, ct)
                : Problems.NotFound($"No published article has the slug '{slug}'.");
        }

        if (input.SectionKind is { } kind && article.Sections.All(s => s.Kind != kind))
        {
            return Problems.BadRequest($"'sectionKind' must name a section of this article: {string.Join(", ", article.Sections.Select(s => s.Kind))}.", "sectionKind");
        }

        var (c, tx) = await session.BeginAsync(ct);
        var hash = await FeedbackStore.AddressHashAsync(c, tx, http.Connection.RemoteIpAddress, ct);
        var limit = options.Value.MaxPerAddressPerDay;
        if (limit > 0 && await FeedbackStore.SentTodayAsync(c, tx, hash, ct) >= limit)
        {
            return TypedResults.Problem($"This address has sent {limit} pieces of feedback today, the most a day takes; thank you, and try again tomorrow.",
                statusCode: StatusCodes.Status429TooManyRequests, title: ProblemTitles.For(429));
        }

        var id = Guid.NewGuid();
        await FeedbackStore.InsertAsync(c, tx, id, article.Id, article.Revision, input, hash, ct);
        return TypedResults.Accepted((string?)null, new FeedbackReceipt(id, "received"));
    }

    public static async Task<Results<Ok<FeedbackSummary>, ProblemHttpResult>> List(
        Guid id,
        [Description("true: only handled comments; false: only those still to handle; absent: all.")] bool? handled,
        [Description("How many comments, 1 to 200 (newest first). Default 50.")] int? limit,
        FeedbackStore store, CancellationToken ct)
    {
        if (Problems.Limit(limit, 200) is { } badLimit)
        {
            return badLimit;
        }

        return await store.SummaryAsync(id, handled, limit ?? 50, ct) is { } summary
            ? TypedResults.Ok(summary)
            : Problems.NotFound($"No article has the id {id}.");
    }

    public static async Task<Results<Ok<FeedbackView>, ProblemHttpResult>> MarkHandled(
        Guid id, Guid feedbackId, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = Actor.From(user);
        var (c, tx) = await session.BeginAsync(ct);
        var view = await FeedbackStore.MarkHandledAsync(c, tx, id, feedbackId, actor.Name, ct);
        if (view is null)
        {
            return Problems.NotFound($"The article {id} has no feedback {feedbackId}.");
        }

        await ChangeLog.RecordAsync(c, tx, actor, "feedback.handled", id, view.Revision, new { feedbackId }, readersAffected: false, ct);
        return TypedResults.Ok(view);
    }
}

public sealed class FeedbackInputValidator : AbstractValidator<FeedbackInput>
{
    public const int MaxComment = 1000;

    public FeedbackInputValidator()
    {
        RuleFor(x => x.Helpful).NotNull().WithMessage("'helpful' is required: true or false.");
        RuleFor(x => x.Comment).CleanText();
        RuleFor(x => x.Comment).Must(c => c!.Trim().Length <= MaxComment).When(x => x.Comment is not null)
            .WithMessage($"'comment' must be at most {MaxComment:N0} characters.");
        RuleFor(x => x.SectionKind).Must(Content.SectionKinds.IsKnown).When(x => x.SectionKind is not null)
            .WithMessage("'sectionKind' must be one of " + string.Join(", ", Content.SectionKinds.All) + ".");
    }
}
