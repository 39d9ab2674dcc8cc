-- The edge's outbox: every change readers can see writes, in its own transaction, the surrogate keys a CDN or Varnish in
-- front must purge. A sender on each API node delivers them to every configured destination (a Varnish node, a Fastly
-- service, a Cloudflare zone) and records each destination's acknowledgement, so one that is down gets them when it is
-- back and a restart of the API loses nothing. A purge acknowledged by every destination is deleted.
CREATE TABLE edge_purge (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    keys       text[] NOT NULL CHECK (cardinality(keys) >= 1),
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Which destination took which purge (a 2xx answer).
CREATE TABLE edge_purge_ack (
    purge_id    bigint NOT NULL REFERENCES edge_purge (id) ON DELETE CASCADE,
    destination text NOT NULL,
    acked_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (destination, purge_id)
);
CREATE INDEX edge_purge_ack_by_purge ON edge_purge_ack (purge_id);

-- Per destination: when it may next be tried (a lease while one node sends, a backoff after a failure) and why it failed.
CREATE TABLE edge_destination (
    name            text PRIMARY KEY,
    attempts        int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    last_acked_at   timestamptz
);
