using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Trust;

/// <summary>The reads of reviewer profiles: the list (by name) and one profile with its ETag.</summary>
public static class ReviewerQueries
{
    public static async Task<Ok<ReviewerList>> List(ReviewerStore store, CancellationToken ct) =>
        TypedResults.Ok(new ReviewerList(await store.ListAsync(ct)));

    public static async Task<Results<OkWithETag<ReviewerView>, ProblemHttpResult>> Get(Guid id, ReviewerStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } row
            ? new OkWithETag<ReviewerView>(row.ToView(), row.ETag)
            : Problems.NotFound($"No reviewer profile has the id {id}.");
}
