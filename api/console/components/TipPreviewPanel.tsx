import { fieldOfPath } from "../tip-editor/tip-form.ts";
import {
  PLACEMENT_LABELS,
  TIP_FIELD_LABELS,
} from "../tip-editor/tip-labels.ts";
import type { PreviewState } from "../hooks/use-tip-preview.ts";
import { tipFieldId } from "./FormField.tsx";
import { TipNodes } from "./TipNodes.tsx";

/** Moves focus to a form field (the problem list's links; the address bar stays the router's). */
export function focusField(field: string) {
  const element = document.getElementById(tipFieldId(field));
  element?.focus();
  element?.scrollIntoView?.({ block: "center" });
}

/** « Aperçu »: the tip as the widget will show it, and the problems the server finds in the source. */
export function TipPreviewPanel({ preview }: { preview: PreviewState }) {
  return (
    <section aria-labelledby="preview-title" class="tip-preview">
      <h2 id="preview-title">Aperçu</h2>
      {preview.state === "idle" && (
        <p class="muted">L'aperçu s'affichera dès que vous écrirez l'astuce.</p>
      )}
      {preview.state === "loading" && <p class="loading">Aperçu en cours…</p>}
      {preview.state === "error" && (
        <div class="notice notice-error">
          <p>Aperçu indisponible : {preview.message}</p>
        </div>
      )}
      {preview.state === "ready" && (
        <>
          <Problems problems={preview.preview.problems} />
          {preview.preview.tip ? (
            <article
              class="tip-card"
              aria-label="Astuce telle que l'usager la verra"
            >
              <h3>{preview.preview.tip.title}</h3>
              <div class="tip-body">
                <TipNodes blocks={preview.preview.tip.body} />
              </div>
              {preview.preview.tip.link &&
                /^https:\/\//.test(preview.preview.tip.link) && (
                  <p>
                    <a
                      href={preview.preview.tip.link}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      En savoir plus
                      <span class="sr-only"> (nouvelle fenêtre)</span>
                    </a>
                  </p>
                )}
              {preview.preview.tip.anchor && (
                <p class="muted">
                  Accrochée à <code>{preview.preview.tip.anchor.selector}</code>
                  {preview.preview.tip.anchor.text &&
                    ` contenant « ${preview.preview.tip.anchor.text} »`}
                  {preview.preview.tip.anchor.placement &&
                    `, ${PLACEMENT_LABELS[preview.preview.tip.anchor.placement].toLowerCase()}`}
                  .
                </p>
              )}
            </article>
          ) : (
            <p class="muted">
              L'aperçu s'affichera quand le titre et le texte seront valides.
            </p>
          )}
        </>
      )}
    </section>
  );
}

function Problems({
  problems,
}: {
  problems: { path: string; message: string }[];
}) {
  if (problems.length === 0)
    return <p class="ok-line">Aucun problème : l'astuce peut être publiée.</p>;
  return (
    <div class="notice notice-warning">
      <h3 id="problems-title">
        {problems.length === 1
          ? "1 problème à corriger"
          : `${problems.length} problèmes à corriger`}
      </h3>
      <ul aria-labelledby="problems-title">
        {problems.map((problem, i) => {
          const field = fieldOfPath(problem.path);
          const label = field
            ? TIP_FIELD_LABELS[field]
            : problem.path || "Astuce";
          return (
            <li key={i}>
              {field ? (
                <a
                  href={`#${tipFieldId(field)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(field);
                  }}
                >
                  {label}
                </a>
              ) : (
                label
              )}{" "}
              : {problem.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
