-- Delivery at scale: an exact change feed for sync, and full-text search over published content.

-- A random secret per database, for signing cursors (the same on every API node).
CREATE TABLE app_secret (
    name  text PRIMARY KEY,
    value bytea NOT NULL CHECK (length(value) >= 32)
);
INSERT INTO app_secret (name, value) VALUES ('cursor', uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));

-- The sequence of the change feed is one row: a writer takes the next number with UPDATE ... RETURNING,
-- which holds the row lock until it commits. The next writer can only take a number after that commit,
-- so numbers are handed out in commit order and a reader never sees change n+1 before change n.
CREATE TABLE sync_state (
    id       int PRIMARY KEY CHECK (id = 1),
    last_seq bigint NOT NULL CHECK (last_seq >= 0),
    horizon  bigint NOT NULL CHECK (horizon >= 0 AND horizon <= last_seq)
);

-- What readers could see changed: an article published (upsert) or taken away (delete), with why.
-- topics holds the topic before and after, so a client filtering by topic learns when one moves away.
CREATE TABLE sync_change (
    seq              bigint PRIMARY KEY,
    article_id       uuid NOT NULL REFERENCES article (id),
    action           text NOT NULL CHECK (action IN ('upsert', 'delete')),
    slug             text NOT NULL,
    locale           text NOT NULL,
    topics           text[] NOT NULL,
    reason           text,
    replacement_slug text,
    at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_change_by_article ON sync_change (article_id, seq);

INSERT INTO sync_change (seq, article_id, action, slug, locale, topics, at)
SELECT row_number() OVER (ORDER BY published_at, id), id, 'upsert', slug, locale, ARRAY[topic], published_at
FROM article WHERE status = 'published';
INSERT INTO sync_state (id, last_seq, horizon) SELECT 1, count(*), 0 FROM sync_change;

-- Full-text search over the published revision: title (A) > summary (B) > sections (C), and per section,
-- to say which kind matched and to cut a snippet from it.
ALTER TABLE article ADD COLUMN search tsvector;
CREATE INDEX article_search ON article USING gin (search) WHERE status = 'published';

CREATE TABLE search_section (
    article_id uuid NOT NULL REFERENCES article (id),
    kind       text NOT NULL,
    heading    text NOT NULL,
    body       text NOT NULL,
    vector     tsvector NOT NULL,
    PRIMARY KEY (article_id, kind)
);

CREATE FUNCTION refresh_search(p_article uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_section WHERE article_id = p_article;
    UPDATE article SET search = NULL WHERE id = p_article AND status <> 'published';
    UPDATE article a
    SET search = setweight(to_tsvector('english', r.title), 'A')
              || setweight(to_tsvector('english', r.summary), 'B')
              || setweight(to_tsvector('english', coalesce((
                     SELECT string_agg(s.heading || E'\n' || s.body, E'\n\n' ORDER BY s.position)
                     FROM section s WHERE s.article_id = r.article_id AND s.revision_number = r.number), '')), 'C')
    FROM revision r
    WHERE a.id = p_article AND a.status = 'published' AND r.article_id = a.id AND r.number = a.published_revision;
    INSERT INTO search_section (article_id, kind, heading, body, vector)
    SELECT s.article_id, s.kind, s.heading, s.body, to_tsvector('english', s.heading || E'\n' || s.body)
    FROM article a JOIN section s ON s.article_id = a.id AND s.revision_number = a.published_revision
    WHERE a.id = p_article AND a.status = 'published';
END $$;

SELECT refresh_search(id) FROM article WHERE status = 'published';
