import type { MemoryState } from "./memory-request-table.ts";
import { DuplicateEmailError } from "./support-errors.ts";
import type {
  SupportStore,
  SupportUser,
  SupportAccounts,
} from "./support-types.ts";

/** Trimmed, and lower case for ASCII letters only: what SQLite's NOCASE compares. */
const emailKey = (email: string) =>
  email.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Console accounts and sessions in memory, with SQLite's rules. */
export function createMemorySupportUsers(state: MemoryState): SupportAccounts {
  const sessions = new Map<
    string,
    { userId: number; expiresAt: string; lastSeenAt: string }
  >();
  // The same ISO string comparisons as SQLite's.
  const isLive = (
    session: { expiresAt: string; lastSeenAt: string },
    now: Date,
    idleMs: number,
  ) =>
    session.expiresAt > now.toISOString() &&
    session.lastSeenAt > new Date(now.getTime() - idleMs).toISOString();
  let lastUserId = 0;
  const publicUser = ({
    passwordHash: _hash,
    ...user
  }: SupportUser & { passwordHash: string }): SupportUser =>
    structuredClone(user);

  return {
    async createUser(user, now) {
      const key = emailKey(user.email);
      for (const existing of state.users.values()) {
        if (emailKey(existing.email) === key) throw new DuplicateEmailError();
      }
      const stored = {
        id: ++lastUserId,
        email: user.email.trim(),
        displayName: user.displayName,
        role: user.role,
        departments: [...user.departments],
        disabled: false,
        canEditTips: false,
        createdAt: now.toISOString(),
        passwordHash: user.passwordHash,
      };
      state.users.set(stored.id, stored);
      return publicUser(stored);
    },
    async findUserByEmail(email) {
      const key = emailKey(email);
      for (const user of state.users.values())
        if (emailKey(user.email) === key) return structuredClone(user);
      return undefined;
    },
    async getUser(id) {
      const user = state.users.get(id);
      return user && publicUser(user);
    },
    async listUsers() {
      return [...state.users.values()]
        .sort((a, b) => a.id - b.id)
        .map(publicUser);
    },
    async updateUser(id, patch) {
      const user = state.users.get(id);
      if (!user) return undefined;
      if (patch.displayName !== undefined) user.displayName = patch.displayName;
      if (patch.role !== undefined) user.role = patch.role;
      if (patch.departments !== undefined)
        user.departments = [...patch.departments];
      if (patch.passwordHash !== undefined)
        user.passwordHash = patch.passwordHash;
      if (patch.disabled !== undefined) user.disabled = patch.disabled;
      if (patch.canEditTips !== undefined) user.canEditTips = patch.canEditTips;
      return publicUser(user);
    },
    async createSession(tokenHash, userId, expiresAt, now) {
      if (sessions.has(tokenHash))
        throw new Error("Session token hash already stored");
      if (!state.users.has(userId))
        throw new Error(`No account ${userId} for a session`);
      sessions.set(tokenHash, {
        userId,
        expiresAt: expiresAt.toISOString(),
        lastSeenAt: now.toISOString(),
      });
    },
    async findSession(tokenHash, now, idleMs) {
      const session = sessions.get(tokenHash);
      return session && isLive(session, now, idleMs)
        ? { ...session }
        : undefined;
    },
    async touchSession(tokenHash, now) {
      const session = sessions.get(tokenHash);
      const at = now.toISOString();
      if (session && session.lastSeenAt < at) session.lastSeenAt = at;
    },
    async deleteSession(tokenHash) {
      sessions.delete(tokenHash);
    },
    async deleteUserSessions(userId) {
      for (const [hash, session] of sessions)
        if (session.userId === userId) sessions.delete(hash);
    },
    async purgeExpiredSessions(now, idleMs) {
      let purged = 0;
      for (const [hash, session] of sessions) {
        if (!isLive(session, now, idleMs)) {
          sessions.delete(hash);
          purged++;
        }
      }
      return purged;
    },
  };
}
