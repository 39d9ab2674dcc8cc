-- Clinical reuse: codes on topics and articles (the HL7 Infobutton lookup matches them), an article's funding and
-- conflicts of interest, and reader feedback.

-- A code of a terminology, checked by the shape each system's codes have (SNOMED CT's check digit is checked by the API).
CREATE FUNCTION is_clinical_code(code_system text, code text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE code_system
        WHEN 'icd-10-cm' THEN code ~ '^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$'
        WHEN 'snomed-ct' THEN code ~ '^[1-9][0-9]{5,17}$'
        WHEN 'rxnorm' THEN code ~ '^[1-9][0-9]{0,9}$'
        ELSE false END;

-- The codes of the condition a topic is; position orders them (the first ICD-10-CM code is the topic's icd10).
CREATE TABLE topic_code (
    topic    text NOT NULL REFERENCES topic (slug),
    system   text NOT NULL,
    code     text NOT NULL,
    display  text CHECK (length(btrim(display)) BETWEEN 1 AND 200),
    position int NOT NULL CHECK (position BETWEEN 1 AND 50),
    PRIMARY KEY (topic, system, code),
    UNIQUE (topic, position),
    CHECK (is_clinical_code(system, code))
);
CREATE INDEX topic_code_lookup ON topic_code (system, code);

ALTER TABLE topic ADD COLUMN codes_version int NOT NULL DEFAULT 1 CHECK (codes_version >= 1);

-- The samples' conditions, by their ICD-10-CM categories (titles as the ICD-10-CM tabular list gives them).
INSERT INTO topic_code (topic, system, code, display, position) VALUES
    ('addiction', 'icd-10-cm', 'F19', 'Other psychoactive substance related disorders', 1),
    ('addiction', 'icd-10-cm', 'F10', 'Alcohol related disorders', 2),
    ('addiction', 'icd-10-cm', 'F11', 'Opioid related disorders', 3),
    ('depression', 'icd-10-cm', 'F32', 'Depressive episode', 1),
    ('depression', 'icd-10-cm', 'F33', 'Major depressive disorder, recurrent', 2),
    ('anxiety', 'icd-10-cm', 'F41', 'Other anxiety disorders', 1),
    ('ptsd', 'icd-10-cm', 'F43.1', 'Post-traumatic stress disorder (PTSD)', 1),
    ('ocd', 'icd-10-cm', 'F42', 'Obsessive-compulsive disorder', 1),
    ('chronic-pain', 'icd-10-cm', 'G89', 'Pain, not elsewhere classified', 1);
-- A topic added later with an icd10 of its own keeps it as its first code.
INSERT INTO topic_code (topic, system, code, position)
SELECT slug, 'icd-10-cm', icd10, 1 FROM topic t
WHERE icd10 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM topic_code c WHERE c.topic = t.slug);

-- What an article declares beside its revisions (edited by PUT /v1/manage/articles/{id}/clinical, If-Match: version):
-- the codes of what it is about beyond its topic (medications by RxNorm, a narrower condition), funding and conflicts of interest.
CREATE TABLE article_clinical (
    article_id           uuid PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    version              int NOT NULL CHECK (version >= 1),
    funding              text CHECK (length(btrim(funding)) BETWEEN 1 AND 1000),
    conflicts_of_interest text CHECK (length(btrim(conflicts_of_interest)) BETWEEN 1 AND 1000),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE article_code (
    article_id uuid NOT NULL REFERENCES article_clinical (article_id) ON DELETE CASCADE,
    system     text NOT NULL,
    code       text NOT NULL,
    display    text CHECK (length(btrim(display)) BETWEEN 1 AND 200),
    position   int NOT NULL CHECK (position BETWEEN 1 AND 50),
    PRIMARY KEY (article_id, system, code),
    UNIQUE (article_id, position),
    CHECK (is_clinical_code(system, code))
);
CREATE INDEX article_code_lookup ON article_code (system, code);

-- Reader feedback: no account, nothing personal. address_hash is SHA-256 of the client address with the salt of the
-- day; a day's salt is deleted once the day is over, so a hash can be compared only within its day (abuse limits).
CREATE TABLE feedback_salt (
    day  date PRIMARY KEY,
    salt bytea NOT NULL CHECK (length(salt) = 32)
);

CREATE TABLE reader_feedback (
    id           uuid PRIMARY KEY,
    article_id   uuid NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    revision     int NOT NULL CHECK (revision >= 1),
    helpful      boolean NOT NULL,
    comment      text CHECK (length(comment) BETWEEN 1 AND 1000),
    section_kind text CHECK (section_kind ~ '^[a-z_]{1,40}$'),
    day          date NOT NULL,
    address_hash bytea NOT NULL CHECK (length(address_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    handled_at   timestamptz,
    handled_by   text CHECK (length(handled_by) BETWEEN 1 AND 200),
    CHECK ((handled_at IS NULL) = (handled_by IS NULL)),
    FOREIGN KEY (article_id, revision) REFERENCES revision (article_id, number)
);
CREATE INDEX reader_feedback_by_article ON reader_feedback (article_id, created_at DESC, id);
CREATE INDEX reader_feedback_by_address ON reader_feedback (day, address_hash, article_id);

-- Editors may subscribe to feedback.created (beside article.publish_failed of 0017).
ALTER TABLE webhook_subscription DROP CONSTRAINT webhook_subscription_events_check;
ALTER TABLE webhook_subscription ADD CONSTRAINT webhook_subscription_events_check CHECK (cardinality(events) BETWEEN 1 AND 10 AND events <@ ARRAY[
    'article.published', 'article.unpublished', 'article.withdrawn', 'article.archived', 'article.publish_failed',
    'revision.created', 'review.signed', 'review.due', 'review.overdue', 'asset.created', 'asset.updated', 'asset.deleted',
    'release.published', 'release.reverted', 'comment.created', 'task.created', 'task.resolved', 'feedback.created']::text[]);
