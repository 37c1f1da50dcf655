import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../api/contract/vocabulary.ts";
import type { AppStore } from "../../api/store/app-store.ts";
import {
  DuplicateEmailError,
  InvalidCursorError,
  InvalidTagsError,
  UnknownActorError,
  UnknownAssigneeError,
} from "../../api/store/support-errors.ts";
import type {
  ExportRow,
  RequestFilters,
  Scope,
  SupportRole,
  SupportUser,
} from "../../api/store/support-types.ts";
import type { NewRequest } from "../../api/store/store.ts";
import { ANONYMISED_MESSAGE } from "../../api/store/retention.ts";
import { TEXT_SCAN_LIMIT } from "../../api/store/support-rules.ts";
import { makeNewRequest } from "./factories.ts";

const ALL: Scope = { kind: "all" };
const REFERENT_75: Scope = { kind: "departments", departments: ["75"] };
const at = (iso: string) => new Date(iso);
/** The console's idle timeout (issue 11): sessions unused this long are refused and purged. */
const IDLE = 2 * 3600_000;

/** A request on a given page, topic and requester; `department`/`role` null = no identity at all. */
export interface RequestSpec {
  platform?: "moncompte" | "admin";
  route?: string;
  category?: string;
  subject?: string;
  department?: string | null;
  role?: Role | null;
  message?: string;
  email?: string | null;
}

export function makeSpecRequest(spec: RequestSpec = {}): NewRequest {
  const base = makeNewRequest();
  const { identity: baseIdentity, ...context } = base.context;
  const { department: _d, ...identityWithoutDepartment } = baseIdentity!;
  const identity =
    spec.role === null
      ? undefined
      : spec.department === null
        ? { ...identityWithoutDepartment, role: spec.role ?? "young" }
        : {
            ...baseIdentity!,
            role: spec.role ?? "young",
            department: spec.department ?? "75",
          };
  const { email: _e, ...request } = base;
  return {
    ...request,
    ...(spec.email === null ? {} : { email: spec.email ?? base.email! }),
    category: spec.category ?? base.category,
    subject: spec.subject ?? base.subject,
    message: spec.message ?? base.message,
    context: {
      ...context,
      platform: spec.platform ?? "moncompte",
      route: spec.route ?? "/inscription/:step",
      ...(identity ? { identity } : {}),
    },
  };
}

/** Six requests, one a day from 1 May 2026 (A oldest … F newest), with people to work on them. */
async function seedInbox(store: AppStore) {
  const agent = await addUser(store, "agent@snu.example", "Sacha Support");
  const colleague = await addUser(store, "agent2@snu.example", "Lou Support");
  const specs: Record<string, RequestSpec> = {
    A: {
      message: "Je n'arrive pas à téléverser ma carte d'identité.",
      category: "TECHNICAL",
      subject: "UPLOAD",
    },
    B: {
      route: "/phase1",
      department: "13",
      category: "QUESTION",
      subject: "PHASE_1_AFFECTATION",
      message: "Mon affectation au séjour de cohésion n'apparaît pas.",
    },
    C: {
      platform: "admin",
      route: "/volontaire/:id/phase2",
      role: "referent_department",
      category: "TECHNICAL",
      subject: "OTHER",
      message: "Impossible de valider la mission du volontaire.",
    },
    D: {
      role: null,
      category: "QUESTION",
      subject: "PHASE_0_ELIGIBILITY",
      message: "Mon fils peut-il s'inscrire au sejour de fevrier ?",
      email: null,
    },
    E: {
      platform: "admin",
      route: "/dashboard",
      department: "92",
      role: "head_center",
      category: "TECHNICAL",
      subject: "CONNECTION",
      message: "Je ne peux plus me connecter depuis hier soir.",
    },
    F: {
      route: "/phase1",
      category: "QUESTION",
      subject: "PHASE_1_LUGGAGE",
      message: "Que mettre dans le trousseau pour le séjour ?",
    },
  };
  const refs: Record<string, string> = {};
  for (const [index, [name, spec]] of Object.entries(specs).entries()) {
    const day = String(index + 1).padStart(2, "0");
    refs[name] = (
      await store.createRequest(
        makeSpecRequest(spec),
        at(`2026-05-${day}T08:00:00Z`),
      )
    ).reference;
  }
  const change = async (
    name: string,
    patch: { status?: "in_progress" | "resolved"; assigneeId?: number },
  ) => {
    const result = await store.updateRequest(
      ALL,
      refs[name]!,
      { expectedVersion: 1, actorId: agent.id, ...patch },
      at("2026-05-10T09:00:00Z"),
    );
    expect(result.ok).toBe(true);
  };
  await change("A", { status: "in_progress", assigneeId: agent.id });
  await change("B", { status: "resolved" });
  const names = Object.fromEntries(
    Object.entries(refs).map(([name, ref]) => [ref, name]),
  );
  /** The names (A…F) of what a list answers, in its order. */
  const namesOf = (items: { reference: string }[]) =>
    items.map((item) => names[item.reference]).join("");
  return { refs, agent, colleague, namesOf };
}

function addUser(
  store: AppStore,
  email: string,
  displayName: string,
  role: SupportRole = "agent",
  departments: string[] = [],
): Promise<SupportUser> {
  return store.createUser(
    { email, displayName, role, departments, passwordHash: `hash:${email}` },
    at("2026-04-01T00:00:00Z"),
  );
}

