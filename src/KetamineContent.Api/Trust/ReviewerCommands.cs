using System.Security.Claims;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Trust;

/// <summary>Create and replace reviewer profiles (admin): one transaction each, with its audit row.</summary>
public static class ReviewerCommands
{
    public static async Task<Results<CreatedWithETag<ReviewerView>, ProblemHttpResult>> Create(
        ReviewerInput input, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var (c, tx) = await session.BeginAsync(ct);
        if (await ReviewerStore.ConflictAsync(c, tx, id, input, ct) is { } conflict)
        {
            return Refusal(conflict);
        }

        var row = await ReviewerStore.InsertAsync(c, tx, id, input, ct);
        await ReviewerStore.RecordAsync(c, tx, Actor.From(user), "reviewer.created", row, ct);
        return new CreatedWithETag<ReviewerView>(row.ToView(), row.ETag, $"/v1/manage/reviewers/{row.Id}");
    }

    public static async Task<Results<OkWithETag<ReviewerView>, ProblemHttpResult>> Replace(
        Guid id, ReviewerInput input, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (c, tx) = await session.BeginAsync(ct);
        var current = await ReviewerStore.LockAsync(c, tx, id, ct);
        if (current is null)
        {
            return Problems.NotFound($"No reviewer profile has the id {id}.");
        }

        if (Precondition(request, current) is { } precondition)
        {
            return precondition;
        }

        if (await ReviewerStore.ConflictAsync(c, tx, id, input, ct) is { } conflict)
        {
            return Refusal(conflict);
        }

        var row = (await ReviewerStore.UpdateAsync(c, tx, id, current.Version, input, ct))!;
        await ReviewerStore.RecordAsync(c, tx, Actor.From(user), "reviewer.updated", row, ct);
        return new OkWithETag<ReviewerView>(row.ToView(), row.ETag);
    }

    private static ProblemHttpResult Refusal((int Status, string Field, string Message) conflict) =>
        conflict.Status == StatusCodes.Status409Conflict ? Problems.Conflict(conflict.Message) : Problems.BadRequest(conflict.Message, conflict.Field);

    /// <summary>If-Match is required, checked by the rule articles use (the version is the ETag): missing 428, '*' or unquoted 400, stale 412.</summary>
    private static ProblemHttpResult? Precondition(HttpRequest request, ReviewerRow current) =>
        Editing.Preconditions.Check(request, current.Version) switch
        {
            Editing.Preconditions.Outcome.Missing => Problems.PreconditionRequired(
                $"Send If-Match with the profile's ETag (from GET /v1/manage/reviewers/{current.Id}; current: {current.ETag})."),
            Editing.Preconditions.Outcome.Any => Problems.BadRequest(
                $"'If-Match: *' would skip the concurrency check: send the profile's ETag (current: {current.ETag}).", "If-Match"),
            Editing.Preconditions.Outcome.Unquoted => Problems.BadRequest(
                $"'If-Match' must be an ETag in double quotes, as the ETag header gives it (current: {current.ETag}, quotes included).", "If-Match"),
            Editing.Preconditions.Outcome.Stale => TypedResults.Problem(
                $"The reviewer profile has changed: its current ETag is {current.ETag}. Fetch it, merge, and retry with that ETag.",
                statusCode: StatusCodes.Status412PreconditionFailed, title: ProblemTitles.For(412),
                extensions: new Dictionary<string, object?> { ["currentETag"] = current.ETag }),
            _ => null,
        };
}
