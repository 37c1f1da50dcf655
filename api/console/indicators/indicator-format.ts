// How the « Indicateurs » page writes its figures: French number formatting (Intl fr-FR), durations in
// words a person reads at a glance (« 3 h 20 min », « 2 j 4 h »), and every change said in words, so that
// no comparison rests on colour alone (RGAA 3.1).

const COUNT = new Intl.NumberFormat("fr-FR");
const SHARE = new Intl.NumberFormat("fr-FR", {
  style: "percent",
  maximumFractionDigits: 0,
});
const SIGNED_SHARE = new Intl.NumberFormat("fr-FR", {
  style: "percent",
  maximumFractionDigits: 0,
  signDisplay: "exceptZero",
});
const RATE = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** What a missing figure shows: a dash, explained next to it. */
export const NO_VALUE = "—";

const NBSP = "\u00a0";
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** « 1 234 ». */
export const formatCount = (count: number) => COUNT.format(count);

/** « 85 % », or « — ». */
export const formatShare = (share: number | null) =>
  share === null ? NO_VALUE : SHARE.format(share);

/** Requests per 100 openings, « 12,5 », or « — ». */
export const formatRate = (rate: number | null) =>
  rate === null ? NO_VALUE : RATE.format(rate);

/**
 * A duration in seconds, to the two largest units and rounded down: « 45 s », « 12 min », « 3 h 20 min »,
 * « 2 j 4 h »; « — » for null. Days are calendar days of 24 hours.
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return NO_VALUE;
  const s = Math.max(0, Math.floor(seconds));
  const unit = (value: number, name: string) => `${value}${NBSP}${name}`;
  const pair = (
    big: number,
    bigName: string,
    small: number,
    smallName: string,
  ) =>
    small > 0
      ? `${unit(big, bigName)} ${unit(small, smallName)}`
      : unit(big, bigName);
  if (s < MINUTE) return unit(s, "s");
  if (s < HOUR) return unit(Math.floor(s / MINUTE), "min");
  if (s < DAY)
    return pair(
      Math.floor(s / HOUR),
      "h",
      Math.floor((s % HOUR) / MINUTE),
      "min",
    );
  return pair(Math.floor(s / DAY), "j", Math.floor((s % DAY) / HOUR), "h");
}

/** « en hausse de 4 (+50 %) », « en baisse de 1 (-25 %) », « stable ». */
export function countChange(current: number, previous: number): string {
  if (current === previous) return "stable";
  const words =
    current > previous
      ? `en hausse de ${formatCount(current - previous)}`
      : `en baisse de ${formatCount(previous - current)}`;
  return previous === 0
    ? words
    : `${words} (${SIGNED_SHARE.format((current - previous) / previous)})`;
}

/** « plus long de 1 j 2 h », « plus court de 20 min », « stable »; nothing to compare with a missing side. */
export function durationChange(
  current: number | null,
  previous: number | null,
): string {
  if (current === null || previous === null)
    return "pas de comparaison possible";
  if (current === previous) return "stable";
  return current > previous
    ? `plus long de ${formatDuration(current - previous)}`
    : `plus court de ${formatDuration(previous - current)}`;
}

/** In percentage points, from the shares as shown: « en hausse de 5 points », « stable ». */
export function shareChange(
  current: number | null,
  previous: number | null,
): string {
  if (current === null || previous === null)
    return "pas de comparaison possible";
  const points = Math.round(current * 100) - Math.round(previous * 100);
  if (points === 0) return "stable";
  const size = `${Math.abs(points)}${NBSP}point${Math.abs(points) > 1 ? "s" : ""}`;
  return points > 0 ? `en hausse de ${size}` : `en baisse de ${size}`;
}

/** A contact rate's change: « en hausse de 3 », « en baisse de 2,5 », « stable ». */
export function rateChange(
  current: number | null,
  previous: number | null,
): string {
  if (current === null || previous === null)
    return "pas de comparaison possible";
  const difference = Math.round((current - previous) * 10) / 10;
  if (difference === 0) return "stable";
  return difference > 0
    ? `en hausse de ${formatRate(difference)}`
    : `en baisse de ${formatRate(-difference)}`;
}
