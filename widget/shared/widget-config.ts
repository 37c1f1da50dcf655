import type { LoaderConfig, WidgetConfig } from "./types.ts";
import { webUrl } from "./web-url.ts";

/**
 * Completes the loader's configuration with the script tag's optional attributes (`data-locale`,
 * `data-app-version`, `data-privacy-url`). A malformed value only loses that value, never the widget.
 */
export function widgetConfig(
  { data, ...config }: LoaderConfig,
  pageUrl: string,
): WidgetConfig {
  const result: WidgetConfig = {
    ...config,
    // The API accepts `fr` or `fr-FR`; anything else would make every request fail.
    locale:
      data.locale && /^[a-z]{2}(-[A-Z]{2})?$/.test(data.locale)
        ? data.locale
        : "fr",
  };
  if (data.appVersion) result.appVersion = data.appVersion.slice(0, 40);
  const privacy = data.privacyUrl && webUrl(data.privacyUrl, pageUrl);
  if (privacy) result.privacyUrl = privacy.href;
  return result;
}
