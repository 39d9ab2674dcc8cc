-- /v1/topics counts the published articles of each topic without counting them on every read: counting grew with the
-- number of articles, and every publish drops the cached list, so in the soak the count ran after each publish and
-- its cost grew minute by minute. The count per (topic, locale) follows every statement that changes the article
-- table (statement triggers with transition tables: one upsert per statement, also for a restore or a generated load).
CREATE TABLE topic_count (
    topic     text NOT NULL,
    locale    text NOT NULL,
    published int  NOT NULL, -- no CHECK (>= 0): an upsert checks the row it would insert (a decrement) before it finds the conflict
    PRIMARY KEY (topic, locale)
);

INSERT INTO topic_count (topic, locale, published)
SELECT topic, locale, count(*) FROM article WHERE status = 'published' GROUP BY topic, locale;

-- Adds the net changes of one statement. Lock order: every write that changes what readers see takes the sync feed's
-- number (sync_state) before it commits; taking it here first means a transaction holding a count row always holds
-- sync_state already, so two writers can never wait for each other's count rows.
CREATE FUNCTION topic_count_add(p_topic text[], p_locale text[], p_delta int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM sync_state WHERE id = 1 FOR UPDATE;
    INSERT INTO topic_count AS c (topic, locale, published)
    SELECT d.topic, d.locale, d.delta FROM unnest(p_topic, p_locale, p_delta) AS d(topic, locale, delta)
    ORDER BY d.topic, d.locale
    ON CONFLICT (topic, locale) DO UPDATE SET published = c.published + excluded.published;
END $$;

CREATE FUNCTION topic_count_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    topics  text[];
    locales text[];
    deltas  int[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(topic ORDER BY topic, locale), array_agg(locale ORDER BY topic, locale), array_agg(n ORDER BY topic, locale)
        INTO topics, locales, deltas
        FROM (SELECT topic, locale, count(*)::int AS n FROM new_rows WHERE status = 'published' GROUP BY topic, locale) d;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(topic ORDER BY topic, locale), array_agg(locale ORDER BY topic, locale), array_agg(n ORDER BY topic, locale)
        INTO topics, locales, deltas
        FROM (SELECT topic, locale, -count(*)::int AS n FROM old_rows WHERE status = 'published' GROUP BY topic, locale) d;
    ELSE
        SELECT array_agg(topic ORDER BY topic, locale), array_agg(locale ORDER BY topic, locale), array_agg(n ORDER BY topic, locale)
        INTO topics, locales, deltas
        FROM (SELECT topic, locale, sum(n)::int AS n
              FROM (SELECT topic, locale, -1 AS n FROM old_rows WHERE status = 'published'
                    UNION ALL
                    SELECT topic, locale, 1 FROM new_rows WHERE status = 'published') u
              GROUP BY topic, locale HAVING sum(n) <> 0) d;
    END IF;

    IF topics IS NOT NULL THEN
        PERFORM topic_count_add(topics, locales, deltas);
    END IF;

    RETURN NULL;
END $$;

CREATE TRIGGER article_topic_count_insert AFTER INSERT ON article
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_count_follow();
CREATE TRIGGER article_topic_count_update AFTER UPDATE ON article
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_count_follow();
CREATE TRIGGER article_topic_count_delete AFTER DELETE ON article
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_count_follow();
