/**
 * The identity document upload block (`#piece-identite-recto` + « Téléverser »), shared by the
 * inscription and correction pages. Nothing is sent: the demo only checks the file like the real form.
 */
import { h } from "../../shared/dom.ts";
import { button, liveRegion } from "../../shared/ui.ts";

const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "application/pdf"];

export function identityUpload(): HTMLDivElement {
  const hintId = "piece-identite-recto-hint";
  const input = h("input", {
    type: "file",
    id: "piece-identite-recto",
    name: "piece-identite-recto",
    class: "input",
    accept: ".jpg,.jpeg,.png,.pdf",
    "aria-describedby": hintId,
  });
  const message = liveRegion();
  message.id = "piece-identite-recto-message";

  const fail = (text: string) => {
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `${hintId} ${message.id}`);
    message.say(text, "error");
  };

  const upload = () => {
    const file = input.files?.[0];
    if (!file)
      return fail(
        "Aucun fichier choisi : sélectionnez la photo du recto de votre pièce d'identité.",
      );
    if (!TYPES.includes(file.type))
      return fail(
        `Le format de « ${file.name} » n'est pas accepté : utilisez JPG, PNG ou PDF.`,
      );
    if (file.size > MAX_BYTES)
      return fail(
        `« ${file.name} » dépasse 5 Mo : réduisez sa taille et réessayez.`,
      );
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", hintId);
    message.say(
      `« ${file.name} » est prêt. Démonstration : aucun fichier n'est envoyé.`,
      "success",
    );
  };

  return h(
    "div",
    { class: "panel" },
    h("h2", null, "Pièce d'identité"),
    h(
      "div",
      { class: "field" },
      h(
        "label",
        { for: input.id },
        "Pièce d'identité (recto)",
        h(
          "span",
          { class: "hint", id: hintId },
          "Formats acceptés : JPG, PNG ou PDF. Taille maximale : 5 Mo. Photo nette, les quatre coins visibles.",
        ),
      ),
      input,
    ),
    button(
      "Téléverser",
      { id: "televerser-piece-identite", on: { click: upload } },
      "secondary",
    ),
    message,
  );
}
