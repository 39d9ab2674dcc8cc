using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Assets;

/// <summary>The management reads: the list, one asset with its ETag, and where it is used.</summary>
public static class AssetQueries
{
    public static async Task<Ok<AssetPage>> List([AsParameters] AssetListQuery query, AssetStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(query, ct));

    public static async Task<Results<OkWithETag<AssetView>, ProblemHttpResult>> Get(Guid id, AssetStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } asset
            ? new OkWithETag<AssetView>(asset.ToView(), asset.ManageETag)
            : Problems.NotFound($"No asset has the id {id}.");

    public static async Task<Results<Ok<AssetUsage>, ProblemHttpResult>> Usage(Guid id, AssetStore store, CancellationToken ct) =>
        await store.UsageAsync(id, ct) is { } usage ? TypedResults.Ok(usage) : Problems.NotFound($"No asset has the id {id}.");
}
