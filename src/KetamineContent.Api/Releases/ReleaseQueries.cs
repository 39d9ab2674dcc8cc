using Dapper;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace KetamineContent.Api.Releases;

public static class ReleaseQueries
{
    public static async Task<Results<Ok<ReleaseList>, ProblemHttpResult>> List(
        [System.ComponentModel.Description("open, scheduled, published or reverted; default all.")] string? state,
        [System.ComponentModel.Description("How many, newest change first: 1 to 100. Default 50.")] int? limit,
        NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (state is not (null or "open" or "scheduled" or "published" or "reverted"))
        {
            return Problems.BadRequest("'state' must be open, scheduled, published or reverted.", "state");
        }

        if (Problems.Limit(limit, 100) is { } badLimit)
        {
            return badLimit;
        }

        await using var c = await dataSource.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<ReleaseSummaryRow>(new CommandDefinition(ReleaseSql.List, new { State = state, Take = limit ?? 50 }, cancellationToken: ct));
        return TypedResults.Ok(new ReleaseList(rows.Select(r => r.ToSummary()).ToList()));
    }

    public static async Task<Results<OkWithETag<ReleaseView>, ProblemHttpResult>> Get(Guid id, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        return await ReleaseStore.ViewAsync(c, tx, id, ct) is { } found
            ? new OkWithETag<ReleaseView>(found.View, found.ETag)
            : Problems.NotFound($"No release has the id {id}.");
    }
}
