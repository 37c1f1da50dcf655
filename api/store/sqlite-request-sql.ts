// The request queries' SQL vocabulary: every value is a bound parameter, never spliced in.

/** A value bound to one `?`. */
export type SqlValue = string | number;

/** SQL (a whole statement or a piece of one) and its parameters, in placeholder order. */
export interface SqlQuery {
  sql: string;
  params: SqlValue[];
}

/** `?, ?, …`: one placeholder per value. */
export const placeholders = (count: number) =>
  Array(count).fill("?").join(", ");

/** The clauses joined by AND; `1` (always true) when there are none. */
export const and = (clauses: readonly string[]) =>
  clauses.length ? clauses.join(" AND ") : "1";

/** Pieces of SQL ANDed into one. */
export function allOf(pieces: readonly SqlQuery[]): SqlQuery {
  return {
    sql: and(pieces.map((piece) => piece.sql)),
    params: pieces.flatMap((piece) => piece.params),
  };
}
