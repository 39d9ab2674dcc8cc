-- Trust: reviewer profiles, the profile a sign-off records (as it stood when signing), and each condition's
-- medical specialty for JSON-LD.

CREATE TABLE reviewer (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    credentials text[] NOT NULL DEFAULT '{}' CHECK (cardinality(credentials) <= 10 AND array_position(credentials, NULL) IS NULL),
    specialty   text CHECK (length(btrim(specialty)) BETWEEN 1 AND 100),
    profile_url text CHECK (profile_url ~ '^https://[^\s/$.?#][^\s]*$' AND length(profile_url) <= 2000),
    orcid       text UNIQUE CHECK (orcid ~ '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$'),
    key_id      uuid UNIQUE REFERENCES api_key (id),
    version     int NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (updated_at >= created_at)
);
CREATE INDEX reviewer_by_name ON reviewer (lower(name), id);

-- A sign-off keeps the signer's name (reviewed_by, as before) and, when a profile signed, its id and its
-- credentials, specialty and URL as they stood: a later change of the profile does not rewrite past sign-offs.
ALTER TABLE review
    ADD COLUMN reviewer_id          uuid REFERENCES reviewer (id),
    ADD COLUMN reviewer_credentials text[] NOT NULL DEFAULT '{}' CHECK (cardinality(reviewer_credentials) <= 10),
    ADD COLUMN reviewer_specialty   text CHECK (length(reviewer_specialty) <= 100),
    ADD COLUMN reviewer_url         text CHECK (reviewer_url ~ '^https://[^\s/$.?#][^\s]*$' AND length(reviewer_url) <= 2000);
CREATE INDEX review_by_reviewer ON review (reviewer_id) WHERE reviewer_id IS NOT NULL;

ALTER TABLE audit_log ADD COLUMN reviewer_id uuid;

-- schema.org MedicalSpecialty of a condition (the name of the enumeration member), for MedicalWebPage.specialty.
ALTER TABLE topic ADD COLUMN specialty text CHECK (specialty ~ '^[A-Z][A-Za-z]{2,40}$');
UPDATE topic SET specialty = 'Psychiatric' WHERE slug IN ('addiction', 'depression', 'anxiety', 'ptsd', 'ocd');
