import type { RequestStatus } from "../../api/contract/request-statuses.ts";
import type { Role, YoungStatus } from "../../api/contract/vocabulary.ts";
import type { AppStore } from "../../api/store/app-store.ts";
import type {
  DayRange,
  RequestFigures,
} from "../../api/store/indicator-types.ts";
import type { NewRequest } from "../../api/store/store.ts";
import type { Scope } from "../../api/store/support-types.ts";
import { makeSpecRequest } from "./support-store-contract.ts";

// Issue 13: the ONE data set of runIndicatorStoreContract, written through the stores' public methods only,
// step by step in time order (every `now` is given). Paris is UTC+2 from 29 March 2026 (summer time), so
// 23:30 UTC is already the next day in Paris. 2026: Easter Monday 6 April, 1 and 8 May (Fridays),
// Ascension Thursday 14 May, Whit Monday 25 May.
//
// name  created (UTC)       Paris day  platform   route              role                 dept  file status
// A     2026-04-03 10:00    04-03 Fri  moncompte  /inscription/:step young                75    IN_PROGRESS
// B     2026-04-09 10:00    04-09 Thu  admin      /volontaire/:id    referent_department  13    —
// C     2026-04-14 08:00    04-14 Tue  moncompte  /inscription/:step young                75    IN_PROGRESS
// D     2026-04-20 09:00    04-20 Mon  admin      /volontaire/:id    referent_department  13    —
// E     2026-04-28 10:00    04-28 Tue  moncompte  /phase1            young                13    VALIDATED
// F     2026-04-30 23:30    05-01 Fri  moncompte  /inscription/:step (no identity)        —     —
// G     2026-05-06 23:30    05-07 Thu  moncompte  /phase1            young                75    VALIDATED
// H     2026-05-07 08:00    05-07 Thu  admin      /volontaire/:id    referent_department  75    —
// I     2026-05-15 09:00    05-15 Fri  moncompte  /inscription/:step young                75    IN_PROGRESS
// J     2026-05-15 14:00    05-15 Fri  moncompte  /inscription/:step young                13    WAITING_VALIDATION
// K     2026-05-31 21:30    05-31 Sun  moncompte  /phase1            young                —     VALIDATED
// L     2026-05-31 22:30    06-01 Mon  moncompte  /phase1            young                75    VALIDATED
//
// What happens to them (UTC instants; « first » = first agent reply, seconds since creation):
// 04-08 08:00 A reply → waiting_user      first A 5 d − 2 h = 424800, deadline Wed 04-08 (Easter Mon) ✓
// 04-14 10:00 B reply → resolved          first B 5 d = 432000, deadline Mon 04-13 ✗; resolution B 432000
// 04-14 10:00 C reply → waiting_user      first C 2 h = 7200 ✓
// 04-15 08:00 C answer → in_progress
// 04-15 10:00 B rated 2 « Trop long »
// 04-16 08:00 C → resolved                resolution C 2 d = 172800
// 04-17 08:00 C rated 5, no comment
// 04-29 08:00 E internal note             (never a reply)
// 04-29 10:00 E reply (status kept: new)  first E 1 d = 86400 ✓
// 05-01 08:00 F answer of the requester   (not a reply; F stays new)
// 05-04 08:00 C answer → in_progress      (reopened after being resolved)
// 05-04 09:00 D reply (status kept: new)  first D 14 d = 1209600 ✗
// 05-05 08:00 C → resolved                resolution C 21 d = 1814400
// 05-06 09:00 D → closed                  (closed without being resolved)
// 05-07 09:00 H internal note
// 05-11 08:00 E second reply              (not a first reply)
// 05-12 15:00 G reply → resolved          first G 6 d − 8 h 30 = 487800, deadline Tue 05-12 (8 May) ✓
// 05-13 08:00 H reply → waiting_user      first H 6 d = 518400, deadline Tue 05-12 ✗
// 05-13 09:00 G rated 5 « Très rapide »
// 05-14 08:00 G rating edited: 2 « Finalement non »
// 05-19 09:00 I reply (status kept: new)  first I 4 d = 345600, deadline Tue 05-19 ✓
// 05-19 10:00 I → in_progress
// 05-19 22:30 J reply → resolved          = Wed 05-20 00:30 in Paris: first J 4 d 8 h 30 = 376200 ✗
//                                          (deadline Tue 05-19); resolution J 376200 (day 05-20)
// 05-20 08:00 A → closed                  (from waiting_user)
// 05-21 08:00 J → closed                  (from resolved: not handled again)
// 05-22 09:00 I → resolved                resolution I 7 d = 604800
// 05-22 12:00 J rated 4 « Bien »; I rated 3 « Moyen » (same instant)
//
// Retention (`anonymiseClosedBefore(2026-06-02)`) anonymises the closed ones: A, D and J.

