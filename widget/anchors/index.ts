// The anchored-tips chunk's public surface: the loader imports it on a page that has anchored tips.
export { mountAnchors } from "./anchors-chunk.ts";
