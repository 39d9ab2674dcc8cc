using System.Text.Json;
using KetamineContent.Api.Access;
using Npgsql;

namespace KetamineContent.Api.Writes;

/// <summary>
/// What every change writes in its own transaction: the audit row, the webhook event and its deliveries (the
/// outbox) and, when readers are affected, a notification that commits with it (caches on every node drop the article),
/// the keys the edge in front purges and, last, the sync feed's change (one rule: whatever readers can see changed reaches offline apps too).
/// </summary>
public static class ChangeLog
{
    public const string Channel = "content_changed";

    /// <summary>The columns naming who acted (a key, a person or the system), and their parameters from an <see cref="Actor"/>: every audit insert starts with them.</summary>
    public const string AuditActorColumns = "key_id, person_issuer, person_subject, person_email, actor, role";

    public const string AuditActorValues = "@KeyId, @PersonIssuer, @PersonSubject, @PersonEmail, @Actor, @Role";

    private const string InsertAudit =
        "INSERT INTO audit_log (" + AuditActorColumns + ", action, article_id, revision, detail) VALUES (" + AuditActorValues + ", @Action, @ArticleId, @Revision, @Detail::jsonb)";

    /// <summary>
    /// The payload is the article's id and a slug ("id slug"), one for each slug of its translation group (a translation
    /// linked with translationOf may have another slug): caches drop the article and every locale asked for by those slugs.
    /// </summary>
    private const string Notify =
        "SELECT pg_notify('" + Channel + "', @NotifyArticleId::text || coalesce(' ' || s.slug, '')) FROM (SELECT 1) one " +
        "LEFT JOIN (SELECT DISTINCT t.slug FROM article a JOIN article t ON t.translation_group_id = a.translation_group_id WHERE a.id = @NotifyArticleId) s ON true";

    /// <summary>Reads a payload of <see cref="Notify"/> (an id alone is accepted too).</summary>
    public static bool TryParse(string payload, out Guid articleId, out string? slug)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        slug = space < 0 ? null : payload[(space + 1)..];
        return Guid.TryParse(space < 0 ? payload : payload[..space], out articleId);
    }

    public static Task RecordAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, string action, Guid? articleId, int? revision,
        object? detail, bool readersAffected, CancellationToken ct, bool withReason = false, FeedNote? feed = null) =>
        Add(new StatementBatch(), actor, action, articleId, revision, detail, readersAffected, withReason, feed).ExecuteAsync(c, tx, ct);

    /// <summary>The audit row, the outbox event and its deliveries, and (readers affected) the sync change with the caches' notification, added to the command's batch.</summary>
    public static StatementBatch Add(
        StatementBatch batch, Actor actor, string action, Guid? articleId, int? revision, object? detail, bool readersAffected,
        bool withReason = false, FeedNote? feed = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(actor);
        batch.Add(InsertAudit, new
        {
            actor.KeyId,
            actor.PersonIssuer,
            actor.PersonSubject,
            actor.PersonEmail,
            Actor = actor.Name,
            actor.Role,
            Action = action,
            ArticleId = articleId,
            Revision = revision,
            Detail = JsonSerializer.Serialize(detail ?? new { }, Http.Instants.StoredJson),
        });
        if (articleId is Guid article && Webhooks.WebhookEvents.For(action, withReason) is { } webhookEvent)
        {
            Webhooks.WebhookEvents.Add(batch, webhookEvent, article, revision);
        }

        if (readersAffected && articleId is Guid id)
        {
            ReadersAffected(batch, id, feed);
        }

        return batch;
    }

    /// <summary>
    /// What readers see of this article changed: every node's cache drops it at commit, the edge's outbox gets the keys to
    /// purge, and the sync feed numbers the change. The one place every reader-visible article change passes through.
    /// </summary>
    public static Task ReadersAffectedAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid articleId, FeedNote? feed, CancellationToken ct) =>
        ReadersAffected(new StatementBatch(), articleId, feed).ExecuteAsync(c, tx, ct);

    /// <summary>The notification returns rows (one per slug): a batch holding it ends with <see cref="StatementBatch.ExecuteAsync"/>.</summary>
    private static StatementBatch ReadersAffected(StatementBatch batch, Guid articleId, FeedNote? feed) =>
        Edge.EdgePurges.Article(batch.Add(Notify, new { NotifyArticleId = articleId }), articleId)
            .Add(Sync.SyncSql.RecordChange, new { Id = articleId, feed?.PreviousTopic, feed?.Reason, feed?.ReplacementSlug });
}

/// <summary>What the sync feed's change needs besides the article: the topic it had, and why it was withdrawn.</summary>
public sealed record FeedNote(string? PreviousTopic, string? Reason, string? ReplacementSlug);
