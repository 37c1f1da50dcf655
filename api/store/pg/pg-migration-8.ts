/**
 * Migration 8 (issue 15): the words of the requests' search vectors, one row each, so that a search can turn
 * a prefix into the exact words it begins before it reads the GIN index.
 *
 * Why: the GIN index reads a prefix (`con:*`) by gathering every posting entry of every lexeme it covers into
 * a bitmap, never skipping any — the worst search allowed (8 prefixes of frequent words) read 4.3 M entries at
 * 1 M requests, ≈ 300 ms. Given the same search as exact words (`convocation | contrat | …`), the index
 * intersects their posting lists, skipping what the rarest one excludes: ≈ 2 to 4 times less (pg-search-
 * lexemes.ts chooses which words it reads). PostgreSQL keeps no list of the index's words that a query can
 * read, hence this table.
 *
 * Kept by the triggers in the transaction that writes the request: a request another statement can see has
 * its words here too. `ON CONFLICT DO NOTHING` takes no lock on a word already listed (the common case); an
 * insert statement adds the new words of all its rows at once (the transition table), sorted, so two
 * submissions adding the same two new words wait for each other instead of deadlocking, and a batch costs
 * one statement, not one per row. The update trigger, per row, follows anonymisation (pg-support-
 * retention.ts), which replaces the message: it adds the new message's words and lists the old ones in
 * `search_lexeme_checks` — whichever version of the code runs the update (instances of the previous release
 * keep serving during a deployment). The retention job then prunes those no request holds any more
 * (pg-search-lexemes.ts): a name must not outlive its message here.
 *
 * `COLLATE "C"`: byte order, so that the words beginning a prefix are one range of the primary key.
 *
 * Instant on any database: the words already in `requests` are added by migration 9, once these triggers
 * exist (rows written meanwhile pass through them).
 */
export const SEARCH_LEXEMES_SQL = `
  CREATE TABLE search_lexemes (
    lexeme text COLLATE "C" PRIMARY KEY
  );
  -- Words whose last message may have been anonymised: checked, and pruned if no request holds them.
  CREATE TABLE search_lexeme_checks (
    lexeme text COLLATE "C" PRIMARY KEY
  );

  CREATE FUNCTION snu_search_lexemes_inserted() RETURNS trigger
    LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO search_lexemes (lexeme)
    SELECT DISTINCT word FROM inserted_requests, unnest(tsvector_to_array(search)) AS word
    ORDER BY word
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;

  CREATE FUNCTION snu_search_lexemes_updated() RETURNS trigger
    LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO search_lexemes (lexeme)
    SELECT word FROM unnest(tsvector_to_array(NEW.search)) AS word
    ORDER BY word
    ON CONFLICT DO NOTHING;
    INSERT INTO search_lexeme_checks (lexeme)
    SELECT word FROM unnest(tsvector_to_array(OLD.search)) AS word
    WHERE word <> ALL (tsvector_to_array(NEW.search))
    ORDER BY word
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;

  CREATE TRIGGER requests_search_lexemes_inserted AFTER INSERT ON requests
    REFERENCING NEW TABLE AS inserted_requests
    FOR EACH STATEMENT EXECUTE FUNCTION snu_search_lexemes_inserted();

  CREATE TRIGGER requests_search_lexemes_updated AFTER UPDATE OF subject, message ON requests
    FOR EACH ROW WHEN (OLD.search IS DISTINCT FROM NEW.search)
    EXECUTE FUNCTION snu_search_lexemes_updated();
`;

/**
 * Migration 9: the words of the requests written before migration 8, from a snapshot taken after migration 8
 * committed (every row it does not see went through the triggers). It locks no row of `requests`, but a
 * submission bringing a word this transaction has just listed waits for its commit (`ON CONFLICT` on an
 * uncommitted row): submissions pause while it runs — ≈ 2 s at 1 M requests (nothing on a new database).
 */
export const SEARCH_LEXEMES_BACKFILL_SQL = `
  INSERT INTO search_lexemes (lexeme)
  SELECT DISTINCT word FROM requests, unnest(tsvector_to_array(search)) AS word
  ORDER BY word
  ON CONFLICT DO NOTHING;
`;
