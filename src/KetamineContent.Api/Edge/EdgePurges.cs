using Npgsql;

namespace KetamineContent.Api.Edge;

/// <summary>Writes the keys to purge into the change's own transaction (the edge's outbox): committed with it or not at all.</summary>
public static class EdgePurges
{
    /// <summary>
    /// One article's answers changed. Called by <see cref="Writes.ChangeLog"/> where every reader-visible article change
    /// notifies the caches (the same parameter as that notification).
    /// </summary>
    public static Writes.StatementBatch Article(Writes.StatementBatch batch, Guid articleId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Add(EdgeSql.PurgeArticle, new { NotifyArticleId = articleId });
    }

    public static Task ArticleAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid articleId, CancellationToken ct) =>
        Article(new Writes.StatementBatch(), articleId).ExecuteAsync(c, tx, ct);

    public static Task AssetAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid assetId, CancellationToken ct) =>
        new Writes.StatementBatch().Add(EdgeSql.PurgeAsset, new { Id = assetId }).ExecuteAsync(c, tx, ct);
}
