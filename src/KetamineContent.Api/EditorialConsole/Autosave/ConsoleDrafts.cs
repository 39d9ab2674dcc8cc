using System.Text.Json;
using Dapper;
using Npgsql;

namespace KetamineContent.Api.EditorialConsole.Autosave;

/// <summary>An autosaved working copy: the editor form as it was, the revision it started from, and when.</summary>
public sealed record ConsoleDraft(EditorForm Form, int BaseRevision, DateTimeOffset SavedAt);

/// <summary>
/// The editor's working copy, saved as it is typed (server-side, per editor and article, not a revision): offered back
/// when the editor returns to the article, deleted when the editor saves a revision or discards it.
/// </summary>
public sealed class ConsoleDrafts(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Saves the copy; null when the article does not exist (nothing written).</summary>
    public async Task<DateTimeOffset?> SaveAsync(Guid keyId, Guid? articleId, EditorForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Op = null;
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var at = await c.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(AutosaveSql.Upsert,
            new { KeyId = keyId, ArticleId = articleId, form.BaseRevision, Form = JsonSerializer.Serialize(form, Json) }, cancellationToken: ct));
        return at is { } saved ? Delivery.DeliveryMapping.Utc(saved) : null;
    }

    public async Task<ConsoleDraft?> FindAsync(Guid keyId, Guid? articleId, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(AutosaveSql.Find, new { KeyId = keyId, ArticleId = articleId }, cancellationToken: ct));
        return row is null || JsonSerializer.Deserialize<EditorForm>(row.Form, Json) is not { } form
            ? null
            : new ConsoleDraft(form.Normalize(), row.BaseRevision, Delivery.DeliveryMapping.Utc(row.SavedAt));
    }

    public async Task DiscardAsync(Guid keyId, Guid? articleId, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(AutosaveSql.Delete, new { KeyId = keyId, ArticleId = articleId }, cancellationToken: ct));
    }

    private sealed class Row
    {
        public int BaseRevision { get; init; }
        public string Form { get; init; } = "";
        public DateTime SavedAt { get; init; }
    }
}
