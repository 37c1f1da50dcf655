import { createHmac, hkdfSync } from "node:crypto";

/**
 * Keyed hashes for what several instances count together (rate limits, login failures: issue 15). Every
 * instance must derive the same hash from the same address, so the key cannot be drawn per process as in
 * memory: it is derived (HKDF-SHA256, one `purpose` per use) from a secret all instances share and that is
 * kept OUTSIDE the database — the follow-up secret (FOLLOW_UP_SECRET), which N instances must share anyway
 * for their follow-up links to agree. A copy of the database then links no row back to an address or an
 * e-mail: IPv4 addresses are few enough (2³²) that an unkeyed or in-database salt would be brute-forced.
 * HKDF keeps the derived key unrelated to the follow-up tokens' HMAC, made with the secret itself.
 */
export function createSharedKeyHash(
  secret: Buffer,
  purpose: string,
): (text: string) => string {
  if (secret.length < 32) throw new Error("shared secret too short");
  const key = Buffer.from(
    hkdfSync("sha256", secret, Buffer.alloc(0), `snu-aide ${purpose}`, 32),
  );
  return (text) => createHmac("sha256", key).update(text).digest("base64url");
}
