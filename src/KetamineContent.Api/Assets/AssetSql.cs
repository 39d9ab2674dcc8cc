namespace KetamineContent.Api.Assets;

/// <summary>The SQL of the media library.</summary>
public static class AssetSql
{
    public const string Columns = """
        a.id AS Id, a.filename AS Filename, a.content_type AS ContentType, a.bytes AS Bytes, a.width AS Width, a.height AS Height,
        a.alt AS Alt, a.decorative AS Decorative, a.caption AS Caption, a.credit AS Credit, a.license AS License,
        a.focal_x AS FocalX, a.focal_y AS FocalY, a.sha256 AS Sha256, a.version AS Version, a.created_at AS CreatedAt, a.updated_at AS UpdatedAt
        """;

    /// <summary>Stored once per SHA-256: a second upload of the same bytes only names the existing blob.</summary>
    public const string InsertBlob = """
        INSERT INTO asset_blob (sha256, bytes, content) VALUES (@Sha256, @Bytes, @Content)
        ON CONFLICT (sha256) DO NOTHING
        """;

    public const string Insert = """
        INSERT INTO asset AS a (id, sha256, filename, content_type, bytes, width, height, alt, decorative, caption, credit, license, focal_x, focal_y)
        VALUES (@Id, @Sha256, @Filename, @ContentType, @Bytes, @Width, @Height, @Alt, @Decorative, @Caption, @Credit, @License, @FocalX, @FocalY)
        RETURNING
        """ + "\n" + Columns;

    public const string Get = "SELECT " + Columns + " FROM asset a WHERE a.id = @Id";

    public const string Lock = "SELECT " + Columns + " FROM asset a WHERE a.id = @Id FOR UPDATE";

    /// <summary>The asset, whether a published revision uses it, and whether a revision a previewer may open uses it.</summary>
    public const string WithPublic = "SELECT " + Columns + ", " + UsedByPublished + " AS Public, " + UsedByPreviewable + " AS Previewable FROM asset a WHERE a.id = @Id";

    public const string Content = "SELECT content FROM asset_blob WHERE sha256 = @Sha256";

    public const string UsedByPublished = """
        EXISTS (SELECT 1 FROM revision_asset ra JOIN article p ON p.id = ra.article_id AND p.status = 'published' AND ra.revision_number = p.published_revision
                WHERE ra.asset_id = a.id)
        """;

    /// <summary>A revision of an article that is not archived uses the asset: a previewer key may open it (any revision, by ?revision=).</summary>
    public const string UsedByPreviewable = """
        EXISTS (SELECT 1 FROM revision_asset ra JOIN article p ON p.id = ra.article_id AND p.status <> 'archived' WHERE ra.asset_id = a.id)
        """;

    /// <summary>Articles whose latest or published revision uses the asset.</summary>
    public const string Usage = """
        SELECT p.id AS ArticleId, p.slug AS Slug, p.locale AS Locale, p.status AS Status,
               bool_or(ra.revision_number = p.latest_revision) AS InLatest,
               bool_or(ra.revision_number = p.published_revision AND p.status = 'published') AS InPublished
        FROM revision_asset ra JOIN article p ON p.id = ra.article_id
        WHERE ra.asset_id = @Id AND (ra.revision_number = p.latest_revision OR (ra.revision_number = p.published_revision AND p.status = 'published'))
        GROUP BY p.id, p.slug, p.locale, p.status
        ORDER BY p.slug, p.locale
        """;

    /// <summary>Keyset page, newest first, with the filters of GET /v1/manage/assets.</summary>
    public const string List = "SELECT " + Columns + """
         FROM asset a
        WHERE (@Type::text IS NULL OR (@Type = 'image' AND a.content_type LIKE 'image/%') OR (@Type = 'document' AND a.content_type NOT LIKE 'image/%'))
          AND (@MissingAlt::boolean IS NOT TRUE OR (a.alt = '' AND a.content_type LIKE 'image/%'))
          AND (@Unused::boolean IS NOT TRUE OR NOT EXISTS (
                SELECT 1 FROM revision_asset ra JOIN article p ON p.id = ra.article_id
                WHERE ra.asset_id = a.id AND (ra.revision_number = p.latest_revision OR ra.revision_number = p.published_revision)))
          AND (@Q::text IS NULL OR a.filename ILIKE @Q OR a.alt ILIKE @Q OR coalesce(a.caption, '') ILIKE @Q)
          AND (@AfterAt::timestamptz IS NULL OR (a.created_at, a.id) < (@AfterAt, @AfterId))
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT @Take
        """;

    public const string Update = """
        UPDATE asset a SET alt = @Alt, decorative = @Decorative, caption = @Caption, credit = @Credit, license = @License,
               focal_x = @FocalX, focal_y = @FocalY, version = version + 1, updated_at = now()
        WHERE a.id = @Id AND a.version = @Version
        RETURNING
        """ + "\n" + Columns;

    public const string Delete = "DELETE FROM asset WHERE id = @Id";

    /// <summary>A blob no asset names any more goes with its last asset.</summary>
    public const string DeleteOrphanBlob = "DELETE FROM asset_blob b WHERE b.sha256 = @Sha256 AND NOT EXISTS (SELECT 1 FROM asset WHERE sha256 = @Sha256)";

    /// <summary>Which of these ids exist, with what the publish check needs.</summary>
    public const string Existing = "SELECT " + Columns + " FROM asset a WHERE a.id = ANY(@Ids)";

    public const string SectionBodies = "SELECT kind, body FROM section WHERE article_id = @Id AND revision_number = @Number ORDER BY position";

    public const string InsertRevisionAssets = """
        INSERT INTO revision_asset (article_id, revision_number, asset_id) SELECT @ArticleId, @Number, unnest(@Ids) ON CONFLICT DO NOTHING
        """;

    /// <summary>The asset ids a revision's sections refer to.</summary>
    public const string RevisionAssetIds = "SELECT asset_id FROM revision_asset WHERE article_id = @Id AND revision_number = @Number";

    /// <summary>Articles whose published revision uses the asset: their cached representations carry its metadata.</summary>
    public const string PublishedUsers = """
        SELECT ra.article_id FROM revision_asset ra JOIN article p ON p.id = ra.article_id AND ra.revision_number = p.published_revision AND p.status = 'published'
        WHERE ra.asset_id = @Id
        """;

    public const string Audit =
        "INSERT INTO audit_log (" + Writes.ChangeLog.AuditActorColumns + ", action, asset_id, detail) VALUES (" + Writes.ChangeLog.AuditActorValues + ", @Action, @AssetId, @Detail::jsonb)";

    public const string Enqueue = """
        WITH e AS (
            INSERT INTO outbox_event (type, asset_id, payload)
            VALUES (@Type, @AssetId, jsonb_build_object(
                'type', @Type,
                'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'data', jsonb_build_object('assetId', @AssetId, 'filename', @Filename::text,
                                           'links', jsonb_build_object('manage', '/v1/manage/assets/' || @AssetId::text))))
            RETURNING id, type)
        INSERT INTO webhook_delivery (subscription_id, event_id, message_id, event_type)
        SELECT s.id, e.id, 'msg_' || e.id, e.type
        FROM e JOIN webhook_subscription s ON s.active AND e.type = ANY (s.events)
        """;

    public const string Notify = "SELECT pg_notify('" + Writes.ChangeLog.Channel + "', @Id::text)";
}
