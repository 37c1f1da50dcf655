import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../../api/contract/request.ts";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import type { Platform } from "../../api/contract/platforms.ts";
import type { TipRecord } from "../../api/contract/tip-source.ts";
import type { AppStore } from "../../api/store/app-store.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { missingTips } from "../../api/support/indicators.ts";
import { compileTipSource } from "../../api/tips/check-tip-source.ts";
import { TIPS_CONTENT_DIR } from "../../api/tips/content-dir.ts";
import {
  COVERAGE_PROFILES,
  lastDays,
  tipCoverage,
  uncoveredRequests,
} from "../../api/tips/coverage.ts";
import { loadTips } from "../../api/tips/load-tips.ts";
import { makeNewRequest } from "../support/factories.ts";
import { makeTipSource } from "../support/tip-sources.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// Issue 16: `npm run tips:coverage` — the computation (api/tips/coverage.ts) on the request counts of a real
// SQLite store, then the command as a maintainer types it, on a real data folder.

const dir = makeTempDir();
let files = 0;
const newDataDir = () => {
  const data = path.join(dir, `data-${++files}`);
  fs.mkdirSync(data);
  return data;
};
const young = (status: Identity["status"]): Identity => ({
  role: "young",
  department: "75",
  ...(status ? { status } : {}),
});

/** A request of `platform`/`route` from `identity` (none: not identified), stored at `at`. */
function addRequest(
  store: AppStore,
  platform: Platform,
  route: string,
  identity: Identity | undefined,
  at: Date,
) {
  const base = makeNewRequest();
  const {
    identity: _identity,
    routeParams: _params,
    ...context
  } = base.context;
  return store.createRequest(
    {
      ...base,
      context: {
        ...context,
        platform,
        route,
        ...(identity ? { identity } : {}),
      },
    },
    at,
  );
}

const record = (source: Parameters<typeof makeTipSource>[0]): TipRecord =>
  compileTipSource(makeTipSource(source));

// A young person's home at « Validée », a tip shown only for one step of the inscription pages, and one
// for the staff's dashboard.
const TIPS: TipRecord[] = [
  record({
    id: "accueil-validee",
    routes: ["/"],
    roles: ["young"],
    statuses: ["VALIDATED"],
  }),
  record({
    id: "documents",
    routes: ["/inscription/:step"],
    params: { step: ["documents"] },
  }),
  record({
    id: "tableau-de-bord",
    platform: "admin",
    routes: ["/dashboard"],
    roles: ["referent_department"],
  }),
];

describe("lastDays", () => {
  it("covers the 30 Paris days ending today, both ends included", () => {
    expect(lastDays("2026-06-01")).toEqual({
      from: "2026-05-03",
      to: "2026-06-01",
    });
    expect(lastDays("2026-03-01", 1)).toEqual({
      from: "2026-03-01",
      to: "2026-03-01",
    });
  });
});

describe("tipCoverage", () => {
  it("counts, per route of the table and profile, the tips GET /v1/tips would show", () => {
    const moncompte = tipCoverage(TIPS, "moncompte");
    expect(moncompte.rows.map((row) => row.route)).toEqual(
      ROUTE_PATTERNS.moncompte,
    );
    const column = (status?: string) =>
      COVERAGE_PROFILES.moncompte.findIndex((p) => p.status === status);
    const row = (route: string) =>
      moncompte.rows.find((r) => r.route === route)!.counts;
    // Nobody identified: nothing filters, every tip of the page.
    expect(row("/")[column()]).toBe(1);
    expect(row("/")[column("VALIDATED")]).toBe(1);
    expect(row("/")[column("IN_PROGRESS")]).toBe(0);
    // A tip shown for one value of the route's parameter covers the page, for everyone.
    expect(row("/inscription/:step")[column("WAITING_LIST")]).toBe(1);
    expect(row("/phase1").every((n) => n === 0)).toBe(true);

    const admin = tipCoverage(TIPS, "admin");
    const roles = COVERAGE_PROFILES.admin.map((p) => p.role ?? "tous");
    const dashboard = admin.rows.find((r) => r.route === "/dashboard")!;
    expect(
      Object.fromEntries(roles.map((role, i) => [role, dashboard.counts[i]])),
    ).toMatchObject({ tous: 1, referent_department: 1, head_center: 0 });
    // Staff identities carry no file status; young people are not a column of the staff's platform.
    expect(COVERAGE_PROFILES.admin.some((p) => p.status)).toBe(false);
    expect(roles).not.toContain("young");
  });
});

