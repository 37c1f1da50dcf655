import type { ComplianceStatus } from "./compliance.ts";

/** Where the accessibility statement is served (issue 16). */
export const STATEMENT_PATH = "/accessibilite";

/**
 * The state the footers declare next to their link (« Accessibilité : … »), as the RGAA asks of every
 * page. Written here because the follow-up pages' layout does not read the grid; the console keeps its
 * own copy (it may import the contract only). tests/api/accessibility-page.test.ts fails as soon as either
 * differs from the state computed from tests/a11y/rgaa.md.
 */
export const DECLARED_STATUS: ComplianceStatus = "partiellement conforme";
