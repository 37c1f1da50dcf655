import type { MissingTip } from "../../contract/indicators.ts";
import { PLATFORM_LABELS } from "../format.ts";
import { formatCount } from "./indicator-format.ts";
import { roleName, statusName } from "./indicator-labels.ts";
import { PlainTable, type PlainColumn } from "./PlainTable.tsx";

const COLUMNS: PlainColumn<MissingTip>[] = [
  {
    label: "Plateforme",
    cell: (m) => PLATFORM_LABELS[m.platform] ?? m.platform,
  },
  {
    label: "Page",
    rowHeader: true,
    cell: (m) => <code class="route">{m.route}</code>,
  },
  { label: "Rôle du demandeur", cell: (m) => roleName(m.role) },
  { label: "Statut du dossier", cell: (m) => statusName(m.status) },
  { label: "Demandes", numeric: true, cell: (m) => formatCount(m.requests) },
];

/** « Pages sans astuce »: where people asked for help and no published tip answers them — a to-write list. */
export function MissingTipsTable({ missing }: { missing: MissingTip[] }) {
  return missing.length === 0 ? (
    <p class="empty">
      Chaque page qui a reçu des demandes sur cette période a une astuce publiée
      pour ces usagers.
    </p>
  ) : (
    <PlainTable
      caption="Pages sans astuce pour le profil des demandeurs"
      columns={COLUMNS}
      rows={missing}
      rowKey={(m) => `${m.platform} ${m.route} ${m.role} ${m.status}`}
    />
  );
}
