-- The managed list (and the console's articles page) without a status filter: newest change first, read through
-- this index so a page of 50 stops after 50 articles instead of sorting them all.
CREATE INDEX article_by_update ON article (updated_at DESC, id DESC);
