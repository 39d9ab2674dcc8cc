-- The editorial console: browser sessions (the cookie holds a random id; only its SHA-256 is stored), one-time
-- sign-in links made on the command line, and the ASP.NET Core data-protection key ring (antiforgery tokens),
-- so every API node serves every console request.
CREATE TABLE console_session (
    id_hash      bytea PRIMARY KEY CHECK (length(id_hash) = 32),
    key_id       uuid NOT NULL REFERENCES api_key (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX console_session_by_key ON console_session (key_id);

CREATE TABLE console_login_link (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    key_id     uuid NOT NULL REFERENCES api_key (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CHECK (expires_at > created_at)
);

CREATE TABLE data_protection_key (
    friendly_name text PRIMARY KEY CHECK (length(friendly_name) BETWEEN 1 AND 200),
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
