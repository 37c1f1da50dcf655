import type { RequestContext } from "../../api/contract/request.ts";

const LABELS: Record<string, string> = {
  platform: "Plateforme",
  route: "Page",
  routeParams: "Étape ou onglet",
  title: "Titre de la page",
  locale: "Langue",
  viewport: "Taille de l'écran",
  userAgent: "Navigateur",
  appVersion: "Version de l'application",
  widgetVersion: "Version de l'aide",
  identity: "Votre profil",
  custom: "Informations du site",
  tipsShown: "Conseils affichés",
};

function describe(key: string, value: unknown): string {
  if (key === "viewport") {
    const { w, h } = value as RequestContext["viewport"];
    return `${w} × ${h} px`;
  }
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object" && value !== null)
    return Object.entries(value)
      .map(([name, item]) => `${name} : ${item}`)
      .join(" ; ");
  return String(value);
}

/** « Informations jointes à votre demande »: exactly the context that will be sent, as text. */
export function ContextDetails({ context }: { context: RequestContext }) {
  return (
    <details class="context-details">
      <summary>Informations jointes à votre demande</summary>
      <dl>
        {Object.entries(context).map(([key, value]) => (
          <div key={key}>
            <dt>{LABELS[key] ?? key}</dt>
            <dd>{describe(key, value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
