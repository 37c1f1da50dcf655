import { hasOwn } from "../shared/has-own.ts";
import { WIDGET_EVENTS, type WidgetEvent } from "../shared/types.ts";

type Handler = (detail?: unknown) => void;

/** The host's event listeners. `ready` is sticky: a listener added after it fired is called at once. */
export function createEmitter() {
  const handlers = new Map<WidgetEvent, Set<Handler>>();
  let ready = false;

  const call = (handler: Handler, detail?: unknown) => {
    try {
      handler(detail);
    } catch (error) {
      // A host handler's bug must not break the widget, nor the other handlers.
      if (import.meta.env.DEV)
        console.warn("[SNU Aide] un gestionnaire d'événement a échoué", error);
    }
  };

  // `on`/`off` check what the host passes: false (a dropped call) for an unknown event or a non-function.
  const valid = (event: unknown, handler: unknown): event is WidgetEvent =>
    typeof event === "string" &&
    hasOwn(WIDGET_EVENTS, event) &&
    typeof handler === "function";

  return {
    on(event: unknown, handler: unknown) {
      if (!valid(event, handler)) return false;
      (handlers.get(event) ?? handlers.set(event, new Set()).get(event)!).add(
        handler as Handler,
      );
      if (event === "ready" && ready) call(handler as Handler);
    },
    off(event: unknown, handler: unknown) {
      if (!valid(event, handler)) return false;
      handlers.get(event)?.delete(handler as Handler);
    },
    emit(event: WidgetEvent, detail?: unknown) {
      if (event === "ready") ready = true;
      for (const handler of [...(handlers.get(event) ?? [])])
        call(handler, detail);
    },
    clear() {
      handlers.clear();
    },
  };
}
