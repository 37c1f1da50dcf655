import { useEffect, useRef, useState, useErrorBoundary } from "preact/hooks";
import type { HostState, PanelBridge } from "../shared/types.ts";
import type { ApiClient } from "./api-client.ts";
import { ContactForm } from "./ContactForm.tsx";
import { own } from "./host-input.ts";
import {
  buildContext,
  contractIdentity,
  currentRoute,
  snapshotPage,
} from "./page-context.ts";
import { TipsView, type TipsState } from "./TipsView.tsx";

export interface AppProps {
  bridge: PanelBridge;
  state: HostState;
  api: ApiClient;
  win: Window;
  open: boolean;
  view: "tips" | "contact";
  focusTipId?: string;
  /** Bumped on navigation and on host changes: the page's tips must be fetched again. */
  pageVersion: number;
  prefillVersion: number;
  onClose(): void;
  onView(view: "tips" | "contact"): void;
}

/** The help panel: a dialog labelled by its title, with the tips view and the contact view. */
export function App(props: AppProps) {
  const [error, resetError] = useErrorBoundary();
  const { bridge, state, api, win, open, view } = props;
  const { config } = bridge;
  const [tips, setTips] = useState<TipsState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const titleRef = useRef<HTMLHeadingElement>(null);
  // All tips of the platform for the search, fetched once per role (the role filters them).
  const allTips = useRef(new Map<string, ReturnType<ApiClient["getTips"]>>());
  const identity = contractIdentity(state.identity);
  const identityEmail = state.identity && own(state.identity, "email");

  // Tips of the current page, fetched when the panel is open and the page (or the user) changed.
  useEffect(() => {
    if (!open) return;
    const route = currentRoute(config, state, snapshotPage(win));
    let current = true;
    setTips({ status: "loading" });
    void api
      .getTips({
        platform: config.platform,
        route: route.route,
        role: identity?.role,
        status: identity?.status,
        params: route.routeParams,
      })
      .then(
        (result) =>
          current &&
          setTips(
            result.ok
              ? { status: "ready", tips: result.value }
              : { status: "error" },
          ),
      );
    return () => void (current = false);
  }, [open, props.pageVersion, attempt]);

  useEffect(() => {
    if (open && view === "tips" && !props.focusTipId) titleRef.current?.focus();
    if (open && view === "contact")
      bridge.root.querySelector<HTMLElement>("#snu-aide-category")?.focus();
  }, [open, view]);

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
      aria-labelledby="snu-aide-title"
      hidden={!open}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div class="header">
        <h2 id="snu-aide-title" tabIndex={-1} ref={titleRef}>
          {view === "contact" ? "Contacter le support" : "Aide"}
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
                getContext={() =>
                  buildContext(config, state, snapshotPage(win), shownIds)
                }
                api={api}
                crypto={win.crypto}
                prefill={state.prefill}
                prefillVersion={props.prefillVersion}
                identityEmail={
                  typeof identityEmail === "string" ? identityEmail : undefined
                }
                privacyUrl={config.privacyUrl}
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
                onRetry={() => setAttempt((n) => n + 1)}
                onView={(id) => bridge.emit("tip-view", { id })}
                onContact={() => props.onView("contact")}
              />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
