export interface LauncherOptions {
  /** First sign the user may want help (hover, focus, touch): start fetching the panel. */
  onIntent(): void;
  onActivate(): void;
}

/** The floating « Aide » button, in the widget's shadow root. */
export function createLauncher(root: ShadowRoot, options: LauncherOptions) {
  const doc = root.ownerDocument;
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "launcher";
  button.setAttribute("aria-expanded", "false");
  button.textContent = "Aide ?";

  for (const type of ["pointerenter", "focus", "touchstart"])
    button.addEventListener(type, options.onIntent, { passive: true });
  button.addEventListener("click", options.onActivate);
  root.append(button);
  // Removed with the widget's element: no cleanup of its own.
  return { button };
}
