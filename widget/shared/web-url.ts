/** An http(s) URL resolved against `base`, or undefined: never `javascript:`, and never a throw. */
export function webUrl(value: string, base: string | URL): URL | undefined {
  try {
    const url = new URL(value, base);
    return /^https?:$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}
