/**
 * Migration 7 (issue 13, speed): running totals for the départements, and the widget's weekly counters in
 * the order of their lines.
 *
 * A département holds about 1 % of the requests, spread thin: a page line of one département appears on
 * 1.4 days a week on average, a bucket of its durations on 1 day in 3. Rolling its rows up by week (as
 * migration 6 does for all requests) would barely shorten a year, so a year of a region's 13 départements
 * read 120 000 page rows and 60 000 duration rows. Instead each département line keeps a running total per
 * day — how many up to and including that day — and a period is two lookups per line, whatever its length:
 * the total at its last day minus the total the day before its first.
 *
 * - indicator_department_lines / indicator_department_totals replace indicator_department_pages: the lines
 *   (département, page, role, file status) numbered once, and their running totals by day;
 * - indicator_department_bucket_totals: per département, kind, platform ('*' any), role ('*' any) and
 *   histogram bucket, the running total of durations by day — the first stage of the exact percentiles for
 *   départements (sqlite-indicator-percentiles.ts);
 * - indicator_department_weeks: per département, kind, platform, role (with '*'), week and octave of
 *   duration (8 buckets: from one duration to its double), how many — where each week's median lies, so
 *   that only the durations of that octave and week are sorted (a year's weekly medians sorted 120 000).
 *
 * Totals are kept by triggers. A row is written for the day of each new fact, from the total of the latest
 * earlier day; facts arrive on their own day, the latest, so the rows of later days (an instance whose clock
 * runs behind another's) are normally none, and are still corrected.
 */
