using System.Globalization;
using System.Text.Json;
using Dapper;
using KetamineContent.Api.Delivery;
using Npgsql;

namespace KetamineContent.Api.Editing;

/// <summary>Reads of the management API: any status, any revision.</summary>
public sealed class ManageReader(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public static async Task<ManagedArticle?> ArticleAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<ManagedArticleRow>(new CommandDefinition(ManageSql.ArticleById, new { Id = id }, tx, cancellationToken: ct));
        return row?.ToContract(now);
    }

    /// <summary>The article read at the end of the command's batch, in the batch's one round trip (after what it wrote).</summary>
    public static async Task<ManagedArticle?> ArticleAsync(NpgsqlConnection c, NpgsqlTransaction tx, Writes.StatementBatch batch, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var row = await batch.QuerySingleOrDefaultAsync<ManagedArticleRow>(c, tx, ManageSql.ArticleById, new { Id = id }, ct);
        return row?.ToContract(now);
    }

    public async Task<ManagedArticle?> ArticleAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await ArticleAsync(c, null, id, clock.GetUtcNow(), ct);
    }

    /// <summary>An article as editors see it alone: with its latest revision's plain-language scores.</summary>
    public async Task<ManagedArticle?> ScoredArticleAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var article = await ArticleAsync(c, null, id, clock.GetUtcNow(), ct);
        return article is null ? null : article with { Readability = (await ContentAsync(c, id, article.Revision, ct))?.Readability };
    }

    public async Task<ManagedArticlePage> ArticlesAsync(ManagedListFilter filter, int limit, string? cursor, bool count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow();
        filter = filter with { Now = now.UtcDateTime };
        var after = DecodeCursor(cursor);
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<ManagedArticleRow>(new CommandDefinition(ManageSql.ArticlePage, new
        {
            filter.Status,
            filter.Slug,
            filter.Locale,
            filter.Q,
            filter.ReviewDueBefore,
            filter.Topic,
            filter.ReviewState,
            filter.Now,
            AfterId = after?.Id,
            AfterAt = after?.At,
            Take = limit + 1,
        }, cancellationToken: ct))).AsList();
        var next = TrimPage(rows, limit, r => r.UpdatedAt, r => r.Id);
        int? total = count ? await c.ExecuteScalarAsync<int>(new CommandDefinition(ManageSql.ArticleCount, filter, cancellationToken: ct)) : null;
        return new ManagedArticlePage(rows.Select(r => r.ToContract(now)).ToList(), next, total);
    }

    public async Task<RevisionList?> RevisionsAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<RevisionSummaryRow>(new CommandDefinition(ManageSql.RevisionSummaries, new { Id = id }, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        return new RevisionList(id, rows.Select(r => new RevisionSummary(
            r.Number, r.Author, r.ChangeNote, DeliveryMapping.Utc(r.CreatedAt), ReviewStates.Of(r.ReviewDue, now), r.Published == true)).ToList());
    }

    public async Task<RevisionDocument?> RevisionAsync(Guid id, int number, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var meta = await c.QuerySingleOrDefaultAsync<RevisionSummaryRow>(new CommandDefinition(ManageSql.RevisionMeta, new { Id = id, Number = number }, cancellationToken: ct));
        if (meta is null)
        {
            return null;
        }

        var reviews = (await c.QueryAsync<ReviewRow>(new CommandDefinition(ManageSql.Reviews, new { Id = id, Number = number }, cancellationToken: ct)))
            .Select(r => r.ToContract()).ToList();
        var content = await ContentAsync(c, id, number, ct);
        var now = clock.GetUtcNow();
        return new RevisionDocument(meta.Number, meta.Author, meta.ChangeNote, DeliveryMapping.Utc(meta.CreatedAt),
            ReviewStates.Of(reviews.FirstOrDefault()?.ReviewDue.UtcDateTime, now), reviews, content! with { Readability = null }, content!.Readability);
    }

    public async Task<ArticleDocument?> PublishedAsOfAsync(Guid id, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(ArticleSql.AsOfById, new { Id = id, AsOf = asOf.UtcDateTime }, cancellationToken: ct));
        return row is null ? null : DeliveryMapping.ToDocument(row);
    }

    /// <summary>A revision rendered exactly as delivery renders a published one (times as if published now, when it is not), with its plain-language scores.</summary>
    public async Task<ArticleDocument?> PreviewAsync(Guid id, int number, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await ContentAsync(c, id, number, ct);
    }

    private async Task<ArticleDocument?> ContentAsync(NpgsqlConnection c, Guid id, int number, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(ManageSql.RevisionContent, new { Id = id, Number = number }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        // The one place the management views (article, revision, preview) get their scores from.
        var content = DeliveryMapping.ToDocument(row, clock.GetUtcNow());
        return content with { Readability = Trust.Readability.Of(content) };
    }

    public async Task<AuditPage> AuditAsync(Guid? articleId, DateTimeOffset? from, DateTimeOffset? to, int limit, long? before, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<AuditRow>(new CommandDefinition(ManageSql.AuditPage, new
        {
            ArticleId = articleId,
            From = from?.UtcDateTime,
            To = to?.UtcDateTime,
            Before = before,
            Take = limit + 1,
        }, cancellationToken: ct))).AsList();
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = rows[^1].Id.ToString(CultureInfo.InvariantCulture);
        }

        return new AuditPage(rows.Select(r => new AuditEntry(r.Id, DeliveryMapping.Utc(r.At), r.KeyId, r.Actor, r.Role, r.Action,
            r.ArticleId, r.Revision, CamelCaseKeys(JsonDocument.Parse(r.Detail).RootElement), Access.PersonId.Of(r.PersonIssuer, r.PersonSubject, r.PersonEmail))).ToList(), next);
    }

    /// <summary>Audit rows written before details were stored in camelCase (<c>{"ChangeNote":...}</c>) answer like newer ones.</summary>
    private static JsonElement CamelCaseKeys(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || element.EnumerateObject().All(p => p.Name.Length == 0 || !char.IsUpper(p.Name[0])))
        {
            return element.Clone();
        }

        var renamed = element.EnumerateObject().ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p.Value, StringComparer.Ordinal);
        return JsonSerializer.SerializeToElement(renamed);
    }

    public static bool IsCursor(string? cursor) => cursor is null || DecodeCursor(cursor) is not null;

    private const string CursorSort = "managed:-updated";

    /// <summary>A keyset cursor over (updated_at DESC, id DESC), bound to the list it came from by <paramref name="sort"/>.</summary>
    private static string EncodeCursor(DateTime at, Guid id, string sort = CursorSort) => new ListCursor(sort, at.Ticks.ToString(CultureInfo.InvariantCulture), id).Encode();

    /// <summary>Drops the probe row (limit + 1 were read) and answers the cursor of the next page, or null on the last page.</summary>
    internal static string? TrimPage<T>(List<T> rows, int limit, Func<T, DateTime> at, Func<T, Guid> id, string sort = CursorSort)
    {
        if (rows.Count <= limit)
        {
            return null;
        }

        rows.RemoveAt(limit);
        return EncodeCursor(at(rows[^1]), id(rows[^1]), sort);
    }

    internal static (DateTime At, Guid Id)? DecodeCursor(string? cursor, string sort = CursorSort) =>
        ListCursor.TryDecode(cursor, out var c) && c!.Sort == sort
        && long.TryParse(c.Value, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 && ticks < DateTime.MaxValue.Ticks
            ? (new DateTime(ticks, DateTimeKind.Utc), c.Id)
            : null;

    private sealed class AuditRow
    {
        public long Id { get; init; }
        public DateTime At { get; init; }
        public Guid? KeyId { get; init; }
        public string Actor { get; init; } = "";
        public string Role { get; init; } = "";
        public string Action { get; init; } = "";
        public Guid? ArticleId { get; init; }
        public int? Revision { get; init; }
        public string Detail { get; init; } = "{}";
        public string? PersonIssuer { get; init; }
        public string? PersonSubject { get; init; }
        public string? PersonEmail { get; init; }
    }
}
