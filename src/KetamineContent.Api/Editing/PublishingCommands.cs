using System.Security.Claims;
using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Editing;

/// <summary>Review sign-off, publish (now or scheduled), unpublish, archive, unarchive: the reviewer's commands.</summary>
public static class PublishingCommands
{
    public static async Task<Results<Created<ReviewView>, ProblemHttpResult>> Review(
        Guid id, int number, ReviewInput input, CommandSession session, ClaimsPrincipal user, IOptions<ReviewOptions> options,
        IOptions<Auth.OidcOptions> oidc, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var actor = Actor.From(user);
        // A sign-off is recent and personal: checked before anything is read or written.
        if (Trust.SignOff.Refusal(actor, options.Value.SignOffRequiresPerson, oidc.Value.SignOffMaxAgeMinutes, clock.GetUtcNow()) is { } refused)
        {
            if (refused.StatusCode == StatusCodes.Status401Unauthorized)
            {
                response.Headers.WWWAuthenticate = Trust.SignOff.StepUpChallenge(oidc.Value.SignOffMaxAgeMinutes);
            }

            return refused;
        }

        var (c, tx) = await session.BeginAsync(ct);
        var locked = await Publisher.LockAsync(c, tx, id, ct);
        if (locked is null || number < 1 || number > locked.LatestRevision)
        {
            return Problems.NotFound(locked is null ? $"No article has the id {id}." : $"The article has no revision {number}.");
        }

        var (signer, refusal) = await Trust.SignOff.ResolveAsync(c, tx, input.ReviewerId, input.ReviewedBy, actor, ct);
        if (signer is null)
        {
            return Problems.Unprocessable(refusal!, [refusal!]);
        }

        var review = await c.QuerySingleAsync<ReviewRow>(new CommandDefinition(ManageSql.InsertReview, new
        {
            Id = id,
            Number = number,
            ReviewedBy = signer.Name,
            Notes = input.Notes ?? "",
            Months = options.Value.ValidityMonths,
            signer.ReviewerId,
            signer.Credentials,
            signer.Specialty,
            signer.Url,
            actor.PersonIssuer,
            actor.PersonSubject,
            actor.PersonEmail,
            AuthTime = actor.AuthTime?.UtcDateTime,
        }, tx, cancellationToken: ct));
        // A sign-off of the published revision changes its delivered `review`: caches and the sync feed learn of it.
        await ChangeLog.RecordAsync(c, tx, actor, "review.signed", id, number, new { ReviewedBy = signer.Name, signer.ReviewerId },
            readersAffected: locked.PublishedRevision == number, ct, feed: new FeedNote(locked.Topic, null, null));
        return TypedResults.Created($"/v1/manage/articles/{id}/revisions/{number}", review.ToContract());
    }

