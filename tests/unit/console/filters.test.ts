import { describe, expect, it } from "vitest";
import {
  filtersToQuery,
  inboxPath,
  parseFilters,
} from "../../../api/console/requests/filters.ts";
import { matchRoute, parseNext } from "../../../api/console/router.ts";

describe("inbox filters in the address bar", () => {
  it("reads known filters and drops unknown statuses, platforms and malformed dates", () => {
    const filters = parseFilters(
      new URLSearchParams(
        "status=closed,bogus,new,new&platform=intranet&route=/phase1&from=2026-13&to=2026-02-28&q=%20s%C3%A9jour%20",
      ),
    );

    expect(filters).toEqual({
      status: ["closed", "new"],
      route: "/phase1",
      to: "2026-02-28",
      q: "séjour",
    });
  });

  it("writes the same query for the same filters, statuses in workflow order", () => {
    const query = filtersToQuery({
      status: ["closed", "new"],
      q: "a b",
      platform: "admin",
    });

    expect(query.toString()).toBe("status=new%2Cclosed&platform=admin&q=a+b");
    expect(parseFilters(query)).toEqual({
      status: ["new", "closed"],
      platform: "admin",
      q: "a b",
    });
  });

  it("reads and writes the « new answers only » filter as unread=1, and nothing else", () => {
    expect(parseFilters(new URLSearchParams("unread=1"))).toEqual({
      status: [],
      unread: true,
    });
    expect(parseFilters(new URLSearchParams("unread=yes"))).toEqual({
      status: [],
    });
    expect(inboxPath({ status: ["new"], unread: true })).toBe(
      "/?status=new&unread=1",
    );
    expect(inboxPath({ status: [], unread: false })).toBe("/");
  });

  it("gives the bare inbox path when no filter is set", () => {
    expect(inboxPath({ status: [] })).toBe("/");
  });
});

describe("router", () => {
  it("matches the console's screens", () => {
    expect(matchRoute("/")).toEqual({ name: "inbox" });
    expect(matchRoute("/pages/")).toEqual({ name: "pages" });
    expect(matchRoute("/requests/SNU-2026-000123")).toEqual({
      name: "detail",
      reference: "SNU-2026-000123",
    });
    expect(matchRoute("/requests/%E0%A4%A")).toEqual({ name: "not_found" });
    expect(matchRoute("/reponses-types")).toEqual({ name: "reply_templates" });
    expect(matchRoute("/admin")).toEqual({ name: "not_found" });
  });

  it("only returns to a path of the console after logging in", () => {
    expect(parseNext("/support/requests/SNU-2026-000123?x=1", "/support")).toBe(
      "/requests/SNU-2026-000123?x=1",
    );
    expect(parseNext("https://evil.example/support/", "/support")).toBe("/");
    expect(parseNext("//evil.example/support/", "/support")).toBe("/");
    expect(parseNext("/support//evil.example", "/support")).toBe("/");
    expect(parseNext("/supportx/", "/support")).toBe("/");
    expect(parseNext("/support/login?next=/support/", "/support")).toBe("/");
    expect(parseNext(null, "/support")).toBe("/");
  });
});