export const DEPARTMENT_TOTALS_SQL = `
  CREATE TABLE indicator_department_lines (
    id           INTEGER PRIMARY KEY,
    department   TEXT NOT NULL,
    platform     TEXT NOT NULL,
    route        TEXT NOT NULL,
    role         TEXT NOT NULL,
    file_status  TEXT NOT NULL,
    UNIQUE (department, platform, route, role, file_status)
  ) STRICT;
  CREATE TABLE indicator_department_totals (
    line   INTEGER NOT NULL REFERENCES indicator_department_lines (id),
    day    TEXT NOT NULL,
    total  INTEGER NOT NULL,
    PRIMARY KEY (line, day)
  ) STRICT, WITHOUT ROWID;

  INSERT INTO indicator_department_lines (department, platform, route, role, file_status)
    SELECT DISTINCT department, platform, route, role, file_status FROM indicator_department_pages
    ORDER BY department, platform, route, role, file_status;
  INSERT INTO indicator_department_totals (line, day, total)
    SELECT l.id, p.day, sum(p.n) OVER (PARTITION BY l.id ORDER BY p.day)
    FROM indicator_department_pages AS p
    JOIN indicator_department_lines AS l
      ON (l.department, l.platform, l.route, l.role, l.file_status)
         = (p.department, p.platform, p.route, p.role, p.file_status)
    ORDER BY l.id, p.day;

  CREATE TABLE indicator_department_bucket_totals (
    department  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    platform    TEXT NOT NULL,
    role        TEXT NOT NULL,
    bucket      INTEGER NOT NULL,
    day         TEXT NOT NULL,
    total       INTEGER NOT NULL,
    PRIMARY KEY (department, kind, platform, role, bucket, day)
  ) STRICT, WITHOUT ROWID;

  WITH facts AS (
    SELECT department, kind, platform, role, bucket, day FROM indicator_durations WHERE department IS NOT NULL
  ), combinations AS (
    SELECT department, kind, platform, role, bucket, day FROM facts
    UNION ALL SELECT department, kind, platform, '*', bucket, day FROM facts
    UNION ALL SELECT department, kind, '*', role, bucket, day FROM facts
    UNION ALL SELECT department, kind, '*', '*', bucket, day FROM facts
  ), daily AS (
    SELECT department, kind, platform, role, bucket, day, count(*) AS n FROM combinations
    GROUP BY department, kind, platform, role, bucket, day
  )
  INSERT INTO indicator_department_bucket_totals (department, kind, platform, role, bucket, day, total)
    SELECT department, kind, platform, role, bucket, day,
           sum(n) OVER (PARTITION BY department, kind, platform, role, bucket ORDER BY day)
    FROM daily
    ORDER BY department, kind, platform, role, bucket, day;

  CREATE TABLE indicator_department_weeks (
    department  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    platform    TEXT NOT NULL,
    role        TEXT NOT NULL,
    week        TEXT NOT NULL,
    octave      INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (department, kind, platform, role, week, octave)
  ) STRICT, WITHOUT ROWID;

  WITH facts AS (
    SELECT department, kind, platform, role, snu_monday(day) AS week, bucket / 8 AS octave
    FROM indicator_durations WHERE department IS NOT NULL
  ), combinations AS (
    SELECT department, kind, platform, role, week, octave FROM facts
    UNION ALL SELECT department, kind, platform, '*', week, octave FROM facts
    UNION ALL SELECT department, kind, '*', role, week, octave FROM facts
    UNION ALL SELECT department, kind, '*', '*', week, octave FROM facts
  )
  INSERT INTO indicator_department_weeks (department, kind, platform, role, week, octave, n)
    SELECT department, kind, platform, role, week, octave, count(*) FROM combinations
    GROUP BY department, kind, platform, role, week, octave;
  -- The second stage: one octave's durations of one week.
  CREATE INDEX indicator_durations_by_department_octave
    ON indicator_durations (department, kind, bucket / 8, day, seconds, platform, role)
    WHERE department IS NOT NULL;

  CREATE TRIGGER indicator_department_totals_after_duration AFTER INSERT ON indicator_durations
  WHEN new.department IS NOT NULL BEGIN
    INSERT INTO indicator_department_bucket_totals (department, kind, platform, role, bucket, day, total)
      SELECT new.department, new.kind, c.platform, c.role, new.bucket, new.day,
             1 + coalesce((SELECT t.total FROM indicator_department_bucket_totals AS t
                           WHERE t.department = new.department AND t.kind = new.kind AND t.platform = c.platform
                             AND t.role = c.role AND t.bucket = new.bucket AND t.day < new.day
                           ORDER BY t.day DESC LIMIT 1), 0)
      FROM (SELECT new.platform AS platform, new.role AS role UNION ALL SELECT new.platform, '*'
            UNION ALL SELECT '*', new.role UNION ALL SELECT '*', '*') AS c
      WHERE true
      ON CONFLICT (department, kind, platform, role, bucket, day) DO UPDATE SET total = total + 1;
    UPDATE indicator_department_bucket_totals SET total = total + 1
    WHERE department = new.department AND kind = new.kind AND platform IN (new.platform, '*')
      AND role IN (new.role, '*') AND bucket = new.bucket AND day > new.day;
    INSERT INTO indicator_department_weeks (department, kind, platform, role, week, octave, n)
      SELECT new.department, new.kind, c.platform, c.role, snu_monday(new.day), new.bucket / 8, 1
      FROM (SELECT new.platform AS platform, new.role AS role UNION ALL SELECT new.platform, '*'
            UNION ALL SELECT '*', new.role UNION ALL SELECT '*', '*') AS c
      WHERE true
      ON CONFLICT (department, kind, platform, role, week, octave) DO UPDATE SET n = n + 1;
  END;

  -- The request's trigger again, its département line now a running total.
  DROP TRIGGER indicators_after_request;
  DROP TABLE indicator_department_pages;
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
    INSERT INTO indicator_department_lines (department, platform, route, role, file_status)
      SELECT new.department, new.platform, new.route, coalesce(new.role, ''),
             coalesce(json_extract(new.context, '$.identity.status'), '')
      WHERE new.department IS NOT NULL
      ON CONFLICT DO NOTHING;
    INSERT INTO indicator_department_totals (line, day, total)
      SELECT l.id, snu_paris_day(new.created_at),
             1 + coalesce((SELECT t.total FROM indicator_department_totals AS t
                           WHERE t.line = l.id AND t.day < snu_paris_day(new.created_at)
                           ORDER BY t.day DESC LIMIT 1), 0)
      FROM indicator_department_lines AS l
      WHERE l.department = new.department AND l.platform = new.platform AND l.route = new.route
        AND l.role = coalesce(new.role, '')
        AND l.file_status = coalesce(json_extract(new.context, '$.identity.status'), '')
      ON CONFLICT (line, day) DO UPDATE SET total = total + 1;
    UPDATE indicator_department_totals SET total = total + 1
    WHERE line = (SELECT id FROM indicator_department_lines
                  WHERE department = new.department AND platform = new.platform AND route = new.route
                    AND role = coalesce(new.role, '')
                    AND file_status = coalesce(json_extract(new.context, '$.identity.status'), ''))
      AND day > snu_paris_day(new.created_at);
  END;

  -- A year of weekly counters summed per line without sorting them (the long tail of searched terms makes
  -- tens of thousands of lines).
  CREATE INDEX widget_counts_by_line ON widget_counts (grain, line, start, platform, n);
`;
