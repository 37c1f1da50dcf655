import type { Locator } from "playwright-core";

export type Box = { x: number; y: number; width: number; height: number };

/** Whether two boxes overlap (touching is not overlapping). */
export const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width &&
  b.x < a.x + a.width &&
  a.y < b.y + b.height &&
  b.y < a.y + a.height;

/** The gap between two boxes (0 when they touch). */
export const gap = (a: Box, b: Box) =>
  Math.max(
    b.x - (a.x + a.width),
    a.x - (b.x + b.width),
    b.y - (a.y + a.height),
    a.y - (b.y + b.height),
    0,
  );

/** The bounding box of an element that is known to be rendered. */
export const boxOf = async (locator: Locator): Promise<Box> =>
  (await locator.boundingBox())!;

/** The computed `visibility` of an element. */
export const visibility = (locator: Locator) =>
  locator.evaluate((el) => getComputedStyle(el).visibility);
