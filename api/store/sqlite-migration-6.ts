/**
 * Migration 6 (issue 13): the indicators, kept up to date by triggers on every write so that the
 * « Indicateurs » page never scans the requests (BUDGETS.md: p95 ≤ 200 ms at 1 M requests) and is current at
 * once. The triggers call the functions of sqlite-indicator-functions.ts (Paris day, durations, buckets,
 * working days): a connection must register them before it migrates or writes.
 *
 * What is kept (days are Paris days; `role` '' = no identity, `file_status` '' = none; `scope` '' = all
 * requests, else a département):
 * - indicator_daily: per scope, day, platform and role, the counters (received, handled, resolutions, first
 *   replies and those within 2 working days, ratings first given and satisfied ones) and `opened`, the net
 *   change of open requests (received open + reopened − handled): the backlog at the end of a day is the sum
 *   of `opened` up to that day;
 * - indicator_durations: one row per first reply and per move to « Résolue », with its duration and bucket;
 * - indicator_histogram: for all requests, per kind, platform ('*' any), role ('*' any), day (grain 1) and
 *   week (grain 7, its Monday), how many durations fell in each bucket — the first stage of the exact
 *   percentiles (sqlite-indicator-percentiles.ts);
 * - indicator_pages: requests per page, role and file status (frozen when received: anonymisation rewrites
 *   the context), per day and per week, so that a year reads 52 weeks and a few days instead of 366 days;
 *   indicator_department_pages: the same per département and day, ordered to be summed per département;
 * - indicator_comments: the ratings that have a comment, with what the page filters on;
 * - widget_lines and widget_counts: the widget's anonymous counters per day and per week.
 *
 * The insert of a request (POST /v1/requests) writes 5 rows with plain statements; subqueries would make
 * SQLite build temporary tables on each insert.
 * Requests are never deleted (retention anonymises them, keeping every figure), and their platform, route,
 * département and role never change after creation: nothing here follows such changes.
 */