    public static async Task<Results<OkWithETag<ManagedArticle>, AcceptedWithETag<ManagedArticle>, ProblemHttpResult>> Publish(
        Guid id, PublishInput input, CommandSession session, ClaimsPrincipal user, TimeProvider clock, IOptions<Trust.ReadabilityOptions> readability, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var locked = await Publisher.LockAsync(c, tx, id, ct);
        if (locked is null || input.Revision < 1 || input.Revision > locked.LatestRevision)
        {
            return Problems.NotFound(locked is null ? $"No article has the id {id}." : $"The article has no revision {input.Revision}.");
        }

        if (locked.Status == "archived")
        {
            return Problems.Conflict("The article is archived; unarchive it before publishing.");
        }

        var now = clock.GetUtcNow();
        var reasons = (await Publisher.ReasonsNotToPublishAsync(c, tx, id, input.Revision, now, ct)).ToList();
        var grade = await Trust.GradeGate.CheckAsync(c, tx, id, input.Revision, readability.Value.MaxGradeLevel, input.OverrideReason, ct);
        reasons.AddRange(grade.Reason is null ? [] : [grade.Reason]);
        if (reasons.Count > 0)
        {
            return Problems.Unprocessable($"Revision {input.Revision} cannot be published: {string.Join(" ", reasons)}", reasons);
        }

        var actor = Actor.From(user);
        if (input.At is { } at && at > now)
        {
            await c.ExecuteAsync(new CommandDefinition(ManageSql.CancelSchedule, new { Id = id, Outcome = "replaced by a new schedule" }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(ManageSql.Schedule, new { Id = id, Number = input.Revision, At = at.UtcDateTime, actor.KeyId, Actor = actor.Name }, tx, cancellationToken: ct));
            await Publisher.ClearFailureAsync(c, tx, id, "rescheduled by " + actor.Name, ct);
            await ChangeLog.RecordAsync(c, tx, actor, "article.publish_scheduled", id, input.Revision,
                grade.Override is null ? new { At = at } : new { At = at, GradeOverride = grade.Override }, readersAffected: false, ct);
            var scheduled = (await ManageReader.ArticleAsync(c, tx, id, now, ct))!;
            return new AcceptedWithETag<ManagedArticle>(scheduled, Preconditions.ETagFor(scheduled.Revision));
        }

        if (!(locked.Status == "published" && locked.PublishedRevision == input.Revision))
        {
            await Publisher.PublishAsync(c, tx, actor, locked, input.Revision, ct, grade.Override is null ? null : new { GradeOverride = grade.Override });
        }

        var article = (await ManageReader.ArticleAsync(c, tx, id, now, ct))!;
        return new OkWithETag<ManagedArticle>(article, Preconditions.ETagFor(article.Revision));
    }

    /// <summary>Someone has seen the failed scheduled publication: it leaves the article's view and the dashboard (audited with what it was).</summary>
    public static async Task<Results<OkWithETag<ManagedArticle>, ProblemHttpResult>> AcknowledgeFailure(
        Guid id, CommandSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        if (await Publisher.LockAsync(c, tx, id, ct) is null)
        {
            return Problems.NotFound($"No article has the id {id}.");
        }

        var actor = Actor.From(user);
        if (await Publisher.ClearFailureAsync(c, tx, id, "acknowledged by " + actor.Name, ct) is not { } failure)
        {
            return Problems.Conflict("The article has no failed scheduled publication to acknowledge.");
        }

        await ChangeLog.RecordAsync(c, tx, actor, "article.publish_failure_acknowledged", id, failure.Revision,
            new { ScheduledFor = failure.At, Reasons = PublishFailureView.ReadReasons(failure.Reasons) }, readersAffected: false, ct);
        var article = (await ManageReader.ArticleAsync(c, tx, id, clock.GetUtcNow(), ct))!;
        return new OkWithETag<ManagedArticle>(article, Preconditions.ETagFor(article.Revision));
    }

    public static Task<Results<OkWithETag<ManagedArticle>, ProblemHttpResult>> Unpublish(
        Guid id, WithdrawInput? input, CommandSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        ChangeStatusAsync(id, input, from: ["published"], to: "draft", action: "unpublished", session, user, clock, ct);

    public static Task<Results<OkWithETag<ManagedArticle>, ProblemHttpResult>> Archive(
        Guid id, WithdrawInput? input, CommandSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        ChangeStatusAsync(id, input, from: ["draft", "published"], to: "archived", action: "archived", session, user, clock, ct);

    public static Task<Results<OkWithETag<ManagedArticle>, ProblemHttpResult>> Unarchive(
        Guid id, CommandSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        ChangeStatusAsync(id, null, from: ["archived"], to: "draft", action: "unarchived", session, user, clock, ct);

    private static async Task<Results<OkWithETag<ManagedArticle>, ProblemHttpResult>> ChangeStatusAsync(
        Guid id, WithdrawInput? why, string[] from, string to, string action, CommandSession session, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var locked = await Publisher.LockAsync(c, tx, id, ct);
        if (locked is null)
        {
            return Problems.NotFound($"No article has the id {id}.");
        }

        if (!from.Contains(locked.Status, StringComparer.Ordinal))
        {
            return Problems.Conflict($"The article is {locked.Status}; it can be {action} only when {string.Join(" or ", from)}.");
        }

        if (why?.ReplacementSlug is { } replacement
            && !await c.ExecuteScalarAsync<bool>(new CommandDefinition(ManageSql.ReplacementExists, new { Slug = replacement, Id = id }, tx, cancellationToken: ct)))
        {
            return Problems.BadRequest($"'replacementSlug' must name another published article; '{replacement}' does not.", "replacementSlug");
        }

        if (locked.Status == "published" && await Trust.LinkGuard.RefuseWithdrawalAsync(c, tx, locked, action, why, ct) is { } linked)
        {
            return linked;
        }

        await Publisher.SetStatusAsync(c, tx, Actor.From(user), locked, to, action, why, ct);
        var article = (await ManageReader.ArticleAsync(c, tx, id, clock.GetUtcNow(), ct))!;
        return new OkWithETag<ManagedArticle>(article, Preconditions.ETagFor(article.Revision));
    }
}
