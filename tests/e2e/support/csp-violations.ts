import type { Page } from "playwright-core";

/** Records every CSP violation the page reports, from its very first script on. */
export async function recordCspViolations(
  page: Page,
): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(
        `${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (
      /Content Security Policy|Trusted ?(Type|HTML|Script)/i.test(
        message.text(),
      )
    )
      consoleErrors.push(message.text());
  });
  return async () => [
    ...(await page.evaluate(
      () =>
        (window as unknown as { __cspViolations: string[] }).__cspViolations ??
        [],
    )),
    ...consoleErrors,
  ];
}
