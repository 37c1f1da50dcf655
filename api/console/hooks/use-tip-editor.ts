import { useEffect, useRef, useState } from "preact/hooks";
import type { ConsoleResult } from "../client/api-client.ts";
import { useServices } from "../services.ts";
import {
  checkForm,
  EMPTY_TIP_FORM,
  fieldOfPath,
  formOf,
  sameForm,
  sourceOf,
  type FieldErrors,
  type TipFormValues,
} from "../tip-editor/tip-form.ts";
import type { TipView as ConsoleTip } from "../../contract/support-tips.ts";

/** What the editor shows above the form after an action. */
export type EditorNotice =
  | { kind: "error"; message: string }
  | { kind: "invalid"; fields: (keyof TipFormValues)[] }
  | { kind: "conflict" }
  /** A conflict on an untouched form: the fresh text is now shown. */
  | { kind: "refreshed" }
  | { kind: "reverted"; to: number };

type Load =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; tip?: ConsoleTip };

/** The text an editor starts from: the draft when there is one, else the published text. */
const storedForm = (tip: ConsoleTip | undefined): TipFormValues => {
  const source = tip?.draft ?? tip?.published;
  return source ? formOf(source) : EMPTY_TIP_FORM;
};

/**
 * The editor's state and actions. What is typed lives in `values` and is only replaced when the author
 * asks for it (loading, « Abandonner le brouillon », a restored version) or when nothing typed would be
 * lost: after a save, by the text as stored; after a conflict on an untouched form, by the fresh text.
 * Errors and conflicts on typed text keep it.
 */
export function useTipEditor(id: string | undefined) {
  const { api, router, announce } = useServices();
  const [load, setLoad] = useState<Load>(
    id ? { state: "loading" } : { state: "ready" },
  );
  const [values, setValues] = useState<TipFormValues>(EMPTY_TIP_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<EditorNotice>();
  const [busy, setBusy] = useState(false);
  // Counts what the author typed, to tell whether anything was typed while a request was out.
  const edits = useRef(0);
  const tip = load.state === "ready" ? load.tip : undefined;
  const saved = storedForm(tip);
  const dirty = !sameForm(values, saved);

  useEffect(() => {
    if (!id) return;
    let current = true;
    void api.getTip(id).then((result) => {
      if (!current) return;
      if (!result.ok)
        return setLoad({ state: "error", message: result.message });
      setLoad({ state: "ready", tip: result.value });
      setValues(storedForm(result.value));
    });
    return () => void (current = false);
  }, [id]);

  // Closing the tab or reloading with unsaved text: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  /**
   * Sends one write; on a conflict shows the fresh tip but keeps the form as typed, unless nothing was
   * typed: then the fresh text replaces it.
   */
  const run = async (
    send: () => Promise<ConsoleResult<ConsoleTip>>,
  ): Promise<ConsoleTip | undefined> => {
    const untouched = !dirty;
    const typed = edits.current;
    setBusy(true);
    const result = await send();
    setBusy(false);
    if (result.ok) {
      setLoad({ state: "ready", tip: result.value });
      setNotice(undefined);
      return result.value;
    }
    if (result.code === "version_conflict" && result.currentTip) {
      setLoad({ state: "ready", tip: result.currentTip });
      if (untouched && edits.current === typed) {
        setValues(storedForm(result.currentTip));
        setErrors({});
        setNotice({ kind: "refreshed" });
      } else setNotice({ kind: "conflict" });
      return undefined;
    }
    const fieldErrors: FieldErrors = {};
    for (const detail of result.details ?? []) {
      const field = fieldOfPath(detail.path);
      if (field) fieldErrors[field] ??= detail.message;
    }
    if (result.code === "tip_exists") fieldErrors.id = result.message;
    setErrors(fieldErrors);
    setNotice({ kind: "error", message: result.message });
    return undefined;
  };

  /** Checks what the browser can; false (with the errors shown) when the form cannot be sent. */
  const check = (): boolean => {
    const found = checkForm(values, !tip);
    setErrors(found);
    const fields = Object.keys(found) as (keyof TipFormValues)[];
    if (fields.length > 0) setNotice({ kind: "invalid", fields });
    return fields.length === 0;
  };

  /** Creates the tip or saves its draft; resolves to the tip as stored, or undefined. */
  const saveDraft = async (): Promise<ConsoleTip | undefined> => {
    if (busy || !check()) return undefined;
    const source = sourceOf(values);
    const typed = edits.current;
    // Saved and nothing typed meanwhile: the form shows the text as stored (`step=a|b` → `step: a, b`).
    const settle = (stored: ConsoleTip | undefined) => {
      if (stored && edits.current === typed) {
        setValues(storedForm(stored));
        setErrors({});
      }
      return stored;
    };
    if (!tip) {
      const created = settle(await run(() => api.createTip(source)));
      if (created) {
        router.navigate(`/tips/${encodeURIComponent(created.id)}`, {
          replace: true,
        });
        announce("Brouillon enregistré. L'astuce n'est pas encore publiée.");
      }
      return created;
    }
    const stored = settle(
      await run(() => api.saveDraft(tip.id, tip.version, source)),
    );
    if (stored) announce("Brouillon enregistré.");
    return stored;
  };

  /** Each action below resolves to whether it was done. */
  const publish = async (): Promise<boolean> => {
    if (busy || !tip) return false;
    // What is on screen is what gets published: unsaved typing is saved as the draft first.
    const base = dirty || !tip.draft ? await saveDraft() : tip;
    if (!base) return false;
    if (!(await run(() => api.publishTip(base.id, base.version)))) return false;
    announce("Astuce publiée : elle s'affiche dès maintenant dans le widget.");
    return true;
  };

  const unpublish = async (): Promise<boolean> => {
    if (busy || !tip) return false;
    if (!(await run(() => api.unpublishTip(tip.id, tip.version)))) return false;
    announce("Astuce retirée de la publication. Son texte reste en brouillon.");
    return true;
  };

  const discard = async (): Promise<boolean> => {
    if (busy || !tip) return false;
    const next = await run(() => api.discardDraft(tip.id, tip.version));
    if (!next) return false;
    setValues(storedForm(next));
    setErrors({});
    announce("Brouillon abandonné : le texte publié est de nouveau affiché.");
    return true;
  };

  const revert = async (to: number): Promise<boolean> => {
    if (busy || !tip) return false;
    const next = await run(() => api.revertTip(tip.id, tip.version, to));
    if (!next) return false;
    setValues(storedForm(next));
    setErrors({});
    setNotice({ kind: "reverted", to });
    announce(
      `Version ${to} restaurée dans le brouillon. Publiez-la pour la mettre en ligne.`,
    );
    return true;
  };

  /** After a conflict: drop what was typed and show the other person's text. */
  const takeTheirs = () => {
    setValues(saved);
    setErrors({});
    setNotice(undefined);
  };

  return {
    load,
    tip,
    values,
    setValues: (patch: Partial<TipFormValues>) => {
      edits.current += 1;
      setValues((previous) => ({ ...previous, ...patch }));
    },
    saved,
    errors,
    notice,
    busy,
    dirty,
    saveDraft,
    publish,
    unpublish,
    discard,
    revert,
    takeTheirs,
  };
}

export type TipEditorState = ReturnType<typeof useTipEditor>;
