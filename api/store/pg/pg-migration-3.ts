/**
 * Migration 3 (issue 15): the console's inbox on PostgreSQL — text search, the indexes of the filters, the
 * counts per status, and the dates a status change sets. What SQLite's migrations 2 and 4 gave the inbox.
 *
 * Text search: a `tsvector` of subject and message, stored (a generated column: computed once per write, so
 * that a search reading rows newest first tests each row without re-parsing its text), with a GIN index. Its
 * words are those of SQLite's FTS5 `unicode61 remove_diacritics 2` and of `searchWords` (support-rules.ts):
 * runs of letters and digits, lower case, accents removed by `unaccent` (« sejour » finds « séjour »; it
 * also folds « œ », « ß », ligatures). They are cut out by `snu_search_text` rather than by the text-search
 * parser, which would keep e-mails, paths, decimals and hyphenated words whole and split nothing at « ’ ».
 * `[:alnum:]` follows the database's LC_CTYPE: it needs a UTF-8 locale (C.UTF-8, fr_FR.UTF-8, en_US.UTF-8 —
 * what initdb and the hosting platforms use); under plain `C` the letters unaccent leaves non-ASCII (Greek,
 * Cyrillic…) would become separators.
 *
 * Adding the generated column rewrites `requests` under an exclusive lock: instant on the empty tables this
 * migration ships with (issue 15 comes before any production data on PostgreSQL), minutes at 1 M rows.
 */
