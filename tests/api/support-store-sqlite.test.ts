import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "../../api/store/sqlite-migrations.ts";
import { countByStatusQuery } from "../../api/store/sqlite-request-count.ts";
import type { QueryHints } from "../../api/store/sqlite-request-index-choice.ts";
import {
  listIdsQuery,
  SUMMARY_COLUMNS,
} from "../../api/store/sqlite-request-list.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { textWindowQuery } from "../../api/store/sqlite-text-window.ts";
import type { RequestFilters, Scope } from "../../api/store/support-types.ts";
import { makeSpecRequest } from "../support/support-store-contract.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const dir = makeTempDir();
let counter = 0;
const newFile = () => {
  const file = path.join(dir, `store-${++counter}`, "snu-aide.sqlite");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
};
const ALL: Scope = { kind: "all" };
const at = (iso: string) => new Date(iso);

describe("sqlite support store", () => {
  it("migrates a database of migration 1 with requests in it: they become searchable, countable and editable", async () => {
    const file = newFile();
    const db = new Database(file);
    migrate(
      db,
      at("2026-01-01T00:00:00Z"),
      MIGRATIONS.filter((m) => m.version === 1),
    );
    const insert = db.prepare(
      `INSERT INTO requests (reference, created_at, status, platform, route, category, subject, department, role, email, message, context)
       VALUES (?, ?, ?, 'moncompte', '/phase1', 'QUESTION', 'PHASE_1_LUGGAGE', ?, 'young', NULL, ?, ?)`,
    );
    const context = JSON.stringify(makeSpecRequest().context);
    insert.run(
      "SNU-2026-000001",
      "2026-03-01T08:00:00.000Z",
      "new",
      "75",
      "Que mettre dans la valise pour le séjour ?",
      context,
    );
    insert.run(
      "SNU-2026-000002",
      "2026-03-02T08:00:00.000Z",
      "resolved",
      "13",
      "Où est mon point de rassemblement ?",
      context,
    );
    db.prepare(
      "INSERT INTO reference_sequences (year, last) VALUES (2026, 2)",
    ).run();
    db.close();

    const store = createSqliteStore({ file });
    const found = await store.listRequests(ALL, { q: "SEJOUR" }, { limit: 10 });
    expect(found.items.map((item) => item.reference)).toEqual([
      "SNU-2026-000001",
    ]);
    expect((await store.countByStatus(ALL, {})).counts).toEqual({
      new: 1,
      in_progress: 0,
      waiting_user: 0,
      resolved: 1,
      closed: 0,
    });
    expect(await store.getRequestDetail(ALL, "SNU-2026-000002")).toMatchObject({
      version: 1,
      updatedAt: "2026-03-02T08:00:00.000Z",
      tags: [],
      events: [
        { id: 0, type: "created", at: "2026-03-02T08:00:00.000Z", data: {} },
      ],
    });
    const next = await store.createRequest(
      makeSpecRequest({ message: "Mon séjour est annulé, que faire ?" }),
      at("2026-03-03T08:00:00Z"),
    );
    expect(next.reference).toBe("SNU-2026-000003");
    expect(
      (await store.listRequests(ALL, { q: "séjour" }, { limit: 10 })).items,
    ).toHaveLength(2);
    await store.close();

    const check = new Database(file, { readonly: true });
    expect(
      check
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .pluck()
        .all(),
    ).toEqual(MIGRATIONS.map((m) => m.version));
    check.close();
  });

  it("keeps search and counts in step when a request's text changes or a request is deleted", async () => {
    const file = newFile();
    const store = createSqliteStore({ file });
    const { reference } = await store.createRequest(
      makeSpecRequest({ message: "Ma convocation n'arrive pas." }),
      at("2026-03-01T08:00:00Z"),
    );
    await store.createRequest(
      makeSpecRequest({ message: "Autre demande sans rapport." }),
      at("2026-03-01T09:00:00Z"),
    );
    const db = new Database(file);
    db.prepare(
      "UPDATE requests SET message = 'Mon trousseau est incomplet.' WHERE reference = ?",
    ).run(reference);
    expect(
      (await store.listRequests(ALL, { q: "convocation" }, { limit: 5 })).items,
    ).toEqual([]);
    expect(
      (await store.listRequests(ALL, { q: "trousseau" }, { limit: 5 })).items,
    ).toHaveLength(1);
    db.prepare("DELETE FROM requests WHERE reference = ?").run(reference);
    db.close();
    expect(
      (await store.listRequests(ALL, { q: "trousseau" }, { limit: 5 })).items,
    ).toEqual([]);
    expect((await store.countByStatus(ALL, {})).counts.new).toBe(1);
    await store.close();
  });

  it("reads a search's window once for its page and counts, but anew after a write from any connection", async () => {
    const file = newFile();
    const store = createSqliteStore({ file });
    const other = createSqliteStore({ file });
    const search = async () => ({
      page: (
        await store.listRequests(ALL, { q: "sejour" }, { limit: 10 })
      ).items.map((item) => item.excerpt),
      total: (await store.countByStatus(ALL, { q: "sejour" })).counts.new,
    });
    const add = (target: typeof store, message: string) =>
      target.createRequest(
        makeSpecRequest({ message }),
        at("2026-03-01T08:00:00Z"),
      );
    await add(store, "Premier séjour");
    expect(await search()).toEqual({ page: ["Premier séjour"], total: 1 });
    await add(store, "Deuxième séjour");
    expect(await search()).toEqual({
      page: ["Deuxième séjour", "Premier séjour"],
      total: 2,
    });
    await add(other, "Troisième séjour");
    expect(await search()).toEqual({
      page: ["Troisième séjour", "Deuxième séjour", "Premier séjour"],
      total: 3,
    });
    await other.close();
    await store.close();
  });

  it("lets writes happen between export batches", async () => {
    const store = createSqliteStore({ file: newFile() });
    const agent = await store.createUser(
      {
        email: "agent@snu.example",
        displayName: "Sacha",
        role: "agent",
        departments: [],
        passwordHash: "x",
      },
      at("2026-03-01T00:00:00Z"),
    );
    const references: string[] = [];
    for (let i = 1; i <= 5; i++) {
      references.push(
        (
          await store.createRequest(
            makeSpecRequest(),
            at(`2026-03-0${i}T08:00:00Z`),
          )
        ).reference,
      );
    }
    const exported: string[] = [];
    for await (const row of store.exportRequests(ALL, {}, 2)) {
      exported.push(row.reference);
      // A write while the export is under way: an open .iterate() would make better-sqlite3 throw here.
      await store.createRequest(makeSpecRequest(), at("2026-03-10T08:00:00Z"));
      const detail = await store.getRequestDetail(ALL, row.reference);
      await store.updateRequest(
        ALL,
        row.reference,
        {
          expectedVersion: detail!.version,
          actorId: agent.id,
          status: "closed",
        },
        at("2026-03-10T08:00:00Z"),
      );
      await store.addNote(
        ALL,
        row.reference,
        agent.id,
        "Exportée.",
        at("2026-03-10T08:00:00Z"),
      );
    }
    expect(exported).toEqual([...references].reverse());
    expect(await store.countRequests()).toBe(10);
    await store.close();
  });

  describe("query plans at scale read indexes newest first, never the whole table", () => {
    const file = newFile();
    void createSqliteStore({ file }).close();
    const db = new Database(file, { readonly: true });

    const planOf = (
      scope: Scope,
      filters: RequestFilters,
      hints: QueryHints = {},
      before?: number,
    ) => {
      // A text page reads among its window's ids (sqlite-text-window.ts).
      const window = filters.q === undefined ? undefined : "[3, 2, 1]";
      const ids = listIdsQuery(scope, filters, before, 51, hints, window)!;
      const sql = `EXPLAIN QUERY PLAN SELECT ${SUMMARY_COLUMNS} FROM requests WHERE id IN (${ids.sql}) ORDER BY id DESC`;
      return (db.prepare(sql).all(...ids.params) as { detail: string }[]).map(
        (row) => row.detail,
      );
    };
    /** A full pass over requests, in table or index order (FTS5's own SCAN is its index lookup). */
    const fullScans = (plan: string[]) =>
      plan.filter((line) => /^SCAN (requests|r)\b(?!_fts)/.test(line));

    const CASES: [string, Scope, RequestFilters, QueryHints, RegExp][] = [
      [
        "a referent's inbox",
        { kind: "departments", departments: ["75"] },
        {},
        {},
        /requests_by_department_status \(department=\? AND status=\? AND id<\?\)/,
      ],
      [
        "a regional referent's open requests",
        {
          kind: "departments",
          departments: ["13", "84", "83", "04", "05", "06"],
        },
        { status: ["new", "in_progress", "waiting_user"] },
        {},
        /requests_by_department_status/,
      ],
      [
        "a route tag",
        ALL,
        { platform: "moncompte", route: "/phase1" },
        {},
        /requests_by_page \(platform=\? AND route=\? AND id<\?\)/,
      ],
      [
        "a route tag without platform",
        ALL,
        { route: "/phase1" },
        {},
        /requests_by_page \(platform=\? AND route=\? AND id<\?\)/,
      ],
      [
        "a status",
        ALL,
        { status: ["new"] },
        {},
        /requests_by_status \(status=\? AND id<\?\)/,
      ],
      [
        "several statuses",
        ALL,
        { status: ["new", "waiting_user"] },
        {},
        /requests_by_status \(status=\? AND id<\?\)/,
      ],
      [
        "a category and a subject",
        ALL,
        { category: "QUESTION", subject: "PHASE_2" },
        {},
        /requests_by_topic \(category=\? AND subject=\? AND id<\?\)/,
      ],
      [
        "a category alone",
        ALL,
        { category: "QUESTION" },
        { subjects: ["PHASE_1_LUGGAGE", "PHASE_2"] },
        /requests_by_topic \(category=\? AND subject=\? AND id<\?\)/,
      ],
      [
        "a subject alone",
        ALL,
        { subject: "OTHER" },
        { categories: ["QUESTION", "TECHNICAL"] },
        /requests_by_topic \(category=\? AND subject=\? AND id<\?\)/,
      ],
      [
        "a requester role",
        ALL,
        { role: "head_center" },
        {},
        /requests_by_role \(role=\? AND id<\?\)/,
      ],
      [
        "requests without identity",
        ALL,
        { role: "none" },
        {},
        /requests_by_role \(role=\? AND id<\?\)/,
      ],
      [
        "an assignee",
        ALL,
        { assignee: 3 },
        {},
        /requests_by_assignee \(assignee_id=\? AND id<\?\)/,
      ],
      [
        "unassigned requests",
        ALL,
        { assignee: "none" },
        {},
        /requests_by_assignee \(assignee_id=\? AND id<\?\)/,
      ],
      [
        "a period",
        ALL,
        { from: "2026-03-01", to: "2026-04-01" },
        {},
        /requests_by_created \(created_at>\? AND created_at<\?\)/,
      ],
      [
        "text",
        ALL,
        { q: "séjour annulé" },
        {},
        /SEARCH r USING INTEGER PRIMARY KEY \(rowid=\?\)/,
      ],
      [
        "text in a referent's inbox",
        { kind: "departments", departments: ["75", "92"] },
        { q: "séjour", status: ["new"] },
        {},
        /SEARCH r USING INTEGER PRIMARY KEY \(rowid=\?\)/,
      ],
    ];
    it.each(CASES)(
      "lists %s through its index",
      (_name, scope, filters, hints, index) => {
        const plan = planOf(scope, filters, hints, 1_000_000);
        expect(plan.join("\n")).toMatch(index);
        expect(fullScans(plan)).toEqual([]);
        if (!filters.from)
          expect(plan).not.toContain("USE TEMP B-TREE FOR ORDER BY");
      },
    );

    it("reads text matches newest first from FTS5, the scope a filter on them, and fetches only those rows", () => {
      const plan = planOf(ALL, { q: "séjour" });
      expect(plan).toContain("SEARCH r USING INTEGER PRIMARY KEY (rowid=?)");
      expect(plan).not.toContain("USE TEMP B-TREE FOR ORDER BY");
      const referent: Scope = { kind: "departments", departments: ["75"] };
      const window = textWindowQuery(referent, { q: "séjour" }, 1_000_000)!;
      const windowPlan = (
        db
          .prepare(`EXPLAIN QUERY PLAN ${window.sql}`)
          .all(...window.params) as { detail: string }[]
      ).map((row) => row.detail);
      expect(windowPlan.join("\n")).toMatch(
        /SCAN requests_fts VIRTUAL TABLE INDEX[\s\S]*COVERING INDEX requests_by_department_status/,
      );
      expect(windowPlan).not.toContain("USE TEMP B-TREE FOR ORDER BY");
      expect(fullScans(windowPlan)).toEqual([]);
    });

    it("counts a scope from the per-département tallies and a filtered inbox from a covering index", () => {
      const explain = (
        scope: Scope,
        filters: RequestFilters,
        hints: QueryHints = {},
      ) => {
        const query = countByStatusQuery(scope, filters, hints)!;
        return (
          db
            .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
            .all(...query.params) as { detail: string }[]
        )
          .map((row) => row.detail)
          .join("\n");
      };
      expect(
        explain(
          { kind: "departments", departments: ["75", "92"] },
          { status: ["new"] },
        ),
      ).toMatch(/request_counts/);
      expect(explain(ALL, {})).toMatch(/request_counts/);
      expect(explain(ALL, { route: "/phase1" })).toMatch(
        /COVERING INDEX requests_by_page/,
      );
      expect(explain(ALL, { platform: "admin" })).toMatch(
        /COVERING INDEX requests_by_page/,
      );
      expect(explain(ALL, { assignee: "none" })).toMatch(
        /COVERING INDEX requests_by_assignee/,
      );
      expect(explain(ALL, { from: "2026-03-01" })).toMatch(
        /COVERING INDEX requests_by_created/,
      );
      expect(
        explain(
          ALL,
          { subject: "OTHER" },
          { categories: ["QUESTION", "TECHNICAL"] },
        ),
      ).toMatch(
        /COVERING INDEX requests_by_topic \(category=\? AND subject=\?\)/,
      );
    });
  });
});