describe("uncoveredRequests, on a real SQLite store's requests", () => {
  let store: AppStore;
  const today = "2026-06-01";
  const range = lastDays(today);

  beforeAll(async () => {
    store = createSqliteStore({
      file: path.join(newDataDir(), "snu-aide.sqlite"),
    });
    const at = (iso: string) => new Date(iso);
    // 22:30 UTC on 2 May is 00:30 on 3 May in Paris: the first day of the period.
    await addRequest(
      store,
      "moncompte",
      "/",
      young("IN_PROGRESS"),
      at("2026-05-02T22:30:00Z"),
    );
    await addRequest(
      store,
      "moncompte",
      "/",
      young("IN_PROGRESS"),
      at("2026-05-20T10:00:00Z"),
    );
    // 21:30 UTC on 2 May is still 2 May in Paris: before the period.
    await addRequest(
      store,
      "moncompte",
      "/phase1",
      young("AFFECTED"),
      at("2026-05-02T21:30:00Z"),
    );
    // Shown a tip: not a gap.
    await addRequest(
      store,
      "moncompte",
      "/",
      young("VALIDATED"),
      at("2026-05-21T10:00:00Z"),
    );
    await addRequest(
      store,
      "moncompte",
      "/inscription/:step",
      young("IN_PROGRESS"),
      at("2026-05-21T10:00:00Z"),
    );
    // Gaps of three other kinds: a young person without status, nobody identified, a staff role.
    await addRequest(
      store,
      "moncompte",
      "/phase1",
      young(undefined),
      at("2026-05-25T10:00:00Z"),
    );
    await addRequest(
      store,
      "moncompte",
      "/echanges",
      undefined,
      at("2026-05-26T10:00:00Z"),
    );
    await addRequest(
      store,
      "admin",
      "/dashboard",
      { role: "head_center" },
      at("2026-06-01T08:00:00Z"),
    );
    // A route tag the table does not have (an app's new page): no tip can target it yet.
    await addRequest(
      store,
      "moncompte",
      "/nouvelle-page",
      young("DONE"),
      at("2026-05-30T10:00:00Z"),
    );
  });
  afterAll(() => store.close());

  it("lists every page × profile with requests and no tip, most requests first", async () => {
    const requests = await store.pageRequestCounts({ kind: "all" }, range, {});
    expect(uncoveredRequests(requests, TIPS)).toEqual([
      {
        platform: "moncompte",
        route: "/",
        role: "young",
        status: "IN_PROGRESS",
        requests: 2,
        knownRoute: true,
      },
      {
        platform: "admin",
        route: "/dashboard",
        role: "head_center",
        status: null,
        requests: 1,
        knownRoute: true,
      },
      {
        platform: "moncompte",
        route: "/echanges",
        role: null,
        status: null,
        requests: 1,
        knownRoute: true,
      },
      {
        platform: "moncompte",
        route: "/nouvelle-page",
        role: "young",
        status: "DONE",
        requests: 1,
        knownRoute: false,
      },
      {
        platform: "moncompte",
        route: "/phase1",
        role: "young",
        status: null,
        requests: 1,
        knownRoute: true,
      },
    ]);
  });

  it("finds the same pages as the « Indicateurs » page's list of missing tips", async () => {
    const requests = await store.pageRequestCounts({ kind: "all" }, range, {});
    const key = (gap: { platform: string; route: string }) =>
      JSON.stringify(gap);
    const ours = uncoveredRequests(requests, TIPS).map(
      ({ knownRoute: _known, ...gap }) => gap,
    );
    expect(ours.map(key).sort()).toEqual(
      missingTips(requests, TIPS).map(key).sort(),
    );
  });

  it("finds nothing once every page × profile is shown a tip", async () => {
    const requests = await store.pageRequestCounts({ kind: "all" }, range, {});
    const everywhere = (platform: Platform) =>
      record({
        id: `partout-${platform}`,
        platform,
        routes: [...ROUTE_PATTERNS[platform]],
      });
    const gaps = uncoveredRequests(requests, [
      everywhere("moncompte"),
      everywhere("admin"),
    ]);
    // Only the route the table does not have is left.
    expect(gaps.map((gap) => gap.route)).toEqual(["/nouvelle-page"]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The command, run as a process on a data folder.

function coverageCli(
  data: string,
  args: string[] = [],
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "api/cli/tips-coverage.ts", ...args],
    {
      env: { ...process.env, DATA_DIR: data },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  return new Promise((resolve) =>
    child.once("exit", (code) => resolve({ code, out, err })),
  );
}

/** The table line of `route`, its cells split on blanks. */
function tableLine(out: string, platform: Platform, route: string): string[] {
  const table = out.split(`${platform} — astuces par page`)[1]!;
  const line = table
    .split("\n")
    .find((l) => l.startsWith(`${route} `) || l === route);
  return line!.trim().split(/\s+/).slice(1);
}

describe("npm run tips:coverage", () => {
  const data = newDataDir();
  const now = new Date();
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

  beforeAll(async () => {
    const store = createSqliteStore({
      file: path.join(data, "snu-aide.sqlite"),
    });
    try {
      await store.importTips(
        [
          makeTipSource({
            id: "accueil-validation",
            routes: ["/"],
            roles: ["young"],
            statuses: ["WAITING_VALIDATION"],
          }),
          // Published but over: not served today, so not counted.
          makeTipSource({
            id: "centre-termine",
            platform: "admin",
            routes: ["/centre"],
            activeFrom: "2020-01-01",
            activeTo: "2020-12-31",
          }),
        ],
        daysAgo(100),
      );
      for (const status of ["IN_PROGRESS", "IN_PROGRESS", "WAITING_VALIDATION"])
        await addRequest(
          store,
          "moncompte",
          "/",
          young(status as Identity["status"]),
          daysAgo(1),
        );
      // Older than 30 days: left out of the gaps.
      await addRequest(
        store,
        "moncompte",
        "/",
        young("IN_PROGRESS"),
        daysAgo(40),
      );
      await addRequest(
        store,
        "admin",
        "/centre",
        { role: "referent_department", department: "13" },
        daysAgo(2),
      );
    } finally {
      await store.close();
    }
  });

  it("prints the tips per route × profile and the pages × profiles asked about without a tip; exits 0", async () => {
    const { code, out, err } = await coverageCli(data);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^Astuces publiées et actives le .+ : 1\.$/m);
    // moncompte's « / »: 1 for nobody identified, none at « Inscription en cours », 1 at « En attente de
    // validation », none for the other statuses.
    expect(tableLine(out, "moncompte", "/")).toEqual([
      "1",
      "·",
      "1",
      ...Array(12).fill("·"),
    ]);
    expect(tableLine(out, "moncompte", "/phase1")).toEqual(Array(15).fill("·"));
    expect(tableLine(out, "admin", "/centre")).toEqual(Array(13).fill("·"));
    expect(out).toContain("INP = IN_PROGRESS");
    expect(out).toContain("RDE = referent_department");

    const gaps = out.split(/mais aucune astuce : /)[1]!;
    expect(gaps.split("\n")[0]).toBe("2");
    const lines = gaps
      .split("\n")
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s{2,}/));
    expect(lines).toEqual([
      ["2", "moncompte", "/", "young · IN_PROGRESS"],
      ["1", "admin", "/centre", "referent_department"],
    ]);
  }, 30_000);

  it("keeps to one platform with --platform", async () => {
    const { code, out } = await coverageCli(data, ["--platform", "admin"]);
    expect(code).toBe(0);
    expect(out).toContain("admin — astuces par page");
    expect(out).not.toContain("moncompte — astuces par page");
    expect(out).toContain("mais aucune astuce : 1\n");
    expect(out).not.toContain("young · IN_PROGRESS");
  }, 30_000);

  it("counts the repo's tip files with --files, even without a database", async () => {
    const empty = newDataDir();
    const { code, out } = await coverageCli(empty, ["--files"]);
    expect(code).toBe(0);
    const repo = loadTips(TIPS_CONTENT_DIR, ROUTE_PATTERNS);
    const home = tipCoverage(repo, "moncompte").rows.find(
      (row) => row.route === "/",
    )!;
    expect(tableLine(out, "moncompte", "/")).toEqual(
      home.counts.map((n) => (n === 0 ? "·" : String(n))),
    );
    expect(out).toContain(
      `Demandes non lues : aucune base dans ${empty} (vérifiez DATA_DIR).`,
    );
    // A report reads: it creates no database.
    expect(fs.existsSync(path.join(empty, "snu-aide.sqlite"))).toBe(false);
  }, 30_000);

  it("refuses a folder without a database, and an unknown platform, in French", async () => {
    const empty = newDataDir();
    const missing = await coverageCli(empty);
    expect(missing.code).toBe(1);
    expect(missing.err.trim()).toBe(
      `Aucune base trouvée dans ${empty} : vérifiez DATA_DIR, ou ajoutez --files pour compter les astuces des fichiers du dépôt.`,
    );
    expect(fs.readdirSync(empty)).toEqual([]);

    const unknown = await coverageCli(data, ["--platform", "mobile"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Plateforme inconnue : « mobile ».");
    expect(unknown.out).toBe("");
  }, 30_000);
});
