import { boot } from "./boot.ts";

// The loader entry (IIFE, ≤ 2 KB gzip): `document.currentScript` is only set while this runs.
try {
  boot({
    win: window,
    script: document.currentScript as HTMLScriptElement | null,
    load: (url) => import(/* @vite-ignore */ url),
  });
} catch (error) {
  // Nothing escapes into the host page (its error monitoring would blame the host).
  if (import.meta.env.DEV)
    console.warn("[SNU Aide] démarrage impossible", error);
}
