import type { RequestDetail } from "../../contract/support-requests.ts";
import {
  PLATFORM_LABELS,
  ROLE_LABELS,
  YOUNG_STATUS_LABELS,
} from "../format.ts";

/** « Libellé (CODE) », so agents who know the SNU codes find them too. */
const withCode = (labels: Record<string, string>, code: string) =>
  labels[code] ? `${labels[code]} (${code})` : code;

/** The page context the widget attached, as a definition list. Every value is rendered as text. */
export function ContextList({ request }: { request: RequestDetail }) {
  const { context } = request;
  const identity = context.identity;
  const rows: [string, string | undefined][] = [
    ["Plateforme", PLATFORM_LABELS[context.platform] ?? context.platform],
    ["Page", context.route],
    [
      "Paramètres de la page",
      context.routeParams &&
        Object.entries(context.routeParams)
          .map(([name, value]) => `${name} : ${value}`)
          .join(", "),
    ],
    ["Titre de la page", context.title],
    ["Rôle", identity ? withCode(ROLE_LABELS, identity.role) : "Sans profil"],
    ["Département", identity?.department],
    ["Région", identity?.region],
    ["Cohorte", identity?.cohort],
    [
      "Statut du dossier",
      identity?.status && withCode(YOUNG_STATUS_LABELS, identity.status),
    ],
    ["Identifiant transmis par le site", identity?.userId],
    ["Version de l'application", context.appVersion],
    ["Version du widget", context.widgetVersion],
    ["Taille de l'écran", `${context.viewport.w} × ${context.viewport.h} px`],
    ["Navigateur", context.userAgent],
    ["Langue", context.locale],
    ["Astuces affichées", context.tipsShown?.join(", ")],
  ];
  const custom = Object.entries(context.custom ?? {});
  return (
    <>
      <dl class="context">
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {custom.length > 0 && (
        <>
          <h3>Contexte transmis par le site</h3>
          <dl class="context">
            {custom.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{String(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </>
  );
}
