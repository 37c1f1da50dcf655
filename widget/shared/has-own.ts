/**
 * `Object.prototype.hasOwnProperty`, bound once when the widget's code is evaluated: a host page that
 * overrides built-ins later (`Array.prototype.includes`, `hasOwnProperty`…) cannot change what it answers.
 */
export const hasOwn = Function.prototype.call.bind(
  Object.prototype.hasOwnProperty,
) as (value: object, key: PropertyKey) => boolean;
