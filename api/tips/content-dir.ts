import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the tip content files of the repo live: `<platform>/<id>.md`. */
export const TIPS_CONTENT_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "content",
);
