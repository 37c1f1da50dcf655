/**
 * A `Storage` kept in a Map, shared by the "tabs" of a test like localStorage is. `full` makes every write
 * throw as a full storage does; `refused` makes every call throw as in a sandboxed frame.
 */
export class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  full = false;
  refused = false;

  private check() {
    if (this.refused) throw new DOMException("refusé", "SecurityError");
  }
  get length() {
    this.check();
    return this.items.size;
  }
  key(index: number): string | null {
    this.check();
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    this.check();
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.check();
    if (this.full) throw new DOMException("plein", "QuotaExceededError");
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.check();
    this.items.delete(key);
  }
  clear(): void {
    this.check();
    this.items.clear();
  }
  [name: string]: unknown;
}
