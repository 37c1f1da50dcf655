import { describe, expect, it } from "vitest";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import { TIPS_CONTENT_DIR } from "../../api/tips/content-dir.ts";
import { loadTips } from "../../api/tips/load-tips.ts";

// The tip files shipped in the repo, loaded exactly as the server does at start-up.
describe("shipped tip content", () => {
  const tips = loadTips(TIPS_CONTENT_DIR, ROUTE_PATTERNS);

  function routesWithTwoTips(platform: "moncompte" | "admin") {
    const perRoute = new Map<string, number>();
    for (const tip of tips.filter((t) => t.platform === platform)) {
      for (const route of tip.routes)
        perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
    }
    return [...perRoute]
      .filter(([, count]) => count >= 2)
      .map(([route]) => route);
  }

  it("loads without error and has unique ids", () => {
    expect(new Set(tips.map((t) => t.id)).size).toBe(tips.length);
  });

  it("has at least two tips on at least 10 moncompte routes and 8 admin routes", () => {
    expect(routesWithTwoTips("moncompte").length).toBeGreaterThanOrEqual(10);
    expect(routesWithTwoTips("admin").length).toBeGreaterThanOrEqual(8);
  });

  it("links only to https pages", () => {
    for (const tip of tips)
      if (tip.link) expect(tip.link).toMatch(/^https:\/\//);
  });
});
