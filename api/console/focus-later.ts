/** Moves the focus to an element once it exists (after the render that creates it). */
export function focusLater(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
