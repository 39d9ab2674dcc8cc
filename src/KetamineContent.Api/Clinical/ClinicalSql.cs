namespace KetamineContent.Api.Clinical;

/// <summary>SQL of topic codes and an article's clinical declarations. Every value is a parameter.</summary>
public static class ClinicalSql
{
    private const string CodesOf = "coalesce(json_agg(json_build_object('system', k.system, 'code', k.code, 'display', k.display) ORDER BY k.position), '[]')";

    /// <summary>The codes of topic t, as JSON (a column of the topic reads).</summary>
    public const string TopicCodesColumn = "(SELECT " + CodesOf + " FROM topic_code k WHERE k.topic = t.slug)::text AS CodesJson";

    /// <summary>Article a's codes, funding and conflicts of interest (columns of every article read; not revisioned).</summary>
    public const string ArticleColumns = ArticleCodesColumn + ",\n" + """
        (SELECT m.funding FROM article_clinical m WHERE m.article_id = a.id) AS Funding,
        (SELECT m.conflicts_of_interest FROM article_clinical m WHERE m.article_id = a.id) AS ConflictsOfInterest
        """;

    private const string TopicColumns = "t.slug AS Slug, t.name AS Name, t.codes_version AS Version, " + TopicCodesColumn;

    public const string Topic = "SELECT " + TopicColumns + " FROM topic t WHERE t.slug = @Slug";

    public const string LockTopic = "SELECT " + TopicColumns + " FROM topic t WHERE t.slug = @Slug FOR UPDATE";

    public const string DeleteTopicCodes = "DELETE FROM topic_code WHERE topic = @Slug";

    public const string InsertTopicCodes = """
        INSERT INTO topic_code (topic, system, code, display, position)
        SELECT @Slug, c.system, c.code, c.display, c.n FROM unnest(@Systems::text[], @Codes::text[], @Displays::text[]) WITH ORDINALITY AS c(system, code, display, n)
        """;

    public const string BumpTopic = "UPDATE topic SET codes_version = codes_version + 1 WHERE slug = @Slug AND codes_version = @Version";

    /// <summary>
    /// A topic's codes changed: what shows them is every article of the topic (JSON-LD) and the topic list. Caches on
    /// every node drop everything (a payload that names no article), and the edge purges those articles and the collections.
    /// </summary>
    public const string TopicReadersAffected = """
        SELECT pg_notify('content_changed', 'topic:' || @Slug);
        INSERT INTO edge_purge (keys)
        SELECT ARRAY['articles'] || ARRAY(SELECT 'article-' || replace(a.id::text, '-', '') FROM article a WHERE a.topic = @Slug ORDER BY 1);
        """;

    public const string TopicAudit = """
        INSERT INTO audit_log (key_id, actor, role, action, detail)
        VALUES (@KeyId, @Actor, @Role, 'topic.codes_updated', @Detail::jsonb)
        """;

    private const string ArticleClinicalColumns = """
        a.id AS ArticleId, a.status AS Status, coalesce(m.version, 0) AS Version, m.funding AS Funding, m.conflicts_of_interest AS ConflictsOfInterest,
        """ + "\n" + ArticleCodesColumn;

    private const string ArticleCodesColumn = "(SELECT " + CodesOf + " FROM article_code k WHERE k.article_id = a.id)::text AS CodesJson";

    public const string ArticleClinical = "SELECT " + ArticleClinicalColumns + " FROM article a LEFT JOIN article_clinical m ON m.article_id = a.id WHERE a.id = @Id";

    public const string LockArticleClinical = ArticleClinical + " FOR UPDATE OF a";

    public const string UpsertArticleClinical = """
        INSERT INTO article_clinical (article_id, version, funding, conflicts_of_interest) VALUES (@Id, 1, @Funding, @ConflictsOfInterest)
        ON CONFLICT (article_id) DO UPDATE SET version = article_clinical.version + 1, funding = excluded.funding,
            conflicts_of_interest = excluded.conflicts_of_interest, updated_at = now()
        WHERE article_clinical.version = @Version
        """;

    public const string DeleteArticleCodes = "DELETE FROM article_code WHERE article_id = @Id";

    public const string InsertArticleCodes = """
        INSERT INTO article_code (article_id, system, code, display, position)
        SELECT @Id, c.system, c.code, c.display, c.n FROM unnest(@Systems::text[], @Codes::text[], @Displays::text[]) WITH ORDINALITY AS c(system, code, display, n)
        """;
}
