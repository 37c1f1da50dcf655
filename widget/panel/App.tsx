import { useEffect, useRef, useState, useErrorBoundary } from "preact/hooks";
import type { ApiClient } from "../shared/api-client.ts";
import { snapshotPage, tipsAudience } from "../shared/page-route.ts";
import type { AppProps } from "./app-props.ts";
import { ContactForm } from "./ContactForm.tsx";
import { FULL_SCREEN, trapTab, useMediaQuery } from "./focus-trap.ts";
import { buildContext } from "./page-context.ts";
import { TipsView, type TipsState } from "./TipsView.tsx";
import type * as MyRequestsChunk from "../my-requests/MyRequests.tsx";

/**
 * The help panel: a dialog labelled by its title, with the tips view, the contact view and « Mes demandes »
 * (fetched as its own chunk when the user opens it).
 */
export function App(props: AppProps) {
  const [error, resetError] = useErrorBoundary();
  const { bridge, config, state, api, win, open, view } = props;
  const [tips, setTips] = useState<TipsState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  // « Mes demandes »: fetched on first use (undefined while loading, null when it could not be).
  const [mine, setMine] = useState<typeof MyRequestsChunk | null>();
  const titleRef = useRef<HTMLHeadingElement>(null);
  // All tips of the platform for the search, fetched once per role (the role filters them).
  const allTips = useRef(new Map<string, ReturnType<ApiClient["getTips"]>>());
  const identity = tipsAudience(state.identity);
  // On a phone the panel covers the page: it is then a modal dialog, and Tab stays inside it.
  const modal = useMediaQuery(win, FULL_SCREEN);

  // Tips of the current page, fetched when the panel is open and the page (or the user) changed since the
  // last fetch; after a failure, on « Réessayer » or when the panel is opened again.
  const fetched = useRef<string | undefined>(undefined);
  useEffect(() => {
    const key = `${props.pageVersion} ${attempt}`;
    if (!open || fetched.current === key) return;
    fetched.current = key;
    // The previous list stays until the new one arrives: no flash of « Chargement ».
    setTips((previous) =>
      previous.status === "ready" ? previous : { status: "loading" },
    );
    void api.getTips(props.pageQuery()).then((result) => {
      if (fetched.current !== key) return; // a newer page or attempt took over
      if (!result.ok) fetched.current = undefined; // reopening tries again
      setTips(
        result.ok
          ? { status: "ready", tips: result.value }
          : { status: "error" },
      );
    });
  }, [open, props.pageVersion, attempt]);

  // On open, the focus goes to the view's title (announced by screen readers) or the form's first field.
  useEffect(() => {
    // The form's first field, or the title when there is no form (a submission waits to be sent).
    const field =
      view === "contact" &&
      bridge.root.querySelector<HTMLElement>("#snu-aide-category");
    if (open) (field || titleRef.current)?.focus();
  }, [open, view, props.focusTipId]);
  // Then, for `open({tip})`, to that tip once the list is there; the title keeps it when the tip is not
  // on this page or the tips could not be loaded.
  useEffect(() => {
    const id = props.focusTipId;
    if (open && view === "tips" && id && tips.status === "ready")
      bridge.root
        .querySelector<HTMLElement>(`[data-tip-id="${CSS.escape(id)}"] summary`)
        ?.focus();
  }, [open, view, props.focusTipId, tips.status]);

  const shownIds =
    tips.status === "ready" ? tips.tips.map((tip) => tip.id) : [];
  const loadAllTips = () => {
    const role = identity?.role;
    const key = role ?? "";
    let pending = allTips.current.get(key);
    if (!pending) {
      pending = api
        .getTips({ platform: config.platform, role })
        .then((result) => {
          if (!result.ok) allTips.current.delete(key); // failed: try again next time
          return result;
        });
      allTips.current.set(key, pending);
    }
    return pending;
  };

  return (
    <div
      class="panel"
      role="dialog"
      aria-modal={modal ? "true" : undefined}
      aria-labelledby="snu-aide-title"
      hidden={!open}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          props.onClose();
        } else if (modal) trapTab(event, event.currentTarget);
      }}
    >
      <div class="header">
        <h2 id="snu-aide-title" tabIndex={-1} ref={titleRef}>
          {view === "contact"
            ? "Contacter le support"
            : view === "requests"
              ? "Mes demandes"
              : "Aide"}
        </h2>
        <button type="button" class="close" onClick={props.onClose}>
          Fermer
        </button>
      </div>
      <div class="content">
        {error ? (
          <div class="notice-error" role="alert">
            <p>
              L'aide a rencontré un problème. Réessayez ; si cela continue,
              rechargez la page.
            </p>
            <button type="button" class="button secondary" onClick={resetError}>
              Réessayer
            </button>
          </div>
        ) : (
          <>
            {/* Both views stay mounted: switching never loses what was typed in the form. */}
            <div hidden={view !== "contact"}>
              <ContactForm
                {...props}
                shown={view === "contact"}
                getContext={() =>
                  buildContext(config, state, snapshotPage(win), shownIds)
                }
                onSent={(created) =>
                  bridge.emit("submit", { reference: created.reference })
                }
                onBack={() => props.onView("tips")}
              />
            </div>
            <div hidden={view !== "tips"}>
              <TipsView
                page={tips}
                focusTipId={props.focusTipId}
                searchScope={identity?.role ?? ""}
                loadAllTips={loadAllTips}
                onRetry={() => {
                  // « Réessayer » goes with the alert it is in: the focus must not fall to <body>.
                  titleRef.current!.focus();
                  setAttempt((n) => n + 1);
                }}
                counter={props.counter}
                onView={(id) => {
                  bridge.emit("tip-view", { id });
                  props.counter.count("tip_read", id);
                }}
                onContact={() => props.onView("contact")}
                onRequests={() => {
                  props.onView("requests");
                  import("../my-requests/MyRequests.tsx").then(setMine, () =>
                    setMine(null),
                  );
                }}
              />
            </div>
            {/* Mounted at each visit: the statuses are fetched again. */}
            {view === "requests" &&
              (mine ? (
                <mine.MyRequests {...props} />
              ) : (
                <div>
                  <p role="alert">
                    {mine === null &&
                      "Vos demandes n'ont pas pu être chargées. Vérifiez votre connexion."}
                  </p>
                  <button
                    type="button"
                    class="button secondary"
                    onClick={() => props.onView("tips")}
                  >
                    Retour aux conseils
                  </button>
                </div>
              ))}
          </>
        )}
      </div>
    </div>
  );
}
