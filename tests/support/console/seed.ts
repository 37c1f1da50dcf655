import type { RequestStatus } from "../../../api/contract/request-statuses.ts";
import type { TipSource } from "../../../api/contract/tip-source.ts";
import type { AppStore } from "../../../api/store/app-store.ts";
import type {
  MailTransportKind,
  ReplyTemplate,
} from "../../../api/store/conversation-types.ts";
import type { NewRequest } from "../../../api/store/store.ts";
import type { Scope } from "../../../api/store/support-types.ts";
import { AGENT, makeRequest, NOW } from "./fixtures.ts";

// The console tests' data, written through the store's own methods: what the console reads is what the
// real API makes of it. Times are explicit, the app's clock stays on NOW.

/** What the national team sees: every request. */
export const ALL: Scope = { kind: "all" };

/** The follow-up token hash of a stored request, to answer or rate as its requester. */
export const followUpHash = (reference: string) => `suivi-${reference}`;

export interface RequestSeed {
  /** When it was sent (default 2 March 2026, 09:00 UTC). */
  at?: string;
  /** Moved there by Claire Dubois, at the same time. */
  status?: RequestStatus;
  /** The requester answered since: « Nouvelle réponse de l'usager ». */
  unreadAnswer?: boolean;
}

/** Stores a request as the widget sends it; returns its reference. */
export async function seedRequest(
  store: AppStore,
  request: NewRequest = makeRequest(),
  { at = "2026-03-02T09:00:00.000Z", status, unreadAnswer }: RequestSeed = {},
): Promise<string> {
  const { reference } = await store.createRequest(
    request,
    new Date(at),
    undefined,
    followUpHash,
  );
  if (unreadAnswer)
    await store.addAnswer(followUpHash(reference), "Merci.", new Date(at));
  if (status) {
    const { version } = (await store.getRequestDetail(ALL, reference))!;
    await store.updateRequest(
      ALL,
      reference,
      { expectedVersion: version, actorId: AGENT.id, status },
      new Date(at),
    );
  }
  return reference;
}

/** `count` requests a minute apart before NOW; their references newest first, as the inbox lists them. */
export async function seedRequests(
  store: AppStore,
  count: number,
): Promise<string[]> {
  const references: string[] = [];
  for (let minutes = count; minutes > 0; minutes--) {
    const at = new Date(NOW.getTime() - minutes * 60_000).toISOString();
    references.unshift(await seedRequest(store, makeRequest(), { at }));
  }
  return references;
}

/** What became of a reply's e-mail (it stays « pending » without one). */
export type MailOutcome =
  | { state: "sent"; transport: MailTransportKind }
  | { state: "failed"; error: string };

/**
 * A reply of `by` (Claire Dubois) signed by the team, its e-mail then sent or failed; returns the e-mail's id
 * (none when the request has no address).
 */
export async function seedReply(
  store: AppStore,
  reference: string,
  {
    at,
    text,
    mail,
    by = AGENT.id,
  }: { at: string; text: string; mail?: MailOutcome; by?: number },
): Promise<number | undefined> {
  const detail = await store.addReply(
    ALL,
    reference,
    { actorId: by, text, signature: "L'équipe support du SNU" },
    new Date(at),
  );
  const id = detail!.messages.at(-1)!.mail?.id;
  if (id !== undefined && mail?.state === "sent")
    await store.markMailSent(id, new Date(at), mail.transport);
  if (id !== undefined && mail?.state === "failed")
    await store.markMailFailed(id, new Date(at), {
      permanent: true,
      error: mail.error,
    });
  return id;
}

/** Reply templates, numbered by the store in this order: their ids must follow it. */
export async function seedTemplates(
  store: AppStore,
  templates: readonly ReplyTemplate[],
): Promise<void> {
  for (const { id, updatedAt, ...input } of templates) {
    const created = await store.createReplyTemplate(input, new Date(updatedAt));
    if (created.id !== id)
      throw new Error(
        `Template ${id} stored as ${created.id}: give them by id`,
      );
  }
}

/** When seeded tips were last changed: the day before NOW. */
const TIP_DAY = "2026-03-01T09:00:00.000Z";

/**
 * A tip as the repo files publish it (« Fichiers du dépôt »), then a draft saved over it by `by`; without
 * `published`, a tip `by` created in the console.
 */
export async function seedTip(
  store: AppStore,
  {
    published,
    draft,
    by = AGENT.id,
    at = TIP_DAY,
  }: {
    published?: TipSource;
    draft?: TipSource;
    by?: number;
    at?: string;
  },
): Promise<void> {
  if (!published) {
    await store.createTip(draft!, by, new Date(at));
    return;
  }
  await store.importTips([published], new Date(at));
  if (draft)
    await store.changeTip(
      published.id,
      1,
      { action: "edit", source: draft },
      by,
      new Date(at),
    );
}

/** `count` reports of a tip's anchor not found on `route`, first at `firstSeen`, then at `lastSeen`. */
export async function seedAnchorReport(
  store: AppStore,
  {
    tipId,
    route = "/inscription/:step",
    appVersion = "",
    count = 1,
    firstSeen,
    lastSeen = firstSeen,
  }: {
    tipId: string;
    route?: string;
    appVersion?: string;
    count?: number;
    firstSeen: string;
    lastSeen?: string;
  },
): Promise<void> {
  const { publishedAt } = (await store.getTip(tipId))!;
  const report = { tipId, publishedAt: publishedAt!, route, appVersion };
  await store.recordAnchorReports([report], new Date(firstSeen));
  await store.recordAnchorReports(
    Array.from({ length: count - 1 }, () => report),
    new Date(lastSeen),
  );
}
