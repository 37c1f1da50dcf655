import { useState } from "preact/hooks";
import {
  checkRoutes,
  paramProblems,
  testAddress,
} from "../tip-editor/route-check.ts";
import {
  linesOf,
  parseParamLines,
  type TipFormValues,
} from "../tip-editor/tip-form.ts";
import { activityLabel } from "./TipTable.tsx";

/** « Vérification des routes »: what each route line covers, and whether the tip shows on an address. */
export function RouteCheck({ values }: { values: TipFormValues }) {
  const routes = linesOf(values.routes);
  const { params } = parseParamLines(values.params);
  const checks = checkRoutes(values.platform, routes, params);
  const problems = paramProblems(
    checks.filter((c) => c.known).map((c) => c.line),
    params,
  );
  return (
    <section aria-labelledby="routes-check-title" class="route-check">
      <h2 id="routes-check-title">Vérification des routes</h2>
      {checks.length === 0 ? (
        <p class="muted">
          Ajoutez une route pour voir les pages qu'elle couvre.
        </p>
      ) : (
        <ul class="plain-list route-lines">
          {checks.map((check, index) => (
            <li
              // The same line may be typed twice.
              key={`${index}:${check.line}`}
              class={check.known ? "route-known" : "route-unknown"}
            >
              <p class="route-verdict">
                <code class="route">{check.line}</code> :{" "}
                {check.known
                  ? `page connue de ${values.platform}`
                  : `route inconnue de ${values.platform}`}
              </p>
              {check.hint && <p class="field-error">{check.hint}</p>}
              {check.params.map((sentence) => (
                <p key={sentence} class="hint">
                  {sentence}
                </p>
              ))}
              {check.examples.length > 0 && (
                <>
                  <p class="hint">Exemples de pages couvertes :</p>
                  <ul class="examples">
                    {check.examples.map((example) => (
                      <li key={example}>
                        <code class="route">{example}</code>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <ul class="field-error">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <AddressTest values={values} routes={routes} params={params} />
    </section>
  );
}

function AddressTest(props: {
  values: TipFormValues;
  routes: string[];
  params: Record<string, string[]>;
}) {
  const { values } = props;
  const [address, setAddress] = useState("");
  const result = address.trim()
    ? testAddress(
        {
          platform: values.platform,
          routes: props.routes,
          params: props.params,
        },
        address,
      )
    : undefined;
  // Who and when also decide, but an address does not say them: the result names them.
  const conditions = [
    values.roles.length > 0 && "pour les rôles cochés",
    values.statuses.length > 0 && "pour les statuts cochés",
    (values.activeFrom || values.activeTo) &&
      `pendant la période (${activityLabel(values.activeFrom, values.activeTo).toLowerCase()})`,
  ].filter(Boolean);
  return (
    <div class="field address-test">
      <label for="tip-address-test">Tester une adresse</label>
      <p class="hint" id="tip-address-test-hint">
        Collez l'adresse d'une page de {values.platform}, par exemple
        /inscription/documents : l'astuce s'y afficherait-elle ?
      </p>
      <input
        id="tip-address-test"
        type="text"
        inputMode="url"
        spellcheck={false}
        autocomplete="off"
        aria-describedby="tip-address-test-hint tip-address-test-result"
        value={address}
        onInput={(e) => setAddress(e.currentTarget.value)}
      />
      <p id="tip-address-test-result" class="address-result" aria-live="polite">
        {result && (
          <>
            <strong>{result.shows ? "Oui." : "Non."}</strong> {result.reason}
            {result.shows &&
              conditions.length > 0 &&
              ` Seulement ${conditions.join(", ")}.`}
          </>
        )}
      </p>
    </div>
  );
}
