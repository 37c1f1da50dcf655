import { useEffect, useRef, useState } from "preact/hooks";
import type { FollowUpStatusList } from "../../api/contract/follow-up.ts";
import { REQUEST_STATUS_LABELS } from "../../api/contract/request-statuses.ts";
import type { AppProps } from "../panel/app-props.ts";
import {
  FOLLOW_UP_URL_RE,
  freshRequests,
  MY_REQUESTS_MAX,
  type MyRequest,
  type MyRequestsStore,
} from "../panel/my-requests.ts";
import { hasOwn } from "../shared/has-own.ts";
import { NewTabLink } from "../shared/NewTabLink.tsx";
import { contractIdentity } from "../shared/page-route.ts";

/** What « Mes demandes » uses of the panel's props (App passes them all). */
export type MyRequestsProps = Pick<
  AppProps,
  "outbox" | "api" | "state" | "onView"
>;

type FollowUpStatus = FollowUpStatusList["requests"][number];

const UNAVAILABLE = "Statut indisponible";
/** The token ending a follow-up URL (`FOLLOW_UP_URL_RE`); never throws on an entry changed by hand. */
const tokenOf = (entry: MyRequest) => String(entry.followUpUrl).slice(-32);

/**
 * The entries `owner` may see, newest first. On a shared computer each person sees only their own: an
 * entry bound to userId A only while the host identifies A, an entry made without userId only while no
 * userId is identified — a signed-in user never sees what an anonymous visitor sent, nor the reverse.
 */
function entriesOf(
  store: MyRequestsStore,
  owner: string | undefined,
): MyRequest[] {
  const seen = new Set<string>();
  return freshRequests(store.get(), Date.now())
    .filter(
      (entry) =>
        entry.owner === owner &&
        typeof entry.reference === "string" &&
        FOLLOW_UP_URL_RE.test(entry.followUpUrl) &&
        // The same request acknowledged twice (two tabs without Web Locks) is listed once.
        !seen.has(entry.reference) &&
        !!seen.add(entry.reference),
    )
    .sort((a, b) => b.sentAt - a.sentAt)
    .slice(0, MY_REQUESTS_MAX);
}

/**
 * « Mes demandes » (issue 10), its own lazy chunk: the requests sent from this browser, each with its status
 * fetched at opening (`POST /v1/follow-ups/status`) and its follow-up link, and « Oublier sur cet appareil ».
 * Another user identified while it is shown gets the view afresh (their own entries, their statuses).
 */
export function MyRequests(props: MyRequestsProps) {
  const owner = contractIdentity(props.state.identity)?.userId;
  return <RequestList key={owner ?? ""} {...props} owner={owner} />;
}

function RequestList({
  outbox,
  api,
  onView,
  owner,
}: MyRequestsProps & { owner: string | undefined }) {
  const store = outbox.requests;
  const [entries, setEntries] = useState(() => entriesOf(store, owner));
  // By token; undefined while loading, null when the statuses could not be fetched.
  const [statuses, setStatuses] = useState<Map<
    string,
    FollowUpStatus
  > | null>();
  const [forgotten, setForgotten] = useState(false);
  const backRef = useRef<HTMLButtonElement>(null);
  // Writes back the stored entries (expired ones dropped) that `keeps`; nothing left, nothing stored.
  const keep = (keeps: (entry: MyRequest) => boolean) => {
    const left = freshRequests(store.get(), Date.now()).filter(keeps);
    if (left.length) store.set(left);
    else store.remove();
  };

  useEffect(() => {
    const tokens = entries.map(tokenOf);
    if (!tokens.length) return;
    void api
      .call<FollowUpStatusList>(
        "/v1/follow-ups/status",
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ tokens }),
        },
        (body) => Array.isArray((body as FollowUpStatusList)?.requests),
      )
      .then((result) => {
        if (!result.ok) return setStatuses(null);
        const known = new Map(
          result.value.requests.map((status) => [status?.token, status]),
        );
        // A token left out of a successful answer is unknown or expired (the request was anonymised):
        // its entry goes, here and in storage (where expired entries go too).
        const gone = (entry: MyRequest) =>
          tokens.includes(tokenOf(entry)) && !known.has(tokenOf(entry));
        keep((entry) => !gone(entry));
        setEntries((current) => current.filter((entry) => !gone(entry)));
        setStatuses(known);
      });
  }, []);

  const forget = () => {
    keep((entry) => entry.owner !== owner);
    setEntries([]);
    setForgotten(true);
    // Its button is gone: the focus must not fall to <body>.
    backRef.current?.focus();
  };

  return (
    <div class="view">
      <p class="muted">
        Les demandes envoyées depuis ce navigateur ces 90 derniers jours.
      </p>
      <div role="status">
        {forgotten && <p>Vos demandes ont été oubliées sur cet appareil.</p>}
        {/* What each line shows as it changes, said once for the list (RGAA 7.5): the lines are no live region. */}
        {entries.length > 0 && !forgotten && (
          <p class="sr-only">
            {statuses === undefined
              ? "Chargement des statuts…"
              : statuses === null
                ? "Statuts indisponibles pour le moment."
                : "Statuts à jour."}
          </p>
        )}
      </div>
      {entries.length > 0 ? (
        <ul class="tips">
          {entries.map((entry) => {
            const status = statuses?.get(tokenOf(entry));
            // Own keys only: an odd answer (`__proto__`…) finds no label on Object.prototype.
            const label =
              status &&
              hasOwn(REQUEST_STATUS_LABELS, status.status) &&
              REQUEST_STATUS_LABELS[status.status];
            const replies = status?.replies;
            return (
              <li
                key={entry.reference}
                class="tip"
                // CSSOM, not a style attribute: allowed by a strict host CSP (no 'unsafe-inline').
                style={{ paddingTop: "12px" }}
              >
                <h3>{entry.reference}</h3>
                <p>
                  Envoyée le{" "}
                  {new Date(entry.sentAt).toLocaleDateString("fr-FR", {
                    day: "numeric",
                    month: "long",
                    year: "numeric",
                  })}
                  <br />
                  {statuses === undefined
                    ? "Chargement du statut…"
                    : label
                      ? `Statut : ${label}`
                      : UNAVAILABLE}
                  {typeof replies === "number" &&
                    replies > 0 &&
                    ` (${replies} réponse${replies > 1 ? "s" : ""} du support)`}
                </p>
                <p>
                  <NewTabLink
                    href={entry.followUpUrl}
                    more={` ${entry.reference}`}
                  >
                    Suivre ma demande
                  </NewTabLink>
                </p>
              </li>
            );
          })}
        </ul>
      ) : (
        !forgotten && <p>Aucune demande envoyée depuis ce navigateur.</p>
      )}
      <div class="actions">
        <button
          type="button"
          class="button secondary"
          ref={backRef}
          onClick={() => onView("tips")}
        >
          Retour aux conseils
        </button>
        {entries.length > 0 && (
          <button type="button" class="button secondary" onClick={forget}>
            Oublier sur cet appareil
          </button>
        )}
      </div>
    </div>
  );
}
