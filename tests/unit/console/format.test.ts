import { describe, expect, it } from "vitest";
import {
  addDays,
  formatAge,
  formatEvolution,
  formatWait,
  profileLabel,
  topicLabel,
} from "../../../api/console/format.ts";

const NOW = new Date("2026-03-02T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;

describe("formatAge", () => {
  it.each([
    [20_000, "à l'instant"],
    [5 * MIN, "il y a 5\u00a0min"],
    [3 * 60 * MIN + 59 * MIN, "il y a 3\u00a0h"],
    [2 * 24 * 60 * MIN, "il y a 2\u00a0j"],
    [65 * 24 * 60 * MIN, "il y a 2 mois"],
    [400 * 24 * 60 * MIN, "il y a 1 an"],
  ])("says %i ms ago as « %s »", (ms, expected) => {
    expect(formatAge(ago(ms), NOW)).toBe(expected);
  });

  it("treats a date slightly in the future (clock skew) as just now", () => {
    expect(formatAge(ago(-30_000), NOW)).toBe("à l'instant");
  });
});

describe("formatEvolution", () => {
  it("gives the signed change in percent against the previous period", () => {
    expect(formatEvolution(12, 8)).toBe("+50\u00a0%");
    expect(formatEvolution(3, 4)).toBe("-25\u00a0%");
    expect(formatEvolution(4, 4)).toBe("0\u00a0%");
  });

  it("says « nouveau » when the page had no request before", () => {
    expect(formatEvolution(5, 0)).toBe("nouveau");
    expect(formatEvolution(0, 0)).toBe("0 %");
  });
});

describe("labels", () => {
  it("names category and subject as the requester saw them, per platform", () => {
    expect(topicLabel("moncompte", "TECHNICAL", "UPLOAD")).toBe(
      "J'ai un problème technique › Je n'arrive pas à téléverser un document",
    );
    expect(topicLabel("admin", "TECHNICAL", "LOGIN")).toBe(
      "J'ai un problème technique › Connexion à mon compte",
    );
  });

  it("falls back to the ids of a category it does not know", () => {
    expect(topicLabel("admin", "RETIRED", "OLD")).toBe("RETIRED › OLD");
  });

  it("describes the requester's profile, or its absence", () => {
    expect(profileLabel("young", "2A")).toBe("Volontaire · 2A");
    expect(profileLabel(undefined, undefined)).toBe("Sans profil");
  });

  it("says how long to wait in seconds, then in minutes", () => {
    expect(formatWait(1)).toBe("1 seconde");
    expect(formatWait(45)).toBe("45 secondes");
    expect(formatWait(600)).toBe("10 minutes");
  });

  it("moves a calendar day across month ends", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
