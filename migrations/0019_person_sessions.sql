-- Console sessions of people signed in with the organisation's OpenID Provider (Auth:Oidc:*), beside key sessions:
-- the person (issuer + subject, name, email), the role their claim gave, when they last authenticated there
-- (auth_time: a sign-off needs a recent one) and the ID token, kept server-side for RP-initiated logout.
ALTER TABLE console_session ALTER COLUMN key_id DROP NOT NULL;
ALTER TABLE console_session
    ADD COLUMN person_issuer  text,
    ADD COLUMN person_subject text,
    ADD COLUMN person_name    text,
    ADD COLUMN person_email   text,
    ADD COLUMN person_role    text CHECK (person_role IN ('editor', 'reviewer', 'admin')),
    ADD COLUMN auth_time      timestamptz,
    ADD COLUMN id_token       text,
    ADD CONSTRAINT console_session_key_or_person CHECK (
        (key_id IS NOT NULL AND person_subject IS NULL)
        OR (key_id IS NULL AND person_issuer IS NOT NULL AND person_subject IS NOT NULL AND person_name IS NOT NULL AND person_role IS NOT NULL));
