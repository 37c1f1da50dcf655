import { useEffect, useRef } from "preact/hooks";
import { SHORTCUTS } from "../requests/shortcuts.ts";

export interface ShortcutsDialogProps {
  open: boolean;
  enabled: boolean;
  onToggle: (enabled: boolean) => void;
  onClose: () => void;
}

/**
 * « Raccourcis clavier »: a modal `<dialog>` (the page behind is inert, so it is really modal), labelled by
 * its title; Escape and « Fermer » close it and focus goes back to what had it before.
 */
export function ShortcutsDialog(props: ShortcutsDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      opener.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
    if (!props.open && opener.current) {
      opener.current.focus();
      opener.current = null;
    }
  }, [props.open]);

  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="shortcuts-title"
      onClose={props.onClose}
    >
      <h2 id="shortcuts-title">Raccourcis clavier</h2>
      <table class="shortcuts">
        <caption class="sr-only">Touches et actions</caption>
        <thead>
          <tr>
            <th scope="col">Touche</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">
        Les raccourcis ne s'appliquent pas pendant la saisie dans un champ.
      </p>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={props.enabled}
          onChange={(event) => props.onToggle(event.currentTarget.checked)}
        />
        Activer les raccourcis clavier
      </label>
      <div class="actions">
        <button type="button" class="button" onClick={props.onClose}>
          Fermer
        </button>
      </div>
    </dialog>
  );
}
