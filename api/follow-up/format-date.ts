import { markup, type Html } from "./html.ts";

// Dates are shown as people in France read them, whatever the server's time zone.
const LONG_DATE_TIME = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});
const LONG_DATE = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeZone: "Europe/Paris",
});

/** `<time datetime="ISO">29 novembre 2026 à 11:00</time>` (Paris time). */
export function timeElement(iso: string, withTime = true): Html {
  const date = new Date(iso);
  const text = (withTime ? LONG_DATE_TIME : LONG_DATE).format(date);
  return markup`<time datetime="${date.toISOString()}">${text}</time>`;
}
