using System.Text.Json;
using Dapper;
using KetamineContent.Api.Access;
using Npgsql;

namespace KetamineContent.Api.EditorialConsole.Autosave;

/// <summary>An autosaved working copy: the editor form as it was, the revision it started from, and when.</summary>
public sealed record ConsoleDraft(EditorForm Form, int BaseRevision, DateTimeOffset SavedAt);

/// <summary>
/// The editor's working copy, saved as it is typed (server-side, per editor and article, not a revision): offered back
/// when the editor returns to the article, deleted when the editor saves a revision or discards it. The editor is the
/// console session's key or person (issuer + subject).
/// </summary>
public sealed class ConsoleDrafts(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Whether this editor can keep working copies: a key's or a person's session (not the system).</summary>
    public static bool CanKeep(Actor editor) => editor is { KeyId: not null } or { Person: not null };

    /// <summary>Saves the copy; null when the article does not exist (nothing written).</summary>
    public async Task<DateTimeOffset?> SaveAsync(Actor editor, Guid? articleId, EditorForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(form);
        form.Op = null;
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var at = await c.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(editor.KeyId is null ? AutosaveSql.UpsertPerson : AutosaveSql.Upsert,
            new { editor.KeyId, editor.PersonIssuer, editor.PersonSubject, ArticleId = articleId, form.BaseRevision, Form = JsonSerializer.Serialize(form, Json) }, cancellationToken: ct));
        return at is { } saved ? Delivery.DeliveryMapping.Utc(saved) : null;
    }

    public async Task<ConsoleDraft?> FindAsync(Actor editor, Guid? articleId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(editor);
        if (!CanKeep(editor))
        {
            return null;
        }

        await using var c = await dataSource.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(editor.KeyId is null ? AutosaveSql.FindPerson : AutosaveSql.Find,
            Owner(editor, articleId), cancellationToken: ct));
        return row is null || JsonSerializer.Deserialize<EditorForm>(row.Form, Json) is not { } form
            ? null
            : new ConsoleDraft(form.Normalize(), row.BaseRevision, Delivery.DeliveryMapping.Utc(row.SavedAt));
    }

    public async Task DiscardAsync(Actor editor, Guid? articleId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(editor);
        if (!CanKeep(editor))
        {
            return;
        }

        await using var c = await dataSource.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(editor.KeyId is null ? AutosaveSql.DeletePerson : AutosaveSql.Delete, Owner(editor, articleId), cancellationToken: ct));
    }

    private static object Owner(Actor editor, Guid? articleId) => new { editor.KeyId, editor.PersonIssuer, editor.PersonSubject, ArticleId = articleId };

    private sealed class Row
    {
        public int BaseRevision { get; init; }
        public string Form { get; init; } = "";
        public DateTime SavedAt { get; init; }
    }
}
