import type { WidgetConfig } from "../shared/types.ts";

/** An http(s) URL resolved against `base`, or undefined: never `javascript:`, and never a throw. */
function webUrl(value: string, base: string | URL): URL | undefined {
  try {
    const url = new URL(value, base);
    return /^https?:$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the `data-*` attributes of the loader's script tag. Returns undefined (no widget) when the
 * platform is missing or unknown, or an address is malformed: a misconfigured embed must not show a
 * half-working help, and must never throw into the host page.
 */
export function parseScriptConfig(
  script: HTMLScriptElement | null,
  pageUrl: string,
): WidgetConfig | undefined {
  if (!script?.src) return undefined;
  const data = script.dataset;
  const platform = data.platform;
  if (platform !== "moncompte" && platform !== "admin") return undefined;
  const scriptUrl = webUrl(script.src, pageUrl);
  const api = data.api ? webUrl(data.api, pageUrl) : scriptUrl;
  if (!scriptUrl || !api) return undefined;
  const config: WidgetConfig = {
    platform,
    api: (data.api ? api.href : api.origin).replace(/\/+$/, ""),
    // The API accepts `fr` or `fr-FR`; anything else would make every request fail.
    locale:
      data.locale && /^[a-z]{2}(-[A-Z]{2})?$/.test(data.locale)
        ? data.locale
        : "fr",
    basePath: data.basePath || "",
    launcher: data.launcher !== "none",
    panelUrl: new URL("panel.js", scriptUrl).href,
  };
  if (data.appVersion) config.appVersion = data.appVersion.slice(0, 40);
  // A malformed privacy link only loses the link, not the widget.
  const privacy = data.privacyUrl && webUrl(data.privacyUrl, pageUrl);
  if (privacy) config.privacyUrl = privacy.href;
  return config;
}
