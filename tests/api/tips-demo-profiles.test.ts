import { describe, expect, it } from "vitest";
import type { Platform } from "../../api/contract/platforms.ts";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import { TIPS_CONTENT_DIR } from "../../api/tips/content-dir.ts";
import { tipsOnPage, type CoverageProfile } from "../../api/tips/coverage.ts";
import { loadTips } from "../../api/tips/load-tips.ts";
import * as adminDemo from "../../demo/admin/profile.ts";
import * as moncompteDemo from "../../demo/moncompte/profile.ts";

// Issue 16: the demo shows no page without help. Every profile its « Démo : profil » bar offers gets at
// least one tip of the repo's files on the pages it lands on — computed from the files, as the server
// seeds a new database with them. The profiles come from the demo itself, so a status or a role added to
// the bar is checked too.

const tips = loadTips(TIPS_CONTENT_DIR, ROUTE_PATTERNS);

interface DemoPage {
  platform: Platform;
  route: string;
  profile: CoverageProfile;
}

const young = (status: moncompteDemo.YoungStatus): CoverageProfile => ({
  role: "young",
  status,
});
const adminDefault = adminDemo.toProfile(adminDemo.DEFAULTS).role;

const DEMO_PAGES: DemoPage[] = [
  // moncompte's home adapts to every status of the bar: each lands there.
  ...moncompteDemo.STATUSES.map(([status]) => ({
    platform: "moncompte" as const,
    route: "/",
    profile: young(status),
  })),
  // The statuses whose home sends to the phase 1 page (demo/moncompte/pages/home.ts).
  ...(["VALIDATED", "WAITING_AFFECTATION", "AFFECTED"] as const).map(
    (status) => ({
      platform: "moncompte" as const,
      route: "/phase1",
      profile: young(status),
    }),
  ),
  // A parent has no account: no identity, on the home and on the consent link.
  ...["/", "/representants-legaux/:step"].map((route) => ({
    platform: "moncompte" as const,
    route,
    profile: {},
  })),
  // admin: every role of the bar on the dashboard, and the bar's default role on every page the demo has
  // (one per route of the table, demo/admin/routes.ts).
  ...Object.keys(adminDemo.ROLES).map((role) => ({
    platform: "admin" as const,
    route: "/dashboard",
    profile: { role: role as adminDemo.AdminRole },
  })),
  ...ROUTE_PATTERNS.admin.map((route) => ({
    platform: "admin" as const,
    route,
    profile: { role: adminDefault },
  })),
];

describe("the demo's profiles", () => {
  it("each get at least one tip of the repo's files on the pages they land on", () => {
    const without = DEMO_PAGES.filter(
      ({ platform, route, profile }) =>
        tipsOnPage(tips, platform, route, profile) === 0,
    ).map(
      ({ platform, route, profile }) =>
        `${platform} ${route} ${profile.role ?? "sans identité"} ${profile.status ?? ""}`,
    );
    expect(without).toEqual([]);
  });

  it("cover the two cases of the issue: « Inscription en cours » at home, « Validée » on /phase1", () => {
    expect(
      tipsOnPage(tips, "moncompte", "/", young("IN_PROGRESS")),
    ).toBeGreaterThan(0);
    expect(
      tipsOnPage(tips, "moncompte", "/phase1", young("VALIDATED")),
    ).toBeGreaterThan(0);
  });
});
