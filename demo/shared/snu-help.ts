/**
 * The host side of the widget's command queue (ARCHITECTURE §3). The stub queues calls until
 * `/widget/loader.js` arrives and replays them; the demo never assumes the widget loaded.
 */

/** `window.SNUHelp` as the official stub defines it: a function with an optional queue `q`. */
export interface SNUHelpFunction {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
}

declare global {
  interface Window {
    SNUHelp?: SNUHelpFunction;
  }
}

/**
 * Same behaviour as the README's one-liner
 * `window.SNUHelp=window.SNUHelp||function(){(SNUHelp.q=SNUHelp.q||[]).push(arguments)}`:
 * keeps the loader's function if it ran first, otherwise queues the `arguments` objects.
 */
export function ensureSnuHelpStub(): SNUHelpFunction {
  if (typeof window.SNUHelp !== "function") {
    const stub: SNUHelpFunction = function () {
      // `arguments`, not a rest array: the loader replays exactly what the official stub queues.
      (stub.q = stub.q || []).push(arguments);
    };
    window.SNUHelp = stub;
  }
  return window.SNUHelp;
}

/** Sends one command to the widget (queued if it has not loaded). Never throws into the page. */
export function snuHelp(...args: unknown[]): void {
  try {
    // Looked up at each call: the loader may replace the stub at any time.
    ensureSnuHelpStub()(...args);
  } catch (error) {
    console.warn("SNU Aide : commande ignorée", error);
  }
}