export const INDICATORS_SQL = `
  CREATE TABLE indicator_daily (
    scope          TEXT NOT NULL,
    day            TEXT NOT NULL,
    platform       TEXT NOT NULL,
    role           TEXT NOT NULL,
    received       INTEGER NOT NULL DEFAULT 0,
    opened         INTEGER NOT NULL DEFAULT 0,
    handled        INTEGER NOT NULL DEFAULT 0,
    resolutions    INTEGER NOT NULL DEFAULT 0,
    first_replies  INTEGER NOT NULL DEFAULT 0,
    first_within   INTEGER NOT NULL DEFAULT 0,
    ratings        INTEGER NOT NULL DEFAULT 0,
    satisfied      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, day, platform, role)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE indicator_durations (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('reply', 'resolution')),
    request_id  INTEGER NOT NULL,
    day         TEXT NOT NULL,
    seconds     INTEGER NOT NULL,
    bucket      INTEGER NOT NULL,
    within      INTEGER NOT NULL,
    department  TEXT,
    platform    TEXT NOT NULL,
    role        TEXT NOT NULL
  ) STRICT;
  -- One first reply per request, kept when anonymisation deletes the messages.
  CREATE UNIQUE INDEX indicator_durations_first_reply ON indicator_durations (request_id) WHERE kind = 'reply';
  -- Second stage for all requests: a small bucket of a period, sorted; or a large one walked in order.
  CREATE INDEX indicator_durations_by_bucket_day
    ON indicator_durations (kind, bucket, day, platform, role, seconds);
  CREATE INDEX indicator_durations_by_bucket_seconds
    ON indicator_durations (kind, bucket, seconds, day, platform, role);
  -- Départements (about 1 % of the rows each): buckets counted in order, one département at a time …
  CREATE INDEX indicator_durations_by_department
    ON indicator_durations (department, kind, bucket, seconds, day, platform, role) WHERE department IS NOT NULL;
  -- … and those of a short period (a week, a month).
  CREATE INDEX indicator_durations_by_department_day
    ON indicator_durations (department, kind, day, bucket, seconds, platform, role) WHERE department IS NOT NULL;

  CREATE TABLE indicator_histogram (
    kind      TEXT NOT NULL,
    platform  TEXT NOT NULL,
    role      TEXT NOT NULL,
    grain     INTEGER NOT NULL,
    start     TEXT NOT NULL,
    bucket    INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (kind, platform, role, grain, start, bucket)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE indicator_pages (
    grain        INTEGER NOT NULL,
    start        TEXT NOT NULL,
    platform     TEXT NOT NULL,
    route        TEXT NOT NULL,
    role         TEXT NOT NULL,
    file_status  TEXT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (grain, start, platform, route, role, file_status)
  ) STRICT, WITHOUT ROWID;

  -- In the order of the page's lines, so that one département's are summed without sorting.
  CREATE TABLE indicator_department_pages (
    department   TEXT NOT NULL,
    platform     TEXT NOT NULL,
    route        TEXT NOT NULL,
    role         TEXT NOT NULL,
    file_status  TEXT NOT NULL,
    day          TEXT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (department, platform, route, role, file_status, day)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE indicator_comments (
    request_id  INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    department  TEXT,
    platform    TEXT NOT NULL,
    role        TEXT NOT NULL
  ) STRICT;
  CREATE INDEX indicator_comments_by_at ON indicator_comments (at, platform, role);
  CREATE INDEX indicator_comments_by_department
    ON indicator_comments (department, at, platform, role) WHERE department IS NOT NULL;

  -- The widget's anonymous counters (POST /v1/events): each line ('' for an absent tip or term) numbered
  -- once, so that summing a period sorts small integers rather than five texts.
  CREATE TABLE widget_lines (
    id        INTEGER PRIMARY KEY,
    platform  TEXT NOT NULL,
    route     TEXT NOT NULL,
    event     TEXT NOT NULL,
    tip       TEXT NOT NULL,
    term      TEXT NOT NULL,
    UNIQUE (platform, route, event, tip, term)
  ) STRICT;
  CREATE TABLE widget_counts (
    grain     INTEGER NOT NULL,
    start     TEXT NOT NULL,
    platform  TEXT NOT NULL,
    line      INTEGER NOT NULL REFERENCES widget_lines (id),
    n         INTEGER NOT NULL,
    PRIMARY KEY (grain, start, platform, line)
  ) STRICT, WITHOUT ROWID;

  -- A duration adds to the histograms (4 platform × role combinations, day and week) and to the counters.
  CREATE TRIGGER indicator_durations_after_insert AFTER INSERT ON indicator_durations BEGIN
    INSERT INTO indicator_histogram (kind, platform, role, grain, start, bucket, n)
      SELECT new.kind, c.platform, c.role, g.grain, g.start, new.bucket, 1
      FROM (SELECT new.platform AS platform, new.role AS role UNION ALL SELECT new.platform, '*'
            UNION ALL SELECT '*', new.role UNION ALL SELECT '*', '*') AS c,
           (SELECT 1 AS grain, new.day AS start UNION ALL SELECT 7, snu_monday(new.day)) AS g
      WHERE true
      ON CONFLICT (kind, platform, role, grain, start, bucket) DO UPDATE SET n = n + 1;
    INSERT INTO indicator_daily (scope, day, platform, role, resolutions, first_replies, first_within)
      SELECT s.scope, new.day, new.platform, new.role, new.kind = 'resolution', new.kind = 'reply',
             new.kind = 'reply' AND new.within
      FROM (SELECT '' AS scope UNION ALL SELECT new.department WHERE new.department IS NOT NULL) AS s
      WHERE true
      ON CONFLICT (scope, day, platform, role) DO UPDATE SET
        resolutions = resolutions + excluded.resolutions,
        first_replies = first_replies + excluded.first_replies,
        first_within = first_within + excluded.first_within;
  END;

  -- Data stored before this migration. Lost already and not counted: the first replies and file statuses
  -- of requests anonymised earlier (their conversation and context are gone).
  CREATE TEMP TABLE indicator_backfill AS
    SELECT r.id, r.created_at, snu_paris_day(r.created_at) AS day, r.platform, r.route, r.department,
           coalesce(r.role, '') AS role,
           coalesce(json_extract(r.context, '$.identity.status'), '') AS file_status,
           coalesce((SELECT json_extract(e.data, '$.from') FROM request_events AS e
                     WHERE e.request_id = r.id AND e.type = 'status' ORDER BY e.at, e.id LIMIT 1),
                    r.status) IN ('new', 'in_progress', 'waiting_user') AS initially_open,
           (SELECT m.at FROM request_messages AS m WHERE m.request_id = r.id AND m.author = 'agent'
            ORDER BY m.id LIMIT 1) AS first_reply_at
    FROM requests AS r;

  -- Received, and open when received: the status before the first recorded change, or the current one.
  -- Each backfill counts every row twice: for all requests (scope '') and for its département.
  WITH scoped AS (
    SELECT '' AS scope, * FROM indicator_backfill
    UNION ALL SELECT department, * FROM indicator_backfill WHERE department IS NOT NULL
  )
  INSERT INTO indicator_daily (scope, day, platform, role, received, opened)
    SELECT scope, day, platform, role, count(*), sum(initially_open) FROM scoped
    WHERE true GROUP BY scope, day, platform, role;

  INSERT INTO indicator_pages (grain, start, platform, route, role, file_status, n)
    SELECT grain, CASE grain WHEN 1 THEN day ELSE snu_monday(day) END, platform, route, role, file_status,
           count(*)
    FROM indicator_backfill, (SELECT 1 AS grain UNION ALL SELECT 7)
    WHERE true
    GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO indicator_department_pages (department, platform, route, role, file_status, day, n)
    SELECT department, platform, route, role, file_status, day, count(*) FROM indicator_backfill
    WHERE department IS NOT NULL
    GROUP BY department, platform, route, role, file_status, day;

  -- The status changes recorded in the timelines (every code path writes one with the change).
  WITH facts AS (
    SELECT snu_paris_day(e.at) AS day, r.department, r.platform, coalesce(r.role, '') AS role,
           json_extract(e.data, '$.from') IN ('new', 'in_progress', 'waiting_user') AS from_open,
           json_extract(e.data, '$.to') IN ('new', 'in_progress', 'waiting_user') AS to_open
    FROM request_events AS e JOIN requests AS r ON r.id = e.request_id
    WHERE e.type = 'status'
  ), scoped AS (
    SELECT '' AS scope, * FROM facts UNION ALL SELECT department, * FROM facts WHERE department IS NOT NULL
  )
  INSERT INTO indicator_daily (scope, day, platform, role, handled, opened)
    SELECT scope, day, platform, role, sum(from_open AND NOT to_open), sum(to_open - from_open) FROM scoped
    WHERE true GROUP BY scope, day, platform, role
    ON CONFLICT (scope, day, platform, role) DO UPDATE SET
      handled = handled + excluded.handled, opened = opened + excluded.opened;

  INSERT INTO indicator_durations (kind, request_id, day, seconds, bucket, within, department, platform, role)
    SELECT 'resolution', r.id, snu_paris_day(e.at), snu_seconds(r.created_at, e.at),
           snu_bucket(snu_seconds(r.created_at, e.at)), 0, r.department, r.platform, coalesce(r.role, '')
    FROM request_events AS e JOIN requests AS r ON r.id = e.request_id
    WHERE e.type = 'status' AND json_extract(e.data, '$.to') = 'resolved'
    ORDER BY e.id;
  INSERT INTO indicator_durations (kind, request_id, day, seconds, bucket, within, department, platform, role)
    SELECT 'reply', id, snu_paris_day(first_reply_at), snu_seconds(created_at, first_reply_at),
           snu_bucket(snu_seconds(created_at, first_reply_at)), snu_within_2wd(created_at, first_reply_at),
           department, platform, role
    FROM indicator_backfill
    WHERE first_reply_at IS NOT NULL
    ORDER BY id;

  WITH facts AS (
    SELECT snu_paris_day(t.at) AS day, r.department, r.platform, coalesce(r.role, '') AS role, t.score
    FROM request_ratings AS t JOIN requests AS r ON r.id = t.request_id
  ), scoped AS (
    SELECT '' AS scope, * FROM facts UNION ALL SELECT department, * FROM facts WHERE department IS NOT NULL
  )
  INSERT INTO indicator_daily (scope, day, platform, role, ratings, satisfied)
    SELECT scope, day, platform, role, count(*), sum(score >= 4) FROM scoped
    WHERE true GROUP BY scope, day, platform, role
    ON CONFLICT (scope, day, platform, role) DO UPDATE SET
      ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied;
  INSERT INTO indicator_comments (request_id, at, department, platform, role)
    SELECT t.request_id, t.at, r.department, r.platform, coalesce(r.role, '')
    FROM request_ratings AS t JOIN requests AS r ON r.id = t.request_id
    WHERE t.comment IS NOT NULL;

  DROP TABLE indicator_backfill;

  -- From now on, every write keeps them.
  CREATE TRIGGER indicators_after_request AFTER INSERT ON requests BEGIN
    INSERT INTO indicator_daily (scope, day, platform, role, received, opened)
      VALUES ('', snu_paris_day(new.created_at), new.platform, coalesce(new.role, ''), 1,
              new.status IN ('new', 'in_progress', 'waiting_user'))
      ON CONFLICT (scope, day, platform, role) DO UPDATE SET
        received = received + 1, opened = opened + excluded.opened;
    INSERT INTO indicator_daily (scope, day, platform, role, received, opened)
      SELECT new.department, snu_paris_day(new.created_at), new.platform, coalesce(new.role, ''), 1,
             new.status IN ('new', 'in_progress', 'waiting_user')
      WHERE new.department IS NOT NULL
      ON CONFLICT (scope, day, platform, role) DO UPDATE SET
        received = received + 1, opened = opened + excluded.opened;
    INSERT INTO indicator_pages (grain, start, platform, route, role, file_status, n)
      VALUES (1, snu_paris_day(new.created_at), new.platform, new.route, coalesce(new.role, ''),
              coalesce(json_extract(new.context, '$.identity.status'), ''), 1)
      ON CONFLICT (grain, start, platform, route, role, file_status) DO UPDATE SET n = n + 1;
    INSERT INTO indicator_pages (grain, start, platform, route, role, file_status, n)
      VALUES (7, snu_monday(snu_paris_day(new.created_at)), new.platform, new.route, coalesce(new.role, ''),
              coalesce(json_extract(new.context, '$.identity.status'), ''), 1)
      ON CONFLICT (grain, start, platform, route, role, file_status) DO UPDATE SET n = n + 1;
    INSERT INTO indicator_department_pages (department, platform, route, role, file_status, day, n)
      SELECT new.department, new.platform, new.route, coalesce(new.role, ''),
             coalesce(json_extract(new.context, '$.identity.status'), ''), snu_paris_day(new.created_at), 1
      WHERE new.department IS NOT NULL
      ON CONFLICT (department, platform, route, role, file_status, day) DO UPDATE SET n = n + 1;
  END;

  -- Whichever code path moved the status (it sets updated_at to the change's instant, see migration 4).
  CREATE TRIGGER indicators_after_status AFTER UPDATE OF status ON requests
  WHEN new.status <> old.status BEGIN
    INSERT INTO indicator_daily (scope, day, platform, role, handled, opened)
      SELECT s.scope, snu_paris_day(coalesce(new.updated_at, new.created_at)), new.platform,
             coalesce(new.role, ''),
             old.status IN ('new', 'in_progress', 'waiting_user'),
             (new.status IN ('new', 'in_progress', 'waiting_user'))
               - (old.status IN ('new', 'in_progress', 'waiting_user'))
      FROM (SELECT '' AS scope UNION ALL SELECT new.department WHERE new.department IS NOT NULL) AS s
      WHERE (old.status IN ('new', 'in_progress', 'waiting_user'))
              <> (new.status IN ('new', 'in_progress', 'waiting_user'))
      ON CONFLICT (scope, day, platform, role) DO UPDATE SET
        handled = handled + excluded.handled, opened = opened + excluded.opened;
    INSERT INTO indicator_durations (kind, request_id, day, seconds, bucket, within, department, platform, role)
      SELECT 'resolution', new.id, snu_paris_day(d.at), snu_seconds(new.created_at, d.at),
             snu_bucket(snu_seconds(new.created_at, d.at)), 0, new.department, new.platform,
             coalesce(new.role, '')
      FROM (SELECT coalesce(new.updated_at, new.created_at) AS at) AS d
      WHERE new.status = 'resolved';
  END;

  -- The first public reply of support (internal notes are timeline events, not messages).
  CREATE TRIGGER indicators_after_reply AFTER INSERT ON request_messages
  WHEN new.author = 'agent' AND NOT EXISTS (
    SELECT 1 FROM indicator_durations WHERE request_id = new.request_id AND kind = 'reply'
  ) BEGIN
    INSERT INTO indicator_durations (kind, request_id, day, seconds, bucket, within, department, platform, role)
      SELECT 'reply', r.id, snu_paris_day(new.at), snu_seconds(r.created_at, new.at),
             snu_bucket(snu_seconds(r.created_at, new.at)), snu_within_2wd(r.created_at, new.at),
             r.department, r.platform, coalesce(r.role, '')
      FROM requests AS r WHERE r.id = new.request_id;
  END;

  -- Ratings count on the day they were first given; the score may be edited afterwards, and the comment
  -- goes with anonymisation.
  CREATE TRIGGER indicators_after_rating AFTER INSERT ON request_ratings BEGIN
    INSERT INTO indicator_daily (scope, day, platform, role, ratings, satisfied)
      SELECT s.scope, snu_paris_day(new.at), r.platform, coalesce(r.role, ''), 1, new.score >= 4
      FROM requests AS r,
           (SELECT '' AS scope UNION ALL
            SELECT department FROM requests WHERE id = new.request_id AND department IS NOT NULL) AS s
      WHERE r.id = new.request_id
      ON CONFLICT (scope, day, platform, role) DO UPDATE SET
        ratings = ratings + 1, satisfied = satisfied + excluded.satisfied;
    INSERT INTO indicator_comments (request_id, at, department, platform, role)
      SELECT r.id, new.at, r.department, r.platform, coalesce(r.role, '')
      FROM requests AS r WHERE r.id = new.request_id AND new.comment IS NOT NULL;
  END;
  CREATE TRIGGER indicators_after_rating_change AFTER UPDATE OF score, at ON request_ratings
  WHEN (old.score >= 4) <> (new.score >= 4) OR old.at <> new.at BEGIN
    INSERT INTO indicator_daily (scope, day, platform, role, ratings, satisfied)
      SELECT s.scope, v.day, r.platform, coalesce(r.role, ''), v.ratings, v.satisfied
      FROM requests AS r,
           (SELECT '' AS scope UNION ALL
            SELECT department FROM requests WHERE id = new.request_id AND department IS NOT NULL) AS s,
           (SELECT snu_paris_day(old.at) AS day, -1 AS ratings, -(old.score >= 4) AS satisfied
            UNION ALL SELECT snu_paris_day(new.at), 1, new.score >= 4) AS v
      WHERE r.id = new.request_id
      ON CONFLICT (scope, day, platform, role) DO UPDATE SET
        ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied;
  END;
  CREATE TRIGGER indicators_after_comment_change AFTER UPDATE OF comment, at ON request_ratings BEGIN
    DELETE FROM indicator_comments WHERE request_id = old.request_id;
    INSERT INTO indicator_comments (request_id, at, department, platform, role)
      SELECT r.id, new.at, r.department, r.platform, coalesce(r.role, '')
      FROM requests AS r WHERE r.id = new.request_id AND new.comment IS NOT NULL;
  END;
  CREATE TRIGGER indicators_after_rating_delete AFTER DELETE ON request_ratings BEGIN
    UPDATE indicator_daily SET ratings = ratings - 1, satisfied = satisfied - (old.score >= 4)
    WHERE day = snu_paris_day(old.at)
      AND (platform, role) = (SELECT platform, coalesce(role, '') FROM requests WHERE id = old.request_id)
      AND scope IN ('', (SELECT coalesce(department, '') FROM requests WHERE id = old.request_id));
    DELETE FROM indicator_comments WHERE request_id = old.request_id;
  END;
`;
