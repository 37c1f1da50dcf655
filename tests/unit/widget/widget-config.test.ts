import { describe, expect, it } from "vitest";
import { widgetConfig } from "../../../widget/shared/widget-config.ts";
import type { LoaderConfig } from "../../../widget/shared/types.ts";

const PAGE = "https://moncompte.snu.gouv.fr/inscription/documents";

const loaderConfig = (data: LoaderConfig["data"]): LoaderConfig => ({
  platform: "moncompte",
  api: "https://aide.example",
  basePath: "",
  launcher: true,
  panelUrl: "https://aide.example/widget/panel.js",
  data,
});

describe("widget configuration read by the chunks", () => {
  it("keeps the loader's part and reads locale, app version and privacy link", () => {
    expect(
      widgetConfig(
        loaderConfig({
          platform: "moncompte",
          locale: "fr-FR",
          appVersion: "2026.11.3",
          privacyUrl: "/donnees-personnelles",
        }),
        PAGE,
      ),
    ).toEqual({
      platform: "moncompte",
      api: "https://aide.example",
      basePath: "",
      launcher: true,
      panelUrl: "https://aide.example/widget/panel.js",
      locale: "fr-FR",
      appVersion: "2026.11.3",
      // Resolved against the page.
      privacyUrl: "https://moncompte.snu.gouv.fr/donnees-personnelles",
    });
  });

  it.each([["english"], ["fr_FR"], [""]])(
    "falls back to fr for the locale %j (the API accepts fr or fr-FR only)",
    (locale) => {
      expect(widgetConfig(loaderConfig({ locale }), PAGE).locale).toBe("fr");
    },
  );

  it("bounds the app version to 40 characters", () => {
    expect(
      widgetConfig(loaderConfig({ appVersion: "9".repeat(60) }), PAGE)
        .appVersion,
    ).toBe("9".repeat(40));
  });

  it.each([
    ["javascript:alert(document.domain)"],
    ["data:text/html,<b>x</b>"],
    ["http://["],
  ])("drops the privacy link %s and keeps the rest", (privacyUrl) => {
    const config = widgetConfig(loaderConfig({ privacyUrl }), PAGE);
    expect(config.privacyUrl).toBeUndefined();
    expect(config.platform).toBe("moncompte");
  });
});
