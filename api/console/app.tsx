import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type {
  Colleague,
  ConsoleApi,
  ConsoleUser,
} from "./client/api-client.ts";
import { Footer } from "./components/Footer.tsx";
import { Header } from "./components/Header.tsx";
import { LazyIndicatorsPage } from "./indicators/LazyIndicatorsPage.tsx";
import { Detail } from "./pages/Detail.tsx";
import { Inbox } from "./pages/Inbox.tsx";
import { Login } from "./pages/Login.tsx";
import { BrokenAnchors } from "./pages/BrokenAnchors.tsx";
import { Pages } from "./pages/Pages.tsx";
import { ReplyTemplates } from "./pages/ReplyTemplates.tsx";
import { TipEditor } from "./pages/TipEditor.tsx";
import { Tips } from "./pages/Tips.tsx";
import { parseNext, type Router } from "./router.ts";
import { ServicesContext, type ConsoleServices } from "./services.ts";
import { useTitle } from "./hooks/use-title.ts";

export interface AppProps {
  api: ConsoleApi;
  router: Router;
  now: () => Date;
  storage: Storage | undefined;
}

type Session =
  | { state: "loading" }
  | { state: "in"; user: ConsoleUser }
  | { state: "out" }
  | { state: "error"; message: string };

/** The console: session, routing between screens, the status region and the landmarks around them. */
export function App({ api, router, now, storage }: AppProps) {
  const [place, setPlace] = useState(router.place);
  const [session, setSession] = useState<Session>({ state: "loading" });
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  const [live, setLive] = useState({ message: "", count: 0 });
  const [attempt, setAttempt] = useState(0);
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(place.path);
  // The id of the control that applied new filters (same screen, new query), "" for one without an id.
  const refocus = useRef<string | undefined>(undefined);
  // « Retour aux demandes » goes back to the inbox as it was filtered, not to an unfiltered one.
  const lastInbox = useRef("/");
  if (place.route.name === "inbox")
    lastInbox.current = place.query.toString() ? `/?${place.query}` : "/";

  useEffect(
    () =>
      router.subscribe(() => {
        const next = router.place();
        // Filter forms are rebuilt from the new query: the control that applied them may be replaced.
        const active = document.activeElement;
        if (
          next.path === lastPath.current &&
          active instanceof HTMLElement &&
          mainRef.current?.contains(active)
        )
          refocus.current = active.id;
        // An announcement belongs to the screen it was made on: cleared when the screen changes, so a
        // message said right after navigating (« Brouillon enregistré ») is kept for the new screen.
        if (next.path !== lastPath.current)
          setLive((previous) => ({ message: "", count: previous.count }));
        setPlace(next);
      }),
    [router],
  );

  const onLogin = place.route.name === "login";
  const user = session.state === "in" ? session.user : undefined;

  useEffect(() => {
    if (onLogin || session.state === "in") return;
    let current = true;
    void api.getSession().then((result) => {
      if (!current) return;
      if (result.ok) setSession({ state: "in", user: result.value });
      // A 401 already sent the app to the login screen (onUnauthorized).
      else if (result.status === 401) setSession({ state: "out" });
      else setSession({ state: "error", message: result.message });
    });
    return () => void (current = false);
  }, [onLogin, attempt]);

  useEffect(() => {
    if (!user) return;
    void api
      .listUsers()
      .then((result) => result.ok && setColleagues(result.value));
  }, [user?.id]);

  // A new screen: focus its title so screen readers start there (the query changing is not a new screen).
  useEffect(() => {
    if (lastPath.current === place.path) return;
    lastPath.current = place.path;
    mainRef.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [place.path, session.state]);

  // New filters on the same screen (Filtrer, Réinitialiser, a status tab…): if the control that applied
  // them was replaced, the focus goes to its replacement (same id) once rendered, else to the screen's
  // title — never left on <body>, from where keyboard and screen reader users start again at the top.
  useEffect(() => {
    const id = refocus.current;
    if (id === undefined) return;
    refocus.current = undefined;
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body) return;
      const target =
        (id ? document.getElementById(id) : null) ??
        mainRef.current?.querySelector<HTMLElement>("h1");
      target?.focus();
    });
  }, [place]);

  const services: ConsoleServices = useMemo(
    () => ({
      api,
      router,
      now,
      storage,
      colleagues,
      announce: (message: string) =>
        setLive((previous) => ({ message, count: previous.count + 1 })),
    }),
    [api, router, now, storage, colleagues],
  );

  const loggedIn = (account: ConsoleUser) => {
    setSession({ state: "in", user: account });
    router.navigate(parseNext(place.query.get("next"), router.base), {
      replace: true,
    });
  };
  const logout = async () => {
    await api.logout();
    setSession({ state: "out" });
    setColleagues([]);
    router.navigate("/login");
  };

  let screen;
  if (onLogin) screen = <Login onLoggedIn={loggedIn} />;
  else if (session.state === "error")
    screen = (
      <SessionError
        message={session.message}
        onRetry={() => setAttempt((n) => n + 1)}
      />
    );
  else if (!user) screen = <p class="loading">Chargement…</p>;
  else if (place.route.name === "inbox")
    screen = <Inbox user={user} query={place.query} />;
  else if (place.route.name === "pages") screen = <Pages query={place.query} />;
  else if (place.route.name === "indicators")
    screen = <LazyIndicatorsPage user={user} query={place.query} />;
  else if (place.route.name === "detail")
    screen = (
      <Detail
        key={place.route.reference}
        reference={place.route.reference}
        user={user}
        backTo={lastInbox.current}
      />
    );
  else if (place.route.name === "reply_templates")
    screen = <ReplyTemplates user={user} />;
  else if (place.route.name === "tips")
    screen = <Tips user={user} query={place.query} />;
  else if (place.route.name === "tip_anchors")
    screen = <BrokenAnchors user={user} query={place.query} />;
  else if (place.route.name === "tip_new" || place.route.name === "tip_editor")
    screen = (
      <TipEditor
        // A new tip once saved is reloaded under its own address, as every other tip.
        key={
          place.route.name === "tip_editor" ? `tip:${place.route.id}` : "new"
        }
        {...(place.route.name === "tip_editor" ? { id: place.route.id } : {})}
        user={user}
      />
    );
  else screen = <NotFound />;

  return (
    <ServicesContext.Provider value={services}>
      <a
        class="skip-link"
        href="#contenu"
        onClick={(event) => {
          // The address must not change: the router owns it.
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Aller au contenu
      </a>
      {user && !onLogin && (
        <Header user={user} route={place.route} onLogout={logout} />
      )}
      <main id="contenu" ref={mainRef} tabIndex={-1} class="main">
        {screen}
        <div class="live" role="status">
          {live.message && <p key={live.count}>{live.message}</p>}
        </div>
      </main>
      <Footer />
    </ServicesContext.Provider>
  );
}

function NotFound() {
  useTitle("Page introuvable");
  return (
    <>
      <h1 tabIndex={-1}>Page introuvable</h1>
      <p>Cette adresse ne correspond à aucune page de la console.</p>
    </>
  );
}

function SessionError(props: { message: string; onRetry: () => void }) {
  useTitle("Erreur");
  return (
    <>
      <h1 tabIndex={-1}>La console ne peut pas démarrer</h1>
      <div class="notice notice-error" role="alert">
        <p>{props.message}</p>
      </div>
      <button type="button" class="button" onClick={props.onRetry}>
        Réessayer
      </button>
    </>
  );
}
