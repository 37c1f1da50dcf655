/** `/volontaire`: the list of volunteers, with a search by name. */
import { h, view } from "../../shared/dom.ts";
import { departmentOf } from "../../shared/geo.ts";
import { button, table } from "../../shared/ui.ts";
import { inputField } from "../../shared/form-fields.ts";
import { to, type Page } from "../context.ts";
import { VOLUNTEERS } from "../data.ts";
import { caseBadge, phase1Badge } from "./common.ts";
import { fullName } from "./volontaire-case.ts";

export const volunteersPage: Page = () => {
  const rows = VOLUNTEERS.map((v) => ({
    volunteer: v,
    cells: [
      h("a", { href: to(`/volontaire/${v.id}`) }, fullName(v)),
      `${departmentOf(v.department).name} (${v.department})`,
      v.cohort,
      caseBadge(v.status),
      phase1Badge(v.phase1),
    ],
  }));
  const list = table({
    caption: "Volontaires",
    columns: ["Nom", "Département", "Cohorte", "Inscription", "Phase 1"],
    rows: rows.map((r) => r.cells),
  });
  const count = h(
    "p",
    { "aria-live": "polite" },
    `${VOLUNTEERS.length} volontaires`,
  );
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    const words = String(
      new FormData(event.currentTarget as HTMLFormElement).get(
        "recherche-volontaire",
      ) ?? "",
    )
      .trim()
      .toLowerCase();
    let shown = 0;
    list.querySelectorAll("tbody tr").forEach((row, i) => {
      const volunteer = rows[i]?.volunteer;
      const visible =
        !!volunteer && fullName(volunteer).toLowerCase().includes(words);
      (row as HTMLElement).hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = `${shown} volontaire${shown > 1 ? "s" : ""}`;
  };
  return view(
    "Volontaires",
    h("h1", null, "Volontaires"),
    h(
      "form",
      {
        class: "form",
        role: "search",
        "aria-label": "Rechercher un volontaire",
        on: { submit: search },
      },
      inputField({
        id: "recherche-volontaire",
        label: "Nom ou prénom",
        attrs: { type: "search" },
      }),
      button("Rechercher", { type: "submit" }, "secondary"),
    ),
    count,
    list,
  );
};
