using Dapper;
using Npgsql;

namespace KetamineContent.Api.Editing;

/// <summary>
/// "Can this revision be published, and if not, why": every publishing gate (sections, summary, disclaimer, sign-off,
/// assets, open tasks ...) as <see cref="Publisher.ReasonsNotToPublishAsync"/> applies them, for callers outside a command
/// (the console, release validation). Empty when it may be published.
/// </summary>
public sealed class PublishReadiness(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string RevisionExists = "SELECT EXISTS (SELECT 1 FROM revision WHERE article_id = @Id AND number = @Number)";

    public async Task<IReadOnlyList<string>> ReasonsAsync(Guid articleId, int revision, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var exists = await c.ExecuteScalarAsync<bool>(new CommandDefinition(RevisionExists, new { Id = articleId, Number = revision }, tx, cancellationToken: ct));
        return exists
            ? await Publisher.ReasonsNotToPublishAsync(c, tx, articleId, revision, clock.GetUtcNow(), ct)
            : [$"The article {articleId} has no revision {revision}."];
    }
}
