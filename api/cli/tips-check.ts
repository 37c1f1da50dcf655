import { ROUTE_PATTERNS } from "../contract/routes.ts";
import { TIPS_CONTENT_DIR } from "../tips/content-dir.ts";
import { loadTips, TipContentError } from "../tips/load-tips.ts";

// `npm run tips:check`: validates every tip file the way the server does at start-up, without starting it.
try {
  const tips = loadTips(TIPS_CONTENT_DIR, ROUTE_PATTERNS);
  const routes = new Set(
    tips.map((tip) => `${tip.platform} ${tip.routes.join(",")}`),
  );
  console.log(
    `${tips.length} astuces valides (${routes.size} combinaisons de pages).`,
  );
} catch (error) {
  if (!(error instanceof TipContentError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
