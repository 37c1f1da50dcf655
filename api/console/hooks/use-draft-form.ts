import { useState } from "preact/hooks";

/**
 * A filter form's draft: edited freely, handed to `onApply` on submit. The form starts from `initial`;
 * the parent re-keys it when the address bar changes.
 */
export function useDraftForm<T>(initial: T, onApply: (value: T) => void) {
  const [draft, setDraft] = useState<T>(initial);
  const submit = (event: Event) => {
    event.preventDefault();
    onApply(draft);
  };
  return { draft, setDraft, submit };
}
