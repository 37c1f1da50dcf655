import type pg from "pg";
import { DuplicateEmailError } from "../support-errors.ts";
import type {
  SupportRole,
  SupportStore,
  SupportUser,
  SupportAccounts,
} from "../support-types.ts";
import { storableText } from "./pg-text.ts";

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  role: SupportRole;
  departments: string[];
  password_hash: string;
  disabled: boolean;
  can_edit_tips: boolean;
  created_at: Date;
}

// `id::integer`: pg gives a bigint as a string; account ids stay far below 2^31.
const USER_COLUMNS =
  "id::integer AS id, email, display_name, role, departments, password_hash, disabled, can_edit_tips, created_at";
const SQLSTATE_UNIQUE_VIOLATION = "23505";

/**
 * Console accounts and their sessions on PostgreSQL (issue 15), shared by every instance. E-mails are
 * trimmed and compared without case through `lower(email)`, the unique index's expression — which, in a
 * UTF-8 database, folds accented capitals too, where SQLite's NOCASE folds ASCII only (the login lowercases
 * the address before asking, so only accounts created with non-ASCII capitals could tell the difference).
 */
export function createPostgresSupportUsers(pool: pg.Pool): SupportAccounts {
  const one = async (sql: string, values: unknown[]) =>
    (await pool.query<UserRow>(sql, values)).rows[0];
  return {
    async createUser(user, now) {
      try {
        return toUser(
          (await one(
            `INSERT INTO support_users (email, display_name, role, departments, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
            [
              storableText(user.email.trim()),
              storableText(user.displayName),
              user.role,
              user.departments.map((code) => storableText(code)),
              user.passwordHash,
              now,
            ],
          ))!,
        );
      } catch (error) {
        if ((error as { code?: unknown }).code === SQLSTATE_UNIQUE_VIOLATION)
          throw new DuplicateEmailError();
        throw error;
      }
    },
    async findUserByEmail(email) {
      const row = await one(
        `SELECT ${USER_COLUMNS} FROM support_users WHERE lower(email) = lower($1)`,
        [storableText(email.trim())],
      );
      return row && { ...toUser(row), passwordHash: row.password_hash };
    },
    async getUser(id) {
      if (!Number.isSafeInteger(id)) return undefined;
      const row = await one(
        `SELECT ${USER_COLUMNS} FROM support_users WHERE id = $1`,
        [id],
      );
      return row && toUser(row);
    },
    async listUsers() {
      const { rows } = await pool.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM support_users ORDER BY id`,
      );
      return rows.map(toUser);
    },
    async updateUser(id, patch) {
      if (!Number.isSafeInteger(id)) return undefined;
      const row = await one(
        `UPDATE support_users SET
           display_name = coalesce($2, display_name),
           role = coalesce($3, role),
           departments = coalesce($4, departments),
           password_hash = coalesce($5, password_hash),
           disabled = coalesce($6, disabled),
           can_edit_tips = coalesce($7, can_edit_tips)
         WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [
          id,
          storableText(patch.displayName) ?? null,
          patch.role ?? null,
          patch.departments?.map((code) => storableText(code)) ?? null,
          patch.passwordHash ?? null,
          patch.disabled ?? null,
          patch.canEditTips ?? null,
        ],
      );
      return row && toUser(row);
    },
    async createSession(tokenHash, userId, expiresAt, now) {
      await pool.query(
        "INSERT INTO support_sessions (token_hash, user_id, expires_at, last_seen_at) VALUES ($1, $2, $3, $4)",
        [tokenHash, userId, expiresAt, now],
      );
    },
    async findSession(tokenHash, now, idleMs) {
      const { rows } = await pool.query<{
        user_id: number;
        expires_at: Date;
        last_seen_at: Date;
      }>(
        `SELECT user_id::integer AS user_id, expires_at, last_seen_at FROM support_sessions
         WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $3`,
        [tokenHash, now, new Date(now.getTime() - idleMs)],
      );
      const row = rows[0];
      return (
        row && {
          userId: row.user_id,
          expiresAt: row.expires_at.toISOString(),
          lastSeenAt: row.last_seen_at.toISOString(),
        }
      );
    },
    async touchSession(tokenHash, now) {
      // Never moves back: two instances touching at once keep the later activity.
      await pool.query(
        "UPDATE support_sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2",
        [tokenHash, now],
      );
    },
    async deleteSession(tokenHash) {
      await pool.query("DELETE FROM support_sessions WHERE token_hash = $1", [
        tokenHash,
      ]);
    },
    async deleteUserSessions(userId) {
      await pool.query("DELETE FROM support_sessions WHERE user_id = $1", [
        userId,
      ]);
    },
    async purgeExpiredSessions(now, idleMs) {
      const { rowCount } = await pool.query(
        "DELETE FROM support_sessions WHERE expires_at <= $1 OR last_seen_at <= $2",
        [now, new Date(now.getTime() - idleMs)],
      );
      return rowCount ?? 0;
    },
  };
}

function toUser(row: UserRow): SupportUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    departments: row.departments,
    disabled: row.disabled,
    canEditTips: row.can_edit_tips,
    createdAt: row.created_at.toISOString(),
  };
}
