// The host app's version as integrators write it in `data-app-version`, without zod: the widget may bundle it.

/**
 * `2026.11.3`, `v5.2`, `1.4.0-rc.1`, `2.0+build.7` (up to four numeric parts and a short suffix), or a commit
 * id (7 to 40 hex digits). No spaces and no punctuation beyond `.`, `-` and `+`: admins read the value in the
 * console, so it must not be able to carry a sentence (issue 11, item 6).
 */
const APP_VERSION_RE =
  /^(?:v?\d{1,10}(?:\.\d{1,10}){0,3}(?:[-+][0-9A-Za-z.]{1,20})?|[0-9a-fA-F]{7,40})$/;

/** The longest version kept, as the widget cuts it (widget/shared/widget-config.ts). */
export const MAX_APP_VERSION_LENGTH = 40;

/** Whether a value is a version as described above. */
export function isAppVersion(value: string): boolean {
  return value.length <= MAX_APP_VERSION_LENGTH && APP_VERSION_RE.test(value);
}

/** A version from a host page we do not control: kept when it is one, otherwise '' (unknown). */
export function parseAppVersion(value: string | undefined): string {
  return value !== undefined && isAppVersion(value) ? value : "";
}
