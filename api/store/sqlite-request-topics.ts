// The categories and subjects stored, read for the index choice's hints (`QueryHints`).

/** Every category stored, by a loose index scan of requests_by_topic (a seek per category, not a scan). */
export const DISTINCT_CATEGORIES_SQL = `WITH RECURSIVE c (category) AS (
    SELECT min(category) FROM requests
    UNION ALL SELECT (SELECT min(category) FROM requests WHERE category > c.category) FROM c
    WHERE c.category IS NOT NULL
  ) SELECT category FROM c WHERE category IS NOT NULL`;

/** The subjects stored under one category, by a loose index scan of requests_by_topic. */
export const DISTINCT_SUBJECTS_SQL = `WITH RECURSIVE s (subject) AS (
    SELECT min(subject) FROM requests WHERE category = @category
    UNION ALL SELECT (SELECT min(subject) FROM requests WHERE category = @category AND subject > s.subject) FROM s
    WHERE s.subject IS NOT NULL
  ) SELECT subject FROM s WHERE subject IS NOT NULL`;
