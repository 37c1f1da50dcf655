import type { LoaderConfig } from "../shared/types.ts";
import { webUrl } from "../shared/web-url.ts";

/**
 * Reads the `data-*` attributes of the loader's script tag. Returns undefined (no widget) when the
 * platform is missing or unknown, or an address is malformed: a misconfigured embed must not show a
 * half-working help, and must never throw into the host page. The optional attributes are read by the
 * chunks (widget-config.ts).
 */
export function parseScriptConfig(
  script: HTMLScriptElement | null,
  pageUrl: string,
): LoaderConfig | undefined {
  if (!script?.src) return undefined;
  const data = script.dataset;
  const platform = data.platform;
  if (platform !== "moncompte" && platform !== "admin") return undefined;
  const scriptUrl = webUrl(script.src, pageUrl);
  const api = data.api ? webUrl(data.api, pageUrl) : scriptUrl;
  if (!scriptUrl || !api) return undefined;
  return {
    platform,
    api: (data.api ? api.href : api.origin).replace(/\/+$/, ""),
    // `/app/` and `/app` mount the same app: matching works on what follows.
    basePath: (data.basePath || "").replace(/\/+$/, ""),
    launcher: data.launcher !== "none",
    panelUrl: new URL("panel.js", scriptUrl).href,
    data: { ...data },
  };
}
