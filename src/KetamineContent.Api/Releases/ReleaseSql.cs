namespace KetamineContent.Api.Releases;

/// <summary>SQL of releases. Every value is a parameter.</summary>
public static class ReleaseSql
{
    private const string Columns = """
        id AS Id, title AS Title, notes AS Notes, state AS State, version AS Version, publish_at AS PublishAt, published_at AS PublishedAt,
        reverted_at AS RevertedAt, outcome AS Outcome, scheduled_key_id AS ScheduledKeyId, scheduled_actor AS ScheduledActor,
        created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public const string Insert = """
        INSERT INTO release (id, title, notes, created_by) VALUES (@Id, @Title, @Notes, @CreatedBy)
        RETURNING
        """ + " " + Columns;

    public const string Get = "SELECT " + Columns + " FROM release WHERE id = @Id";

    public const string Lock = "SELECT " + Columns + " FROM release WHERE id = @Id FOR UPDATE";

    /// <summary>Items in article id order: the order every release command locks the articles in.</summary>
    public const string Items = """
        SELECT i.article_id AS ArticleId, a.slug AS Slug, a.locale AS Locale, i.revision AS Revision, i.previous_revision AS PreviousRevision,
               i.applied AS Applied, i.added_at AS AddedAt
        FROM release_item i JOIN article a ON a.id = i.article_id
        WHERE i.release_id = @Id
        ORDER BY i.article_id
        """;

    public const string List = """
        SELECT r.id AS Id, r.title AS Title, r.state AS State, r.publish_at AS PublishAt, r.published_at AS PublishedAt, r.updated_at AS UpdatedAt,
               (SELECT count(*)::int FROM release_item i WHERE i.release_id = r.id) AS ItemCount
        FROM release r
        WHERE (@State::text IS NULL OR r.state = @State)
        ORDER BY r.updated_at DESC, r.id DESC
        LIMIT @Take
        """;

    public const string ItemCount = "SELECT count(*)::int FROM release_item WHERE release_id = @Id";

    public const string RevisionExists = "SELECT EXISTS (SELECT 1 FROM revision WHERE article_id = @ArticleId AND number = @Revision)";

    public const string UpsertItem = """
        INSERT INTO release_item (release_id, article_id, revision) VALUES (@Id, @ArticleId, @Revision)
        ON CONFLICT (release_id, article_id) DO UPDATE SET revision = excluded.revision, added_at = now()
        """;

    public const string DeleteItem = "DELETE FROM release_item WHERE release_id = @Id AND article_id = @ArticleId";

    public const string Touch = "UPDATE release SET version = version + 1, updated_at = now() WHERE id = @Id";

    public const string MarkApplied = "UPDATE release_item SET applied = true, previous_revision = @PreviousRevision WHERE release_id = @Id AND article_id = @ArticleId";

    public const string SetPublished = """
        UPDATE release SET state = 'published', publish_at = NULL, published_at = now(), outcome = NULL, version = version + 1, updated_at = now()
        WHERE id = @Id
        """;

    public const string SetScheduled = """
        UPDATE release SET state = 'scheduled', publish_at = @At, scheduled_key_id = @KeyId, scheduled_actor = @Actor, outcome = NULL,
               version = version + 1, updated_at = now()
        WHERE id = @Id
        """;

    public const string SetFailed = """
        UPDATE release SET state = 'open', publish_at = NULL, outcome = @Outcome, version = version + 1, updated_at = now() WHERE id = @Id
        """;

    public const string SetReverted = """
        UPDATE release SET state = 'reverted', reverted_at = now(), version = version + 1, updated_at = now() WHERE id = @Id
        """;

    /// <summary>A due scheduled release no other node holds (SKIP LOCKED): the release row first, then its articles, as every release command.</summary>
    public const string Due = """
        SELECT id FROM release WHERE state = 'scheduled' AND publish_at <= now()
        ORDER BY publish_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
        """;

    public const string Audit =
        "INSERT INTO audit_log (" + Writes.ChangeLog.AuditActorColumns + ", action, release_id, detail) VALUES (" + Writes.ChangeLog.AuditActorValues + ", @Action, @ReleaseId, @Detail::jsonb)";

    /// <summary>The release's event and its deliveries (the outbox), with every item.</summary>
    public const string Enqueue = """
        WITH e AS (
            INSERT INTO outbox_event (type, release_id, payload)
            SELECT @Type, r.id, jsonb_build_object(
                'type', @Type,
                'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'data', jsonb_build_object(
                    'releaseId', r.id, 'title', r.title,
                    'items', (SELECT coalesce(jsonb_agg(jsonb_build_object('articleId', a.id, 'slug', a.slug, 'locale', a.locale,
                                  'revision', CASE WHEN @Type = 'release.reverted' THEN i.previous_revision ELSE i.revision END) ORDER BY a.id), '[]'::jsonb)
                              FROM release_item i JOIN article a ON a.id = i.article_id WHERE i.release_id = r.id),
                    'links', jsonb_build_object('manage', '/v1/manage/releases/' || r.id)))
            FROM release r WHERE r.id = @Id
            RETURNING id, type)
        INSERT INTO webhook_delivery (subscription_id, event_id, message_id, event_type)
        SELECT s.id, e.id, 'msg_' || e.id, e.type
        FROM e JOIN webhook_subscription s ON s.active AND e.type = ANY (s.events)
        """;
}
