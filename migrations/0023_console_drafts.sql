-- The console editor's autosaved working copy: one per editor (the key the console session was opened with) and
-- article (NULL: a new article not created yet). Not a revision: never delivered, never reviewed, replaced by every
-- autosave, offered back when the editor returns and deleted when the editor saves a revision.
CREATE TABLE console_draft (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    key_id        uuid NOT NULL REFERENCES api_key (id),
    article_id    uuid REFERENCES article (id) ON DELETE CASCADE,
    base_revision int NOT NULL CHECK (base_revision >= 0),
    form          jsonb NOT NULL,
    saved_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX console_draft_per_editor_and_article ON console_draft (key_id, article_id) NULLS NOT DISTINCT;
CREATE INDEX console_draft_by_article ON console_draft (article_id);
