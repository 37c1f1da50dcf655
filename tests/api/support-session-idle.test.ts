import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import { MIGRATIONS, migrate } from "../../api/store/sqlite-migrations.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { hashToken, SESSION_IDLE_MS } from "../../api/support/session-auth.ts";
import { CONSOLE_HEADERS, loginAs } from "../support/support-session.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { createTestApp } from "../support/test-app.ts";

// Issue 11, item 11: console sessions end after 2 h without activity, besides 10 h after the login.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The real app with a logged-in agent; counts the activity writes the app makes. */
async function loggedIn() {
  const writes: string[] = [];
  const context = createTestApp({
    wrapStore: (store): AppStore => ({
      ...store,
      touchSession: (hash, now) => {
        writes.push(now.toISOString());
        return store.touchSession(hash, now);
      },
    }),
  });
  const { cookie } = await loginAs(context.app, context.store, {
    email: "a@test.fr",
    role: "agent",
  });
  const whoAmI = async () =>
    (
      await context.app.request("/support/api/session", {
        headers: { ...CONSOLE_HEADERS, Cookie: cookie },
      })
    ).status;
  const token = cookie.slice(cookie.indexOf("=") + 1);
  return { ...context, cookie, whoAmI, writes, sessionHash: hashToken(token) };
}

describe("console session idle timeout", () => {
  it("refuses a session left 2 h without a call, keeps one used within the last 2 h", async () => {
    const { clock, whoAmI } = await loggedIn();
    clock.advance(2 * HOUR - MINUTE);
    expect(await whoAmI()).toBe(200);
    // Each call counts as activity: 2 h from the last one, not from the login.
    clock.advance(2 * HOUR - MINUTE);
    expect(await whoAmI()).toBe(200);
    clock.advance(2 * HOUR);
    expect(await whoAmI()).toBe(401);
  });

  it("writes activity at most once a minute per session, not on every call", async () => {
    const { clock, store, whoAmI, writes, sessionHash } = await loggedIn();
    const login = clock.now();
    for (let i = 0; i < 20; i++) {
      clock.advance(2_000);
      expect(await whoAmI()).toBe(200);
    }
    // 40 s after the login, which recorded the first activity: nothing written yet.
    expect(writes).toEqual([]);
    clock.advance(20_000);
    for (let i = 0; i < 10; i++) expect(await whoAmI()).toBe(200);
    expect(writes).toEqual([new Date(login.getTime() + MINUTE).toISOString()]);
    expect(
      (await store.findSession(sessionHash, clock.now(), SESSION_IDLE_MS))
        ?.lastSeenAt,
    ).toBe(writes[0]);
  });
});

describe("migration 5", () => {
  it("gives sessions opened before it no activity: they are refused and purged, new ones work", async () => {
    const file = path.join(makeTempDir(), "snu-aide.sqlite");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    migrate(db, new Date(), MIGRATIONS.slice(0, 4));
    const { lastInsertRowid: userId } = db
      .prepare(
        `INSERT INTO support_users (email, display_name, role, password_hash, created_at)
         VALUES ('a@snu.example', 'A', 'agent', 'hash', '2026-11-29T09:00:00.000Z')`,
      )
      .run();
    db.prepare(
      "INSERT INTO support_sessions (token_hash, user_id, expires_at) VALUES ('before', ?, '2026-11-29T19:00:00.000Z')",
    ).run(userId);
    db.close();

    const store = createSqliteStore({ file });
    const now = new Date("2026-11-29T10:00:00Z");
    expect(
      await store.findSession("before", now, SESSION_IDLE_MS),
    ).toBeUndefined();
    await store.createSession(
      "after",
      Number(userId),
      new Date("2026-11-29T20:00:00Z"),
      now,
    );
    expect(await store.purgeExpiredSessions(now, SESSION_IDLE_MS)).toBe(1);
    expect(
      await store.findSession("after", now, SESSION_IDLE_MS),
    ).toMatchObject({ userId: Number(userId) });
    await store.close();
  });
});