export const ALL: Scope = { kind: "all" };
export const REFERENT_75: Scope = { kind: "departments", departments: ["75"] };
export const RETENTION_BEFORE = new Date("2026-06-02T00:00:00Z");

export const MAY: DayRange = { from: "2026-05-01", to: "2026-05-31" };
/** The previous period of May: the 31 days before it. */
export const APRIL: DayRange = { from: "2026-03-31", to: "2026-04-30" };

const NO_DURATION = { count: 0, median: null, p90: null };
export const NOTHING: RequestFigures = {
  received: 0,
  handled: 0,
  backlog: 0,
  firstResponse: { ...NO_DURATION, within2WorkingDays: null },
  resolution: NO_DURATION,
  satisfaction: { answers: 0, satisfied: 0, resolutions: 0 },
};

/** Lines in a stable order (the stores promise none), whatever the order of their keys. */
export const sorted = <T extends object>(lines: T[]) => {
  const key = (line: T) =>
    JSON.stringify(Object.entries(line).sort(([a], [b]) => a.localeCompare(b)));
  return [...lines].sort((a, b) => key(a).localeCompare(key(b)));
};

type Name =
  "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L";

interface Spec {
  platform: "moncompte" | "admin";
  route: string;
  /** null: no identity at all. */
  role: Role | null;
  /** null: an identity without département. */
  department: string | null;
  status: YoungStatus | null;
}

function newRequest(spec: Spec): NewRequest {
  const base = makeSpecRequest(spec);
  const identity = base.context.identity;
  if (!identity) return base;
  const { status: _status, ...withoutStatus } = identity;
  return {
    ...base,
    context: {
      ...base.context,
      identity:
        spec.status === null
          ? withoutStatus
          : { ...withoutStatus, status: spec.status },
    },
  };
}

const young = (
  route: string,
  department: string | null,
  status: YoungStatus,
): Spec => ({
  platform: "moncompte",
  route,
  role: "young",
  department,
  status,
});
const referent = (department: string): Spec => ({
  platform: "admin",
  route: "/volontaire/:id",
  role: "referent_department",
  department,
  status: null,
});

