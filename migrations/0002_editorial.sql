-- Editing: API keys and roles, the audit log, idempotency records, publication history and scheduled publishing.

CREATE TABLE api_key (
    id         uuid PRIMARY KEY,
    name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    role       text NOT NULL CHECK (role IN ('editor', 'reviewer', 'admin')),
    hash       bytea NOT NULL UNIQUE CHECK (length(hash) = 32),
    prefix     text NOT NULL CHECK (length(prefix) BETWEEN 4 AND 16),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CHECK (revoked_at IS NULL OR revoked_at >= created_at)
);

-- Who did what to which article and revision, and when. Append-only.
CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    key_id     uuid REFERENCES api_key (id),
    actor      text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    role       text NOT NULL CHECK (role IN ('editor', 'reviewer', 'admin', 'system')),
    action     text NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z_]+)*$'),
    article_id uuid REFERENCES article (id),
    revision   int CHECK (revision >= 1),
    detail     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_article ON audit_log (article_id, id);
CREATE INDEX audit_log_by_time ON audit_log (at, id);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- A POST with an Idempotency-Key: written in the command's own transaction, so a retry replays exactly.
CREATE TABLE idempotency_record (
    key_id          uuid NOT NULL REFERENCES api_key (id),
    idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_hash    bytea NOT NULL,
    status          int NOT NULL CHECK (status BETWEEN 200 AND 299),
    headers         jsonb NOT NULL DEFAULT '{}',
    body            bytea NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key_id, idempotency_key)
);

-- Every change of what readers see, with its time: the basis of as-of reads and of withdrawals.
CREATE TABLE publication_event (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id       uuid NOT NULL REFERENCES article (id),
    action           text NOT NULL CHECK (action IN ('published', 'unpublished', 'archived', 'unarchived')),
    revision         int,
    at               timestamptz NOT NULL DEFAULT now(),
    reason           text CHECK (length(reason) <= 200),
    replacement_slug text CHECK (is_slug(replacement_slug, 120)),
    CHECK ((action = 'published') = (revision IS NOT NULL)),
    FOREIGN KEY (article_id, revision) REFERENCES revision (article_id, number)
);
CREATE INDEX publication_event_by_article ON publication_event (article_id, at DESC, id DESC);
CREATE TRIGGER publication_event_append_only BEFORE UPDATE OR DELETE ON publication_event FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The samples (and anything published before this table existed) were published at their publish time.
INSERT INTO publication_event (article_id, action, revision, at)
SELECT id, 'published', published_revision, published_at FROM article WHERE status = 'published';

CREATE TABLE scheduled_publication (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id uuid NOT NULL REFERENCES article (id),
    revision   int NOT NULL,
    at         timestamptz NOT NULL,
    key_id     uuid REFERENCES api_key (id),
    actor      text NOT NULL,
    state      text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'cancelled', 'failed')),
    outcome    text,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (article_id, revision) REFERENCES revision (article_id, number)
);
CREATE UNIQUE INDEX scheduled_publication_one_pending ON scheduled_publication (article_id) WHERE state = 'pending';
CREATE INDEX scheduled_publication_due ON scheduled_publication (at) WHERE state = 'pending';

CREATE INDEX article_by_status ON article (status, updated_at DESC, id);
