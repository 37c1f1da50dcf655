/** Fake identifiers: the SNU apps use MongoDB ObjectIds (24 hexadecimal characters) in their URLs. */

/** A stable pick in `list` for an id the demo does not know, so any well-formed id shows a page. */
export function pickFor<T>(id: string, list: readonly T[]): T {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return list[hash % list.length] as T;
}

/** Whether a segment looks like a MongoDB ObjectId (24 hexadecimal characters), as in the SNU apps. */
export function isObjectId(value: string): boolean {
  return /^[0-9a-f]{24}$/i.test(value);
}