/** Builds the data set above; answers the references by name. */
export async function seedIndicators(
  store: AppStore,
): Promise<Record<Name, string>> {
  const at = (iso: string) => new Date(iso);
  const agentId = (
    await store.createUser(
      {
        email: "agent@snu.example",
        displayName: "Sacha Support",
        role: "agent",
        departments: [],
        passwordHash: "x",
      },
      at("2026-03-01T00:00:00Z"),
    )
  ).id;
  const refs = {} as Record<Name, string>;
  const hash = (name: Name) => `hash-${refs[name]}`;
  const fail = (what: string, name: Name): never => {
    throw new Error(`Seed: ${what} of ${name} refused`);
  };

  const create = async (name: Name, spec: Spec, iso: string) => {
    const created = await store.createRequest(
      newRequest(spec),
      at(iso),
      undefined,
      (reference) => `hash-${reference}`,
    );
    refs[name] = created.reference;
  };
  const reply = async (name: Name, iso: string, status?: RequestStatus) => {
    const detail = await store.addReply(
      ALL,
      refs[name],
      {
        actorId: agentId,
        text: "Bonjour, voici la marche à suivre.",
        signature: "L'équipe support du SNU",
        ...(status ? { status } : {}),
      },
      at(iso),
    );
    if (!detail) fail("reply", name);
  };
  const note = async (name: Name, iso: string) => {
    const detail = await store.addNote(
      ALL,
      refs[name],
      agentId,
      "Vu avec le référent.",
      at(iso),
    );
    if (!detail) fail("note", name);
  };
  const move = async (name: Name, status: RequestStatus, iso: string) => {
    const current = await store.getRequestDetail(ALL, refs[name]);
    const result = await store.updateRequest(
      ALL,
      refs[name],
      { expectedVersion: current!.version, actorId: agentId, status },
      at(iso),
    );
    if (!result.ok) fail(`move to ${status}`, name);
  };
  const answer = async (name: Name, iso: string) => {
    const view = await store.addAnswer(
      hash(name),
      "Merci, voici ma réponse.",
      at(iso),
    );
    if (!view) fail("answer", name);
  };
  const rate = async (
    name: Name,
    score: 1 | 2 | 3 | 4 | 5,
    comment: string | undefined,
    iso: string,
  ) => {
    const result = await store.rate(
      hash(name),
      { score, ...(comment === undefined ? {} : { comment }) },
      at(iso),
    );
    if (!result.ok) fail(`rating (${result.reason})`, name);
  };

  await create(
    "A",
    young("/inscription/:step", "75", "IN_PROGRESS"),
    "2026-04-03T10:00:00Z",
  );
  await reply("A", "2026-04-08T08:00:00Z", "waiting_user");
  await create("B", referent("13"), "2026-04-09T10:00:00Z");
  await create(
    "C",
    young("/inscription/:step", "75", "IN_PROGRESS"),
    "2026-04-14T08:00:00Z",
  );
  await reply("B", "2026-04-14T10:00:00Z", "resolved");
  await reply("C", "2026-04-14T10:00:00Z", "waiting_user");
  await answer("C", "2026-04-15T08:00:00Z");
  await rate("B", 2, "Trop long", "2026-04-15T10:00:00Z");
  await move("C", "resolved", "2026-04-16T08:00:00Z");
  await rate("C", 5, undefined, "2026-04-17T08:00:00Z");
  await create("D", referent("13"), "2026-04-20T09:00:00Z");
  await create(
    "E",
    young("/phase1", "13", "VALIDATED"),
    "2026-04-28T10:00:00Z",
  );
  await note("E", "2026-04-29T08:00:00Z");
  await reply("E", "2026-04-29T10:00:00Z");
  await create(
    "F",
    {
      platform: "moncompte",
      route: "/inscription/:step",
      role: null,
      department: null,
      status: null,
    },
    "2026-04-30T23:30:00Z",
  );
  await answer("F", "2026-05-01T08:00:00Z");
  await answer("C", "2026-05-04T08:00:00Z");
  await reply("D", "2026-05-04T09:00:00Z");
  await move("C", "resolved", "2026-05-05T08:00:00Z");
  await move("D", "closed", "2026-05-06T09:00:00Z");
  await create(
    "G",
    young("/phase1", "75", "VALIDATED"),
    "2026-05-06T23:30:00Z",
  );
  await create("H", referent("75"), "2026-05-07T08:00:00Z");
  await note("H", "2026-05-07T09:00:00Z");
  await reply("E", "2026-05-11T08:00:00Z");
  await reply("G", "2026-05-12T15:00:00Z", "resolved");
  await reply("H", "2026-05-13T08:00:00Z", "waiting_user");
  await rate("G", 5, "Très rapide", "2026-05-13T09:00:00Z");
  await rate("G", 2, "Finalement non", "2026-05-14T08:00:00Z");
  await create(
    "I",
    young("/inscription/:step", "75", "IN_PROGRESS"),
    "2026-05-15T09:00:00Z",
  );
  await create(
    "J",
    young("/inscription/:step", "13", "WAITING_VALIDATION"),
    "2026-05-15T14:00:00Z",
  );
  await reply("I", "2026-05-19T09:00:00Z");
  await move("I", "in_progress", "2026-05-19T10:00:00Z");
  await reply("J", "2026-05-19T22:30:00Z", "resolved");
  await move("A", "closed", "2026-05-20T08:00:00Z");
  await move("J", "closed", "2026-05-21T08:00:00Z");
  await move("I", "resolved", "2026-05-22T09:00:00Z");
  await rate("J", 4, "Bien", "2026-05-22T12:00:00Z");
  await rate("I", 3, "Moyen", "2026-05-22T12:00:00Z");
  await create(
    "K",
    young("/phase1", null, "VALIDATED"),
    "2026-05-31T21:30:00Z",
  );
  await create(
    "L",
    young("/phase1", "75", "VALIDATED"),
    "2026-05-31T22:30:00Z",
  );
  return refs;
}
