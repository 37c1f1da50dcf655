import * as z from "zod/mini";
import type { CheckOf } from "./checks.ts";
import { isRouteTag } from "./redact.ts";
import type { RequestContext } from "./request.ts";
import { DEPARTMENT_RE } from "./request-rules.ts";
import { REQUEST_STATUSES, type RequestStatus } from "./request-statuses.ts";
import type { ConversationDetail } from "./support-conversation.ts";
import { PLATFORMS, type Platform } from "./vocabulary.ts";

// `/support/api/requests*`: the inbox, a request's detail, its changes and its internal notes.

/** One inbox row. */
export interface RequestSummary {
  reference: string;
  createdAt: string;
  status: RequestStatus;
  platform: Platform;
  route: string;
  category: string;
  subject: string;
  department?: string;
  role?: string;
  /** The message's first 160 characters. */
  excerpt: string;
  assigneeId?: number;
  tags: string[];
  /** « Nouvelle réponse de l'usager »: an answer nobody on staff has opened yet (issue 10). */
  unreadAnswer: boolean;
}

/** `GET /requests`: one page of the inbox, with the counts per status for the same filters. */
export interface RequestList {
  items: RequestSummary[];
  /** Opaque keyset cursor for the next (older) page; absent on the last page. */
  nextCursor?: string;
  counts: Partial<Record<RequestStatus, number>>;
  /** False when a text search matched more than the API counts (the counts are then « at least »). */
  countsComplete?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_]{1,40}$/;

/**
 * `GET /requests` and `GET /export.csv`: the inbox filters as a query string (the console keeps the same
 * string in its address bar). `status` is a comma list; `from` and `to` are days, both included; `assignee`
 * is `me`, `none` or an account id. The server reads an empty value as absent (parseQuery).
 */
export const RequestQuerySchema = z.strictObject({
  status: z.optional(z.string()),
  platform: z.optional(z.enum(PLATFORMS, { error: "Plateforme inconnue." })),
  route: z.optional(
    z
      .string()
      .check(
        z.refine(
          isRouteTag,
          "La page doit être un modèle de route comme /phase1.",
        ),
      ),
  ),
  category: z.optional(z.string().check(z.regex(CODE, "Catégorie invalide."))),
  subject: z.optional(z.string().check(z.regex(CODE, "Sujet invalide."))),
  department: z.optional(
    z.string().check(z.regex(DEPARTMENT_RE, "Département invalide.")),
  ),
  role: z.optional(
    z.string().check(z.regex(/^[a-z_]{1,40}$/, "Rôle invalide.")),
  ),
  from: z.optional(
    z.string().check(z.regex(DATE, "Date de début au format AAAA-MM-JJ.")),
  ),
  to: z.optional(
    z.string().check(z.regex(DATE, "Date de fin au format AAAA-MM-JJ.")),
  ),
  q: z.optional(
    z.string().check(z.maxLength(200, "Recherche : 200 caractères au plus.")),
  ),
  assignee: z.optional(
    z.string().check(z.regex(/^(me|none|\d{1,9})$/, "Assignation invalide.")),
  ),
  unread: z.optional(
    z.enum(["1", "0"], { error: "Filtre « nouvelles réponses » invalide." }),
  ),
  cursor: z.optional(z.string().check(z.maxLength(200))),
  limit: z.optional(
    z.string().check(z.regex(/^\d{1,3}$/, "Nombre de lignes invalide.")),
  ),
});

/** A request as sent and stored: the columns the console filters on, and the full context as sent. */
export interface RequestRecord {
  reference: string;
  createdAt: string;
  status: RequestStatus;
  platform: Platform;
  route: string;
  department?: string;
  role?: string;
  category: string;
  subject: string;
  message: string;
  email?: string;
  context: RequestContext;
}

/** `reminder`: the automatic reminder e-mail (issue 10); automatic steps have no actor and `data.auto`. */
export type RequestEventType =
  "created" | "status" | "assignment" | "tags" | "note" | "reminder";

/** One line of a request's timeline: who did what, when. */
export interface RequestEvent {
  id: number;
  at: string;
  type: RequestEventType;
  /** Absent for `created` (the requester) and for system events. */
  actor?: { id: number; displayName: string };
  /** status: {from, to}; assignment: {from?, to?} (account ids); tags: {tags}; note: {text}. */
  data: Record<string, unknown>;
}

/** `GET /requests/:reference`: everything the detail view shows, the conversation included (issue 10). */
export interface RequestDetail extends RequestRecord, ConversationDetail {
  /** Bumped on every change: an update must name the version it was based on (optimistic locking). */
  version: number;
  updatedAt: string;
  assignee?: { id: number; displayName: string };
  tags: string[];
  events: RequestEvent[];
}

/** `PATCH /requests/:reference`: status, assignee or tags, and the version the editor saw. */
export const RequestPatchSchema = z.strictObject({
  version: z
    .number({ error: "La version de la demande est obligatoire." })
    .check(z.int(), z.minimum(1)),
  status: z.optional(z.enum(REQUEST_STATUSES, { error: "Statut inconnu." })),
  /** An account id, or null to unassign. */
  assigneeId: z.optional(z.nullable(z.number().check(z.int(), z.minimum(1)))),
  tags: z.optional(
    z
      .array(
        z
          .string()
          .check(z.maxLength(30, "Une étiquette fait 30 caractères au plus.")),
      )
      .check(z.maxLength(10, "10 étiquettes au plus.")),
  ),
});
export type RequestPatch = z.infer<typeof RequestPatchSchema>;

export const NOTE_MAX = 5000;

/** `POST /requests/:reference/notes`: an internal note (never shown to the requester). */
export const NoteSchema = z.strictObject({
  text: z
    .string({ error: "Écrivez la note." })
    .check(
      z.trim(),
      z.minLength(1, "Écrivez la note."),
      z.maxLength(NOTE_MAX, "Une note fait 5 000 caractères au plus."),
    ),
});

/** The console's checks of the requests' answers before it trusts them. */
export const RequestDetailCheck = z.object({
  reference: z.string(),
  status: z.enum(REQUEST_STATUSES),
  version: z.number(),
  events: z.array(z.object({ type: z.string(), at: z.string() })),
  messages: z.array(z.object({ author: z.string(), text: z.string() })),
});
export const RequestListCheck = z.object({
  items: z.array(
    z.object({ reference: z.string(), status: z.enum(REQUEST_STATUSES) }),
  ),
  counts: z.record(z.string(), z.number()),
});

// Compile-time ties between the checks and the answers' types (checks.ts).
export type RequestChecks = [
  CheckOf<typeof RequestDetailCheck, RequestDetail>,
  CheckOf<typeof RequestListCheck, RequestList>,
];
