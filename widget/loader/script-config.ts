import type { WidgetConfig } from "../shared/types.ts";

/**
 * Reads the `data-*` attributes of the loader's script tag. Returns undefined (no widget) when the
 * platform is missing or unknown: a misconfigured embed must not show a half-working help.
 */
export function parseScriptConfig(
  script: HTMLScriptElement | null,
  pageUrl: string,
): WidgetConfig | undefined {
  if (!script?.src) return undefined;
  const data = script.dataset;
  const platform = data.platform;
  if (platform !== "moncompte" && platform !== "admin") return undefined;
  const scriptUrl = new URL(script.src, pageUrl);
  const config: WidgetConfig = {
    platform,
    api: (data.api
      ? new URL(data.api, pageUrl).href
      : scriptUrl.origin
    ).replace(/\/+$/, ""),
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
  if (data.privacyUrl)
    config.privacyUrl = new URL(data.privacyUrl, pageUrl).href;
  return config;
}
