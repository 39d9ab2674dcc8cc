-- Editorial workflow: releases (several articles published and reverted together), comments and tasks on articles.

CREATE TABLE release (
    id               uuid PRIMARY KEY,
    title            text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    notes            text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    state            text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'scheduled', 'published', 'reverted')),
    version          int NOT NULL DEFAULT 1 CHECK (version >= 1),
    publish_at       timestamptz,
    scheduled_key_id uuid REFERENCES api_key (id),
    scheduled_actor  text,
    outcome          text CHECK (length(outcome) <= 4000),
    published_at     timestamptz,
    reverted_at      timestamptz,
    created_by       text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'scheduled') = (publish_at IS NOT NULL)),
    CHECK (state NOT IN ('published', 'reverted') OR published_at IS NOT NULL),
    CHECK ((state = 'reverted') = (reverted_at IS NOT NULL))
);
CREATE INDEX release_scheduled_due ON release (publish_at) WHERE state = 'scheduled';
CREATE INDEX release_by_update ON release (updated_at DESC, id DESC);

-- One revision per article in a release. What the article showed before the release published is kept, so a revert
-- can put it back (previous_revision NULL: it was not published).
CREATE TABLE release_item (
    release_id        uuid NOT NULL REFERENCES release (id),
    article_id        uuid NOT NULL REFERENCES article (id),
    revision          int NOT NULL,
    added_at          timestamptz NOT NULL DEFAULT now(),
    applied           boolean NOT NULL DEFAULT false,
    previous_revision int,
    PRIMARY KEY (release_id, article_id),
    FOREIGN KEY (article_id, revision) REFERENCES revision (article_id, number),
    FOREIGN KEY (article_id, previous_revision) REFERENCES revision (article_id, number),
    CHECK (applied OR previous_revision IS NULL)
);
CREATE INDEX release_item_by_article ON release_item (article_id);

-- Comments on a revision (optionally on one of its sections). Append-only.
CREATE TABLE article_comment (
    id           uuid PRIMARY KEY,
    article_id   uuid NOT NULL REFERENCES article (id),
    revision     int NOT NULL,
    section_kind text CHECK (section_kind IN ('overview', 'mechanism', 'what_to_expect', 'side_effects',
                                              'evidence', 'alternatives', 'risks', 'conclusion')),
    body         text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 5000),
    key_id       uuid REFERENCES api_key (id),
    author       text NOT NULL CHECK (length(author) BETWEEN 1 AND 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (article_id, revision) REFERENCES revision (article_id, number)
);
CREATE INDEX article_comment_by_article ON article_comment (article_id, created_at, id);
CREATE TRIGGER article_comment_append_only BEFORE UPDATE OR DELETE ON article_comment FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Tasks: assigned to a key or to a role; an open task blocks publishing its revision (or, without one, any revision).
CREATE TABLE article_task (
    id              uuid PRIMARY KEY,
    article_id      uuid NOT NULL REFERENCES article (id),
    revision        int,
    title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    assignee_key_id uuid REFERENCES api_key (id),
    assignee_role   text CHECK (assignee_role ~ '^[a-z]{1,20}$'),
    due             timestamptz,
    state           text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
    note            text CHECK (length(note) <= 2000),
    resolved_at     timestamptz,
    resolved_by     text,
    version         int NOT NULL DEFAULT 1 CHECK (version >= 1),
    key_id          uuid REFERENCES api_key (id),
    created_by      text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (article_id, revision) REFERENCES revision (article_id, number),
    CHECK ((assignee_key_id IS NULL) <> (assignee_role IS NULL)),
    CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX article_task_open ON article_task (article_id, revision) WHERE state = 'open';
CREATE INDEX article_task_by_article ON article_task (article_id, created_at, id);

-- Audit rows and webhook events about a release name it.
ALTER TABLE audit_log ADD COLUMN release_id uuid;
ALTER TABLE outbox_event ADD COLUMN release_id uuid;
ALTER TABLE webhook_subscription DROP CONSTRAINT webhook_subscription_events_check;
ALTER TABLE webhook_subscription ADD CONSTRAINT webhook_subscription_events_check CHECK (cardinality(events) BETWEEN 1 AND 10 AND events <@ ARRAY[
    'article.published', 'article.unpublished', 'article.withdrawn', 'article.archived',
    'revision.created', 'review.signed', 'review.due', 'review.overdue', 'asset.created', 'asset.updated', 'asset.deleted',
    'release.published', 'release.reverted', 'comment.created', 'task.created', 'task.resolved']::text[]);

-- The transaction that wrote each change of the sync feed: a page never ends inside one, so a release (one transaction,
-- consecutive numbers) reaches a client whole. Older rows have none and are paged one by one as before.
ALTER TABLE sync_change ADD COLUMN xact xid8;
ALTER TABLE sync_change ALTER COLUMN xact SET DEFAULT pg_current_xact_id();
