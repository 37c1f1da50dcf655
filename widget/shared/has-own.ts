/**
 * `Object.hasOwn`, read once when the widget's code is evaluated: a host page that overrides built-ins
 * later (`Array.prototype.includes`, `hasOwnProperty`…) cannot change what it answers. Every browser the
 * widget runs in has it (loader/supports.ts).
 */
export const hasOwn: (value: object, key: PropertyKey) => boolean =
  Object.hasOwn;
