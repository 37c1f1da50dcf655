/** What every admin page receives, and the link helper for this app's base path. */
import { appHref, type PageView, type RouteMatch } from "../shared/router.ts";
import type { AdminProfile } from "./profile.ts";

export const BASE_PATH = "/demo/admin";

/** Absolute URL path of an admin path: `/volontaire` → `/demo/admin/volontaire`. */
export const to = (path: string): string => appHref(BASE_PATH, path);

export interface PageContext {
  match: RouteMatch;
  profile: AdminProfile;
  navigate: (path: string) => void;
}

export type Page = (context: PageContext) => PageView;
