import { beforeEach, describe, expect, it } from "vitest";
import {
  createOutbox,
  type Outbox,
  type OutboxEntry,
} from "../../../widget/panel/outbox.ts";
import { outboxKey } from "../../../widget/shared/outbox-key.ts";
import { MemoryStorage } from "../../support/widget/memory-storage.ts";

const OUTBOX = "snu-aide:envoi:moncompte";
const OUTCOME = "snu-aide:envoi-fini:moncompte";
const DAY = 86_400_000;
/** The outbox's clock (injected): a fixed instant, moved by the tests that need time to pass. */
const START = Date.UTC(2026, 2, 2, 9, 30);
let clock = START;
const DRAFT = {
  category: "TECHNICAL",
  subject: "UPLOAD",
  message: "Le bouton de téléversement reste grisé depuis ce matin.",
  email: "camille.martin@example.fr",
};
/** What the form hands to `put`: the outbox adds `savedAt`. */
const ENTRY: Omit<OutboxEntry, "savedAt"> = {
  key: "0b7f3f9e-2c1d-4a8e-9b5f-6d2e1c0a9f11",
  body: '{"category":"TECHNICAL"}',
  draft: DRAFT,
};
const STORED: OutboxEntry = { ...ENTRY, savedAt: START };
type Settled = Parameters<Outbox["settle"]>[0];
const CREATED: Settled = {
  created: {
    reference: "SNU-2026-000123",
    createdAt: "2026-03-02T09:30:00.000Z",
  },
  email: DRAFT.email,
};
// A refusal keeps no text: the draft storage still holds it.
const REFUSED: Settled = {
  refused: "validation_failed",
  details: [
    { path: "message", message: "Votre message contient un lien interdit." },
  ],
};

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  clock = START;
});
const outbox = (platform = "moncompte") =>
  createOutbox(
    () => storage,
    platform,
    () => clock,
  );

describe("the waiting submission", () => {
  it("is kept under the key the loader reads at boot, bytes and key untouched, with when it was made", () => {
    expect(outbox().put(ENTRY)).toBe(true);

    expect(outboxKey("moncompte")).toBe(OUTBOX);
    expect(JSON.parse(storage.getItem(OUTBOX)!)).toEqual(STORED);
    expect(outbox().pending()).toEqual(STORED);
  });

  it("takes its savedAt from Date.now when no clock is given", () => {
    const before = Date.now();
    createOutbox(() => storage, "moncompte").put(ENTRY);

    const savedAt = outbox().pending()!.savedAt;
    expect(savedAt).toBeGreaterThanOrEqual(before);
    expect(savedAt).toBeLessThanOrEqual(Date.now());
  });

  it("is one per platform", () => {
    outbox("moncompte").put(ENTRY);

    expect(outbox("admin").pending()).toBeUndefined();
  });

  it.each([
    ["no value", undefined],
    ["null", "null"],
    ["a string", '"texte"'],
    ["a key that is not a string", JSON.stringify({ ...STORED, key: 12 })],
    ["no key", JSON.stringify({ body: ENTRY.body, draft: DRAFT, savedAt: 1 })],
    ["a parsed body", JSON.stringify({ ...STORED, body: { category: "X" } })],
    [
      "no draft",
      JSON.stringify({ key: ENTRY.key, body: ENTRY.body, savedAt: 1 }),
    ],
    ["no savedAt (an entry of an older version)", JSON.stringify(ENTRY)],
    [
      "a savedAt that is not a number",
      JSON.stringify({ ...STORED, savedAt: "2026-03-02T09:30:00.000Z" }),
    ],
    ["something that is not JSON", "{pas du json"],
  ])("is ignored when storage holds %s", (_, stored) => {
    if (stored !== undefined) storage.setItem(OUTBOX, stored);
    expect(outbox().pending()).toBeUndefined();
  });
});

describe("settle and takeOutcome", () => {
  it("settle takes the entry out of the outbox and keeps the outcome, with when it ended", () => {
    const box = outbox();
    box.put(ENTRY);
    clock += 5_000;

    box.settle(CREATED);

    expect(box.pending()).toBeUndefined();
    expect(storage.getItem(OUTBOX)).toBeNull();
    expect(JSON.parse(storage.getItem(OUTCOME)!)).toEqual({
      ...CREATED,
      savedAt: START + 5_000,
    });
  });

  it.each([
    ["an acknowledgement", CREATED],
    ["a refusal", REFUSED],
    ["an expired submission", { refused: "expired" } as Settled],
  ])("takeOutcome gives %s once, to this tab or another", (_, outcome) => {
    outbox().settle(outcome);
    const other = outbox();

    expect(other.takeOutcome()).toEqual({ ...outcome, savedAt: START });
    expect(storage.getItem(OUTCOME)).toBeNull();
    expect(other.takeOutcome()).toBeUndefined();
    expect(outbox().takeOutcome()).toBeUndefined();
  });

  it("keeps no text with a refusal (the draft storage keeps it)", () => {
    outbox().settle(REFUSED);

    expect(JSON.parse(storage.getItem(OUTCOME)!)).not.toHaveProperty("draft");
  });

  it("takeOutcome gives an outcome up to 30 days old", () => {
    outbox().settle(CREATED);
    clock += 30 * DAY;

    expect(outbox().takeOutcome()).toEqual({ ...CREATED, savedAt: START });
  });

  it("takeOutcome drops an outcome older than 30 days, and removes it", () => {
    outbox().settle(REFUSED);
    clock += 30 * DAY + 1;

    expect(outbox().takeOutcome()).toBeUndefined();
    expect(storage.getItem(OUTCOME)).toBeNull();
    clock = START;
    expect(outbox().takeOutcome()).toBeUndefined();
  });

  it.each([
    ["of the wrong shape", { reference: "SNU-2026-000123" }],
    ["without savedAt (an older version)", CREATED],
    ["with a savedAt that is not a number", { ...CREATED, savedAt: "hier" }],
  ])("takeOutcome drops an outcome %s", (_, stored) => {
    storage.setItem(OUTCOME, JSON.stringify(stored));

    expect(outbox().takeOutcome()).toBeUndefined();
    expect(storage.getItem(OUTCOME)).toBeNull();
  });
});

describe("when storage cannot be used", () => {
  it("keeps the entry and the outcome in memory when storage is refused, says so, and never throws", () => {
    storage.refused = true;
    const box = outbox();

    expect(box.put(ENTRY)).toBe(false);
    expect(box.pending()).toEqual(STORED);
    box.settle(REFUSED);
    expect(box.pending()).toBeUndefined();
    expect(box.takeOutcome()).toEqual({ ...REFUSED, savedAt: START });
    expect(box.takeOutcome()).toBeUndefined();
  });

  it("keeps the entry in memory when storage is full, and says so", () => {
    storage.full = true;
    const box = outbox();

    expect(box.put(ENTRY)).toBe(false);

    expect(box.pending()).toEqual(STORED);
    expect(storage.getItem(OUTBOX)).toBeNull();
    box.settle(CREATED);
    expect(box.pending()).toBeUndefined();
    expect(box.takeOutcome()).toEqual({ ...CREATED, savedAt: START });
  });

  it("says the entry is kept again once storage has room", () => {
    storage.full = true;
    const box = outbox();
    expect(box.put(ENTRY)).toBe(false);
    storage.full = false;

    expect(box.put({ ...ENTRY, key: "a-new-key" })).toBe(true);

    expect(outbox().pending()?.key).toBe("a-new-key");
  });
});
