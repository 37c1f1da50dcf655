import type { RequestContext } from "../contract/request.ts";

/** What an anonymised request's message becomes: the row stays for the statistics, the words go. */
export const ANONYMISED_MESSAGE = "[Supprimé : durée de conservation dépassée]";

/**
 * The context kept after anonymisation: only what describes the page (platform, route tag, locale, versions)
 * for the « Par page » statistics — no title, identity, custom values, browser or tips.
 */
export function anonymisedContext(context: RequestContext): RequestContext {
  return {
    platform: context.platform,
    route: context.route,
    title: "",
    locale: context.locale,
    viewport: { w: 0, h: 0 },
    userAgent: "",
    widgetVersion: context.widgetVersion,
  };
}
