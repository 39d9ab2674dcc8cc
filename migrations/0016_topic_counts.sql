-- /v1/topics counts the published articles of each topic without counting them on every read: counting grew with the
-- number of articles, and every publish drops the cached list, so in the soak the count ran after each publish and
-- its cost grew minute by minute. The count per (topic, locale) follows every statement that changes the article
-- table (statement triggers with transition tables: one row of changes per statement and topic, also for a restore or a
-- generated load).
CREATE TABLE topic_count (
    topic     text NOT NULL,
    locale    text NOT NULL,
    published int  NOT NULL, -- no CHECK (>= 0): an upsert checks the row it would insert (a decrement) before it finds the conflict
    PRIMARY KEY (topic, locale)
);

INSERT INTO topic_count (topic, locale, published)
SELECT topic, locale, count(*) FROM article WHERE status = 'published' GROUP BY topic, locale;

-- The net changes of each statement wait in topic_count_pending (plain inserts: no row is shared, no one waits) and are
-- added to topic_count when the transaction commits (a deferred trigger). Lock order: every write that changes what
-- readers see takes the sync feed's number (sync_state) before it commits, so at commit it holds it already; taking it
-- here first too means a transaction holding a count row always holds sync_state, and two writers never wait for each
-- other's count rows.
CREATE TABLE topic_count_pending (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic  text NOT NULL,
    locale text NOT NULL,
    delta  int  NOT NULL
);

CREATE FUNCTION topic_count_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO topic_count_pending (topic, locale, delta)
        SELECT topic, locale, count(*) FROM new_rows WHERE status = 'published' GROUP BY topic, locale;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO topic_count_pending (topic, locale, delta)
        SELECT topic, locale, -count(*) FROM old_rows WHERE status = 'published' GROUP BY topic, locale;
    ELSE
        INSERT INTO topic_count_pending (topic, locale, delta)
        SELECT topic, locale, sum(n)
        FROM (SELECT topic, locale, -1 AS n FROM old_rows WHERE status = 'published'
              UNION ALL
              SELECT topic, locale, 1 FROM new_rows WHERE status = 'published') u
        GROUP BY topic, locale HAVING sum(n) <> 0;
    END IF;

    RETURN NULL;
END $$;

CREATE FUNCTION topic_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM sync_state WHERE id = 1 FOR UPDATE;
    INSERT INTO topic_count AS c (topic, locale, published) VALUES (NEW.topic, NEW.locale, NEW.delta)
    ON CONFLICT (topic, locale) DO UPDATE SET published = c.published + excluded.published;
    DELETE FROM topic_count_pending WHERE id = NEW.id;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER topic_count_pending_apply AFTER INSERT ON topic_count_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION topic_count_apply();

CREATE TRIGGER article_topic_count_insert AFTER INSERT ON article
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_count_follow();
CREATE TRIGGER article_topic_count_update AFTER UPDATE ON article
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_count_follow();
CREATE TRIGGER article_topic_count_delete AFTER DELETE ON article
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_count_follow();

-- Also when a bulk load runs with session_replication_role = replica (the generate command): counts never miss a row.
ALTER TABLE article ENABLE ALWAYS TRIGGER article_topic_count_insert;
ALTER TABLE article ENABLE ALWAYS TRIGGER article_topic_count_update;
ALTER TABLE article ENABLE ALWAYS TRIGGER article_topic_count_delete;
ALTER TABLE topic_count_pending ENABLE ALWAYS TRIGGER topic_count_pending_apply;