async function collect(rows: AsyncIterable<ExportRow>): Promise<ExportRow[]> {
  const all: ExportRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** The console's behaviour every store must have. Each store's test file calls this with its factory. */
export function runSupportStoreContract(
  name: string,
  makeStore: () => Promise<AppStore> | AppStore,
) {
  describe(`${name} support store contract`, () => {
    let store: AppStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });
    /** Stores a request made from `spec`, received at `when`. */
    const createAt = (when: string, spec: RequestSpec = {}) =>
      store.createRequest(makeSpecRequest(spec), at(when));

    describe("accounts and sessions", () => {
      it("stores the e-mail trimmed and finds the account whatever its case, with its password hash", async () => {
        const user = await store.createUser(
          {
            email: "  Camille.Martin@SNU.example ",
            displayName: "Camille",
            role: "referent",
            departments: ["75", "2A", "974"],
            passwordHash: "scrypt$abc",
          },
          at("2026-04-01T10:00:00Z"),
        );
        expect(user).toEqual({
          id: user.id,
          email: "Camille.Martin@SNU.example",
          displayName: "Camille",
          role: "referent",
          departments: ["75", "2A", "974"],
          disabled: false,
          canEditTips: false,
          createdAt: "2026-04-01T10:00:00.000Z",
        });
        expect(
          await store.findUserByEmail(" camille.martin@snu.EXAMPLE"),
        ).toEqual({ ...user, passwordHash: "scrypt$abc" });
        expect(await store.getUser(user.id)).toEqual(user);
        expect(
          await store.findUserByEmail("nobody@snu.example"),
        ).toBeUndefined();
        expect(await store.getUser(999)).toBeUndefined();
      });

      it("refuses a second account with the same e-mail in another case", async () => {
        await addUser(store, "agent@snu.example", "A");
        await expect(
          addUser(store, " AGENT@snu.example", "B"),
        ).rejects.toBeInstanceOf(DuplicateEmailError);
        expect(await store.listUsers()).toHaveLength(1);
      });

      it("updates an account and still finds it by e-mail once disabled", async () => {
        const first = await addUser(store, "a@snu.example", "A");
        const second = await addUser(store, "b@snu.example", "B", "referent", [
          "13",
        ]);
        const updated = await store.updateUser(second.id, {
          displayName: "Bea",
          departments: ["13", "84"],
          passwordHash: "new-hash",
          disabled: true,
        });
        expect(updated).toEqual({
          ...second,
          displayName: "Bea",
          departments: ["13", "84"],
          disabled: true,
        });
        expect(
          (await store.findUserByEmail("b@snu.example"))?.passwordHash,
        ).toBe("new-hash");
        expect(await store.listUsers()).toEqual([first, updated]);
        expect(await store.updateUser(999, { disabled: true })).toBeUndefined();
      });

      it("allows and denies tip editing per account, leaving the rest as it was", async () => {
        const agent = await addUser(store, "a@snu.example", "A");
        const allowed = await store.updateUser(agent.id, { canEditTips: true });
        expect(allowed).toEqual({ ...agent, canEditTips: true });
        expect(await store.getUser(agent.id)).toEqual(allowed);
        expect(
          await store.updateUser(agent.id, { displayName: "Alix" }),
        ).toEqual({ ...agent, displayName: "Alix", canEditTips: true });
        expect(
          (await store.updateUser(agent.id, { canEditTips: false }))
            ?.canEditTips,
        ).toBe(false);
      });

      it("finds a live session, ignores an expired one and deletes one or all of an account's", async () => {
        const user = await addUser(store, "a@snu.example", "A");
        const other = await addUser(store, "b@snu.example", "B");
        const now = at("2026-05-01T12:00:00Z");
        const until = at("2026-05-01T20:00:00Z");
        await store.createSession("h1", user.id, until, now);
        await store.createSession("h2", user.id, until, now);
        await store.createSession("h3", other.id, until, now);
        await store.createSession(
          "old",
          user.id,
          now,
          at("2026-05-01T11:00:00Z"),
        );
        expect(await store.findSession("h1", now, IDLE)).toEqual({
          userId: user.id,
          expiresAt: "2026-05-01T20:00:00.000Z",
          lastSeenAt: "2026-05-01T12:00:00.000Z",
        });
        expect(await store.findSession("old", now, IDLE)).toBeUndefined();
        expect(await store.findSession("nope", now, IDLE)).toBeUndefined();
        await store.deleteSession("h1");
        expect(await store.findSession("h1", now, IDLE)).toBeUndefined();
        expect(await store.findSession("h2", now, IDLE)).toBeDefined();
        await store.deleteUserSessions(user.id);
        expect(await store.findSession("h2", now, IDLE)).toBeUndefined();
        expect(await store.findSession("h3", now, IDLE)).toBeDefined();
      });

      it("refuses a session idle for the given time, keeps one touched since, and never moves activity back", async () => {
        const user = await addUser(store, "a@snu.example", "A");
        const login = at("2026-05-01T08:00:00Z");
        const until = at("2026-05-01T18:00:00Z");
        await store.createSession("quiet", user.id, until, login);
        await store.createSession("busy", user.id, until, login);
        await store.touchSession("busy", at("2026-05-01T09:30:00Z"));
        // A slower request that read the session earlier writes after: the later activity stays.
        await store.touchSession("busy", at("2026-05-01T09:00:00Z"));
        await store.touchSession("nope", at("2026-05-01T09:30:00Z"));

        expect(
          await store.findSession(
            "quiet",
            at("2026-05-01T09:59:59.999Z"),
            IDLE,
          ),
        ).toEqual({
          userId: user.id,
          expiresAt: "2026-05-01T18:00:00.000Z",
          lastSeenAt: "2026-05-01T08:00:00.000Z",
        });
        const idleSinceTwoHours = at("2026-05-01T10:00:00Z");
        expect(
          await store.findSession("quiet", idleSinceTwoHours, IDLE),
        ).toBeUndefined();
        expect(
          await store.findSession("busy", idleSinceTwoHours, IDLE),
        ).toEqual({
          userId: user.id,
          expiresAt: "2026-05-01T18:00:00.000Z",
          lastSeenAt: "2026-05-01T09:30:00.000Z",
        });
        expect(
          await store.findSession("nope", idleSinceTwoHours, IDLE),
        ).toBeUndefined();
        // Touched often, a session still ends at its absolute expiry.
        await store.touchSession("busy", at("2026-05-01T17:59:00Z"));
        expect(await store.findSession("busy", until, IDLE)).toBeUndefined();
      });

      it("purges the sessions expired or idle at a date, keeps the live ones and counts what it deleted", async () => {
        const user = await addUser(store, "a@snu.example", "A");
        const other = await addUser(store, "b@snu.example", "B");
        const now = at("2026-05-01T12:00:00Z");
        const earlier = at("2026-04-30T00:00:00Z");
        const seen = at("2026-05-01T11:00:00Z");
        await store.createSession(
          "gone1",
          user.id,
          at("2026-05-01T02:00:00Z"),
          seen,
        );
        await store.createSession(
          "gone2",
          other.id,
          at("2026-04-30T20:00:00Z"),
          seen,
        );
        // Expiring exactly now: findSession already refuses it, so it goes too.
        await store.createSession("edge", user.id, now, seen);
        // Idle for exactly the idle time, or more: refused, so purged, however far their expiry.
        await store.createSession(
          "idle-edge",
          user.id,
          at("2026-05-01T20:00:00Z"),
          at("2026-05-01T10:00:00Z"),
        );
        await store.createSession(
          "idle",
          other.id,
          at("2026-05-01T20:00:00Z"),
          at("2026-04-30T23:00:00Z"),
        );
        await store.createSession(
          "live1",
          user.id,
          at("2026-05-01T12:00:01Z"),
          seen,
        );
        await store.createSession(
          "live2",
          other.id,
          at("2026-05-01T22:00:00Z"),
          at("2026-05-01T10:00:00.001Z"),
        );

        expect(await store.purgeExpiredSessions(now, IDLE)).toBe(5);
        // Asked about an earlier moment, a purged session would still have been live: it is really gone.
        for (const hash of ["gone1", "gone2", "edge", "idle-edge", "idle"])
          expect(
            await store.findSession(hash, earlier, 365 * 86_400_000),
          ).toBeUndefined();
        expect(await store.findSession("live1", now, IDLE)).toEqual({
          userId: user.id,
          expiresAt: "2026-05-01T12:00:01.000Z",
          lastSeenAt: "2026-05-01T11:00:00.000Z",
        });
        expect(await store.findSession("live2", now, IDLE)).toEqual({
          userId: other.id,
          expiresAt: "2026-05-01T22:00:00.000Z",
          lastSeenAt: "2026-05-01T10:00:00.001Z",
        });
        expect(await store.purgeExpiredSessions(now, IDLE)).toBe(0);
        expect(await store.findSession("live1", now, IDLE)).toBeDefined();
      });

      it("purges nothing from an empty sessions table", async () => {
        expect(
          await store.purgeExpiredSessions(at("2026-05-01T12:00:00Z"), IDLE),
        ).toBe(0);
      });
    });

    describe("inbox", () => {
      it("lists newest first with the summary of each request", async () => {
        const { refs, agent, namesOf } = await seedInbox(store);
        const page = await store.listRequests(ALL, {}, { limit: 50 });
        expect(namesOf(page.items)).toBe("FEDCBA");
        expect(page.nextCursor).toBeUndefined();
        expect(page.items.at(-1)).toEqual({
          reference: refs.A,
          createdAt: "2026-05-01T08:00:00.000Z",
          status: "in_progress",
          platform: "moncompte",
          route: "/inscription/:step",
          category: "TECHNICAL",
          subject: "UPLOAD",
          department: "75",
          role: "young",
          excerpt: "Je n'arrive pas à téléverser ma carte d'identité.",
          assigneeId: agent.id,
          tags: [],
          unreadAnswer: false,
        });
        const withoutIdentity = page.items[2]!;
        expect(withoutIdentity.department).toBeUndefined();
        expect(withoutIdentity.role).toBeUndefined();
        expect(withoutIdentity.assigneeId).toBeUndefined();
      });

      it("cuts the excerpt at 160 characters", async () => {
        const message = `${"é".repeat(150)} ${"mot ".repeat(50)}`;
        await store.createRequest(
          makeSpecRequest({ message }),
          at("2026-05-01T08:00:00Z"),
        );
        const [item] = (await store.listRequests(ALL, {}, { limit: 1 })).items;
        expect(item?.excerpt).toBe(message.slice(0, 160));
      });

      const FILTER_CASES: [
        string,
        (ids: { agent: number }) => RequestFilters,
        string,
      ][] = [
        ["one status", () => ({ status: ["new"] }), "FEDC"],
        [
          "several statuses",
          () => ({ status: ["in_progress", "resolved"] }),
          "BA",
        ],
        ["a platform", () => ({ platform: "admin" }), "EC"],
        [
          "a route tag without platform",
          () => ({ route: "/inscription/:step" }),
          "DA",
        ],
        [
          "a platform and a route tag",
          () => ({ platform: "moncompte", route: "/phase1" }),
          "FB",
        ],
        ["a category", () => ({ category: "QUESTION" }), "FDB"],
        [
          "a category and a subject",
          () => ({ category: "TECHNICAL", subject: "UPLOAD" }),
          "A",
        ],
        ["a subject alone", () => ({ subject: "OTHER" }), "C"],
        ["a département", () => ({ department: "75" }), "FCA"],
        ["a requester role", () => ({ role: "referent_department" }), "C"],
        [
          "requests without identity (role none)",
          () => ({ role: "none" }),
          "D",
        ],
        ["from a date, inclusive", () => ({ from: "2026-05-03" }), "FEDC"],
        ["to a date, exclusive", () => ({ to: "2026-05-03" }), "BA"],
        [
          "from an exact datetime, inclusive",
          () => ({ from: "2026-05-03T08:00:00Z" }),
          "FEDC",
        ],
        [
          "a datetime with an offset",
          () => ({ to: "2026-05-03T10:00:00+02:00" }),
          "BA",
        ],
        ["a period", () => ({ from: "2026-05-02", to: "2026-05-04" }), "CB"],
        [
          "words without accents finding accented text",
          () => ({ q: "sejour" }),
          "FDB",
        ],
        [
          "words with accents and capitals finding plain text",
          () => ({ q: "SÉJOUR févr" }),
          "D",
        ],
        ["word prefixes, all required", () => ({ q: "trouss séj" }), "F"],
        ["the subject code as text", () => ({ q: "upload" }), "A"],
        ["a word inside a subject code", () => ({ q: "lugg" }), "F"],
        ["a one-letter word, as a whole word", () => ({ q: "à" }), "A"],
        [
          "search syntax typed by the user, as plain words",
          () => ({ q: 'connect* "hier" (soir) -: ^+' }),
          "E",
        ],
        [
          "a search made only of symbols, as no search",
          () => ({ q: ' "*( ' }),
          "FEDCBA",
        ],
        ["an assignee", ({ agent }) => ({ assignee: agent }), "A"],
        ["unassigned requests", () => ({ assignee: "none" }), "FEDCB"],
        [
          "a département and a status",
          () => ({ department: "75", status: ["new"] }),
          "FC",
        ],
        [
          "a platform, a département and text",
          () => ({ platform: "moncompte", department: "75", q: "séjour" }),
          "F",
        ],
        [
          "a role and a date",
          () => ({ role: "young", from: "2026-05-02" }),
          "FB",
        ],
        [
          "a route tag and several statuses",
          () => ({ route: "/phase1", status: ["new", "resolved"] }),
          "FB",
        ],
        [
          "text and several statuses",
          () => ({ q: "sejour", status: ["resolved", "new"] }),
          "FDB",
        ],
        [
          "filters that exclude each other",
          () => ({ department: "13", platform: "admin" }),
          "",
        ],
      ];
      it.each(FILTER_CASES)(
        "filters on %s",
        async (_name, filters, expected) => {
          const { agent, namesOf } = await seedInbox(store);
          const page = await store.listRequests(
            ALL,
            filters({ agent: agent.id }),
            { limit: 50 },
          );
          expect(namesOf(page.items)).toBe(expected);
          const exported = await collect(
            store.exportRequests(ALL, filters({ agent: agent.id })),
          );
          expect(namesOf(exported)).toBe(expected);
        },
      );

      it("pages through every request exactly once with an opaque cursor", async () => {
        for (let i = 0; i < 7; i++) {
          await createAt(`2026-05-0${i + 1}T08:00:00Z`);
        }
        const seen: string[] = [];
        let cursor: string | undefined;
        const sizes: number[] = [];
        do {
          const page = await store.listRequests(
            ALL,
            {},
            { limit: 3, ...(cursor ? { cursor } : {}) },
          );
          sizes.push(page.items.length);
          seen.push(...page.items.map((item) => item.reference));
          cursor = page.nextCursor;
          if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        } while (cursor);
        expect(sizes).toEqual([3, 3, 1]);
        expect(new Set(seen).size).toBe(7);
        expect(seen).toEqual([...seen].sort().reverse());
      });

      it("keeps paging where it was when new requests arrive between pages", async () => {
        for (let i = 0; i < 4; i++) {
          await createAt(`2026-05-0${i + 1}T08:00:00Z`);
        }
        const first = await store.listRequests(ALL, {}, { limit: 2 });
        await createAt("2026-05-06T08:00:00Z");
        await createAt("2026-05-07T08:00:00Z");
        const second = await store.listRequests(
          ALL,
          {},
          { limit: 2, cursor: first.nextCursor! },
        );
        const refs = [...first.items, ...second.items].map(
          (item) => item.reference,
        );
        expect(refs).toEqual([
          "SNU-2026-000004",
          "SNU-2026-000003",
          "SNU-2026-000002",
          "SNU-2026-000001",
        ]);
        expect(second.nextCursor).toBeUndefined();
      });

      it("pages a filtered list without repeating or skipping", async () => {
        const { namesOf } = await seedInbox(store);
        const first = await store.listRequests(
          ALL,
          { department: "75" },
          { limit: 2 },
        );
        const second = await store.listRequests(
          ALL,
          { department: "75" },
          { limit: 2, cursor: first.nextCursor! },
        );
        expect(namesOf(first.items) + "|" + namesOf(second.items)).toBe("FC|A");
        const text = await store.listRequests(
          ALL,
          { q: "sejour" },
          { limit: 2 },
        );
        const rest = await store.listRequests(
          ALL,
          { q: "sejour" },
          { limit: 2, cursor: text.nextCursor! },
        );
        expect(namesOf(text.items) + "|" + namesOf(rest.items)).toBe("FD|B");
      });

      it("clamps the page size between 1 and 200", async () => {
        for (let i = 0; i < 201; i++) {
          await createAt("2026-05-01T08:00:00Z");
        }
        expect(
          (await store.listRequests(ALL, {}, { limit: 0 })).items,
        ).toHaveLength(1);
        const big = await store.listRequests(ALL, {}, { limit: 1000 });
        expect(big.items).toHaveLength(200);
        expect(big.nextCursor).toBeDefined();
      });

      it("rejects a cursor it did not give", async () => {
        await createAt("2026-05-01T08:00:00Z");
        for (const cursor of ["nope!", "MTIz=", "MDEy", "", "LTE", "YWJj"]) {
          await expect(
            store.listRequests(ALL, {}, { limit: 10, cursor }),
          ).rejects.toBeInstanceOf(InvalidCursorError);
        }
      });

      it("counts every status, zero included, ignoring the status filter but not the others", async () => {
        await seedInbox(store);
        expect(
          (await store.countByStatus(ALL, { status: ["new"] })).counts,
        ).toEqual({
          new: 4,
          in_progress: 1,
          waiting_user: 0,
          resolved: 1,
          closed: 0,
        });
        expect(
          (await store.countByStatus(ALL, { department: "75", q: "carte" }))
            .counts,
        ).toEqual({
          new: 0,
          in_progress: 1,
          waiting_user: 0,
          resolved: 0,
          closed: 0,
        });
        // A search alone: B (resolved, the 13), D and F (new); a referent of the 13 counts B only.
        expect(
          (await store.countByStatus(ALL, { q: "sejour", status: ["new"] }))
            .counts,
        ).toEqual({
          new: 2,
          in_progress: 0,
          waiting_user: 0,
          resolved: 1,
          closed: 0,
        });
        expect(
          await store.countByStatus(
            { kind: "departments", departments: ["13"] },
            { q: "sejour" },
          ),
        ).toEqual({
          counts: {
            new: 0,
            in_progress: 0,
            waiting_user: 0,
            resolved: 1,
            closed: 0,
          },
          complete: true,
        });
      });

      it("examines at most TEXT_SCAN_LIMIT newest text matches: counts say so, pages and exports search on", async () => {
        const when = at("2026-05-04T08:00:00Z");
        const old = await store.createRequest(
          makeSpecRequest({
            department: "13",
            message: "Un séjour plus ancien",
          }),
          when,
        );
        for (let i = 0; i <= TEXT_SCAN_LIMIT; i++) {
          await store.createRequest(
            makeSpecRequest({ message: "Question sur le séjour de février" }),
            when,
          );
        }
        const text = await store.countByStatus(ALL, { q: "sejour" });
        expect(text.complete).toBe(false);
        expect(Object.values(text.counts).reduce((a, b) => a + b, 0)).toBe(
          TEXT_SCAN_LIMIT,
        );
        const exact = await store.countByStatus(ALL, { department: "75" });
        expect(exact).toEqual({
          counts: { ...exact.counts, new: TEXT_SCAN_LIMIT + 1 },
          complete: true,
        });
        expect(
          (await store.countByStatus(ALL, { q: "fevrier carte" })).complete,
        ).toBe(true);

        // The 13's only match is older than the window of a referent of the 75 and the 13: filtered on the
        // 13, the first page is empty but says where to go on.
        const referent: Scope = {
          kind: "departments",
          departments: ["75", "13"],
        };
        const only13 = { q: "sejour", department: "13" };
        const first = await store.listRequests(referent, only13, {
          limit: 50,
        });
        expect(first.items).toEqual([]);
        expect(first.nextCursor).toBeDefined();
        const second = await store.listRequests(referent, only13, {
          limit: 50,
          cursor: first.nextCursor!,
        });
        expect(second.items.map((item) => item.reference)).toEqual([
          old.reference,
        ]);
        expect(second.nextCursor).toBeUndefined();
        expect((await store.countByStatus(referent, only13)).complete).toBe(
          false,
        );
        const exported: string[] = [];
        for await (const row of store.exportRequests(referent, only13))
          exported.push(row.reference);
        expect(exported).toEqual([old.reference]);
      }, 60_000);
    });

    describe("scope", () => {
      it("shows a referent only the requests of its départements, never those without one", async () => {
        const { refs, namesOf } = await seedInbox(store);
        expect(
          namesOf(
            (await store.listRequests(REFERENT_75, {}, { limit: 50 })).items,
          ),
        ).toBe("FCA");
        expect(
          namesOf(
            (
              await store.listRequests(
                REFERENT_75,
                { department: "13" },
                { limit: 50 },
              )
            ).items,
          ),
        ).toBe("");
        expect(
          namesOf(
            (
              await store.listRequests(
                REFERENT_75,
                { role: "none" },
                { limit: 50 },
              )
            ).items,
          ),
        ).toBe("");
        const twoDepartments: Scope = {
          kind: "departments",
          departments: ["13", "92"],
        };
        expect(
          namesOf(
            (await store.listRequests(twoDepartments, {}, { limit: 50 })).items,
          ),
        ).toBe("EB");
        expect(
          namesOf(
            (
              await store.listRequests(
                twoDepartments,
                { status: ["new", "resolved"] },
                { limit: 50 },
              )
            ).items,
          ),
        ).toBe("EB");
        expect((await store.countByStatus(REFERENT_75, {})).counts).toEqual({
          new: 2,
          in_progress: 1,
          waiting_user: 0,
          resolved: 0,
          closed: 0,
        });
        expect(
          namesOf(await collect(store.exportRequests(REFERENT_75, {}))),
        ).toBe("FCA");
        expect(
          await store.getRequestDetail(REFERENT_75, refs.A!),
        ).toBeDefined();
        expect(
          await store.getRequestDetail(REFERENT_75, refs.B!),
        ).toBeUndefined();
        expect(
          await store.getRequestDetail(REFERENT_75, refs.D!),
        ).toBeUndefined();
        expect(
          await store.getRequestDetail(REFERENT_75, "SNU-2026-999999"),
        ).toBeUndefined();
      });

      it("lets a referent change or annotate nothing outside its départements", async () => {
        const { refs, agent } = await seedInbox(store);
        for (const name of ["B", "D"]) {
          const result = await store.updateRequest(
            REFERENT_75,
            refs[name]!,
            { expectedVersion: 1, actorId: agent.id, status: "closed" },
            at("2026-05-11T08:00:00Z"),
          );
          expect(result).toEqual({ ok: false, reason: "not_found" });
          expect(
            await store.addNote(
              REFERENT_75,
              refs[name]!,
              agent.id,
              "Vu",
              at("2026-05-11T08:00:00Z"),
            ),
          ).toBeUndefined();
        }
        expect((await store.getRequestDetail(ALL, refs.B!))?.status).toBe(
          "resolved",
        );
        expect(
          (await store.getRequestDetail(ALL, refs.D!))?.events,
        ).toHaveLength(1);
      });

      it("gives a referent without départements nothing", async () => {
        const { refs } = await seedInbox(store);
        const none: Scope = { kind: "departments", departments: [] };
        expect(
          (await store.listRequests(none, {}, { limit: 50 })).items,
        ).toEqual([]);
        expect(
          Object.values((await store.countByStatus(none, {})).counts),
        ).toEqual([0, 0, 0, 0, 0]);
        expect(await store.getRequestDetail(none, refs.A!)).toBeUndefined();
        expect(await collect(store.exportRequests(none, {}))).toEqual([]);
        expect(
          await store.pageStats(none, {
            from: "2026-05-01",
            to: "2026-06-01",
            previousFrom: "2026-04-01",
          }),
        ).toEqual([]);
      });
    });

    describe("detail and changes", () => {
      it("gives the stored request with its version, tags and a timeline starting with its creation", async () => {
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        const detail = await store.getRequestDetail(ALL, reference);
        expect(detail).toEqual({
          ...(await store.getRequest(reference)),
          version: 1,
          updatedAt: "2026-05-04T08:00:00.000Z",
          tags: [],
          messages: [],
          unreadAnswer: false,
          events: [
            {
              id: 0,
              at: "2026-05-04T08:00:00.000Z",
              type: "created",
              data: {},
            },
          ],
        });
        expect(detail?.assignee).toBeUndefined();
        expect(
          await store.getRequestDetail(ALL, "SNU-2026-999999"),
        ).toBeUndefined();
      });

      it("applies a change in one version and records one event per changed field, with its actor", async () => {
        const agent = await addUser(
          store,
          "agent@snu.example",
          "Sacha Support",
        );
        const colleague = await addUser(
          store,
          "lou@snu.example",
          "Lou Support",
        );
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        const result = await store.updateRequest(
          ALL,
          reference,
          {
            expectedVersion: 1,
            actorId: agent.id,
            status: "in_progress",
            assigneeId: colleague.id,
            tags: ["pièce jointe"],
          },
          at("2026-05-05T09:00:00Z"),
        );
        expect(result.ok).toBe(true);
        const detail = result.ok ? result.detail : undefined;
        expect(detail).toMatchObject({
          status: "in_progress",
          version: 2,
          updatedAt: "2026-05-05T09:00:00.000Z",
          assignee: { id: colleague.id, displayName: "Lou Support" },
          tags: ["pièce jointe"],
        });
        const actor = { id: agent.id, displayName: "Sacha Support" };
        expect(
          detail?.events.slice(1).map(({ id: _id, ...event }) => event),
        ).toEqual([
          {
            at: "2026-05-05T09:00:00.000Z",
            type: "status",
            actor,
            data: { from: "new", to: "in_progress" },
          },
          {
            at: "2026-05-05T09:00:00.000Z",
            type: "assignment",
            actor,
            data: { to: colleague.id },
          },
          {
            at: "2026-05-05T09:00:00.000Z",
            type: "tags",
            actor,
            data: { tags: ["pièce jointe"] },
          },
        ]);
        const ids = detail!.events.map((event) => event.id);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        expect(await store.getRequestDetail(ALL, reference)).toEqual(detail);
        const [summary] = (
          await store.listRequests(
            ALL,
            { assignee: colleague.id },
            { limit: 5 },
          )
        ).items;
        expect(summary).toMatchObject({
          status: "in_progress",
          assigneeId: colleague.id,
          tags: ["pièce jointe"],
        });
      });

      it("records nothing for fields that keep their value, and keeps the version when nothing changes", async () => {
        const agent = await addUser(store, "agent@snu.example", "Sacha");
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        const same = await store.updateRequest(
          ALL,
          reference,
          {
            expectedVersion: 1,
            actorId: agent.id,
            status: "new",
            assigneeId: null,
            tags: [],
          },
          at("2026-05-05T09:00:00Z"),
        );
        expect(same.ok && same.detail).toMatchObject({
          version: 1,
          updatedAt: "2026-05-04T08:00:00.000Z",
        });
        const partly = await store.updateRequest(
          ALL,
          reference,
          {
            expectedVersion: 1,
            actorId: agent.id,
            status: "new",
            tags: ["urgent"],
          },
          at("2026-05-05T09:00:00Z"),
        );
        expect(partly.ok && partly.detail.version).toBe(2);
        expect(
          partly.ok && partly.detail.events.map((event) => event.type),
        ).toEqual(["created", "tags"]);
      });

      it("unassigns with null and records who it was assigned to", async () => {
        const agent = await addUser(store, "agent@snu.example", "Sacha");
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        const now = at("2026-05-05T09:00:00Z");
        await store.updateRequest(
          ALL,
          reference,
          { expectedVersion: 1, actorId: agent.id, assigneeId: agent.id },
          now,
        );
        const result = await store.updateRequest(
          ALL,
          reference,
          { expectedVersion: 2, actorId: agent.id, assigneeId: null },
          now,
        );
        expect(result.ok && result.detail.assignee).toBeUndefined();
        expect(result.ok && result.detail.events.at(-1)?.data).toEqual({
          from: agent.id,
        });
        expect(
          (await store.listRequests(ALL, { assignee: "none" }, { limit: 5 }))
            .items,
        ).toHaveLength(1);
      });

      it("refuses a change based on an old version and answers the current request", async () => {
        const agent = await addUser(store, "agent@snu.example", "Sacha");
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        const now = at("2026-05-05T09:00:00Z");
        await store.updateRequest(
          ALL,
          reference,
          { expectedVersion: 1, actorId: agent.id, status: "in_progress" },
          now,
        );
        const stale = await store.updateRequest(
          ALL,
          reference,
          { expectedVersion: 1, actorId: agent.id, status: "closed" },
          now,
        );
        expect(stale).toEqual({
          ok: false,
          reason: "conflict",
          current: await store.getRequestDetail(ALL, reference),
        });
        expect((await store.getRequestDetail(ALL, reference))?.status).toBe(
          "in_progress",
        );
        expect(
          await store.updateRequest(
            ALL,
            "SNU-2026-999999",
            { expectedVersion: 1, actorId: agent.id },
            now,
          ),
        ).toEqual({
          ok: false,
          reason: "not_found",
        });
      });

      it("refuses an unknown or disabled assignee and changes nothing", async () => {
        const agent = await addUser(store, "agent@snu.example", "Sacha");
        const gone = await addUser(store, "gone@snu.example", "Parti");
        await store.updateUser(gone.id, { disabled: true });
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        for (const assigneeId of [999, gone.id]) {
          await expect(
            store.updateRequest(
              ALL,
              reference,
              {
                expectedVersion: 1,
                actorId: agent.id,
                status: "closed",
                assigneeId,
              },
              at("2026-05-05T09:00:00Z"),
            ),
          ).rejects.toBeInstanceOf(UnknownAssigneeError);
        }
        const detail = await store.getRequestDetail(ALL, reference);
        expect(detail).toMatchObject({ status: "new", version: 1 });
        expect(detail?.events).toHaveLength(1);
      });

      it("refuses a change or a note by an account that does not exist", async () => {
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        const now = at("2026-05-05T09:00:00Z");
        await expect(
          store.updateRequest(
            ALL,
            reference,
            { expectedVersion: 1, actorId: 999, status: "closed" },
            now,
          ),
        ).rejects.toBeInstanceOf(UnknownActorError);
        await expect(
          store.addNote(ALL, reference, 999, "Note", now),
        ).rejects.toBeInstanceOf(UnknownActorError);
        expect((await store.getRequestDetail(ALL, reference))?.version).toBe(1);
      });

      it("trims, deduplicates and bounds tags: 10 tags of 30 characters at most", async () => {
        const agent = await addUser(store, "agent@snu.example", "Sacha");
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        const now = at("2026-05-05T09:00:00Z");
        const result = await store.updateRequest(
          ALL,
          reference,
          {
            expectedVersion: 1,
            actorId: agent.id,
            tags: [
              " urgent ",
              "Urgent",
              "",
              "  ",
              "pièce   jointe",
              "x".repeat(30),
            ],
          },
          now,
        );
        expect(result.ok && result.detail.tags).toEqual([
          "urgent",
          "pièce jointe",
          "x".repeat(30),
        ]);
        const tooMany = Array.from({ length: 11 }, (_, i) => `tag${i}`);
        for (const tags of [tooMany, ["x".repeat(31)]]) {
          await expect(
            store.updateRequest(
              ALL,
              reference,
              { expectedVersion: 2, actorId: agent.id, tags },
              now,
            ),
          ).rejects.toBeInstanceOf(InvalidTagsError);
        }
        const ten = await store.updateRequest(
          ALL,
          reference,
          { expectedVersion: 2, actorId: agent.id, tags: tooMany.slice(0, 10) },
          now,
        );
        expect(ten.ok && ten.detail.tags).toHaveLength(10);
      });

      it("appends a note with its author and bumps the version", async () => {
        const agent = await addUser(
          store,
          "agent@snu.example",
          "Sacha Support",
        );
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        const detail = await store.addNote(
          ALL,
          reference,
          agent.id,
          "Rappelée le 5 mai.",
          at("2026-05-05T09:00:00Z"),
        );
        expect(detail).toMatchObject({
          version: 2,
          updatedAt: "2026-05-05T09:00:00.000Z",
        });
        expect(detail?.events.at(-1)).toMatchObject({
          type: "note",
          at: "2026-05-05T09:00:00.000Z",
          actor: { id: agent.id, displayName: "Sacha Support" },
          data: { text: "Rappelée le 5 mai." },
        });
        expect(
          await store.addNote(
            ALL,
            "SNU-2026-999999",
            agent.id,
            "x",
            at("2026-05-05T09:00:00Z"),
          ),
        ).toBeUndefined();
      });

      it("names each actor and assignee by the account's current display name", async () => {
        const agent = await addUser(store, "agent@snu.example", "Sacha");
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        await store.updateRequest(
          ALL,
          reference,
          { expectedVersion: 1, actorId: agent.id, assigneeId: agent.id },
          at("2026-05-05T09:00:00Z"),
        );
        await store.updateUser(agent.id, { displayName: "Sacha Martin" });
        const detail = await store.getRequestDetail(ALL, reference);
        expect(detail?.assignee?.displayName).toBe("Sacha Martin");
        expect(detail?.events.at(-1)?.actor?.displayName).toBe("Sacha Martin");
      });

      it("returns copies: changing a returned detail does not change the stored one", async () => {
        const { reference } = await createAt("2026-05-04T08:00:00Z");
        const detail = await store.getRequestDetail(ALL, reference);
        detail!.tags.push("x");
        detail!.context.title = "modifié";
        const again = await store.getRequestDetail(ALL, reference);
        expect(again?.tags).toEqual([]);
        expect(again?.context.title).toBe("Mon inscription — Documents");
      });
    });

    describe("statistics and export", () => {
      it("ranks pages by requests in the period, with the previous period and the top three categories", async () => {
        const add = (day: string, spec: RequestSpec) =>
          createAt(`2026-05-${day}T12:00:00Z`, spec);
        const inscription = { route: "/inscription/:step" };
        for (const category of [
          "TECHNICAL",
          "ZZZ",
          "QUESTION",
          "TECHNICAL",
          "WITHDRAWAL",
        ]) {
          await add("10", { ...inscription, category });
        }
        await add("11", { route: "/phase1", category: "QUESTION" });
        await add("11", {
          route: "/phase1",
          category: "QUESTION",
          department: "13",
        });
        await add("12", { route: "/phase1", category: "TECHNICAL" });
        await add("05", { route: "/phase1" });
        await add("06", { route: "/phase1" });
        await add("10", {
          platform: "admin",
          route: "/volontaire/:id/phase2",
          department: "13",
        });
        await add("10", {
          platform: "admin",
          route: "/volontaire/:id/phase2",
          department: null,
        });
        await add("13", { platform: "admin", route: "/volontaire/:id/phase2" });
        await add("05", { platform: "admin", route: "/dashboard" });
        await add("20", { platform: "admin", route: "/dashboard" });
        const period = {
          from: "2026-05-08",
          to: "2026-05-15",
          previousFrom: "2026-05-01",
        };
        const stats = await store.pageStats(ALL, period);
        expect(stats).toEqual([
          {
            platform: "moncompte",
            route: "/inscription/:step",
            count: 5,
            previousCount: 0,
            topCategories: [
              { category: "TECHNICAL", count: 2 },
              { category: "QUESTION", count: 1 },
              { category: "WITHDRAWAL", count: 1 },
            ],
          },
          {
            platform: "moncompte",
            route: "/phase1",
            count: 3,
            previousCount: 2,
            topCategories: [
              { category: "QUESTION", count: 2 },
              { category: "TECHNICAL", count: 1 },
            ],
          },
          {
            platform: "admin",
            route: "/volontaire/:id/phase2",
            count: 3,
            previousCount: 0,
            topCategories: [{ category: "TECHNICAL", count: 3 }],
          },
        ]);
        const admin = await store.pageStats(ALL, {
          ...period,
          platform: "admin",
        });
        expect(admin.map((page) => page.route)).toEqual([
          "/volontaire/:id/phase2",
        ]);
        const referent = await store.pageStats(REFERENT_75, period);
        expect(
          referent.map((page) => [page.route, page.count, page.previousCount]),
        ).toEqual([
          ["/inscription/:step", 5, 0],
          ["/phase1", 2, 2],
          ["/volontaire/:id/phase2", 1, 0],
        ]);
      });

      it("exports every matching request newest first across batches, with message, e-mail and page title", async () => {
        const { namesOf, refs } = await seedInbox(store);
        const rows = await collect(store.exportRequests(ALL, {}, 2));
        expect(namesOf(rows)).toBe("FEDCBA");
        const a = rows.at(-1)!;
        expect(a).toMatchObject({
          reference: refs.A,
          message: "Je n'arrive pas à téléverser ma carte d'identité.",
          email: "camille.martin@example.fr",
          title: "Mon inscription — Documents",
          status: "in_progress",
        });
        expect(
          rows.find((row) => row.reference === refs.D)?.email,
        ).toBeUndefined();
        expect(
          namesOf(
            await collect(
              store.exportRequests(ALL, { category: "QUESTION" }, 1),
            ),
          ),
        ).toBe("FDB");
        expect(namesOf(await collect(store.exportRequests(ALL, {}, 3)))).toBe(
          "FEDCBA",
        );
      });
    });

    describe("retention", () => {
      it("anonymises requests closed before the date, keeps them for the statistics, and is idempotent", async () => {
        const agent = await addUser(store, "agent@test.fr", "Sacha Support");
        const old = await store.createRequest(
          makeSpecRequest({
            message: "Mon adresse est 3 rue des Lilas, merci",
          }),
          at("2025-01-10T08:00:00Z"),
        );
        const recent = await createAt("2025-01-10T08:00:00Z");
        const open = await createAt("2025-01-10T08:00:00Z");
        await store.addNote(
          ALL,
          old.reference,
          agent.id,
          "Appelé la mère au 06 12 34 56 78",
          at("2025-01-11T08:00:00Z"),
        );
        await store.updateRequest(
          ALL,
          old.reference,
          { expectedVersion: 2, actorId: agent.id, status: "closed" },
          at("2025-01-12T08:00:00Z"),
        );
        await store.updateRequest(
          ALL,
          recent.reference,
          { expectedVersion: 1, actorId: agent.id, status: "closed" },
          at("2026-11-01T08:00:00Z"),
        );

        expect(
          await store.anonymiseClosedBefore(at("2025-11-29T00:00:00Z")),
        ).toBe(1);
        const gone = (await store.getRequestDetail(ALL, old.reference))!;
        expect(gone.message).toBe(ANONYMISED_MESSAGE);
        expect(gone.email).toBeUndefined();
        expect(gone.context.identity).toBeUndefined();
        expect(gone.context.title).toBe("");
        expect(gone.events.map((event) => event.type)).toEqual([
          "created",
          "status",
        ]);
        expect(gone).toMatchObject({
          platform: "moncompte",
          route: "/inscription/:step",
          status: "closed",
        });
        expect(
          (await store.listRequests(ALL, { q: "lilas" }, { limit: 10 })).items,
        ).toEqual([]);
        expect(
          (await store.getRequestDetail(ALL, recent.reference))!.message,
        ).toBe(makeSpecRequest().message);
        expect((await store.getRequestDetail(ALL, open.reference))!.email).toBe(
          "camille.martin@example.fr",
        );

        expect(
          await store.anonymiseClosedBefore(at("2025-11-29T00:00:00Z")),
        ).toBe(0);
      });
    });
  });
}
