import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import {
  InvalidSearchError,
  UnknownAssigneeError,
} from "../../api/store/support-errors.ts";
import {
  parseCursor,
  SEARCH_MAX_WORDS,
  TEXT_SCAN_LIMIT,
} from "../../api/store/support-rules.ts";
import type {
  RequestFilters,
  Scope,
  SupportRole,
} from "../../api/store/support-types.ts";
import { makeSpecRequest, type RequestSpec } from "./support-store-contract.ts";

// Issue 11: nothing of another département reaches a referent — not through a text search's counts, pages
// or cursors, nor through whom a request may be assigned to — and a search's words are bounded.

const ALL: Scope = { kind: "all" };
const REFERENT_13: Scope = { kind: "departments", departments: ["13"] };
const SEARCH: RequestFilters = { q: "sejour" };
const at = (iso: string) => new Date(iso);

/** What a list page tells its reader: the references and the cursor. */
interface PageSeen {
  references: string[];
  nextCursor?: string;
}

/** The scope rules every support store follows; each store's contract test file calls this too. */
export function runSupportScopeContract(
  name: string,
  makeStore: () => Promise<AppStore> | AppStore,
) {
  describe(`${name} support store: scope inside searches and assignments (issue 11)`, () => {
    let store: AppStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const create = (target: AppStore, spec: RequestSpec) =>
      target.createRequest(makeSpecRequest(spec), at("2026-05-04T08:00:00Z"));
    const addUser = (
      email: string,
      role: SupportRole,
      departments: string[] = [],
    ) =>
      store.createUser(
        {
          email,
          displayName: email.split("@")[0]!,
          role,
          departments,
          passwordHash: `hash:${email}`,
        },
        at("2026-04-01T00:00:00Z"),
      );
    const page = async (
      target: AppStore,
      filters: RequestFilters,
      limit: number,
      cursor?: string,
    ): Promise<PageSeen> => {
      const result = await target.listRequests(REFERENT_13, filters, {
        limit,
        ...(cursor === undefined ? {} : { cursor }),
      });
      return {
        references: result.items.map((item) => item.reference),
        ...(result.nextCursor === undefined
          ? {}
          : { nextCursor: result.nextCursor }),
      };
    };

    /**
     * The 13's requests, and between them more than TEXT_SCAN_LIMIT requests of the 75 that match the
     * search or not. Created in the same order in every store, so the same internal ids.
     */
    async function seed(target: AppStore, othersMatch: boolean) {
      const of13 = async (message: string) =>
        (await create(target, { department: "13", message })).reference;
      const refs = [await of13("Une question sans rapport")];
      refs.push(await of13("Un séjour ancien"), await of13("Un séjour ancien"));
      for (let i = 0; i <= TEXT_SCAN_LIMIT; i++) {
        await create(target, {
          department: "75",
          message: othersMatch
            ? "Question sur le séjour de février"
            : "Question sur le voyage de février",
        });
      }
      refs.push(await of13("Rien à voir"));
      refs.push(await of13("Le séjour récent"), await of13("Le séjour récent"));
      return refs;
    }

    /** Everything a referent of the 13 is told by its searches, given the cursors it may craft. */
    async function seenBy13(target: AppStore, probes: string[]) {
      const walk: PageSeen[] = [];
      let cursor: string | undefined;
      do {
        const seen = await page(target, SEARCH, 1, cursor);
        walk.push(seen);
        cursor = seen.nextCursor;
      } while (cursor !== undefined && walk.length < 20);
      const exported: string[] = [];
      for await (const row of target.exportRequests(REFERENT_13, SEARCH, 2))
        exported.push(row.reference);
      const probed: PageSeen[] = [];
      for (const probe of probes) {
        probed.push(await page(target, SEARCH, 50, probe));
        probed.push(
          await page(target, { ...SEARCH, status: ["new"] }, 1, probe),
        );
      }
      return {
        counts: await target.countByStatus(REFERENT_13, SEARCH),
        filteredCounts: await target.countByStatus(REFERENT_13, {
          ...SEARCH,
          status: ["closed"],
        }),
        firstPage: await page(target, SEARCH, 50),
        walk,
        exported,
        probed,
      };
    }

    it("tells a referent's text search nothing of other départements: counts, pages, cursors and probes", async () => {
      const without = await makeStore();
      try {
        const refs = await seed(store, true);
        expect(await seed(without, false)).toHaveLength(refs.length);
        // The 13's internal ids, newest first, from the cursors of its own list read one by one.
        const ids: number[] = [];
        let cursor: string | undefined;
        do {
          const seen = await page(store, {}, 1, cursor);
          cursor = seen.nextCursor;
          if (cursor !== undefined) ids.push(parseCursor(cursor));
        } while (cursor !== undefined);
        expect(ids).toHaveLength(refs.length - 1);
        // Between « Un séjour ancien » and « Rien à voir » lie the 75's ids: cursors a referent may craft
        // to learn whether those requests match (they do in one store, not in the other).
        const [, , above, below] = ids as [number, number, number, number];
        const encode = (id: number) =>
          Buffer.from(String(id), "utf8").toString("base64url");
        const probes = [
          above,
          above - 1,
          above - 2,
          Math.floor((above + below) / 2),
          below + 2,
          below + 1,
        ].map(encode);

        const seen = await seenBy13(store, probes);
        expect(seen).toEqual(await seenBy13(without, probes));

        // The 13's four matches, all found at once: the window counted only them.
        const matches = [refs[5], refs[4], refs[2], refs[1]];
        expect(seen.firstPage).toEqual({ references: matches });
        expect(seen.counts.complete).toBe(true);
        expect(seen.counts.counts.new).toBe(4);
        expect(seen.exported).toEqual(matches);
        // No cursor a referent receives is the id of a request it cannot see.
        const cursors = [...seen.walk, ...seen.probed].flatMap((p) =>
          p.nextCursor === undefined ? [] : [parseCursor(p.nextCursor)],
        );
        expect(cursors.length).toBeGreaterThan(0);
        for (const id of cursors) expect(ids).toContain(id);
      } finally {
        await without.close();
      }
    }, 120_000);

    it("assigns a request only to an active account that can see it, refusing any other like an unknown one", async () => {
      const agent = await addUser("agent@snu.example", "agent");
      const admin = await addUser("admin@snu.example", "admin");
      const referent13 = await addUser("r13@snu.example", "referent", ["13"]);
      const referent92and13 = await addUser("r92@snu.example", "referent", [
        "92",
        "13",
      ]);
      const referent75 = await addUser("r75@snu.example", "referent", ["75"]);
      const gone13 = await addUser("gone@snu.example", "referent", ["13"]);
      await store.updateUser(gone13.id, { disabled: true });
      const of13 = (await create(store, { department: "13" })).reference;
      const without = (await create(store, { department: null, role: "young" }))
        .reference;

      const assign = async (
        scope: Scope,
        actorId: number,
        reference: string,
        assigneeId: number,
      ) => {
        const before = (await store.getRequestDetail(ALL, reference))!;
        const change = store.updateRequest(
          scope,
          reference,
          { expectedVersion: before.version, actorId, assigneeId },
          at("2026-05-05T09:00:00Z"),
        );
        return { before, change };
      };
      const expectAssigned = async (...args: Parameters<typeof assign>) => {
        const { change } = await assign(...args);
        const result = await change;
        expect(result.ok && result.detail.assignee?.id).toBe(args[3]);
      };
      const expectRefused = async (...args: Parameters<typeof assign>) => {
        const { before, change } = await assign(...args);
        await expect(change).rejects.toBeInstanceOf(UnknownAssigneeError);
        // The same error as an account that does not exist, and nothing changed.
        await expect(
          store.updateRequest(
            args[0],
            args[2],
            {
              expectedVersion: before.version,
              actorId: args[1],
              assigneeId: 99_999,
            },
            at("2026-05-05T09:00:00Z"),
          ),
        ).rejects.toBeInstanceOf(UnknownAssigneeError);
        expect(await store.getRequestDetail(ALL, args[2])).toEqual(before);
      };

      for (const [scope, actor] of [
        [ALL, agent.id],
        [REFERENT_13, referent13.id],
      ] as const) {
        for (const assignee of [agent, admin, referent13, referent92and13])
          await expectAssigned(scope, actor, of13, assignee.id);
        for (const assignee of [referent75, gone13])
          await expectRefused(scope, actor, of13, assignee.id);
      }
      // A request without a département: the national team only.
      for (const assignee of [agent, admin])
        await expectAssigned(ALL, agent.id, without, assignee.id);
      for (const assignee of [referent13, referent75])
        await expectRefused(ALL, agent.id, without, assignee.id);
    });

    it(`counts each distinct word once and refuses more than ${SEARCH_MAX_WORDS}, in lists, counts and exports`, async () => {
      const { reference } = await create(store, {
        department: "13",
        message: "Le trousseau pour le séjour",
      });
      await create(store, { department: "13", message: "Le séjour" });
      // 30 words typed, 4 needed (sejour, trousseau, pour, le): repeated words and prefixes of another
      // word count once toward the limit.
      const typed =
        "séjour sejour SÉJOUR sej séj trousseau trouss trou pour le";
      const repeated: RequestFilters = { q: `${typed} ${typed} ${typed}` };
      expect(
        (await store.listRequests(ALL, repeated, { limit: 5 })).items.map(
          (item) => item.reference,
        ),
      ).toEqual([reference]);
      expect((await store.countByStatus(ALL, repeated)).counts.new).toBe(1);
      const words = "un deux trois quatre cinq six sept huit neuf".split(" ");
      const fine: RequestFilters = {
        q: [...words.slice(0, SEARCH_MAX_WORDS), ...words.slice(0, 3)].join(
          " ",
        ),
      };
      expect((await store.listRequests(ALL, fine, { limit: 5 })).items).toEqual(
        [],
      );
      const tooMany: RequestFilters = { q: words.join(" ") };
      await expect(
        store.listRequests(ALL, tooMany, { limit: 5 }),
      ).rejects.toBeInstanceOf(InvalidSearchError);
      await expect(store.countByStatus(ALL, tooMany)).rejects.toBeInstanceOf(
        InvalidSearchError,
      );
      await expect(
        (async () => {
          for await (const _row of store.exportRequests(ALL, tooMany));
        })(),
      ).rejects.toBeInstanceOf(InvalidSearchError);
    });

    it("matches a word of one or two letters as a whole word, never as a prefix", async () => {
      const { reference } = await create(store, {
        department: "13",
        message: "Le centre de Marseille",
      });
      await create(store, { department: "13", message: "Mon dossier" });
      const found = async (q: string) =>
        (await store.listRequests(ALL, { q }, { limit: 5 })).items.map(
          (item) => item.reference,
        );
      expect(await found("de")).toEqual([reference]);
      expect(await found("do")).toEqual([]);
      expect(await found("dos")).not.toEqual([]);
    });
  });
}
