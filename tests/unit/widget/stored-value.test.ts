import { beforeEach, describe, expect, it, vi } from "vitest";
import { storedValue } from "../../../widget/shared/stored-value.ts";
import { MemoryStorage } from "../../support/widget/memory-storage.ts";

const KEY = "snu-aide:essai:moncompte";
let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
});
const value = (getStorage: () => Storage = () => storage) =>
  storedValue<{ n: number }>(getStorage, KEY);

describe("with working storage", () => {
  it("keeps the value as JSON under its key, and removes it", () => {
    const stored = value();
    expect(stored.get()).toBeUndefined();

    expect(stored.set({ n: 1 })).toBe(true);
    expect(storage.getItem(KEY)).toBe('{"n":1}');
    expect(stored.get()).toEqual({ n: 1 });

    stored.remove();
    expect(storage.getItem(KEY)).toBeNull();
    expect(stored.get()).toBeUndefined();
  });

  it("reads what another tab wrote, and sees what another tab removed", () => {
    const here = value();
    const elsewhere = value();
    here.set({ n: 1 });

    elsewhere.set({ n: 2 });
    expect(here.get()).toEqual({ n: 2 });

    elsewhere.remove();
    expect(here.get()).toBeUndefined();
  });

  it("answers undefined for a value that is not JSON (changed by hand), without throwing", () => {
    storage.setItem(KEY, "{pas du json");
    expect(value().get()).toBeUndefined();
  });

  it("does not touch storage before it is used", () => {
    const getStorage = vi.fn(() => storage);
    const stored = value(getStorage);
    expect(getStorage).not.toHaveBeenCalled();
    stored.get();
    expect(getStorage).toHaveBeenCalled();
  });
});

describe("when storage is refused (private mode, sandboxed frame)", () => {
  const refused = () => {
    throw new DOMException("refusé", "SecurityError");
  };

  it("keeps the value in memory for this page, and never throws", () => {
    const stored = value(refused);
    expect(stored.get()).toBeUndefined();

    expect(stored.set({ n: 1 })).toBe(false);
    expect(stored.get()).toEqual({ n: 1 });

    stored.remove();
    expect(stored.get()).toBeUndefined();
  });

  it("also when each call of storage throws", () => {
    storage.refused = true;
    const stored = value();

    let took: boolean | undefined;
    expect(() => (took = stored.set({ n: 1 }))).not.toThrow();
    expect(took).toBe(false);
    expect(stored.get()).toEqual({ n: 1 });
    expect(() => stored.remove()).not.toThrow();
    expect(stored.get()).toBeUndefined();
  });
});

describe("when storage is full", () => {
  it("keeps the value in memory, and an older stored value does not win over it", () => {
    const stored = value();
    stored.set({ n: 1 });
    storage.full = true;

    expect(stored.set({ n: 2 })).toBe(false);

    expect(stored.get()).toEqual({ n: 2 });
    expect(storage.getItem(KEY)).toBeNull();
  });

  it("goes back to storage once it has room again", () => {
    const stored = value();
    storage.full = true;
    stored.set({ n: 1 });
    storage.full = false;

    expect(stored.set({ n: 2 })).toBe(true);
    expect(storage.getItem(KEY)).toBe('{"n":2}');

    // Storage is the truth again: another tab's removal is seen, no copy in memory brings it back.
    value().remove();
    expect(stored.get()).toBeUndefined();
  });
});
