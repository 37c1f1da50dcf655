import type { MountAnchors } from "../shared/types.ts";
import { mountAnchors as mount } from "./mount-anchors.tsx";
import * as place from "./place.ts";

/**
 * Mounts the anchored tips (mount-anchors.tsx) with their placement (place.ts, floating-ui): only this
 * chunk holds floating-ui. The rest of the anchored tips' code shares the panel's chunk, one gzip stream
 * that compresses better (vite.config.ts), and the panel never loads floating-ui.
 */
export const mountAnchors: MountAnchors = (bridge, win = window) =>
  mount(bridge, win, place);
