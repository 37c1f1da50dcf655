import { beforeEach, describe, expect, it } from "vitest";
import {
  createOutbox,
  type OutboxEntry,
  type Outcome,
} from "../../../widget/panel/outbox.ts";
import { outboxKey } from "../../../widget/shared/outbox-key.ts";
import { MemoryStorage } from "../../support/widget/memory-storage.ts";

const OUTBOX = "snu-aide:envoi:moncompte";
const OUTCOME = "snu-aide:envoi-fini:moncompte";
const DRAFT = {
  category: "TECHNICAL",
  subject: "UPLOAD",
  message: "Le bouton de téléversement reste grisé depuis ce matin.",
  email: "camille.martin@example.fr",
};
const ENTRY: OutboxEntry = {
  key: "0b7f3f9e-2c1d-4a8e-9b5f-6d2e1c0a9f11",
  body: '{"category":"TECHNICAL"}',
  draft: DRAFT,
};
const CREATED: Outcome = {
  created: {
    reference: "SNU-2026-000123",
    createdAt: "2026-03-02T09:30:00.000Z",
  },
  email: DRAFT.email,
};
const REFUSED: Outcome = {
  refused: "validation_failed",
  details: [
    { path: "message", message: "Votre message contient un lien interdit." },
  ],
  draft: DRAFT,
};

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
});
const outbox = (platform = "moncompte") =>
  createOutbox(() => storage, platform);

describe("the waiting submission", () => {
  it("is kept under the key the loader reads at boot, bytes and key untouched", () => {
    outbox().put(ENTRY);

    expect(outboxKey("moncompte")).toBe(OUTBOX);
    expect(JSON.parse(storage.getItem(OUTBOX)!)).toEqual(ENTRY);
    expect(outbox().pending()).toEqual(ENTRY);
  });

  it("is one per platform", () => {
    outbox("moncompte").put(ENTRY);

    expect(outbox("admin").pending()).toBeUndefined();
  });

  it.each([
    ["no value", undefined],
    ["null", "null"],
    ["a string", '"texte"'],
    ["a key that is not a string", JSON.stringify({ ...ENTRY, key: 12 })],
    ["no key", JSON.stringify({ body: ENTRY.body, draft: DRAFT })],
    ["a parsed body", JSON.stringify({ ...ENTRY, body: { category: "X" } })],
    ["no draft", JSON.stringify({ key: ENTRY.key, body: ENTRY.body })],
    ["something that is not JSON", "{pas du json"],
  ])("is ignored when storage holds %s", (_, stored) => {
    if (stored !== undefined) storage.setItem(OUTBOX, stored);
    expect(outbox().pending()).toBeUndefined();
  });
});

describe("settle and takeOutcome", () => {
  it("settle takes the entry out of the outbox and keeps the outcome", () => {
    const box = outbox();
    box.put(ENTRY);

    box.settle(CREATED);

    expect(box.pending()).toBeUndefined();
    expect(storage.getItem(OUTBOX)).toBeNull();
    expect(JSON.parse(storage.getItem(OUTCOME)!)).toEqual(CREATED);
  });

  it.each([
    ["an acknowledgement", CREATED],
    ["a refusal", REFUSED],
  ])("takeOutcome gives %s once, to this tab or another", (_, outcome) => {
    outbox().settle(outcome);
    const other = outbox();

    expect(other.takeOutcome()).toEqual(outcome);
    expect(storage.getItem(OUTCOME)).toBeNull();
    expect(other.takeOutcome()).toBeUndefined();
    expect(outbox().takeOutcome()).toBeUndefined();
  });

  it("takeOutcome drops an outcome of the wrong shape", () => {
    storage.setItem(OUTCOME, JSON.stringify({ reference: "SNU-2026-000123" }));

    expect(outbox().takeOutcome()).toBeUndefined();
    expect(storage.getItem(OUTCOME)).toBeNull();
  });
});

describe("when storage cannot be used", () => {
  it("keeps the entry and the outcome in memory when storage is refused, and never throws", () => {
    storage.refused = true;
    const box = outbox();

    box.put(ENTRY);
    expect(box.pending()).toEqual(ENTRY);
    box.settle(REFUSED);
    expect(box.pending()).toBeUndefined();
    expect(box.takeOutcome()).toEqual(REFUSED);
    expect(box.takeOutcome()).toBeUndefined();
  });

  it("keeps the entry in memory when storage is full", () => {
    storage.full = true;
    const box = outbox();

    box.put(ENTRY);

    expect(box.pending()).toEqual(ENTRY);
    expect(storage.getItem(OUTBOX)).toBeNull();
    box.settle(CREATED);
    expect(box.pending()).toBeUndefined();
    expect(box.takeOutcome()).toEqual(CREATED);
  });
});
