import { createHash, createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { FOLLOW_UP_PATH, FOLLOW_UP_TOKEN_RE } from "../contract/follow-up.ts";

/**
 * Follow-up tokens (issue 10). A request's token is an HMAC of its reference under a server secret kept
 * OUTSIDE the database: the database stores only the token's SHA-256, so a copy of it opens no follow-up
 * page, while the server can still put the link in every e-mail it sends later (the worker renders
 * e-mails at send time) and replay it to a retried submission — nothing holds the token in clear.
 * 24 bytes of HMAC-SHA256 = 192 bits, 32 base64url characters.
 */
export interface FollowUpTokens {
  tokenFor(reference: string): string;
  /** What the store keeps and looks up. */
  hashOf(token: string): string;
  /** `${publicUrl}/suivi/<token>`. */
  urlFor(reference: string): string;
}

/** `publicUrl` may be read late: without PUBLIC_URL the origin is known once the server listens (PORT=0). */
export function createFollowUpTokens(
  secret: Buffer,
  publicUrl: string | (() => string),
): FollowUpTokens {
  const origin = typeof publicUrl === "string" ? () => publicUrl : publicUrl;
  if (secret.length < 32) throw new Error("follow-up secret too short");
  const tokenFor = (reference: string) =>
    createHmac("sha256", secret)
      .update(`suivi:${reference}`)
      .digest()
      .subarray(0, 24)
      .toString("base64url");
  return {
    tokenFor,
    hashOf: hashFollowUpToken,
    urlFor: (reference) =>
      `${origin().replace(/\/+$/, "")}${FOLLOW_UP_PATH}${tokenFor(reference)}`,
  };
}

/** SHA-256 of a token, base64url: the only form the store knows. */
export function hashFollowUpToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export const isFollowUpToken = (value: string) =>
  FOLLOW_UP_TOKEN_RE.test(value);

/**
 * The secret: `FOLLOW_UP_SECRET` (hex, ≥ 64 characters) when several instances must agree, else
 * `${dataDir}/follow-up.key`, created once with mode 0600 and kept next to — not inside — the database.
 */
export function loadFollowUpSecret(
  dataDir: string,
  fromEnv: string | undefined,
): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, "hex");
  const file = path.join(dataDir, "follow-up.key");
  try {
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  // `wx`: two processes starting together never overwrite each other's secret; the loser reads the file.
  try {
    fs.writeFileSync(file, secret.toString("hex"), { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
  }
}
