/**
 * Migration 7 (issue 15): the indicators on PostgreSQL — what SQLite's migrations 6 and 7 gave them (issue 13),
 * for several instances writing at once. The « Indicateurs » page never scans the requests: it reads rollups
 * (BUDGETS.md: p95 ≤ 200 ms at 1 M requests, the console's queries ≤ 100 ms).
 *
 * Writes never wait for each other here. SQLite keeps its rollups with upserts in its triggers: one writer at
 * a time. On PostgreSQL, such upserts would lock a day's counter rows until each writer's commit — every
 * request, reply and status change of the day on the same few rows, taken in whatever order each
 * transaction meets them (a reply then a status change, an automatic batch of a hundred): waits on the
 * submission path, and deadlocks. So the triggers only append the fact to `indicator_pending` (one row, no
 * conflict possible), and the readers fold the pending facts into the rollups (`indicator_fold`) before they
 * read them: one folder at a time (a lock on `indicator_folds`, which no writer takes), the only writer of
 * the rollups. A fact committed while a fold runs waits for the next one. Measured on the 2-core machines:
 * the request trigger adds ≈ 15 µs to an insert that costs ≈ 250 µs; a fold costs ≈ 65 µs per fact (a
 * request makes 3 to 4 in its life).
 *
 * What is kept (days are Paris days, `date`; `role` '' = no identity, `file_status` '' = none; `scope` '' =
 * all requests, else a département):
 * - indicator_counters: per scope, day (grain 1) and week (grain 7, its Monday), platform and role, the
 *   counters (received, handled, resolutions, first replies and those within 2 working days, ratings first
 *   given and satisfied ones): a year reads 52 weeks and a few days;
 * - indicator_lines / indicator_totals: running totals by day of a line — `open` (per scope, platform and
 *   role: the net change of open requests, whose total at a day's end is the backlog), `page` (per scope,
 *   platform, route, role and file status: requests received; frozen when received, since anonymisation
 *   rewrites the context), `reply` and `resolution` (per scope, platform or '*' for any, role or '*', and
 *   histogram bucket of the duration). A period of any length is two lookups per line: the total at its last
 *   day minus the total the day before its first. The buckets' totals are the first stage of the exact
 *   percentiles (pg-indicator-percentiles.ts);
 * - indicator_weeks: durations per scope, kind, platform ('*'), role ('*'), week (its Monday) and bucket —
 *   where each week's median lies;
 * - indicator_durations: one row per first reply and per move to « Résolue », with its duration and bucket:
 *   the second stage reads one bucket of one period, in order;
 * - indicator_first_replies: the requests that had their first reply (kept when anonymisation deletes the
 *   messages; its primary key decides between two first replies written at once);
 * - indicator_comments: the ratings that have a comment, with what the page filters on (kept by the rating's
 *   trigger: one row per request, no shared row);
 * - widget_lines and widget_counts: the widget's anonymous counters per day and per week (no trigger).
 *
 * Working days are computed by `snu_add_working_days` (Easter by the Meeus/Jones/Butcher algorithm, as
 * working-days.ts does): correct for any year, no table to extend. Requests are never deleted (retention
 * anonymises them, keeping every figure), and their platform, route, département and role never change
 * after creation: nothing here follows such changes.
 */
