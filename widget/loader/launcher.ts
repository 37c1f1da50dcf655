export interface LauncherOptions {
  /** First sign the user may want help (hover, focus, touch): start fetching the panel. */
  onIntent(): void;
  onActivate(): void;
}

/** The floating « Aide » button. Returns the button and its cleanup. */
export function createLauncher(root: ShadowRoot, options: LauncherOptions) {
  const doc = root.ownerDocument;
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "launcher";
  button.setAttribute("aria-expanded", "false");
  button.textContent = "Aide ?";

  const intent = () => options.onIntent();
  const activate = () => options.onActivate();
  button.addEventListener("pointerenter", intent);
  button.addEventListener("focus", intent);
  button.addEventListener("touchstart", intent, { passive: true });
  button.addEventListener("click", activate);
  root.append(button);

  return {
    button,
    destroy() {
      button.remove();
    },
  };
}