export const SUPPORT_INBOX_SQL = `
  CREATE EXTENSION IF NOT EXISTS unaccent;

  -- unaccent() is STABLE (it looks its dictionary up by name, through search_path), so no index or generated
  -- column may call it. The SQL-standard bodies below are bound when created: the dictionary and the
  -- functions are fixed objects, whatever the search_path of the session that uses them, which is what
  -- makes IMMUTABLE true here.
  CREATE FUNCTION snu_search_text(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN regexp_replace(lower(unaccent('unaccent'::regdictionary, $1)), '[^[:alnum:]]+', ' ', 'g');

  CREATE FUNCTION snu_search_vector(subject text, message text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN to_tsvector('simple'::regconfig, snu_search_text(subject || ' ' || message));

  -- The query of a search: every term required; a term is the folded word of requiredSearchTerms, folded
  -- again here like the text (« sœur » must find what the text holds as « soeur »), a prefix (:*) unless
  -- \`prefixes\` says it is a whole word. A term that unaccent splits (« ½ ») requires each part, the
  -- prefix on the last. The parts are letters and digits only: quoting them cannot inject an operator.
  CREATE FUNCTION snu_search_query(terms text[], prefixes boolean[]) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  BEGIN ATOMIC
    SELECT string_agg(
             '''' || part.token || '''' || CASE WHEN term.prefix AND part.n = part.parts THEN ':*' ELSE '' END,
             ' & ' ORDER BY term.i, part.n)::tsquery
    FROM unnest(terms, prefixes) WITH ORDINALITY AS term (word, prefix, i)
    CROSS JOIN LATERAL (
      SELECT token, n, count(*) OVER () AS parts
      FROM unnest(string_to_array(btrim(snu_search_text(term.word)), ' ')) WITH ORDINALITY AS t (token, n)
      WHERE token <> ''
    ) AS part;
  END;

  ALTER TABLE requests ADD COLUMN search tsvector
    GENERATED ALWAYS AS (snu_search_vector(subject, message)) STORED;
  -- A rare word's matches come from here; a common word's newest matches are found faster by reading the
  -- primary key backwards and testing the stored vector: the planner chooses from the column's statistics.
  CREATE INDEX requests_search ON requests USING gin (search);

  -- Every inbox filter has an index that reads newest first after its equality columns (…, id) — a btree
  -- reads backwards as well as forwards — and holds status, so that the counts per status of a filtered
  -- inbox are index-only scans. A referent's inbox reads one branch per département × status
  -- (pg-request-list.ts), each newest first, merged.
  CREATE INDEX requests_by_department_status ON requests (department, status, id);
  CREATE INDEX requests_by_status ON requests (status, id);
  CREATE INDEX requests_by_page ON requests (platform, route, id) INCLUDE (status);
  -- Category alone (the planner reads its range then keeps the newest), or category and subject.
  CREATE INDEX requests_by_topic ON requests (category, subject, id) INCLUDE (status);
  -- Requester's role; role IS NULL (no identity) uses it too.
  CREATE INDEX requests_by_role ON requests (role, id) INCLUDE (status);
  -- « Assigned to me » and « unassigned » (assignee_id IS NULL).
  CREATE INDEX requests_by_assignee ON requests (assignee_id, id) INCLUDE (status);
  -- Periods, and the « Par page » statistics without reading the rows (index-only).
  CREATE INDEX requests_by_created ON requests (created_at, platform, route, category, department, status);
  -- « Nouvelles réponses »: few rows, read newest first.
  CREATE INDEX requests_unread ON requests (id) INCLUDE (status) WHERE unread_answer;

  -- Requests per département and status, kept by triggers: the counts of an inbox filtered only by scope,
  -- département or status (the most frequent view) add up a few rows instead of counting a million.
  -- '' stands for « no département » (no valid code is empty). Each change updates one or two rows, locked
  -- until its commit: inserts already queue on their year's row of reference_sequences, so this adds no
  -- wait to them; two status changes lock their rows in key order (below), so they never deadlock.
  CREATE TABLE request_counts (
    department  text NOT NULL,
    status      text NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (department, status)
  );
  INSERT INTO request_counts (department, status, n)
    SELECT coalesce(department, ''), status, count(*) FROM requests GROUP BY 1, 2;

  CREATE FUNCTION request_counts_add(dep text, st text, delta integer) RETURNS void
    LANGUAGE sql
  BEGIN ATOMIC
    INSERT INTO request_counts AS c (department, status, n) VALUES (coalesce(dep, ''), st, delta)
      ON CONFLICT (department, status) DO UPDATE SET n = c.n + excluded.n;
  END;

  CREATE FUNCTION request_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM request_counts_add(NEW.department, NEW.status, 1);
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM request_counts_add(OLD.department, OLD.status, -1);
    ELSIF (coalesce(OLD.department, ''), OLD.status) < (coalesce(NEW.department, ''), NEW.status) THEN
      PERFORM request_counts_add(OLD.department, OLD.status, -1);
      PERFORM request_counts_add(NEW.department, NEW.status, 1);
    ELSIF (coalesce(OLD.department, ''), OLD.status) > (coalesce(NEW.department, ''), NEW.status) THEN
      PERFORM request_counts_add(NEW.department, NEW.status, 1);
      PERFORM request_counts_add(OLD.department, OLD.status, -1);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER request_counts_after_insert AFTER INSERT ON requests
    FOR EACH ROW EXECUTE FUNCTION request_counts_follow();
  CREATE TRIGGER request_counts_after_delete AFTER DELETE ON requests
    FOR EACH ROW EXECUTE FUNCTION request_counts_follow();
  CREATE TRIGGER request_counts_after_update AFTER UPDATE OF department, status ON requests
    FOR EACH ROW EXECUTE FUNCTION request_counts_follow();

  -- Every status change goes through an UPDATE that also sets updated_at (the change's instant), so the
  -- dates that follow the status are set here, whichever code path moves it (SQLite's migration 4 trigger):
  -- when the wait for the requester began (and its reminder forgotten), when it was last resolved (kept
  -- while closed).
  CREATE FUNCTION requests_status_dates() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.waiting_since := CASE WHEN NEW.status = 'waiting_user' THEN NEW.updated_at END;
    NEW.reminded_at := NULL;
    NEW.resolved_at := CASE NEW.status WHEN 'resolved' THEN NEW.updated_at
                                       WHEN 'closed' THEN OLD.resolved_at END;
    RETURN NEW;
  END $$;
  CREATE TRIGGER requests_status_dates BEFORE UPDATE OF status ON requests
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status) EXECUTE FUNCTION requests_status_dates();
`;
