-- Citations: a reference has an id the editor chose (unique within its revision, cited as [^id] in section bodies)
-- and the fields a medical citation needs. Rows written before this migration keep no id: readers see them as
-- 'ref-<position>'. A reference needs a way to find it: a url, a DOI or a PubMed id.
ALTER TABLE reference
    ADD COLUMN ref_id    text CHECK (ref_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(ref_id) <= 64),
    ADD COLUMN authors   text[] NOT NULL DEFAULT '{}' CHECK (cardinality(authors) <= 100),
    ADD COLUMN journal   text CHECK (length(btrim(journal)) BETWEEN 1 AND 300),
    ADD COLUMN publisher text CHECK (length(btrim(publisher)) BETWEEN 1 AND 300),
    ADD COLUMN year      int CHECK (year BETWEEN 1000 AND 2200),
    ADD COLUMN volume    text CHECK (length(btrim(volume)) BETWEEN 1 AND 40),
    ADD COLUMN issue     text CHECK (length(btrim(issue)) BETWEEN 1 AND 40),
    ADD COLUMN pages     text CHECK (length(btrim(pages)) BETWEEN 1 AND 40),
    ADD COLUMN accessed  date,
    ALTER COLUMN url DROP NOT NULL,
    ADD CONSTRAINT reference_locatable CHECK (url IS NOT NULL OR doi IS NOT NULL OR pubmed_id IS NOT NULL);

CREATE UNIQUE INDEX reference_ref_id_unique ON reference (article_id, revision_number, ref_id);
