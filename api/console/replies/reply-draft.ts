// Issue 10: a reply being written must never be lost. Its text is kept in localStorage per account and
// request until the server acknowledges the reply; the « sign with my name » choice is kept per account.

const DRAFT_PREFIX = "snu-aide.console.reply-draft";
const SIGN_PREFIX = "snu-aide.console.sign-with-name";

/** The localStorage key of one account's draft reply to one request. */
export const replyDraftKey = (userId: number, reference: string) =>
  `${DRAFT_PREFIX}.${userId}.${reference}`;

/** The draft kept for this request, or "" (storage may be unavailable: private mode, policy). */
export function readReplyDraft(
  storage: Storage | undefined,
  userId: number,
  reference: string,
): string {
  try {
    return storage?.getItem(replyDraftKey(userId, reference)) ?? "";
  } catch {
    return "";
  }
}

/** Keeps the draft (an empty text removes it); false when the browser refused to keep it. */
export function saveReplyDraft(
  storage: Storage | undefined,
  userId: number,
  reference: string,
  text: string,
): boolean {
  if (!storage) return false;
  try {
    const key = replyDraftKey(userId, reference);
    if (text) storage.setItem(key, text);
    else storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/** Forgets the draft once the reply is acknowledged. */
export function clearReplyDraft(
  storage: Storage | undefined,
  userId: number,
  reference: string,
): void {
  saveReplyDraft(storage, userId, reference, "");
}

/** Whether this account signs its replies with its name too (default: no, the team signs). */
export function readSignWithName(
  storage: Storage | undefined,
  userId: number,
): boolean {
  try {
    return storage?.getItem(`${SIGN_PREFIX}.${userId}`) === "on";
  } catch {
    return false;
  }
}

/** Remembers the choice; a storage failure only means it is not remembered. */
export function saveSignWithName(
  storage: Storage | undefined,
  userId: number,
  on: boolean,
): void {
  try {
    storage?.setItem(`${SIGN_PREFIX}.${userId}`, on ? "on" : "off");
  } catch {
    // Not remembered: the checkbox still applies to this reply.
  }
}
