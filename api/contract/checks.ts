import type * as z from "zod/mini";

/**
 * Ties a console-side check of an answer to the answer's type, at compile time: `Answer` must have every
 * field the check reads, with a type the check accepts. A field renamed in the type but not in its check
 * (or the reverse) stops the build instead of failing in users' browsers.
 */
export type CheckOf<
  Check extends z.ZodMiniType,
  Answer extends z.infer<Check>,
> = [Check, Answer];
