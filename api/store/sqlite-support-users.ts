import Database from "better-sqlite3";
import { DuplicateEmailError } from "./support-errors.ts";
import type {
  SupportRole,
  SupportStore,
  SupportUser,
  SupportAccounts,
} from "./support-types.ts";

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  role: SupportRole;
  departments: string;
  password_hash: string;
  disabled: number;
  can_edit_tips: number;
  created_at: string;
}

/** Console accounts and their sessions on SQLite. E-mails are trimmed, compared without case (ASCII, NOCASE). */
export function createSqliteSupportUsers(
  db: Database.Database,
): SupportAccounts {
  const insertUser = db.prepare<
    [string, string, string, string, string, string],
    UserRow
  >(
    `INSERT INTO support_users (email, display_name, role, departments, password_hash, created_at)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  // The column's NOCASE collation applies to the comparison.
  const byEmail = db.prepare<[string], UserRow>(
    "SELECT * FROM support_users WHERE email = ?",
  );
  const byId = db.prepare<[number], UserRow>(
    "SELECT * FROM support_users WHERE id = ?",
  );
  const all = db.prepare<[], UserRow>(
    "SELECT * FROM support_users ORDER BY id",
  );
  const patchUser = db.prepare<Record<string, string | number | null>, UserRow>(
    `UPDATE support_users SET
       display_name = coalesce(@displayName, display_name),
       role = coalesce(@role, role),
       departments = coalesce(@departments, departments),
       password_hash = coalesce(@passwordHash, password_hash),
       disabled = coalesce(@disabled, disabled),
       can_edit_tips = coalesce(@canEditTips, can_edit_tips)
     WHERE id = @id RETURNING *`,
  );
  const insertSession = db.prepare(
    "INSERT INTO support_sessions (token_hash, user_id, expires_at, last_seen_at) VALUES (?, ?, ?, ?)",
  );
  // ISO 8601 UTC strings of one length (toISOString) compare as the instants they name.
  const liveSession = db.prepare<
    [string, string, string],
    { userId: number; expiresAt: string; lastSeenAt: string }
  >(
    `SELECT user_id AS userId, expires_at AS expiresAt, last_seen_at AS lastSeenAt FROM support_sessions
     WHERE token_hash = ? AND expires_at > ? AND last_seen_at > ?`,
  );
  const touchSession = db.prepare(
    "UPDATE support_sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?",
  );
  const deleteSession = db.prepare(
    "DELETE FROM support_sessions WHERE token_hash = ?",
  );
  const deleteUserSessions = db.prepare(
    "DELETE FROM support_sessions WHERE user_id = ?",
  );
  // No index on expires_at or last_seen_at, on purpose: purged hourly, the table holds only the logins of
  // the last TTL + 1 h (10 h sessions), a few hundred rows at most; an index would cost every login (and
  // every minute's touch) for a scan of microseconds.
  const purgeExpired = db.prepare(
    "DELETE FROM support_sessions WHERE expires_at <= ? OR last_seen_at <= ?",
  );

  return {
    async createUser(user, now) {
      try {
        return toUser(
          insertUser.get(
            user.email.trim(),
            user.displayName,
            user.role,
            JSON.stringify(user.departments),
            user.passwordHash,
            now.toISOString(),
          )!,
        );
      } catch (error) {
        if (
          error instanceof Database.SqliteError &&
          error.code === "SQLITE_CONSTRAINT_UNIQUE"
        ) {
          throw new DuplicateEmailError();
        }
        throw error;
      }
    },
    async findUserByEmail(email) {
      const row = byEmail.get(email.trim());
      return row && { ...toUser(row), passwordHash: row.password_hash };
    },
    async getUser(id) {
      const row = byId.get(id);
      return row && toUser(row);
    },
    async listUsers() {
      return all.all().map(toUser);
    },
    async updateUser(id, patch) {
      const row = patchUser.get({
        id,
        displayName: patch.displayName ?? null,
        role: patch.role ?? null,
        departments:
          patch.departments === undefined
            ? null
            : JSON.stringify(patch.departments),
        passwordHash: patch.passwordHash ?? null,
        disabled: patch.disabled === undefined ? null : patch.disabled ? 1 : 0,
        canEditTips:
          patch.canEditTips === undefined ? null : patch.canEditTips ? 1 : 0,
      });
      return row && toUser(row);
    },
    async createSession(tokenHash, userId, expiresAt, now) {
      insertSession.run(
        tokenHash,
        userId,
        expiresAt.toISOString(),
        now.toISOString(),
      );
    },
    async findSession(tokenHash, now, idleMs) {
      return liveSession.get(
        tokenHash,
        now.toISOString(),
        new Date(now.getTime() - idleMs).toISOString(),
      );
    },
    async touchSession(tokenHash, now) {
      const at = now.toISOString();
      touchSession.run(at, tokenHash, at);
    },
    async deleteSession(tokenHash) {
      deleteSession.run(tokenHash);
    },
    async deleteUserSessions(userId) {
      deleteUserSessions.run(userId);
    },
    async purgeExpiredSessions(now, idleMs) {
      return purgeExpired.run(
        now.toISOString(),
        new Date(now.getTime() - idleMs).toISOString(),
      ).changes;
    },
  };
}

function toUser(row: UserRow): SupportUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    departments: JSON.parse(row.departments),
    disabled: row.disabled === 1,
    canEditTips: row.can_edit_tips === 1,
    createdAt: row.created_at,
  };
}
