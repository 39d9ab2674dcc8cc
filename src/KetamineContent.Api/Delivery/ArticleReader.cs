using Dapper;
using Npgsql;

namespace KetamineContent.Api.Delivery;

/// <summary>The database reads of public delivery: published content only.</summary>
public sealed class ArticleReader(KetamineContent.Api.Data.DeliverySource dataSource)
{
    public async Task<ArticleDocument?> PublishedAsync(string slug, string[] locales, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(
            new CommandDefinition(ArticleSql.PublishedBySlug, new { Slug = slug, Locales = locales }, cancellationToken: ct));
        return row is null ? null : DeliveryMapping.ToDocument(row);
    }

    public async Task<ArticleDocument?> AsOfAsync(string slug, string[] locales, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(
            new CommandDefinition(ArticleSql.AsOf, new { Slug = slug, Locales = locales, AsOf = asOf.UtcDateTime }, cancellationToken: ct));
        return row is null ? null : DeliveryMapping.ToDocument(row);
    }

    /// <summary>The withdrawal of an article that is not published, when it was taken off with a reason.</summary>
    public async Task<Withdrawal?> WithdrawalAsync(string slug, string[] locales, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenAsync(ct);
        return ToWithdrawal(await connection.QuerySingleOrDefaultAsync<WithdrawalRow>(
            new CommandDefinition(ArticleSql.LastWithdrawal, new { Slug = slug, Locales = locales }, cancellationToken: ct)));
    }

    public async Task<Withdrawal?> WithdrawalAsync(Guid articleId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenAsync(ct);
        return ToWithdrawal(await connection.QuerySingleOrDefaultAsync<WithdrawalRow>(
            new CommandDefinition(ArticleSql.WithdrawalOf, new { Id = articleId }, cancellationToken: ct)));
    }

    private static Withdrawal? ToWithdrawal(WithdrawalRow? row) =>
        row is { Action: "unpublished" or "archived", Reason: not null }
            ? new Withdrawal(row.Action, row.Reason, row.ReplacementSlug, DeliveryMapping.Utc(row.At))
            : null;

    public async Task<TopicInfo> TopicAsync(string topic, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<TopicRow>(new CommandDefinition(ArticleSql.TopicInfo, new { Topic = topic }, cancellationToken: ct));
        return new TopicInfo(row.Name, row.Specialty, Clinical.ClinicalMapping.Codes(row.CodesJson));
    }

    private sealed class WithdrawalRow
    {
        public string Action { get; init; } = "";
        public string? Reason { get; init; }
        public string? ReplacementSlug { get; init; }
        public DateTime At { get; init; }
    }

    public async Task<ArticlePage> ListAsync(ArticleListQuery query, CancellationToken ct)
    {
        ListCursor.TryDecode(query.Cursor, out var after);
        var sort = query.EffectiveSort;
        var take = query.EffectiveLimit;
        await using var connection = await dataSource.OpenAsync(ct);
        // With count, the page and the total come from one snapshot (a release publishing between them would split them).
        await using var tx = query.Count == true ? await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct) : null;
        var rows = (await connection.QueryAsync<ArticleSummaryRow>(new CommandDefinition(ArticleListSql.Sorts[sort], new
        {
            query.Topic,
            query.Tag,
            query.Locale,
            AfterId = after?.Id,
            AfterValue = after?.Value,
            Take = take + 1,
        }, tx, cancellationToken: ct))).AsList();

        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            var last = rows[^1];
            next = new ListCursor(sort, ArticleListSql.SortValue(sort, last), last.Id).Encode();
        }

        int? total = query.Count == true
            ? await connection.ExecuteScalarAsync<int>(new CommandDefinition(ArticleListSql.Count, new { query.Topic, query.Tag, query.Locale }, tx, cancellationToken: ct))
            : null;
        return new ArticlePage(rows.Select(DeliveryMapping.ToSummary).ToList(), next, total);
    }

    public async Task<bool> TopicExistsAsync(string topic, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ArticleSql.TopicExists, new { Topic = topic }, cancellationToken: ct));
    }

    public async Task<TopicList> TopicsAsync(string? locale, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenAsync(ct);
        var rows = await connection.QueryAsync<TopicRow>(new CommandDefinition(ArticleSql.Topics, new { Locale = locale }, cancellationToken: ct));
        return new TopicList(rows.Select(t =>
        {
            var codes = Clinical.ClinicalMapping.Codes(t.CodesJson);
            return new TopicDocument(t.Slug, t.Name, codes.FirstOrDefault(c => c.System == Clinical.CodeSystems.Icd10Cm)?.Code, t.Count, codes);
        }).ToList());
    }
}
