-- Preview for front ends: the previewer role (reads drafts, writes nothing) and revocable, signed preview links.
ALTER TABLE api_key DROP CONSTRAINT api_key_role_check;
ALTER TABLE api_key ADD CONSTRAINT api_key_role_check CHECK (role IN ('previewer', 'editor', 'reviewer', 'admin'));
ALTER TABLE audit_log DROP CONSTRAINT audit_log_role_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_role_check CHECK (role IN ('previewer', 'editor', 'reviewer', 'admin', 'system'));

-- The token of a link is its id signed with this secret (HMAC-SHA256): the same on every API node.
INSERT INTO app_secret (name, value) VALUES ('preview', uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));

-- A link opens one article (at one revision, or its latest when revision is null) until it expires or is revoked.
CREATE TABLE preview_link (
    id         uuid PRIMARY KEY,
    article_id uuid NOT NULL REFERENCES article (id),
    revision   int CHECK (revision >= 1),
    expires_at timestamptz NOT NULL,
    key_id     uuid REFERENCES api_key (id),
    actor      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CHECK (expires_at > created_at AND expires_at <= created_at + interval '168 hours'),
    FOREIGN KEY (article_id, revision) REFERENCES revision (article_id, number)
);
CREATE INDEX preview_link_by_article ON preview_link (article_id, created_at DESC);

-- Reviews that come due: each notice (review.due, review.overdue) is raised at most once per published revision and
-- sign-off (its review_due), whichever node and however many restarts: the primary key is the guard. Delivery's
-- review.due and review.overdue are true once the notice of the current sign-off exists (raised in the transaction
-- that tells the caches and the sync feed).
CREATE TABLE review_notice (
    article_id      uuid NOT NULL,
    revision_number int NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('due', 'overdue')),
    review_due      timestamptz NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, revision_number, review_due, kind),
    FOREIGN KEY (article_id, revision_number) REFERENCES revision (article_id, number)
);
