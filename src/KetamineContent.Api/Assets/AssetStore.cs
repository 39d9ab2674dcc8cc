using System.Globalization;
using System.Text.Json;
using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Delivery;
using Npgsql;

namespace KetamineContent.Api.Assets;

/// <summary>The data access of the media library: writes inside the command's transaction, reads on their own connection.</summary>
public sealed class AssetStore(NpgsqlDataSource dataSource)
{
    public static async Task<AssetRow> InsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, NewAsset asset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(asset);
        await c.ExecuteAsync(new CommandDefinition(AssetSql.InsertBlob, new { asset.Sha256, Bytes = (long)asset.Content.Length, asset.Content }, tx, cancellationToken: ct));
        return await c.QuerySingleAsync<AssetRow>(new CommandDefinition(AssetSql.Insert, new
        {
            asset.Id, asset.Sha256, asset.Filename, asset.Media.ContentType, Bytes = (long)asset.Content.Length, Width = asset.Header?.Width, Height = asset.Header?.Height,
            Alt = asset.Metadata.Alt ?? "", asset.Metadata.Decorative, asset.Metadata.Caption, asset.Metadata.Credit, asset.Metadata.License,
            FocalX = asset.Metadata.FocalX ?? 0.5, FocalY = asset.Metadata.FocalY ?? 0.5,
        }, tx, cancellationToken: ct));
    }

    public static Task<AssetRow?> LockAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<AssetRow>(new CommandDefinition(AssetSql.Lock, new { Id = id }, tx, cancellationToken: ct));

    public static Task<AssetRow?> UpdateAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, int version, AssetMetadataInput m, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<AssetRow>(new CommandDefinition(AssetSql.Update, new
        {
            Id = id, Version = version, Alt = m.Alt ?? "", m.Decorative, m.Caption, m.Credit, m.License, FocalX = m.FocalX ?? 0.5, FocalY = m.FocalY ?? 0.5,
        }, tx, cancellationToken: ct));

    public static async Task DeleteAsync(NpgsqlConnection c, NpgsqlTransaction tx, AssetRow asset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(asset);
        await c.ExecuteAsync(new CommandDefinition(AssetSql.Delete, new { asset.Id }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(AssetSql.DeleteOrphanBlob, new { asset.Sha256 }, tx, cancellationToken: ct));
    }

    public static async Task<IReadOnlyList<AssetUse>> UsageAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        (await c.QueryAsync<AssetUseRow>(new CommandDefinition(AssetSql.Usage, new { Id = id }, tx, cancellationToken: ct)))
        .Select(u => new AssetUse(u.ArticleId, u.Slug, u.Locale, u.Status, u.InLatest, u.InPublished)).ToList();

    /// <summary>The audit row, the webhook event, a change notification (cached articles showing the asset drop it) and the edge's purges.</summary>
    public static async Task RecordAsync(NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, string action, AssetRow asset, object? detail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(asset);
        await c.ExecuteAsync(new CommandDefinition(AssetSql.Audit, new
        {
            actor.KeyId, actor.PersonIssuer, actor.PersonSubject, actor.PersonEmail, Actor = actor.Name, actor.Role, Action = action, AssetId = asset.Id, Detail = JsonSerializer.Serialize(detail ?? new { asset.Filename }, Http.Instants.StoredJson),
        }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(AssetSql.Enqueue, new { Type = action, AssetId = asset.Id, asset.Filename }, tx, cancellationToken: ct));
        var articles = await c.QueryAsync<Guid>(new CommandDefinition(AssetSql.PublishedUsers, new { asset.Id }, tx, cancellationToken: ct));
        foreach (var id in articles.Append(asset.Id))
        {
            await c.ExecuteAsync(new CommandDefinition(AssetSql.Notify, new { Id = id }, tx, cancellationToken: ct));
        }

        // The edge drops the asset's files (public or private now) and the published articles showing it.
        foreach (var id in articles)
        {
            await Edge.EdgePurges.ArticleAsync(c, tx, id, ct);
        }

        await Edge.EdgePurges.AssetAsync(c, tx, asset.Id, ct);
    }

    public async Task<AssetRow?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<AssetRow>(new CommandDefinition(AssetSql.Get, new { Id = id }, cancellationToken: ct));
    }

    public async Task<AssetPublicRow?> WithPublicAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<AssetPublicRow>(new CommandDefinition(AssetSql.WithPublic, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>The original bytes (stored once per SHA-256).</summary>
    public async Task<byte[]> ContentAsync(AssetRow asset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(asset);
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<byte[]>(new CommandDefinition(AssetSql.Content, new { asset.Sha256 }, cancellationToken: ct))
               ?? throw new InvalidOperationException($"The bytes of asset {asset.Id} are missing.");
    }

    public async Task<AssetUsage?> UsageAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        if (await c.QuerySingleOrDefaultAsync<AssetRow>(new CommandDefinition(AssetSql.Get, new { Id = id }, cancellationToken: ct)) is null)
        {
            return null;
        }

        return new AssetUsage(id, await UsageAsync(c, null, id, ct));
    }

    public async Task<AssetPage> ListAsync(AssetListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ListCursor.TryDecode(query.Cursor, out var after);
        var take = query.Limit ?? 20;
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<AssetRow>(new CommandDefinition(AssetSql.List, new
        {
            query.Type,
            query.MissingAlt,
            query.Unused,
            Q = string.IsNullOrWhiteSpace(query.Q) ? null : "%" + query.Q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%",
            AfterAt = after is null ? (DateTime?)null : DateTime.Parse(after.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            AfterId = after?.Id,
            Take = take + 1,
        }, cancellationToken: ct))).AsList();
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            next = new ListCursor("assets", rows[^1].CreatedAt.ToString("O", CultureInfo.InvariantCulture), rows[^1].Id).Encode();
        }

        return new AssetPage(rows.Select(r => r.ToView()).ToList(), next);
    }
}

/// <summary>An upload that passed every check.</summary>
public sealed record NewAsset(Guid Id, byte[] Sha256, string Filename, SniffedMedia Media, ImageHeader? Header, byte[] Content, AssetMetadataInput Metadata);
