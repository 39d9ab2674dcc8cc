-- The media library: original bytes stored once per SHA-256 (however often uploaded), the assets that name them
-- with their metadata, and which revision uses which asset (so deletion, public serving and "unused" can be decided).
CREATE TABLE asset_blob (
    sha256     bytea PRIMARY KEY CHECK (length(sha256) = 32),
    bytes      bigint NOT NULL CHECK (bytes > 0),
    content    bytea, -- NULL when the bytes live in an object store (Assets:Store=s3)
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE asset (
    id           uuid PRIMARY KEY,
    sha256       bytea NOT NULL REFERENCES asset_blob (sha256),
    filename     text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'application/pdf', 'image/svg+xml')),
    bytes        bigint NOT NULL CHECK (bytes > 0),
    width        int CHECK (width > 0),
    height       int CHECK (height > 0),
    alt          text NOT NULL DEFAULT '' CHECK (length(alt) <= 1000),
    decorative   boolean NOT NULL DEFAULT false,
    caption      text CHECK (length(caption) <= 2000),
    credit       text CHECK (length(credit) <= 500),
    license      text CHECK (length(license) <= 500),
    focal_x      double precision NOT NULL DEFAULT 0.5 CHECK (focal_x BETWEEN 0 AND 1),
    focal_y      double precision NOT NULL DEFAULT 0.5 CHECK (focal_y BETWEEN 0 AND 1),
    version      int NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT asset_image_has_alt CHECK (decorative OR alt <> '' OR content_type NOT LIKE 'image/%')
);
CREATE INDEX asset_by_created ON asset (created_at DESC, id DESC);
CREATE INDEX asset_by_sha256 ON asset (sha256);

-- Filled with every revision from its sections' asset: references; no foreign key to asset, because a draft may
-- name an asset that does not exist (publishing refuses it).
CREATE TABLE revision_asset (
    article_id      uuid NOT NULL,
    revision_number int NOT NULL,
    asset_id        uuid NOT NULL,
    PRIMARY KEY (article_id, revision_number, asset_id),
    FOREIGN KEY (article_id, revision_number) REFERENCES revision (article_id, number)
);
CREATE INDEX revision_asset_by_asset ON revision_asset (asset_id);

-- Audit rows and webhook events about an asset name it.
ALTER TABLE audit_log ADD COLUMN asset_id uuid;
ALTER TABLE outbox_event ADD COLUMN asset_id uuid;
ALTER TABLE webhook_subscription DROP CONSTRAINT webhook_subscription_events_check;
ALTER TABLE webhook_subscription ADD CONSTRAINT webhook_subscription_events_check CHECK (cardinality(events) BETWEEN 1 AND 10 AND events <@ ARRAY[
    'article.published', 'article.unpublished', 'article.withdrawn', 'article.archived',
    'revision.created', 'review.signed', 'review.due', 'asset.created', 'asset.updated', 'asset.deleted']::text[]);
