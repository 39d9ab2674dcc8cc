-- /v1/topics counts the published articles of each topic without counting them on every read: counting grew with the
-- number of articles, and every publish drops the cached list, so in the soak the count ran after each publish and
-- its cost grew minute by minute. The count per (topic, locale) follows every change of the article table: inserts
-- and deletes by statement (transition tables: one row of changes per statement and topic, also for a restore), updates
-- by row, only when an article enters or leaves the published set or moves (the trigger's WHEN, evaluated without a call).

-- No writer on another node commits an article change between the first count below and the triggers.
LOCK TABLE article IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE topic_count (
    topic     text NOT NULL,
    locale    text NOT NULL,
    published int  NOT NULL, -- no CHECK (>= 0): an upsert checks the row it would insert (a decrement) before it finds the conflict
    PRIMARY KEY (topic, locale)
);

INSERT INTO topic_count (topic, locale, published)
SELECT topic, locale, count(*) FROM article WHERE status = 'published' GROUP BY topic, locale;

-- A transaction's changes wait in topic_count_pending (plain inserts: no row is shared, no one waits) and are added to
-- topic_count when it commits (a deferred trigger; the first one drains the transaction's rows, in one sorted upsert).
-- Lock order: every write that changes what readers see takes the sync feed's number (sync_state) before it commits,
-- so at commit it holds it already; taking it here first too means a transaction holding a count row always holds
-- sync_state, and two writers never wait for each other's count rows.
CREATE TABLE topic_count_pending (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic  text NOT NULL,
    locale text NOT NULL,
    delta  int  NOT NULL
);

CREATE FUNCTION topic_count_follow_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO topic_count_pending (topic, locale, delta)
        SELECT topic, locale, count(*) FROM new_rows WHERE status = 'published' GROUP BY topic, locale;
    ELSE
        INSERT INTO topic_count_pending (topic, locale, delta)
        SELECT topic, locale, -count(*) FROM old_rows WHERE status = 'published' GROUP BY topic, locale;
    END IF;

    RETURN NULL;
END $$;

CREATE FUNCTION topic_count_follow_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO topic_count_pending (topic, locale, delta)
    SELECT OLD.topic, OLD.locale, -1 WHERE OLD.status = 'published'
    UNION ALL
    SELECT NEW.topic, NEW.locale, 1 WHERE NEW.status = 'published';
    RETURN NULL;
END $$;

CREATE FUNCTION topic_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM topic_count_pending WHERE id = NEW.id) THEN
        RETURN NULL; -- drained by an earlier firing of this commit
    END IF;

    PERFORM 1 FROM sync_state WHERE id = 1 FOR UPDATE;
    WITH drained AS (DELETE FROM topic_count_pending RETURNING topic, locale, delta)
    INSERT INTO topic_count AS c (topic, locale, published)
    SELECT topic, locale, sum(delta) FROM drained GROUP BY topic, locale HAVING sum(delta) <> 0 ORDER BY topic, locale
    ON CONFLICT (topic, locale) DO UPDATE SET published = c.published + excluded.published;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER topic_count_pending_apply AFTER INSERT ON topic_count_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION topic_count_apply();

CREATE TRIGGER article_topic_count_insert AFTER INSERT ON article
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_count_follow_statement();
CREATE TRIGGER article_topic_count_delete AFTER DELETE ON article
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_count_follow_statement();
CREATE TRIGGER article_topic_count_update AFTER UPDATE OF status, topic, locale ON article FOR EACH ROW
    WHEN ((OLD.status = 'published' OR NEW.status = 'published')
          AND (OLD.status, OLD.topic, OLD.locale) IS DISTINCT FROM (NEW.status, NEW.topic, NEW.locale))
    EXECUTE FUNCTION topic_count_follow_row();
