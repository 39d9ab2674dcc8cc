-- The article store: topics, articles, immutable revisions with typed sections and references, reviews.
-- Every rule a row must obey is written here, so bad rows cannot enter even through direct SQL.

CREATE FUNCTION is_slug(value text, max_length int) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN value ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(value) <= max_length;

CREATE FUNCTION are_tags(value text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN cardinality(value) <= 20
       AND coalesce((SELECT bool_and(t IS NOT NULL AND is_slug(t, 40)) FROM unnest(value) AS t), true)
       AND cardinality(value) = (SELECT count(DISTINCT t) FROM unnest(value) AS t);

CREATE TABLE topic (
    slug  text PRIMARY KEY CHECK (is_slug(slug, 64)),
    name  text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    icd10 text CHECK (icd10 ~ '^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$')
);

INSERT INTO topic (slug, name, icd10) VALUES
    ('addiction', 'Addiction', 'F19'),
    ('depression', 'Depression', 'F32'),
    ('anxiety', 'Anxiety', 'F41'),
    ('ptsd', 'Post-traumatic stress disorder', 'F43.1'),
    ('ocd', 'Obsessive-compulsive disorder', 'F42'),
    ('chronic-pain', 'Chronic pain', 'G89');

CREATE TABLE article (
    id                   uuid PRIMARY KEY,
    slug                 text NOT NULL CHECK (is_slug(slug, 120)),
    locale               text NOT NULL DEFAULT 'en' CHECK (locale ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    translation_group_id uuid NOT NULL,
    topic                text NOT NULL REFERENCES topic (slug),
    tags                 text[] NOT NULL DEFAULT '{}' CHECK (are_tags(tags)),
    status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    latest_revision      int NOT NULL DEFAULT 0 CHECK (latest_revision >= 0),
    published_revision   int,
    first_published_at   timestamptz,
    published_at         timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT article_slug_unique_per_locale UNIQUE (locale, slug),
    CONSTRAINT article_one_translation_per_locale UNIQUE (translation_group_id, locale),
    CONSTRAINT article_published_has_revision CHECK ((status = 'published') = (published_revision IS NOT NULL)),
    CONSTRAINT article_published_has_times CHECK (published_revision IS NULL OR (published_at IS NOT NULL AND first_published_at IS NOT NULL)),
    CONSTRAINT article_published_not_ahead CHECK (published_revision IS NULL OR published_revision BETWEEN 1 AND latest_revision),
    CONSTRAINT article_times_ordered CHECK (updated_at >= created_at)
);

-- Immutable, numbered 1..n per article: the self reference to number - 1 makes a gap impossible.
-- Topic and tags belong to the revision (a draft's change must not reach readers); the article row
-- carries those of its published revision, for filtering.
CREATE TABLE revision (
    article_id      uuid NOT NULL REFERENCES article (id),
    number          int NOT NULL CHECK (number >= 1),
    previous_number int GENERATED ALWAYS AS (nullif(number - 1, 0)) STORED,
    topic           text NOT NULL REFERENCES topic (slug),
    tags            text[] NOT NULL DEFAULT '{}' CHECK (are_tags(tags)),
    title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    summary         text NOT NULL CHECK (length(summary) <= 1000),
    disclaimer      text NOT NULL CHECK (length(disclaimer) <= 1000),
    author          text NOT NULL CHECK (length(author) BETWEEN 1 AND 200),
    change_note     text NOT NULL DEFAULT '' CHECK (length(change_note) <= 500),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, number),
    CONSTRAINT revision_no_gaps FOREIGN KEY (article_id, previous_number) REFERENCES revision (article_id, number)
);

ALTER TABLE article
    ADD CONSTRAINT article_published_revision_exists
    FOREIGN KEY (id, published_revision) REFERENCES revision (article_id, number) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE reference (
    article_id      uuid NOT NULL,
    revision_number int NOT NULL,
    position        int NOT NULL CHECK (position BETWEEN 1 AND 100),
    title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
    url             text NOT NULL CHECK (url ~ '^https?://[^\s/$.?#][^\s]*$' AND length(url) <= 2000),
    doi             text CHECK (doi ~ '^10\.[0-9]{4,9}/\S+$' AND length(doi) <= 200),
    pubmed_id       text CHECK (pubmed_id ~ '^[0-9]{1,9}$'),
    PRIMARY KEY (article_id, revision_number, position),
    FOREIGN KEY (article_id, revision_number) REFERENCES revision (article_id, number)
);

CREATE TABLE section (
    article_id      uuid NOT NULL,
    revision_number int NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('overview', 'mechanism', 'what_to_expect', 'side_effects',
                                                  'evidence', 'alternatives', 'risks', 'conclusion')),
    position        int NOT NULL CHECK (position BETWEEN 1 AND 20),
    heading         text NOT NULL CHECK (length(btrim(heading)) BETWEEN 1 AND 200),
    body            text NOT NULL CHECK (length(body) <= 20000),
    cites           int[] NOT NULL DEFAULT '{}' CHECK (cardinality(cites) <= 100),
    PRIMARY KEY (article_id, revision_number, kind),
    CONSTRAINT section_position_unique UNIQUE (article_id, revision_number, position),
    FOREIGN KEY (article_id, revision_number) REFERENCES revision (article_id, number)
);

-- Medical sign-off of one revision. A revision may be reviewed again; the newest review counts.
CREATE TABLE review (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id      uuid NOT NULL,
    revision_number int NOT NULL,
    reviewed_by     text NOT NULL CHECK (length(btrim(reviewed_by)) BETWEEN 1 AND 200),
    notes           text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    reviewed_at     timestamptz NOT NULL DEFAULT now(),
    review_due      timestamptz NOT NULL,
    CHECK (review_due > reviewed_at),
    FOREIGN KEY (article_id, revision_number) REFERENCES revision (article_id, number)
);
CREATE INDEX review_by_revision ON review (article_id, revision_number, reviewed_at DESC);

-- Revisions, their sections and references never change once written.
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER revision_immutable BEFORE UPDATE OR DELETE ON revision FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER section_immutable BEFORE UPDATE OR DELETE ON section FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER reference_immutable BEFORE UPDATE OR DELETE ON reference FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER revision_no_truncate BEFORE TRUNCATE ON revision FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- At commit, a revision holds the three required sections, and every citation points at one of its references.
CREATE FUNCTION check_revision_complete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text[];
    bad_cite int;
BEGIN
    SELECT array_agg(k) INTO missing
    FROM unnest(ARRAY['mechanism', 'what_to_expect', 'side_effects']) AS k
    WHERE NOT EXISTS (SELECT 1 FROM section s
                      WHERE s.article_id = NEW.article_id AND s.revision_number = NEW.number AND s.kind = k);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'revision % of article % lacks required sections: %', NEW.number, NEW.article_id, missing
            USING ERRCODE = 'check_violation';
    END IF;

    SELECT c INTO bad_cite
    FROM section s, unnest(s.cites) AS c
    WHERE s.article_id = NEW.article_id AND s.revision_number = NEW.number
      AND NOT EXISTS (SELECT 1 FROM reference r
                      WHERE r.article_id = s.article_id AND r.revision_number = s.revision_number AND r.position = c)
    LIMIT 1;
    IF bad_cite IS NOT NULL THEN
        RAISE EXCEPTION 'revision % of article % cites missing reference %', NEW.number, NEW.article_id, bad_cite
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER revision_complete AFTER INSERT ON revision
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_revision_complete();

-- Delivery reads: published articles by slug, lists by topic/tag and by time.
-- Keyset pages go either way: plain two-column indexes serve (x, id) ascending forward and descending backward.
CREATE INDEX article_published_by_first ON article (first_published_at, id) WHERE status = 'published';
CREATE INDEX article_published_by_update ON article (published_at, id) WHERE status = 'published';
CREATE INDEX article_published_topic ON article (topic) WHERE status = 'published';
CREATE INDEX article_tags ON article USING gin (tags);
