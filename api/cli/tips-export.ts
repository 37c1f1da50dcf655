import fs from "node:fs";
import path from "node:path";
import { ConfigError, parseConfig } from "../config.ts";
import { PlatformSchema } from "../contract/platforms.ts";
import { TipIdSchema } from "../contract/tip.ts";
import {
  DatabaseOpenError,
  openStore,
  sqliteFile,
} from "../server/open-store.ts";
import { formatTipFile } from "../tips/format-tip-file.ts";
import { CliError, parseCliArgs, runCli } from "./cli-errors.ts";

// `npm run tips:export -- --dir <dossier> [--force]`: the published tips of the database →
// `<dossier>/<platform>/<id>.md`, in the format tips:check and tips:import read (drafts are not exported).
// The folder must be empty or absent, unless --force: then the files of the exported tips are overwritten and
// every other file is left as it is. The database must exist: a wrong DATA_DIR is refused, not exported as
// an empty base (unlike tips:import and support:user, which create it on purpose).
const USAGE = "Usage : npm run tips:export -- --dir <dossier> [--force]";

await runCli(async () => {
  const { values } = parseCliArgs(
    { dir: { type: "string" }, force: { type: "boolean", default: false } },
    USAGE,
  );
  if (!values.dir) throw new CliError(USAGE, 2);
  const dir = path.resolve(values.dir);
  const config = parseConfig(process.env);
  if (!config.postgres && !fs.existsSync(sqliteFile(config)))
    throw new CliError(
      `Aucune base trouvée dans ${config.dataDir} : vérifiez DATA_DIR.`,
    );
  checkTarget(dir, values.force);

  const { store } = await openStore(config);
  try {
    const tips = (await store.listTips()).flatMap((tip) =>
      tip.published ? [{ ...tip, published: tip.published }] : [],
    );
    // Defence in depth: ids and platforms are checked when written, but a path is only built from valid
    // ones, so that no row can make the export write outside the folder. Checked before writing anything.
    const files = tips.map((tip) => {
      const platform = PlatformSchema.safeParse(tip.platform);
      const id = TipIdSchema.safeParse(tip.id);
      if (!platform.success || !id.success || tip.published.id !== tip.id)
        throw new CliError(
          `Astuce invalide dans la base (identifiant « ${tip.id} », plateforme « ${tip.platform} ») : export arrêté, rien n'a été écrit.`,
        );
      return {
        folder: path.join(dir, platform.data),
        file: path.join(dir, platform.data, `${id.data}.md`),
        text: formatTipFile(tip.published),
      };
    });
    let overwritten = 0;
    for (const tip of files) {
      fs.mkdirSync(tip.folder, { recursive: true });
      if (fs.existsSync(tip.file)) overwritten++;
      fs.writeFileSync(tip.file, tip.text);
    }
    console.log(
      `${files.length} astuce(s) publiée(s) exportée(s) dans ${values.dir}` +
        (values.force
          ? ` (--force : ${overwritten} fichier(s) existant(s) écrasé(s), les autres fichiers du dossier laissés tels quels).`
          : "."),
    );
  } finally {
    await store.close();
  }
}, [ConfigError, DatabaseOpenError]);

/** The target folder: absent (created) or an empty folder; a non-empty one only with --force. */
function checkTarget(dir: string, force: boolean) {
  let entries: string[];
  try {
    if (!fs.statSync(dir).isDirectory())
      throw new CliError(
        `${dir} n'est pas un dossier : choisissez un dossier.`,
      );
    entries = fs.readdirSync(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return;
    throw error;
  }
  if (entries.length > 0 && !force)
    throw new CliError(
      `Le dossier ${dir} n'est pas vide : ajoutez --force pour écraser les fichiers des astuces exportées (les autres fichiers sont laissés).`,
    );
}
