-- Links between articles: every [text](article:slug) in a revision's sections ('link', in order of first use) and
-- every entry of its 'related' list ('related', in the editor's order). Written with the revision, in its
-- transaction, and immutable like it. No foreign key to the target: a draft may name an article that does not
-- exist yet (publishing refuses a link that does not resolve).
CREATE TABLE article_link (
    article_id      uuid NOT NULL,
    revision_number int NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('link', 'related')),
    position        int NOT NULL CHECK (position BETWEEN 1 AND 200),
    target_slug     text NOT NULL CHECK (is_slug(target_slug, 120)),
    PRIMARY KEY (article_id, revision_number, kind, target_slug),
    CONSTRAINT article_link_position_unique UNIQUE (article_id, revision_number, kind, position),
    FOREIGN KEY (article_id, revision_number) REFERENCES revision (article_id, number)
);

-- "Who links here": the published articles whose published revision names a slug.
CREATE INDEX article_link_by_target ON article_link (target_slug, article_id, revision_number);

-- Link targets are looked up by slug in every locale.
CREATE INDEX article_by_slug ON article (slug);

CREATE TRIGGER article_link_immutable BEFORE UPDATE OR DELETE ON article_link FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Where a link to a slug leads for a reader of the given locales (best first): the published article of that slug in
-- the first locale that has one; else, when the article of that slug was withdrawn with a replacement (its newest
-- publication event names one), the published replacement; else nothing (the link renders as plain text).
-- The one rule of link resolution: rendering, the publishing check and "who links here" all use it.
CREATE FUNCTION resolve_article_link(target text, locales text[])
    RETURNS TABLE (article_id uuid, slug text, locale text, title text)
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT x.id, x.slug, x.locale, x.title FROM (
        SELECT a.id, a.slug, a.locale, a.title, 0 AS via, array_position(locales, a.locale) AS rank, 0 AS rank2
        FROM article a
        WHERE a.slug = target AND a.locale = ANY(locales) AND a.status = 'published'
        UNION ALL
        SELECT p.id, p.slug, p.locale, p.title, 1, array_position(locales, w.locale), array_position(locales, p.locale)
        FROM article w
        JOIN LATERAL (SELECT e.replacement_slug FROM publication_event e
                      WHERE e.article_id = w.id ORDER BY e.id DESC LIMIT 1) e ON e.replacement_slug IS NOT NULL
        JOIN article p ON p.slug = e.replacement_slug AND p.locale = ANY(locales) AND p.status = 'published'
        WHERE w.slug = target AND w.locale = ANY(locales) AND w.status <> 'published'
    ) x
    ORDER BY x.via, x.rank, x.rank2
    LIMIT 1
$$;

-- The articles withdrawn with a given replacement (their linking articles now lead to it).
CREATE INDEX publication_event_by_replacement ON publication_event (replacement_slug) WHERE replacement_slug IS NOT NULL;
