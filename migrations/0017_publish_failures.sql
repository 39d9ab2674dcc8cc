-- A scheduled publication that fails its gates at the due time stays in view until someone deals with it: the
-- management API and the console show it (with its reasons) until it is acknowledged, rescheduled or the article is
-- published. At most one failure per article is open at a time (a new schedule or a publish closes the one before).
ALTER TABLE scheduled_publication ADD COLUMN finished_at timestamptz;
ALTER TABLE scheduled_publication ADD COLUMN reasons jsonb;
ALTER TABLE scheduled_publication ADD COLUMN cleared_at timestamptz;
ALTER TABLE scheduled_publication ADD COLUMN cleared_by text;
-- Failures recorded before this migration were never shown to anyone: they stay in the table as history, closed.
UPDATE scheduled_publication SET cleared_at = now(), cleared_by = 'migration 0017' WHERE state = 'failed';
CREATE UNIQUE INDEX scheduled_publication_open_failure ON scheduled_publication (article_id) WHERE state = 'failed' AND cleared_at IS NULL;

-- Subscribers can ask for the failure event.
ALTER TABLE webhook_subscription DROP CONSTRAINT webhook_subscription_events_check;
ALTER TABLE webhook_subscription ADD CONSTRAINT webhook_subscription_events_check CHECK (cardinality(events) BETWEEN 1 AND 10 AND events <@ ARRAY[
    'article.published', 'article.unpublished', 'article.withdrawn', 'article.archived', 'article.publish_failed',
    'revision.created', 'review.signed', 'review.due', 'review.overdue', 'asset.created', 'asset.updated', 'asset.deleted',
    'release.published', 'release.reverted', 'comment.created', 'task.created', 'task.resolved']::text[]);

-- Idempotency records are kept Idempotency:RetentionHours (default 24) and then pruned by age.
CREATE INDEX idempotency_record_by_age ON idempotency_record (created_at);
