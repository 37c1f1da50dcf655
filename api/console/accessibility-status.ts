/**
 * The state the console declares next to its link to the accessibility statement (« Accessibilité : … »), as
 * the RGAA asks of every page. The console may not read the grid (it imports the contract only):
 * tests/api/accessibility-page.test.ts fails as soon as this differs from the state computed from
 * tests/a11y/rgaa.md.
 */
export const ACCESSIBILITY_STATUS = "partiellement conforme";
