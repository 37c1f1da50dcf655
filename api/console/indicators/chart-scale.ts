// Axis scales of the weekly charts: a few round ticks from 0, so a reader can compare bars against them.

/** The smallest 1, 2 or 5 × 10ⁿ at least `value` (at least 1: counts are whole). */
function roundStep(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= value)!;
}

/** Durations read well in these steps (1 min … 30 days), in seconds. */
const DURATION_STEPS = [
  60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800,
  259_200, 432_000, 604_800, 1_209_600, 2_592_000,
];

/** Ticks from 0 by `step` up to the first one at least `max` (0 and one step when `max` is 0). */
function ticksBy(step: number, max: number): number[] {
  const last = Math.max(1, Math.ceil(max / step));
  return Array.from({ length: last + 1 }, (_, i) => i * step);
}

/** About four round ticks covering counts up to `max`. */
export const countTicks = (max: number) => ticksBy(roundStep(max / 4), max);

/** About four ticks in round durations covering `max` seconds. */
export function durationTicks(max: number): number[] {
  const step =
    DURATION_STEPS.find((s) => s >= max / 4) ?? DURATION_STEPS.at(-1)!;
  return ticksBy(step, max);
}

/** Shares: 0, 25, 50, 75, 100 %. */
export const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];
