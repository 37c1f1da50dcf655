// V8 CPU profiles of the host page's main thread (CDP Profiler), at the run's CPU throttling: how much of
// the page's script time ran the widget's code (any sample with one of the widget's scripts on its stack,
// the DOM calls it makes included), which the with-minus-without difference cannot resolve below the
// machine's noise; and, with `--profile DIR`, the profiles themselves (open them in Chrome DevTools'
// Performance panel) summed up per script and per function of the widget.
import fs from "node:fs";
import path from "node:path";
import type { CDPSession } from "playwright-core";

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts sampling the page's main thread every 100 µs; the returned function stops and gives the profile. */
export async function startProfile(
  cdp: CDPSession,
): Promise<() => Promise<CpuProfile>> {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  return async () =>
    (await cdp.send("Profiler.stop")).profile as unknown as CpuProfile;
}

/** Each sample with its duration (the time until the next sample) and its node. */
function samples(profile: CpuProfile) {
  return profile.samples.map((id, index) => ({
    id,
    ms: (profile.timeDeltas[index + 1] ?? 0) / 1000,
  }));
}

/** Milliseconds of samples with one of the widget's scripts anywhere on their stack. */
export function widgetTime(profile: CpuProfile, widgetOrigin: string): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    let known = ours.get(id);
    if (known === undefined) {
      const up = parent.get(id);
      known =
        byId.get(id)!.callFrame.url.startsWith(widgetOrigin) ||
        (up !== undefined && isOurs(up));
      ours.set(id, known);
    }
    return known;
  };
  return samples(profile).reduce(
    (sum, { id, ms }) => (isOurs(id) ? sum + ms : sum),
    0,
  );
}

/** Writes the profile and prints its self time per script and the widget's heaviest functions. */
export function printProfile(
  title: string,
  file: string,
  profile: CpuProfile,
  widgetOrigin: string,
) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byUrl = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const { id, ms } of samples(profile)) {
    const { url, functionName, lineNumber, columnNumber } =
      byId.get(id)!.callFrame;
    const where = url || `(${functionName || "anonymous"})`;
    byUrl.set(where, (byUrl.get(where) ?? 0) + ms);
    if (url.startsWith(widgetOrigin)) {
      const name = `${functionName || "(anonyme)"} ${path.basename(new URL(url).pathname)}:${lineNumber + 1}:${columnNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    }
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
  console.log(
    `\nprofil CPU — ${title} (${file}) : code du widget ${widgetTime(profile, widgetOrigin).toFixed(1)} ms ; temps propre par script (ms)`,
  );
  for (const [url, ms] of top(byUrl, 12))
    console.log(
      `  ${ms.toFixed(1).padStart(7)}  ${url.replace(widgetOrigin, "[widget]")}`,
    );
  console.log("  fonctions du widget :");
  for (const [name, ms] of top(byFunction, 15))
    console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
}
