/**
 * One JSON value kept in the browser's storage under `key`. Storage may be missing, refused (private
 * mode, sandboxed frame) or full: the value is then kept in memory for this page, and nothing throws.
 * What storage holds may have been changed by hand: callers check its shape.
 */
export function storedValue<T>(getStorage: () => Storage, key: string) {
  // Only what storage could not take. Once written, storage is the truth: another tab may remove the value
  // (an outbox entry it sent), and a copy kept here would bring it back.
  let memory: T | undefined;
  const attempt = <R>(action: (storage: Storage) => R): R | undefined => {
    try {
      return action(getStorage());
    } catch {
      return undefined;
    }
  };
  return {
    get: (): Partial<T> | undefined =>
      attempt((storage) => JSON.parse(storage.getItem(key)!)) ?? memory,
    /** Returns whether storage took it (else it lives in this page only). */
    set(value: T): boolean {
      const written = attempt((storage) => {
        storage.setItem(key, JSON.stringify(value));
        return true;
      });
      memory = written ? undefined : value;
      // Full storage keeps the previous value: it must not win over the newer one kept here.
      if (!written) attempt((storage) => storage.removeItem(key));
      return !!written;
    },
    remove() {
      memory = undefined;
      attempt((storage) => storage.removeItem(key));
    },
  };
}
