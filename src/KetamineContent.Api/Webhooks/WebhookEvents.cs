using Npgsql;

namespace KetamineContent.Api.Webhooks;

/// <summary>The outbox: an event and its deliveries to every active subscription, inside the change's own transaction.</summary>
public static class WebhookEvents
{
    public static readonly IReadOnlyList<string> Types =
        ["article.published", "article.unpublished", "article.withdrawn", "article.archived", "article.publish_failed", "revision.created", "review.signed", "review.due", "review.overdue",
         "asset.created", "asset.updated", "asset.deleted",
         "release.published", "release.reverted", "comment.created", "task.created", "task.resolved", "feedback.created"];

    private static readonly System.Text.Json.JsonSerializerOptions ExtraJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private const string Enqueue = """
        WITH e AS (
            INSERT INTO outbox_event (type, article_id, payload)
            SELECT @Type, a.id, jsonb_build_object(
                'type', @Type,
                'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'data', jsonb_build_object(
                    'articleId', a.id, 'slug', a.slug, 'locale', a.locale, 'revision', @Revision,
                    'links', jsonb_build_object('article', '/v1/articles/' || a.slug, 'manage', '/v1/manage/articles/' || a.id)) || @Extra::jsonb)
            FROM article a WHERE a.id = @ArticleId
            RETURNING id, type)
        INSERT INTO webhook_delivery (subscription_id, event_id, message_id, event_type)
        SELECT s.id, e.id, 'msg_' || e.id, e.type
        FROM e JOIN webhook_subscription s ON s.active AND e.type = ANY (s.events)
        """;

    /// <summary>The webhook event an audited action raises, if any (a withdrawal with a reason is article.withdrawn).</summary>
    public static string? For(string action, bool withReason) => action switch
    {
        "article.published" => "article.published",
        "article.unpublished" => withReason ? "article.withdrawn" : "article.unpublished",
        "article.archived" => withReason ? "article.withdrawn" : "article.archived",
        "revision.created" or "revision.restored" => "revision.created",
        "review.signed" => "review.signed",
        "review.due" => "review.due",
        "review.overdue" => "review.overdue",
        _ => null,
    };

    /// <summary>Enqueues an article's event; <paramref name="extra"/> adds members to its data (a task's id, a comment's id ...).</summary>
    public static Task EnqueueAsync(NpgsqlConnection c, NpgsqlTransaction tx, string type, Guid articleId, int? revision, CancellationToken ct, object? extra = null) =>
        Add(new Writes.StatementBatch(), type, articleId, revision, extra).ExecuteAsync(c, tx, ct);

    /// <summary>The event and its deliveries as a statement of the command's batch.</summary>
    public static Writes.StatementBatch Add(Writes.StatementBatch batch, string type, Guid articleId, int? revision, object? extra = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Add(Enqueue, new { Type = type, ArticleId = articleId, Revision = revision, Extra = System.Text.Json.JsonSerializer.Serialize(extra ?? new { }, ExtraJson) });
    }
}
