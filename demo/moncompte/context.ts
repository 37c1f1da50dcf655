/** What every moncompte page receives, and the link helper for this app's base path. */
import { appHref, type PageView, type RouteMatch } from "../shared/router.ts";
import type { MoncompteProfile } from "./profile.ts";

export const BASE_PATH = "/demo/moncompte";

/** Absolute URL path of a moncompte path: `/phase1` → `/demo/moncompte/phase1`. */
export const to = (path: string): string => appHref(BASE_PATH, path);

export interface PageContext {
  match: RouteMatch;
  profile: MoncompteProfile;
  navigate: (path: string) => void;
}

export type Page = (context: PageContext) => PageView;