export const INDICATORS_SQL = `
  -- The calendar of the indicators (api/store/working-days.ts), as SQL.
  CREATE FUNCTION snu_paris_day(at timestamptz) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (at AT TIME ZONE 'Europe/Paris')::date;

  CREATE FUNCTION snu_monday(day date) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN day - (extract(isodow FROM day)::integer - 1);

  -- Whole seconds, floored (extract gives exact numerics).
  CREATE FUNCTION snu_seconds_between(from_at timestamptz, to_at timestamptz) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN floor(extract(epoch FROM to_at) - extract(epoch FROM from_at))::bigint;

  CREATE FUNCTION snu_easter_sunday(y integer) RETURNS date
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
  DECLARE
    a integer := y % 19;
    b integer := y / 100;
    c integer := y % 100;
    d integer := b / 4;
    e integer := b % 4;
    f integer := (b + 8) / 25;
    g integer := (b - f + 1) / 3;
    h integer := (19 * a + b - d - g + 15) % 30;
    i integer := c / 4;
    k integer := c % 4;
    l integer := (32 + 2 * e + 2 * i - h - k) % 7;
    m integer := (a + 11 * h + 22 * l) / 451;
  BEGIN
    RETURN make_date(y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
  END $$;

  -- Monday to Friday, not one of the 11 public holidays of metropolitan France.
  CREATE FUNCTION snu_is_working_day(day date) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
  DECLARE
    easter date;
  BEGIN
    IF extract(isodow FROM day) >= 6 THEN
      RETURN false;
    END IF;
    IF (extract(month FROM day)::integer, extract(day FROM day)::integer) IN
       ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)) THEN
      RETURN false;
    END IF;
    easter := snu_easter_sunday(extract(year FROM day)::integer);
    -- Easter Monday, Ascension, Whit Monday.
    RETURN day NOT IN (easter + 1, easter + 39, easter + 50);
  END $$;

  -- The n-th working day after \`day\` (\`day\` itself never counts).
  CREATE FUNCTION snu_add_working_days(day date, n integer) RETURNS date
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
  DECLARE
    current date := day;
    left_to_count integer := n;
  BEGIN
    WHILE left_to_count > 0 LOOP
      current := current + 1;
      IF snu_is_working_day(current) THEN
        left_to_count := left_to_count - 1;
      END IF;
    END LOOP;
    RETURN current;
  END $$;

  -- Answered before the end (in Paris) of the 2nd working day after the day the request was received.
  CREATE FUNCTION snu_within_2_working_days(created_at timestamptz, answered_at timestamptz) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN snu_paris_day(answered_at) <= snu_add_working_days(snu_paris_day(created_at), 2);

  -- The histogram bucket of a duration (durationBucket, sqlite-indicator-functions.ts): 8 buckets per doubling
  -- of seconds + 1, from its bit length and the next 3 bits, integers only — exactly monotonic, which the
  -- exact percentiles rely on. Negative durations (a clock set back) fall in bucket 0.
  CREATE FUNCTION snu_duration_bucket(seconds bigint) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
  DECLARE
    x bigint := greatest(seconds, 0) + 1;
    low integer := 64 - position('1' IN x::bit(64)::text);
  BEGIN
    IF low < 3 THEN
      RETURN low * 8 + (x - (1::bigint << low))::integer;
    END IF;
    RETURN low * 8 + ((x - (1::bigint << low)) >> (low - 3))::integer;
  END $$;

  -- The facts the triggers append, waiting to be folded: a request received (route and file status set), a
  -- status change (opened, handled; a resolution's duration), a first reply (its duration, within), a rating
  -- given, moved or removed (ratings, satisfied: ±1). Dimensions are the request's.
  CREATE TABLE indicator_pending (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    day          date NOT NULL,
    department   text,
    platform     text NOT NULL,
    role         text NOT NULL,
    route        text,
    file_status  text,
    received     integer NOT NULL DEFAULT 0,
    opened       integer NOT NULL DEFAULT 0,
    handled      integer NOT NULL DEFAULT 0,
    ratings      integer NOT NULL DEFAULT 0,
    satisfied    integer NOT NULL DEFAULT 0,
    kind         text CHECK (kind IN ('reply', 'resolution')),
    request_id   bigint,
    seconds      bigint,
    bucket       integer,
    within       boolean
  );

  -- Locked (EXCLUSIVE) by the one fold running; no writer of the facts takes it.
  CREATE TABLE indicator_folds ();

  CREATE TABLE indicator_first_replies (
    request_id  bigint PRIMARY KEY
  );

  CREATE TABLE indicator_counters (
    scope          text NOT NULL,
    grain          smallint NOT NULL CHECK (grain IN (1, 7)),
    start          date NOT NULL,
    platform       text NOT NULL,
    role           text NOT NULL,
    received       integer NOT NULL DEFAULT 0,
    handled        integer NOT NULL DEFAULT 0,
    resolutions    integer NOT NULL DEFAULT 0,
    first_replies  integer NOT NULL DEFAULT 0,
    first_within   integer NOT NULL DEFAULT 0,
    ratings        integer NOT NULL DEFAULT 0,
    satisfied      integer NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, grain, start, platform, role)
  );

  -- Each line numbered once; '' for what does not apply (route and file status but for pages).
  CREATE TABLE indicator_lines (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope        text NOT NULL,
    what         text NOT NULL CHECK (what IN ('open', 'page', 'reply', 'resolution')),
    platform     text NOT NULL,
    role         text NOT NULL,
    bucket       integer NOT NULL DEFAULT 0,
    route        text NOT NULL DEFAULT '',
    file_status  text NOT NULL DEFAULT '',
    UNIQUE (scope, what, platform, role, bucket, route, file_status)
  );
  -- How many up to and including the day; the total at a day without a row is that of the latest earlier
  -- one. With the total in the index: a lookup reads the index only.
  CREATE TABLE indicator_totals (
    -- indicator_lines (id); no foreign key: only the fold writes here, and it numbers the lines first.
    line   integer NOT NULL,
    day    date NOT NULL,
    total  bigint NOT NULL,
    PRIMARY KEY (line, day) INCLUDE (total)
  );

  CREATE TABLE indicator_weeks (
    scope     text NOT NULL,
    kind      text NOT NULL,
    platform  text NOT NULL,
    role      text NOT NULL,
    week      date NOT NULL,
    bucket    integer NOT NULL,
    n         integer NOT NULL,
    PRIMARY KEY (scope, kind, platform, role, week, bucket)
  );

  CREATE TABLE indicator_durations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('reply', 'resolution')),
    request_id  bigint NOT NULL,
    day         date NOT NULL,
    seconds     bigint NOT NULL,
    bucket      integer NOT NULL,
    department  text,
    platform    text NOT NULL,
    role        text NOT NULL
  );
  -- The second stage for all requests: a bucket of a short period, sorted …
  CREATE INDEX indicator_durations_by_bucket_day
    ON indicator_durations (kind, bucket, day) INCLUDE (seconds, platform, role);
  -- … or a large one walked in order of duration.
  CREATE INDEX indicator_durations_by_bucket_seconds
    ON indicator_durations (kind, bucket, seconds) INCLUDE (day, platform, role);
  -- Départements (about 1 % of the rows each): those of a short period, sorted …
  CREATE INDEX indicator_durations_by_department_day
    ON indicator_durations (department, kind, day) INCLUDE (seconds, platform, role)
    WHERE department IS NOT NULL;
  -- … or a bucket of a longer one, in order.
  CREATE INDEX indicator_durations_by_department
    ON indicator_durations (department, kind, bucket, seconds) INCLUDE (day, platform, role)
    WHERE department IS NOT NULL;

  CREATE TABLE indicator_comments (
    request_id  bigint PRIMARY KEY,
    at          timestamptz NOT NULL,
    department  text,
    platform    text NOT NULL,
    role        text NOT NULL
  );
  CREATE INDEX indicator_comments_by_at ON indicator_comments (at) INCLUDE (platform, role);
  CREATE INDEX indicator_comments_by_department ON indicator_comments (department, at) INCLUDE (platform, role)
    WHERE department IS NOT NULL;

  -- The widget's anonymous counters (POST /v1/events): each line ('' for an absent tip or term) numbered once,
  -- its counts per day (grain 1) and per week (grain 7, its Monday).
  CREATE TABLE widget_lines (
    id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform  text NOT NULL,
    route     text NOT NULL,
    event     text NOT NULL,
    tip       text NOT NULL,
    term      text NOT NULL,
    UNIQUE (platform, route, event, tip, term)
  );
  CREATE TABLE widget_counts (
    grain     smallint NOT NULL CHECK (grain IN (1, 7)),
    start     date NOT NULL,
    platform  text NOT NULL,
    line      integer NOT NULL REFERENCES widget_lines (id),
    n         bigint NOT NULL,
    PRIMARY KEY (grain, start, platform, line)
  );

  CREATE TYPE indicator_gain AS (
    scope text, what text, platform text, role text, bucket integer, route text, file_status text, day date, n bigint
  );
  CREATE TYPE indicator_increment AS (line integer, day date, n bigint);

  -- Folds up to \`batch\` pending facts (the oldest) into the rollups; returns how many. One fold at a time:
  -- the next waits for this one's commit, then finds what is left. Every statement below reads the facts
  -- taken from the queue, not the queue.
  CREATE FUNCTION indicator_fold(batch integer) RETURNS integer LANGUAGE plpgsql AS $$
  DECLARE
    moved indicator_pending[];
    gains indicator_gain[];
    increments indicator_increment[];
  BEGIN
    LOCK TABLE indicator_folds IN EXCLUSIVE MODE;
    -- A batch's gains are sorted in memory, not on disk.
    PERFORM set_config('work_mem', '64MB', true);
    WITH gone AS (
      DELETE FROM indicator_pending AS p
      WHERE p.id IN (SELECT id FROM indicator_pending ORDER BY id LIMIT batch)
      RETURNING p
    )
    SELECT coalesce(array_agg(gone.p ORDER BY (gone.p).id), '{}') INTO moved FROM gone;
    IF cardinality(moved) = 0 THEN
      RETURN 0;
    END IF;

    -- Each fact counts for all requests (scope '') and for its département, on its day and in its week.
    INSERT INTO indicator_counters AS d (scope, grain, start, platform, role, received, handled, resolutions,
                                         first_replies, first_within, ratings, satisfied)
      SELECT s.scope, g.grain, g.start, p.platform, p.role, sum(p.received), sum(p.handled),
             count(*) FILTER (WHERE p.kind = 'resolution'), count(*) FILTER (WHERE p.kind = 'reply'),
             count(*) FILTER (WHERE p.kind = 'reply' AND p.within), sum(p.ratings), sum(p.satisfied)
      FROM unnest(moved) AS p
      CROSS JOIN LATERAL (SELECT '' UNION ALL SELECT p.department WHERE p.department IS NOT NULL) AS s (scope)
      CROSS JOIN LATERAL (VALUES (1, p.day), (7, snu_monday(p.day))) AS g (grain, start)
      WHERE p.received <> 0 OR p.handled <> 0 OR p.kind IS NOT NULL OR p.ratings <> 0 OR p.satisfied <> 0
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (scope, grain, start, platform, role) DO UPDATE SET
        received = d.received + excluded.received,
        handled = d.handled + excluded.handled,
        resolutions = d.resolutions + excluded.resolutions,
        first_replies = d.first_replies + excluded.first_replies,
        first_within = d.first_within + excluded.first_within,
        ratings = d.ratings + excluded.ratings,
        satisfied = d.satisfied + excluded.satisfied;

    INSERT INTO indicator_durations (kind, request_id, day, seconds, bucket, department, platform, role)
      SELECT p.kind, p.request_id, p.day, p.seconds, p.bucket, p.department,
             p.platform, p.role
      FROM unnest(moved) AS p
      WHERE p.kind IS NOT NULL
      ORDER BY p.id;

    -- The durations per week, for all four platform × role combinations ('*' any).
    INSERT INTO indicator_weeks AS w (scope, kind, platform, role, week, bucket, n)
      SELECT s.scope, p.kind, c.platform, c.role, snu_monday(p.day), p.bucket, count(*)
      FROM unnest(moved) AS p
      CROSS JOIN LATERAL (SELECT '' UNION ALL SELECT p.department WHERE p.department IS NOT NULL) AS s (scope)
      CROSS JOIN LATERAL (VALUES (p.platform, p.role), (p.platform, '*'), ('*', p.role), ('*', '*'))
        AS c (platform, role)
      WHERE p.kind IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6
      ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (scope, kind, platform, role, week, bucket) DO UPDATE SET n = w.n + excluded.n;

    -- What each line gains on each day; new lines numbered; the gains by line number.
    WITH facts AS (
      SELECT s.scope, p.*
      FROM unnest(moved) AS p
      CROSS JOIN LATERAL (SELECT '' UNION ALL SELECT p.department WHERE p.department IS NOT NULL) AS s (scope)
    )
    SELECT coalesce(array_agg(ROW(g.*)::indicator_gain), '{}') INTO gains FROM (
      SELECT scope, 'open', platform, role, 0, '', '', day, sum(opened)
      FROM facts WHERE opened <> 0
      GROUP BY scope, platform, role, day
      UNION ALL
      SELECT scope, 'page', platform, role, 0, route, file_status, day, count(*)
      FROM facts WHERE received <> 0
      GROUP BY scope, platform, role, route, file_status, day
      UNION ALL
      SELECT f.scope, f.kind, c.platform, c.role, f.bucket, '', '', f.day, count(*)
      FROM facts AS f
      CROSS JOIN LATERAL (VALUES (f.platform, f.role), (f.platform, '*'), ('*', f.role), ('*', '*'))
        AS c (platform, role)
      WHERE f.kind IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 8
    ) AS g (scope, what, platform, role, bucket, route, file_status, day, n)
    WHERE g.n <> 0;
    INSERT INTO indicator_lines (scope, what, platform, role, bucket, route, file_status)
      SELECT DISTINCT scope, what, platform, role, bucket, route, file_status FROM unnest(gains)
      ORDER BY 1, 2, 3, 4, 5, 6, 7
      ON CONFLICT DO NOTHING;
    SELECT coalesce(array_agg(ROW(l.id, g.day, g.n)::indicator_increment), '{}') INTO increments
    FROM unnest(gains) AS g
    JOIN indicator_lines AS l USING (scope, what, platform, role, bucket, route, file_status);

    -- Running totals: a row for each day that gains, holding the total before the gain (the latest earlier
    -- day's); then every row from a line's first gaining day on gains what its line gained up to its day
    -- (a window over the rows and the gains in day order: each row read and written once, whatever the
    -- days' spread). Facts arrive on their own day, the latest: normally the rows from that day on are
    -- the day's own.
    INSERT INTO indicator_totals (line, day, total)
      SELECT i.line, i.day, coalesce(latest.total, 0)
      FROM unnest(increments) AS i
      LEFT JOIN LATERAL (
        SELECT t.day, t.total FROM indicator_totals AS t
        WHERE t.line = i.line AND t.day <= i.day ORDER BY t.day DESC LIMIT 1
      ) AS latest ON true
      WHERE latest.day IS DISTINCT FROM i.day
      ORDER BY i.line, i.day;
    UPDATE indicator_totals AS t SET total = t.total + c.gained
    FROM (
      SELECT rid, kept, sum(n) OVER (PARTITION BY line ORDER BY day, kept ROWS UNBOUNDED PRECEDING) AS gained
      FROM (
        -- Each line's rows from its first gaining day, through its index (OFFSET 0: one range per line,
        -- never a scan of the whole table), by their address.
        SELECT r.ctid AS rid, f.line, r.day, 0::bigint AS n, true AS kept
        FROM (SELECT line, min(day) AS first FROM unnest(increments) GROUP BY line) AS f
        CROSS JOIN LATERAL (
          SELECT ctid, day FROM indicator_totals WHERE line = f.line AND day >= f.first OFFSET 0
        ) AS r
        UNION ALL
        SELECT NULL, line, day, n, false FROM unnest(increments)
      ) AS rows_and_gains
    ) AS c
    WHERE c.kept AND c.gained <> 0 AND t.ctid = c.rid;

    RETURN cardinality(moved);
  END $$;

  -- Every write appends its facts.
  CREATE FUNCTION indicators_after_request() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO indicator_pending (day, department, platform, role, route, file_status, received, opened)
      VALUES (snu_paris_day(NEW.created_at), NEW.department, NEW.platform, coalesce(NEW.role, ''), NEW.route,
              coalesce(NEW.context #>> '{identity,status}', ''), 1,
              (NEW.status IN ('new', 'in_progress', 'waiting_user'))::integer);
    RETURN NULL;
  END $$;
  CREATE TRIGGER indicators_after_request AFTER INSERT ON requests
    FOR EACH ROW EXECUTE FUNCTION indicators_after_request();

  -- Whichever code path moved the status: it sets updated_at to the change's instant (migration 3).
  CREATE FUNCTION indicators_after_status() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    at timestamptz := coalesce(NEW.updated_at, NEW.created_at);
    was_open boolean := OLD.status IN ('new', 'in_progress', 'waiting_user');
    is_open boolean := NEW.status IN ('new', 'in_progress', 'waiting_user');
    resolved boolean := NEW.status = 'resolved';
    seconds bigint := CASE WHEN NEW.status = 'resolved' THEN snu_seconds_between(NEW.created_at, at) END;
  BEGIN
    IF was_open = is_open AND NOT resolved THEN
      RETURN NULL;
    END IF;
    INSERT INTO indicator_pending (day, department, platform, role, opened, handled, kind, request_id, seconds,
                                   bucket)
      VALUES (snu_paris_day(at), NEW.department, NEW.platform, coalesce(NEW.role, ''),
              is_open::integer - was_open::integer, (was_open AND NOT is_open)::integer,
              CASE WHEN resolved THEN 'resolution' END, NEW.id, seconds, snu_duration_bucket(seconds));
    RETURN NULL;
  END $$;
  CREATE TRIGGER indicators_after_status AFTER UPDATE OF status ON requests
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status) EXECUTE FUNCTION indicators_after_status();

  -- The first public reply of support (internal notes are timeline events, not messages).
  CREATE FUNCTION indicators_after_reply() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    r record;
  BEGIN
    INSERT INTO indicator_first_replies (request_id) VALUES (NEW.request_id) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RETURN NULL;
    END IF;
    SELECT created_at, department, platform, coalesce(role, '') AS role,
           snu_seconds_between(created_at, NEW.at) AS seconds
      INTO r
    FROM requests WHERE id = NEW.request_id;
    INSERT INTO indicator_pending (day, department, platform, role, kind, request_id, seconds, bucket, within)
      VALUES (snu_paris_day(NEW.at), r.department, r.platform, r.role, 'reply', NEW.request_id, r.seconds,
              snu_duration_bucket(r.seconds), snu_within_2_working_days(r.created_at, NEW.at));
    RETURN NULL;
  END $$;
  CREATE TRIGGER indicators_after_reply AFTER INSERT ON request_messages
    FOR EACH ROW WHEN (NEW.author = 'agent') EXECUTE FUNCTION indicators_after_reply();

  -- Ratings count on the day they were first given (\`at\`); the score may be edited afterwards, and the
  -- comment goes with anonymisation.
  CREATE FUNCTION indicators_after_rating() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    r record;
    moved boolean := TG_OP = 'UPDATE'
      AND (OLD.at <> NEW.at OR (OLD.score >= 4) <> (NEW.score >= 4));
  BEGIN
    SELECT department, platform, coalesce(role, '') AS role INTO r
    FROM requests WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.request_id ELSE NEW.request_id END;
    IF TG_OP = 'DELETE' OR moved THEN
      INSERT INTO indicator_pending (day, department, platform, role, ratings, satisfied)
        VALUES (snu_paris_day(OLD.at), r.department, r.platform, r.role, -1, -(OLD.score >= 4)::integer);
    END IF;
    IF TG_OP = 'INSERT' OR moved THEN
      INSERT INTO indicator_pending (day, department, platform, role, ratings, satisfied)
        VALUES (snu_paris_day(NEW.at), r.department, r.platform, r.role, 1, (NEW.score >= 4)::integer);
    END IF;
    IF TG_OP = 'DELETE' OR NEW.comment IS NULL THEN
      DELETE FROM indicator_comments WHERE request_id = OLD.request_id;
    ELSE
      INSERT INTO indicator_comments AS c (request_id, at, department, platform, role)
        VALUES (NEW.request_id, NEW.at, r.department, r.platform, r.role)
        ON CONFLICT (request_id) DO UPDATE SET at = excluded.at;
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER indicators_after_rating AFTER INSERT OR UPDATE OR DELETE ON request_ratings
    FOR EACH ROW EXECUTE FUNCTION indicators_after_rating();

  -- Data stored before this migration. Creating the triggers above locked the tables they watch against
  -- writes until this migration commits: nothing is written meanwhile that neither they nor this backfill
  -- see. Lost already and not counted: the first replies and file statuses of requests anonymised earlier
  -- (their conversation and context are gone). The facts are queued in day order, then folded at once.
  INSERT INTO indicator_first_replies (request_id)
    SELECT DISTINCT request_id FROM request_messages WHERE author = 'agent';
  INSERT INTO indicator_pending (day, department, platform, role, route, file_status, received, opened, handled,
                                 ratings, satisfied, kind, request_id, seconds, bucket, within)
    SELECT day, department, platform, role, route, file_status, received, opened, handled, ratings, satisfied,
           kind, request_id, seconds, snu_duration_bucket(seconds), within
    FROM (
      -- Received, and open when received: the status before the first recorded change, or the current one.
      SELECT snu_paris_day(r.created_at) AS day, r.department, r.platform, coalesce(r.role, '') AS role,
             r.route, coalesce(r.context #>> '{identity,status}', '') AS file_status, 1 AS received,
             (coalesce((SELECT e.data ->> 'from' FROM request_events AS e
                        WHERE e.request_id = r.id AND e.type = 'status' ORDER BY e.at, e.id LIMIT 1),
                       r.status) IN ('new', 'in_progress', 'waiting_user'))::integer AS opened,
             0 AS handled, 0 AS ratings, 0 AS satisfied, NULL::text AS kind, NULL::bigint AS request_id,
             NULL::bigint AS seconds, NULL::boolean AS within
      FROM requests AS r
      UNION ALL
      -- The status changes recorded in the timelines (every code path writes one with the change).
      SELECT snu_paris_day(m.at), m.department, m.platform, m.role, NULL, NULL, 0,
             m.to_open::integer - m.from_open::integer, (m.from_open AND NOT m.to_open)::integer, 0, 0,
             CASE WHEN m.to_status = 'resolved' THEN 'resolution' END, m.request_id,
             CASE WHEN m.to_status = 'resolved' THEN snu_seconds_between(m.created_at, m.at) END, NULL
      FROM (
        SELECT e.at, e.request_id, r.created_at, r.department, r.platform, coalesce(r.role, '') AS role,
               e.data ->> 'to' AS to_status,
               coalesce(e.data ->> 'from' IN ('new', 'in_progress', 'waiting_user'), false) AS from_open,
               coalesce(e.data ->> 'to' IN ('new', 'in_progress', 'waiting_user'), false) AS to_open
        FROM request_events AS e JOIN requests AS r ON r.id = e.request_id
        WHERE e.type = 'status'
      ) AS m
      WHERE m.from_open <> m.to_open OR m.to_status = 'resolved'
      UNION ALL
      -- The first public reply of support of each request.
      SELECT snu_paris_day(f.at), r.department, r.platform, coalesce(r.role, ''), NULL, NULL, 0, 0, 0, 0, 0,
             'reply', r.id, snu_seconds_between(r.created_at, f.at),
             snu_within_2_working_days(r.created_at, f.at)
      FROM (SELECT DISTINCT ON (request_id) request_id, at FROM request_messages
            WHERE author = 'agent' ORDER BY request_id, id) AS f
      JOIN requests AS r ON r.id = f.request_id
      UNION ALL
      SELECT snu_paris_day(t.at), r.department, r.platform, coalesce(r.role, ''), NULL, NULL, 0, 0, 0, 1,
             (t.score >= 4)::integer, NULL, NULL, NULL, NULL
      FROM request_ratings AS t JOIN requests AS r ON r.id = t.request_id
    ) AS facts
    ORDER BY day;
  INSERT INTO indicator_comments (request_id, at, department, platform, role)
    SELECT t.request_id, t.at, r.department, r.platform, coalesce(r.role, '')
    FROM request_ratings AS t JOIN requests AS r ON r.id = t.request_id
    WHERE t.comment IS NOT NULL;
  SELECT indicator_fold(2147483647);
`;
