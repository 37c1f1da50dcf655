import { useState } from "preact/hooks";
import type { ConsoleUser } from "../client/api-client.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { REQUIRED_FIELDS_NOTE } from "../components/FormField.tsx";
import { Link } from "../components/Link.tsx";
import { NoTipsAccess } from "../components/NoTipsAccess.tsx";
import { RouteCheck } from "../components/RouteCheck.tsx";
import { TipActions } from "../components/TipActions.tsx";
import { TipContentFields } from "../components/TipContentFields.tsx";
import { TipEditorNotice } from "../components/TipEditorNotice.tsx";
import { TipPreviewPanel } from "../components/TipPreviewPanel.tsx";
import { TipStateBadge } from "../components/TipStateBadge.tsx";
import { TipTargetFields } from "../components/TipTargetFields.tsx";
import { TipVersions } from "../components/TipVersions.tsx";
import { formatDateTime } from "../format.ts";
import { sourceOf } from "../tip-editor/tip-form.ts";
import type {
  TipView as ConsoleTip,
  TipState,
} from "../../contract/support-tips.ts";
import { useTipEditor } from "../hooks/use-tip-editor.ts";
import { useTipPreview } from "../hooks/use-tip-preview.ts";
import { useTitle } from "../hooks/use-title.ts";

/** A tip's state from its texts; « Retirée » when it was published once (its versions say so). */
export function tipState(tip: ConsoleTip, everPublished: boolean): TipState {
  if (tip.published) return tip.draft ? "published_with_draft" : "published";
  return everPublished ? "unpublished" : "draft";
}

/** « Nouvelle astuce » (no id) or one tip's editor: the form, its live preview and route check, versions. */
export function TipEditor(props: { id?: string; user: ConsoleUser }) {
  const title = props.id ? `Astuce ${props.id}` : "Nouvelle astuce";
  if (!props.user.canEditTips) return <NoTipsAccess title={title} />;
  return <Editor id={props.id} title={title} />;
}

function Editor({ id, title }: { id?: string; title: string }) {
  useTitle(title);
  const editor = useTipEditor(id);
  const [everPublished, setEverPublished] = useState(false);
  const { load, tip, values } = editor;
  const { id: typedId, ...rest } = sourceOf(values);
  const preview = useTipPreview(
    typedId ? { id: typedId, ...rest } : rest,
    tip !== undefined || editor.dirty,
  );

  const head = (
    <>
      <p class="back">
        <Link to="/tips">Retour aux astuces</Link>
      </p>
      <div class="detail-head">
        <h1 tabIndex={-1}>{title}</h1>
        {tip && <TipStateBadge state={tipState(tip, everPublished)} />}
      </div>
    </>
  );
  if (load.state !== "ready")
    return (
      <>
        {head}
        {load.state === "loading" ? (
          <p class="loading">Chargement…</p>
        ) : (
          <ErrorNotice>{load.message}</ErrorNotice>
        )}
      </>
    );

  return (
    <>
      {head}
      {tip && (
        <p class="detail-meta">
          Modifiée le{" "}
          <time dateTime={tip.updatedAt}>{formatDateTime(tip.updatedAt)}</time>{" "}
          par {tip.updatedBy ?? "les fichiers du dépôt"}
          {tip.published && tip.publishedAt && (
            <>
              {" "}
              · publiée le{" "}
              <time dateTime={tip.publishedAt}>
                {formatDateTime(tip.publishedAt)}
              </time>
            </>
          )}
          {editor.dirty && " · modifications non enregistrées"}
        </p>
      )}
      <TipEditorNotice editor={editor} />
      <div class="editor-grid">
        <form
          class="tip-form"
          aria-label={tip ? "Modifier l'astuce" : "Nouvelle astuce"}
          aria-describedby="tip-form-note"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void editor.saveDraft();
          }}
        >
          <p class="hint" id="tip-form-note">
            {REQUIRED_FIELDS_NOTE}
          </p>
          <TipTargetFields
            values={values}
            errors={editor.errors}
            set={editor.setValues}
            creating={!tip}
          />
          <TipContentFields
            values={values}
            errors={editor.errors}
            set={editor.setValues}
            creating={!tip}
          />
          <TipActions editor={editor} />
        </form>
        <div class="editor-side">
          <TipPreviewPanel preview={preview} />
          <RouteCheck values={values} />
        </div>
      </div>
      {tip && (
        <TipVersions
          tipId={tip.id}
          version={tip.version}
          dirty={editor.dirty}
          onRevert={editor.revert}
          onLoad={(versions) =>
            setEverPublished(
              versions.some(
                (v) => v.action === "publish" || v.action === "import",
              ),
            )
          }
        />
      )}
    </>
  );
}
