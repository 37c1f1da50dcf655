import type { MountPanel } from "../shared/types.ts";
import { boot } from "./boot.ts";

// The loader entry (IIFE, ≤ 2 KB gzip): `document.currentScript` is only set while this runs.
boot({
  win: window,
  script: document.currentScript as HTMLScriptElement | null,
  loadPanel: (url) =>
    import(/* @vite-ignore */ url).then(
      (module: { mount: MountPanel }) => module.mount,
    ),
});
