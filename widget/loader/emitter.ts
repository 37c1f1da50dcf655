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

  return {
    isEvent: (name: unknown): name is WidgetEvent =>
      typeof name === "string" && hasOwn(WIDGET_EVENTS, name),
    on(event: WidgetEvent, handler: Handler) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler);
      if (event === "ready" && ready) call(handler);
    },
    off(event: WidgetEvent, handler: Handler) {
      handlers.get(event)?.delete(handler);
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
