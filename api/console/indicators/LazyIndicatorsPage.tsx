import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ConsoleUser } from "../client/api-client.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { useTitle } from "../hooks/use-title.ts";
// In the main stylesheet (0.5 KB gzip): the page then paints styled at once, without a second request.
import "./indicators.css";

type PageProps = { user: ConsoleUser; query: URLSearchParams };

/**
 * « Indicateurs », fetched when first opened: its charts, tables and CSV code (≈ 8 KB gzip) stay out of the
 * bundle every screen loads, as the inbox and a request's detail are what the team opens all day.
 */
export function LazyIndicatorsPage(props: PageProps) {
  useTitle("Indicateurs");
  const [Page, setPage] = useState<ComponentType<PageProps>>();
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);

  useEffect(() => {
    let current = true;
    setFailed(false);
    import("../pages/IndicatorsPage.tsx").then(
      (module) => {
        if (!current) return;
        // The app focused this placeholder's title on arrival: the page's own title takes the focus over.
        refocus.current = document.activeElement === titleRef.current;
        setPage(() => module.IndicatorsPage);
      },
      () => current && setFailed(true),
    );
    return () => void (current = false);
  }, [attempt]);

  useEffect(() => {
    if (Page && refocus.current)
      document.querySelector<HTMLElement>("main h1")?.focus();
  }, [Page]);

  if (Page) return <Page {...props} />;
  return (
    <>
      <h1 tabIndex={-1} ref={titleRef}>
        Indicateurs
      </h1>
      {failed ? (
        <>
          <ErrorNotice>
            <p>
              La page n'a pas pu être chargée. Vérifiez votre connexion, puis
              réessayez.
            </p>
          </ErrorNotice>
          <button
            type="button"
            class="button"
            onClick={() => {
              titleRef.current?.focus();
              setAttempt((n) => n + 1);
            }}
          >
            Réessayer
          </button>
        </>
      ) : (
        <p class="loading">Chargement…</p>
      )}
    </>
  );
}
