using Dapper;
using Npgsql;

namespace KetamineContent.Api.Delivery;

/// <summary>The database reads of public delivery: published content only.</summary>
public sealed class ArticleReader(NpgsqlDataSource dataSource)
{
    public async Task<ArticleDocument?> PublishedAsync(string slug, string locale, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(
            new CommandDefinition(ArticleSql.PublishedBySlug, new { Slug = slug, Locale = locale }, cancellationToken: ct));
        return row is null ? null : DeliveryMapping.ToDocument(row);
    }

    public async Task<ArticlePage> ListAsync(ArticleListQuery query, CancellationToken ct)
    {
        ListCursor.TryDecode(query.Cursor, out var after);
        var sort = query.EffectiveSort;
        var take = query.EffectiveLimit;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<ArticleSummaryRow>(new CommandDefinition(ArticleListSql.Sorts[sort], new
        {
            query.Topic,
            query.Tag,
            query.Locale,
            AfterId = after?.Id,
            AfterValue = after?.Value,
            Take = take + 1,
        }, cancellationToken: ct))).AsList();

        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            var last = rows[^1];
            next = new ListCursor(sort, ArticleListSql.SortValue(sort, last), last.Id).Encode();
        }

        return new ArticlePage(rows.Select(DeliveryMapping.ToSummary).ToList(), next);
    }

    public async Task<bool> TopicExistsAsync(string topic, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ArticleSql.TopicExists, new { Topic = topic }, cancellationToken: ct));
    }

    public async Task<TopicList> TopicsAsync(string? locale, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<TopicRow>(new CommandDefinition(ArticleSql.Topics, new { Locale = locale }, cancellationToken: ct));
        return new TopicList(rows.Select(t => new TopicDocument(t.Slug, t.Name, t.Icd10, t.Count)).ToList());
    }
}
