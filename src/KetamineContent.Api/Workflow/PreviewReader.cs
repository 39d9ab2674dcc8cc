using Dapper;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Editing;
using Npgsql;

namespace KetamineContent.Api.Workflow;

/// <summary>Reads of previews (the primary, never a replica: an editor expects the revision just written) and of preview links.</summary>
public sealed class PreviewReader(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string CursorSort = "preview:-updated";
    private byte[]? _secret;

    public async Task<byte[]> SecretAsync(CancellationToken ct)
    {
        if (_secret is null)
        {
            await using var c = await dataSource.OpenConnectionAsync(ct);
            _secret = await c.ExecuteScalarAsync<byte[]>(new CommandDefinition(PreviewSql.Secret, cancellationToken: ct));
        }

        return _secret!;
    }

    /// <summary>The latest revision (or <paramref name="revision"/>) of a slug, mapped exactly as delivery maps a published one.</summary>
    public Task<ArticleDocument?> BySlugAsync(string slug, string[] locales, int? revision, CancellationToken ct) =>
        DocumentAsync(PreviewSql.BySlug, new { Slug = slug, Locales = locales, Revision = revision }, ct);

    public Task<ArticleDocument?> ByIdAsync(Guid id, int? revision, CancellationToken ct) =>
        DocumentAsync(PreviewSql.ById, new { Id = id, Revision = revision }, ct);

    private async Task<ArticleDocument?> DocumentAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return row is null ? null : DeliveryMapping.ToDocument(row, clock.GetUtcNow());
    }

    /// <summary>The link a token names, when its signature holds (revoked and expired links included: the caller decides).</summary>
    public async Task<PreviewLinkRow?> LinkAsync(string token, CancellationToken ct)
    {
        if (!PreviewTokens.TryRead(token, await SecretAsync(ct), out var id))
        {
            return null;
        }

        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<PreviewLinkRow>(new CommandDefinition(PreviewSql.Link, new { Id = id }, cancellationToken: ct));
    }

    public bool IsOpen(PreviewLinkRow link) =>
        link.RevokedAt is null && DeliveryMapping.Utc(link.ExpiresAt) > clock.GetUtcNow();

    public async Task<IReadOnlyList<PreviewLink>> LinksAsync(Guid articleId, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<PreviewLinkRow>(new CommandDefinition(PreviewSql.LinksOf, new { ArticleId = articleId }, cancellationToken: ct));
        return rows.Select(r => r.ToContract()).ToList();
    }

    public static bool IsCursor(string? cursor) => cursor is null || ManageReader.DecodeCursor(cursor, CursorSort) is not null;

    public async Task<ArticlePage> ListAsync(string? locale, int limit, string? cursor, CancellationToken ct)
    {
        var after = ManageReader.DecodeCursor(cursor, CursorSort);
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<ArticleSummaryRow>(new CommandDefinition(PreviewSql.Page, new
        {
            Locale = locale,
            AfterId = after?.Id,
            AfterAt = after?.At,
            Take = limit + 1,
        }, cancellationToken: ct))).AsList();
        var next = ManageReader.TrimPage(rows, limit, r => r.UpdatedAt, r => r.Id, CursorSort);
        return new ArticlePage(rows.Select(DeliveryMapping.ToSummary).ToList(), next);
    }
}
