import { PLATFORMS, type Platform } from "../../contract/vocabulary.ts";

/** The « Astuces » filters, kept in the address bar (bookmarks and Back work); absent means « any ». */
export interface TipFilters {
  platform?: Platform;
  q?: string;
}

/** Reads the filters of an address bar query; an unknown platform is dropped. */
export function parseTipFilters(query: URLSearchParams): TipFilters {
  const filters: TipFilters = {};
  const platform = query.get("platform") ?? "";
  if ((PLATFORMS as readonly string[]).includes(platform))
    filters.platform = platform as Platform;
  const q = query.get("q")?.trim();
  if (q) filters.q = q;
  return filters;
}

/** `base?platform=…&q=…` in a stable order, or `base` without filters. */
export function tipFiltersPath(base: string, filters: TipFilters): string {
  const query = new URLSearchParams();
  if (filters.platform) query.set("platform", filters.platform);
  if (filters.q?.trim()) query.set("q", filters.q.trim());
  const search = query.toString();
  return search ? `${base}?${search}` : base;
}
