-- Lists sorted by title must not sort the whole collection: the published revision's title is kept on the
-- article row (set at publish, like topic and tags) and indexed for keyset pagination.
ALTER TABLE article ADD COLUMN title text;
UPDATE article a SET title = r.title
FROM revision r WHERE r.article_id = a.id AND r.number = a.published_revision;
CREATE INDEX article_published_by_title ON article ((title COLLATE "C"), id) WHERE status = 'published';
CREATE INDEX article_by_tag_published ON article USING gin (tags) WHERE status = 'published';
