import { useEffect, useState } from "preact/hooks";
import { formatDateTime } from "../format.ts";
import { useServices } from "../services.ts";
import {
  TIP_ACTION_LABELS,
  TIP_FIELD_LABELS,
} from "../tip-editor/tip-labels.ts";
import type { TipVersionView as TipVersion } from "../../contract/support-tips.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

type Versions =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; versions: TipVersion[] };

export interface TipVersionsProps {
  tipId: string;
  /** The tip's current version: the list reloads when it changes. */
  version: number;
  /** Unsaved typing would be replaced: restoring then asks first. */
  dirty: boolean;
  onRevert: (to: number) => Promise<boolean>;
  /** Told the versions once loaded (the editor reads from them whether the tip was ever published). */
  onLoad?: (versions: TipVersion[]) => void;
}

const restoreButtonId = (version: number) => `tip-restore-${version}`;

/** « Versions »: every change, newest first, with who, when, what changed, and « Restaurer ». */
export function TipVersions(props: TipVersionsProps) {
  const { api } = useServices();
  const [versions, setVersions] = useState<Versions>({ state: "loading" });
  const [confirming, setConfirming] = useState<number>();

  useEffect(() => {
    let current = true;
    void api.tipVersions(props.tipId).then((result) => {
      if (!current) return;
      if (result.ok) props.onLoad?.(result.value);
      setVersions(
        result.ok
          ? { state: "ready", versions: result.value }
          : { state: "error", message: result.message },
      );
    });
    return () => void (current = false);
  }, [props.tipId, props.version]);

  const restore = async (to: number) => {
    if (props.dirty && confirming !== to) {
      setConfirming(to);
      return;
    }
    setConfirming(undefined);
    await props.onRevert(to);
  };

  return (
    <section aria-labelledby="versions-title" class="tip-versions">
      <h2 id="versions-title">Versions</h2>
      {versions.state === "loading" && <p class="loading">Chargement…</p>}
      {versions.state === "error" && (
        <ErrorNotice>{versions.message}</ErrorNotice>
      )}
      {versions.state === "ready" && (
        <ol class="timeline">
          {versions.versions.map((version, index) => (
            <li key={version.version} class="event">
              <p class="event-what">
                Version {version.version} ·{" "}
                {TIP_ACTION_LABELS[version.action] ?? version.action}
              </p>
              <p class="event-meta">
                Par {version.by ?? "les fichiers du dépôt"}, le{" "}
                <time dateTime={version.at}>{formatDateTime(version.at)}</time>
              </p>
              {version.changes.length > 0 && (
                <ul class="changes">
                  {version.changes.map((change) => (
                    <li key={change.field}>
                      <span class="change-field">
                        {TIP_FIELD_LABELS[change.field] ?? change.field}
                      </span>
                      <span class="change-value">
                        Avant : {change.before || "(vide)"}
                      </span>
                      <span class="change-value">
                        Après : {change.after || "(vide)"}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {index > 0 && (
                <>
                  {confirming === version.version && (
                    <div class="notice notice-warning" role="alert">
                      <p>
                        Vos modifications non enregistrées seront remplacées par
                        le texte de la version {version.version}.
                      </p>
                    </div>
                  )}
                  <div class="actions">
                    <button
                      type="button"
                      class="button secondary"
                      id={restoreButtonId(version.version)}
                      onClick={() => void restore(version.version)}
                    >
                      {confirming === version.version
                        ? "Restaurer et remplacer mes modifications"
                        : "Restaurer cette version"}
                      <span class="sr-only">{` (version ${version.version})`}</span>
                    </button>
                    {confirming === version.version && (
                      <button
                        type="button"
                        class="button secondary"
                        onClick={() => {
                          setConfirming(undefined);
                          // Its button goes away: focus goes back to the restore button it answered.
                          document
                            .getElementById(restoreButtonId(version.version))
                            ?.focus();
                        }}
                      >
                        Annuler
                      </button>
                    )}
                  </div>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
