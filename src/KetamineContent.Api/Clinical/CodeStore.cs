using System.Text.Json;
using Dapper;
using KetamineContent.Api.Access;
using Npgsql;

namespace KetamineContent.Api.Clinical;

/// <summary>The data access of topic codes and article declarations: writes inside the command's transaction, reads on their own connection.</summary>
public sealed class CodeStore(NpgsqlDataSource dataSource)
{
    public async Task<TopicCodesRow?> TopicAsync(string slug, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<TopicCodesRow>(new CommandDefinition(ClinicalSql.Topic, new { Slug = slug }, cancellationToken: ct));
    }

    public async Task<ArticleClinicalRow?> ArticleAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ArticleClinicalRow>(new CommandDefinition(ClinicalSql.ArticleClinical, new { Id = id }, cancellationToken: ct));
    }

    public static Task<TopicCodesRow?> LockTopicAsync(NpgsqlConnection c, NpgsqlTransaction tx, string slug, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<TopicCodesRow>(new CommandDefinition(ClinicalSql.LockTopic, new { Slug = slug }, tx, cancellationToken: ct));

    public static Task<ArticleClinicalRow?> LockArticleAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ArticleClinicalRow>(new CommandDefinition(ClinicalSql.LockArticleClinical, new { Id = id }, tx, cancellationToken: ct));

    /// <summary>Replaces a topic's codes and bumps its version, with the audit row, the caches' notification and the edge's purge.</summary>
    public static async Task<TopicCodesRow> ReplaceTopicAsync(NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, TopicCodesRow current, IReadOnlyList<CodeDocument> codes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(current);
        var (systems, values, displays) = ClinicalMapping.Arrays(codes);
        await c.ExecuteAsync(new CommandDefinition(ClinicalSql.DeleteTopicCodes, new { current.Slug }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ClinicalSql.InsertTopicCodes, new { current.Slug, Systems = systems, Codes = values, Displays = displays }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ClinicalSql.BumpTopic, new { current.Slug, current.Version }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ClinicalSql.TopicAudit, new
        {
            actor.KeyId, Actor = actor.Name, actor.Role,
            Detail = JsonSerializer.Serialize(new { topic = current.Slug, codes, version = current.Version + 1 }, Http.Instants.StoredJson),
        }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ClinicalSql.TopicReadersAffected, new { current.Slug }, tx, cancellationToken: ct));
        return (await LockTopicAsync(c, tx, current.Slug, ct))!;
    }

    /// <summary>Replaces an article's codes and declarations (version + 1), through the change log every article change takes.</summary>
    public static async Task<ArticleClinicalRow> ReplaceArticleAsync(NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, ArticleClinicalRow current, ArticleClinicalInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(input);
        var codes = input.Codes ?? [];
        var (systems, values, displays) = ClinicalMapping.Arrays(codes);
        var id = current.ArticleId;
        await c.ExecuteAsync(new CommandDefinition(ClinicalSql.UpsertArticleClinical, new
        {
            Id = id, Funding = input.Funding?.Trim(), ConflictsOfInterest = input.ConflictsOfInterest?.Trim(), current.Version,
        }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ClinicalSql.DeleteArticleCodes, new { Id = id }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ClinicalSql.InsertArticleCodes, new { Id = id, Systems = systems, Codes = values, Displays = displays }, tx, cancellationToken: ct));
        await Writes.ChangeLog.RecordAsync(c, tx, actor, "article.clinical_updated", id, null,
            new { codes, funding = input.Funding, conflictsOfInterest = input.ConflictsOfInterest, version = current.Version + 1 },
            readersAffected: current.Status == "published", ct);
        return (await LockArticleAsync(c, tx, id, ct))!;
    }
}
