-- Webhooks: subscriptions, and deliveries written by the same transaction as the change (the outbox), so a
-- committed change always produces its events and a rolled-back one never does.
CREATE TABLE webhook_subscription (
    id                   uuid PRIMARY KEY,
    url                  text NOT NULL CHECK (url ~ '^https?://[^\s]+$' AND length(url) <= 2000),
    events               text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 10 AND events <@ ARRAY[
                             'article.published', 'article.unpublished', 'article.withdrawn', 'article.archived',
                             'revision.created', 'review.signed', 'review.due']::text[]),
    secret               text NOT NULL CHECK (secret ~ '^whsec_[A-Za-z0-9+/=]{32,}$'),
    active               boolean NOT NULL DEFAULT true,
    disabled_reason      text,
    consecutive_failures int NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox_event (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type       text NOT NULL,
    article_id uuid REFERENCES article (id),
    payload    jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_delivery (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subscription_id  uuid NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id         bigint NOT NULL REFERENCES outbox_event (id),
    message_id       text NOT NULL,
    event_type       text NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_status_code int,
    last_latency_ms  int,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_by_subscription ON webhook_delivery (subscription_id, created_at DESC);
