import { act } from "@testing-library/preact";
import { afterEach } from "vitest";
import { mountConsole } from "../../../api/console/mount.tsx";
import { NOW } from "./fixtures.ts";

const cleanups: (() => void)[] = [];
const initialUrl = window.location.href;

/** Opens the console at `path` (e.g. `/support/?status=new`) in the test window, with NOW as the clock. */
export function openConsole(path: string): HTMLElement {
  window.history.replaceState(null, "", path);
  const root = document.createElement("div");
  document.body.append(root);
  act(() => {
    cleanups.push(
      mountConsole(root, {
        win: window,
        fetch: window.fetch,
        now: () => NOW,
      }),
    );
  });
  return root;
}

/** Unmounts every console opened so far (storage kept): a later `openConsole` starts afresh, like a reload. */
export function closeConsole(): void {
  for (const cleanup of cleanups.splice(0)) act(cleanup);
  document.body.replaceChildren();
}

/** The current address below the origin, as the console wrote it. */
export const currentPath = () =>
  window.location.pathname + window.location.search;

afterEach(() => {
  closeConsole();
  window.history.replaceState(null, "", initialUrl);
  window.localStorage.clear();
});
