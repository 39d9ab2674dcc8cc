namespace KetamineContent.Api.Edge;

public static class EdgeSql
{
    /// <summary>
    /// What a change to one article purges: its documents, the collections, every slug of its translation group (a
    /// translation's fallback, and a 404 or 410 answered for any of them) and the assets any of its revisions uses (a
    /// file is public while a published revision uses it). Written in the change's own transaction.
    /// </summary>
    public const string PurgeArticle = """
        INSERT INTO edge_purge (keys)
        SELECT ARRAY['article-' || replace(@NotifyArticleId::text, '-', ''), 'articles']
               || ARRAY(SELECT DISTINCT 'slug-' || t.slug FROM article a JOIN article t ON t.translation_group_id = a.translation_group_id
                        WHERE a.id = @NotifyArticleId ORDER BY 1)
               || ARRAY(SELECT DISTINCT 'asset-' || replace(ra.asset_id::text, '-', '') FROM revision_asset ra
                        WHERE ra.article_id = @NotifyArticleId ORDER BY 1)
        """;

    /// <summary>An asset becoming public, private, replaced or deleted: its original and renditions.</summary>
    public const string PurgeAsset = "INSERT INTO edge_purge (keys) VALUES (ARRAY['asset-' || replace(@Id::text, '-', '')])";

    /// <summary>The destinations (of those configured) that have purges they have not acknowledged.</summary>
    public const string Waiting = """
        SELECT d FROM unnest(@Names::text[]) AS d
        WHERE EXISTS (SELECT 1 FROM edge_purge p WHERE NOT EXISTS (SELECT 1 FROM edge_purge_ack a WHERE a.destination = d AND a.purge_id = p.id))
        """;

    public const string EnsureDestination = "INSERT INTO edge_destination (name) VALUES (@Name) ON CONFLICT DO NOTHING";

    /// <summary>Leases a destination that is due (not backing off, not held by another node); no row when it is not.</summary>
    public const string Claim = """
        UPDATE edge_destination SET next_attempt_at = now() + make_interval(secs => @Lease)
        WHERE name = @Name AND next_attempt_at <= now()
        RETURNING attempts
        """;

    /// <summary>The oldest purges this destination has not acknowledged.</summary>
    public const string Pending = """
        SELECT p.id AS Id, p.keys AS Keys, p.created_at AS CreatedAt FROM edge_purge p
        WHERE NOT EXISTS (SELECT 1 FROM edge_purge_ack a WHERE a.destination = @Name AND a.purge_id = p.id)
        ORDER BY p.id LIMIT @Take
        """;

    /// <summary>
    /// The destination took these purges: acknowledged, due again at once (more may wait). Returns, for each purge newly
    /// acknowledged, the seconds from its commit to now.
    /// </summary>
    public const string Acknowledge = """
        WITH acked AS (INSERT INTO edge_purge_ack (purge_id, destination) SELECT unnest(@Ids::bigint[]), @Name ON CONFLICT DO NOTHING RETURNING purge_id),
             destination AS (UPDATE edge_destination SET attempts = 0, next_attempt_at = now(), last_error = NULL, last_acked_at = now() WHERE name = @Name)
        SELECT extract(epoch FROM clock_timestamp() - p.created_at)::float8 FROM edge_purge p JOIN acked ON acked.purge_id = p.id
        """;

    public const string Failed = """
        UPDATE edge_destination SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => @Delay), last_error = @Error
        WHERE name = @Name
        """;

    /// <summary>Shutting down mid-send: the destination is handed back, due now, for another node or this one after its restart.</summary>
    public const string Release = "UPDATE edge_destination SET next_attempt_at = now() WHERE name = @Name";

    /// <summary>Purges every configured destination has acknowledged are done (with none configured, every purge is).</summary>
    public const string Prune = """
        DELETE FROM edge_purge p
        WHERE (SELECT count(*) FROM edge_purge_ack a WHERE a.purge_id = p.id AND a.destination = ANY (@Names::text[])) >= cardinality(@Names::text[])
        """;

    // A node with no destination of its own (Cdn:Provider=none) prunes only while no node has ever sent anywhere: beside
    // nodes that purge an edge, the purges they have not yet delivered are theirs to keep.
    public const string PruneWithoutDestinations = """
        DELETE FROM edge_purge WHERE NOT EXISTS (SELECT 1 FROM edge_destination)
        """;
}
