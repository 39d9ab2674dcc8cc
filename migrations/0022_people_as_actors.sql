-- People as actors beside keys: a person signed in with the organisation's OpenID Provider (console session) or
-- calling with a JWT access token is named by issuer + subject (and the name and email the provider gave), so the
-- audit, comments, tasks and sign-offs say which person it was, not only a display name. A row names a key (key_id),
-- a person (person_issuer + person_subject) or neither (the system).
ALTER TABLE audit_log
    ADD COLUMN person_issuer  text CHECK (length(person_issuer) <= 500),
    ADD COLUMN person_subject text CHECK (length(person_subject) <= 500),
    ADD COLUMN person_email   text CHECK (length(person_email) <= 320),
    ADD CONSTRAINT audit_log_person_whole CHECK ((person_issuer IS NULL) = (person_subject IS NULL));
CREATE INDEX audit_log_by_person ON audit_log (person_issuer, person_subject, id) WHERE person_subject IS NOT NULL;

ALTER TABLE article_comment
    ADD COLUMN person_issuer  text CHECK (length(person_issuer) <= 500),
    ADD COLUMN person_subject text CHECK (length(person_subject) <= 500),
    ADD COLUMN person_email   text CHECK (length(person_email) <= 320),
    ADD CONSTRAINT article_comment_person_whole CHECK ((person_issuer IS NULL) = (person_subject IS NULL));

ALTER TABLE article_task
    ADD COLUMN person_issuer  text CHECK (length(person_issuer) <= 500),
    ADD COLUMN person_subject text CHECK (length(person_subject) <= 500),
    ADD COLUMN person_email   text CHECK (length(person_email) <= 320),
    ADD CONSTRAINT article_task_person_whole CHECK ((person_issuer IS NULL) = (person_subject IS NULL));

-- The person who signed (beside the profile they signed as, reviewer_id) and when they last authenticated at the
-- provider: a sign-off needs a recent authentication (Auth:Oidc:SignOffMaxAgeMinutes).
ALTER TABLE review
    ADD COLUMN person_issuer  text CHECK (length(person_issuer) <= 500),
    ADD COLUMN person_subject text CHECK (length(person_subject) <= 500),
    ADD COLUMN person_email   text CHECK (length(person_email) <= 320),
    ADD COLUMN auth_time      timestamptz,
    ADD CONSTRAINT review_person_whole CHECK ((person_issuer IS NULL) = (person_subject IS NULL));

-- A reviewer profile linked to a person: that person's sign-offs record the profile, as a linked key's do.
ALTER TABLE reviewer
    ADD COLUMN person_issuer  text CHECK (length(btrim(person_issuer)) BETWEEN 1 AND 500),
    ADD COLUMN person_subject text CHECK (length(btrim(person_subject)) BETWEEN 1 AND 500),
    ADD CONSTRAINT reviewer_person_whole CHECK ((person_issuer IS NULL) = (person_subject IS NULL)),
    ADD CONSTRAINT reviewer_person_unique UNIQUE (person_issuer, person_subject);

-- The console's autosaved working copy of a person (console_draft, migration 0023, holds a key's): one per person
-- and article (NULL: a new article not created yet).
CREATE TABLE console_person_draft (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_issuer  text NOT NULL CHECK (length(person_issuer) <= 500),
    person_subject text NOT NULL CHECK (length(person_subject) <= 500),
    article_id     uuid REFERENCES article (id) ON DELETE CASCADE,
    base_revision  int NOT NULL CHECK (base_revision >= 0),
    form           jsonb NOT NULL,
    saved_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX console_person_draft_per_person_and_article ON console_person_draft (person_issuer, person_subject, article_id) NULLS NOT DISTINCT;
CREATE INDEX console_person_draft_by_article ON console_person_draft (article_id);

-- Ending every console session of a person (sign out everywhere, an admin ending them) finds them by person.
CREATE INDEX console_session_by_person ON console_session (person_issuer, person_subject) WHERE person_subject IS NOT NULL;
